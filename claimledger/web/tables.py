"""Tables like Datasette: the claims, propositions, places and articles lists as sortable tables (``sort=col`` or
``sort=-col``, from the column headers) with CSV and JSON downloads of exactly the rows shown (same filters,
sort and page): ``/claims.csv?…``, ``/propositions.json?…``, ``/places.csv``, ``/articles.json?…``.

Downloads carry raw vocabulary values (the pages show labels, with the raw value as a tooltip); a proposition
row adds who affirms and who denies it (origins, speakers and their sides) and its dates.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query
from fastapi.responses import Response

from claimledger.export.formats import CSV_FIELDS as EXPORT_CLAIM_FIELDS
from claimledger.store import schema

SortQ = Annotated[
    str | None, Query(max_length=40, pattern=r"^-?[a-z_]{1,30}$", description="Sort column; '-' for descending.")
]

CLAIM_COLUMNS = [  # (key, header, sortable)
    ("published", "published", True),
    ("outlet", "outlet", True),
    ("speaker_text", "speaker", True),
    ("speaker_type", "type", True),
    ("speaker_side", "side", True),
    ("cue_text", "cue", False),
    ("certainty", "certainty", True),
    ("content_text", "content", True),
]
# the claims export's columns, less the span offsets and link lists the table does not show
CLAIM_FIELDS = [
    f for f in EXPORT_CLAIM_FIELDS if f not in ("content_start", "content_end", "about_places", "disputed_by")
]
PROPOSITION_COLUMNS = [
    ("text", "proposition", True),
    ("place_name", "place", True),
    ("date_min", "dates", True),
    ("status", "status", True),
    ("n_affirm_origins", "affirm / deny origins", True),
    ("n_articles", "articles", True),
]
PROPOSITION_FIELDS = [
    "id",
    "text",
    "kind",
    "side",
    "place_key",
    "place_name",
    "date_min",
    "date_max",
    "first_claimed",
    "status",
    "status_reason",
    "n_articles",
    "n_origins",
    "n_affirm_origins",
    "n_deny_origins",
    "affirmed_by",
    "denied_by",
    "origins",
]
PLACE_COLUMNS = [
    ("name", "place", True),
    ("kind", "kind", False),
    ("oblast", "oblast / region", False),
    ("n_propositions", "propositions", True),
    ("n_articles", "articles", True),
    ("latest", "latest event", True),
    ("latest_status", "latest control status", False),
]
PLACE_FIELDS = [
    "place_key",
    "name",
    "kind",
    "oblast",
    "n_propositions",
    "n_articles",
    "latest",
    "latest_status",
    "latest_side",
    "latest_proposition",
]
ARTICLE_COLUMNS = [
    ("published", "published", True),
    ("title", "title", True),
    ("outlet", "outlet", True),
    ("outlet_type", "outlet type", True),
    ("language", "language", True),
    ("n_claims", "claims", True),
]
ARTICLE_FIELDS = [
    "id",
    "published",
    "title",
    "outlet",
    "outlet_type",
    "outlet_side",
    "language",
    "url",
    "n_claims",
]


def with_sources(store, items: list[dict]) -> list[dict]:
    """Add to each proposition row ``affirmed_by`` / ``denied_by`` (origin labels with speaker type and side)
    and ``origins`` (every distinct origin), from its members, in one query for the page."""
    from sqlalchemy import select

    M = schema.proposition_members
    ids = [p["id"] for p in items]
    by: dict[str, dict[str, list[str]]] = {i: {"affirm": [], "deny": [], "origins": []} for i in ids}
    if ids:
        with store.read_engine.connect() as conn:
            rows = conn.execute(
                select(M.c.proposition_id, M.c.stance, M.c.origin_label, M.c.speaker_type, M.c.speaker_side)
                .where(M.c.proposition_id.in_(ids))
                .order_by(M.c.proposition_id, M.c.origin_label)
            )
            for pid, stance, origin, stype, side in rows:
                b = by[pid]
                who = f"{origin} [{stype}, {side}]"
                if stance in ("affirm", "deny") and who not in b[stance]:
                    b[stance].append(who)
                if origin not in b["origins"]:
                    b["origins"].append(origin)
    for p in items:
        b = by.get(p["id"], {"affirm": [], "deny": [], "origins": []})
        p["affirmed_by"], p["denied_by"], p["origins"] = b["affirm"], b["deny"], b["origins"]
    return items


def download(rows: list[dict], fields: list[str], fmt: str, name: str, extra: dict | None = None) -> Response:
    """The rows as CSV (lists joined by '; ') or JSON (``{"items": …, **extra}``), as a download."""
    if fmt == "json":
        body = json.dumps({"items": [{k: r.get(k) for k in fields} for r in rows], **(extra or {})}, ensure_ascii=False)
        media = "application/json"
    else:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(fields)
        for r in rows:
            w.writerow(
                ["; ".join(map(str, v)) if isinstance(v, list) else _cell(v) for v in (r.get(k) for k in fields)]
            )
        body, media = buf.getvalue(), "text/csv; charset=utf-8"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


def _cell(v) -> str:
    """A CSV cell; a leading = + - @ is prefixed with ' so that a spreadsheet never runs it as a formula."""
    s = "" if v is None else str(v)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def headers(request, columns, sort: str | None) -> list[dict]:
    """Column headers with the link that sorts by each (ascending, then descending on a second click)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("sort", "page")]
    out = []
    for key, title, sortable in columns:
        h = {"key": key, "title": title, "href": None, "dir": ""}
        if sortable:
            desc = sort == key
            h["href"] = "?" + urlencode([*params, ("sort", ("-" if desc else "") + key)])
            h["dir"] = "▲" if sort == key else "▼" if sort == "-" + key else ""
        out.append(h)
    return out


def download_links(request, path: str) -> dict:
    qs = request.url.query
    return {fmt: f"{path}.{fmt}" + (f"?{qs}" if qs else "") for fmt in ("csv", "json")}


def list_articles(
    store,
    search=None,
    outlet: str | None = None,
    outlet_type: str | None = None,
    outlet_side: str | None = None,
    language: str | None = None,
    since: str | None = None,
    until: str | None = None,
    sort: str | None = None,
    limit: int = 25,
    offset: int = 0,
) -> tuple[list[dict], int]:
    """The articles table (copies left out): ``search`` (a parsed search over title and text), ``outlet`` (a piece
    of the outlet's name, any case), ``outlet_type``, ``outlet_side``, ``language``, publication days; sorted by
    one of ``ARTICLE_COLUMNS`` (NULLs last), newest first by default (``queries.list_articles``)."""
    from claimledger.store import queries

    return queries.list_articles(
        store,
        search=search,
        outlet_part=outlet,
        outlet_type=outlet_type,
        outlet_side=outlet_side,
        language=language,
        since=since,
        until=until,
        sort=sort,
        sortable=frozenset(k for k, _, s in ARTICLE_COLUMNS if s),
        fields=tuple(ARTICLE_FIELDS),
        limit=limit,
        offset=offset,
    )


def outlet_types() -> list[str]:
    """The outlet types of the outlet directory (the enumeration in its schema)."""
    from importlib.resources import files

    doc = json.loads(files("claimledger.data").joinpath("schemas/outlets.schema.json").read_text(encoding="utf-8"))
    return list(doc["$defs"]["outlet"]["properties"]["type"]["enum"])


__all__ = ["SortQ", "with_sources", "download", "headers", "download_links", "list_articles", "outlet_types"]
