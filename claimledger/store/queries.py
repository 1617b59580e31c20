"""Read queries of the web workspace that the repository does not have: the map (places with their latest
control status and activity), a place page, a proposition with its sources, an article with its claims
linked to propositions, and paginated, filtered lists (claims, articles, propositions) with totals.

Functions take a :class:`~claimledger.store.repository.LedgerStore` and use SQLAlchemy Core on
``claimledger.store.schema``; they work on SQLite and PostgreSQL (full-text search uses FTS5 on SQLite and
``to_tsvector('simple', …)`` on PostgreSQL, for claims and articles: ``claimledger.store.search``, where the
claims list lives).  Every list is bounded by its caller's ``limit``; totals are counted in SQL (up to
``COUNT_CAP``).  As of a day: ``article_known_by``, ``settled_by`` and ``propositions_as_of`` let the link layer
compute statuses only for the propositions whose members were not all published by then.
"""

from __future__ import annotations

import json

from sqlalchemy import and_, exists, func, or_, select

from claimledger.model import CONTROL_KINDS
from claimledger.store import schema
from claimledger.store import search as searchq
from claimledger.store.repository import LedgerStore, existed_by, known_by
from claimledger.store.search import search_claims  # noqa: F401  (re-exported: the claims list lives with search)
from claimledger.vocab import PROPOSITION_STATUSES as STATUSES  # noqa: F401  (re-exported)


def _rows(store: LedgerStore, q) -> list[dict]:
    with store.read_engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


COUNT_CAP = 10_000  # counting every match of a very common search term costs more than the page itself


def _count(store: LedgerStore, q) -> int:
    """The number of rows, up to COUNT_CAP + 1 (a result of COUNT_CAP + 1 means "more than COUNT_CAP")."""
    with store.read_engine.connect() as conn:
        return conn.execute(
            select(func.count()).select_from(q.order_by(None).limit(COUNT_CAP + 1).subquery())
        ).scalar_one()


# --- the map ------------------------------------------------------------------------------------------------
def map_places(store: LedgerStore, limit: int = 5000, as_of: str | None = None) -> list[dict]:
    """Every place with propositions and coordinates: activity (propositions, member claims, articles) and the
    latest control proposition (by event date, else first claim date): its side, status and date.  ``as_of``:
    only the members known by that day count (``repository.known_by``); the latest control proposition is
    then chosen among those that existed, with its stored status (``claimledger.link.views.map_places`` puts
    the status as of that day in its place)."""
    P, M = schema.propositions, schema.proposition_members
    activity = (
        select(
            P.c.place_key,
            func.max(P.c.place_name).label("name"),
            func.min(P.c.lat).label("lat"),
            func.min(P.c.lon).label("lon"),
            func.count(func.distinct(P.c.id)).label("n_propositions"),
            func.count(M.c.proposition_id).label("n_assertions"),
            func.count(func.distinct(M.c.article_id)).label("n_articles"),
        )
        .select_from(P.outerjoin(M, M.c.proposition_id == P.c.id))
        .where(P.c.lat.is_not(None), P.c.lon.is_not(None))
        .group_by(P.c.place_key)
        .order_by(func.count(M.c.proposition_id).desc(), P.c.place_key)
        .limit(limit)
    )
    if as_of:
        activity = activity.where(known_by(as_of))
    places = _rows(store, activity)
    latest = _latest_control(store, [p["place_key"] for p in places], as_of)
    for p in places:
        p["latest_control"] = latest.get(p["place_key"])
    return places


def _latest_control(store: LedgerStore, keys: list[str], as_of: str | None = None) -> dict[str, dict]:
    P = schema.propositions
    out: dict[str, dict] = {}
    for i in range(0, len(keys), 500):  # bounded IN lists
        chunk = keys[i : i + 500]
        q = select(P.c.id, P.c.place_key, P.c.kind, P.c.side, P.c.status, P.c.date_min, P.c.first_claimed).where(
            P.c.place_key.in_(chunk), P.c.kind.in_(CONTROL_KINDS)
        )
        if as_of:
            q = q.where(existed_by(as_of))
        for r in _rows(store, q):
            when = r["date_min"] or r["first_claimed"] or ""
            cur = out.get(r["place_key"])
            if cur is None or (when, r["id"]) > (cur["date"] or "", cur["proposition"]):
                out[r["place_key"]] = {
                    "proposition": r["id"],
                    "kind": r["kind"],
                    "side": r["side"],
                    "status": r["status"],
                    "date": when or None,
                }
    return out


# --- a place ------------------------------------------------------------------------------------------------
def place_summary(store: LedgerStore, place_key: str) -> dict | None:
    P = schema.propositions
    row = _rows(
        store,
        select(
            P.c.place_key,
            func.max(P.c.place_name).label("name"),
            func.min(P.c.lat).label("lat"),
            func.min(P.c.lon).label("lon"),
            func.count().label("n_propositions"),
        )
        .where(P.c.place_key == place_key)
        .group_by(P.c.place_key),
    )
    if row:
        return row[0]
    if place_key.startswith("gn:") and place_key[3:].isdigit():  # mentioned, but no proposition about it
        PL = schema.places
        rows = _rows(store, select(PL.c.name, PL.c.lat, PL.c.lon).where(PL.c.geonameid == int(place_key[3:])).limit(1))
        if rows:
            return {"place_key": place_key, **rows[0], "n_propositions": 0}
    return None


def place_propositions(store: LedgerStore, place_key: str, limit: int, offset: int) -> tuple[list[dict], int]:
    return list_propositions(store, place_key=place_key, limit=limit, offset=offset)


# --- propositions -------------------------------------------------------------------------------------------
def list_propositions(
    store: LedgerStore,
    place_key: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    side: str | None = None,
    limit: int = 25,
    offset: int = 0,
    as_of: str | None = None,
    sort: str | None = None,
) -> tuple[list[dict], int]:
    """Stored propositions (status as of now).  ``as_of``: only those that existed by that day (a member known
    by then); ``claimledger.link.views.list_propositions`` gives their status as of that day.  ``sort``: a
    column of the table, ``-`` in front for descending (default: newest event first)."""
    P = schema.propositions
    q = select(P)
    if as_of:
        q = q.where(existed_by(as_of))
    if place_key:
        q = q.where(P.c.place_key == place_key)
    if status:
        q = q.where(P.c.status == status)
    if kind:
        q = q.where(P.c.kind == kind)
    if side:
        q = q.where(P.c.side == side)
    total = _count(store, q)
    default = (P.c.date_min.is_(None), P.c.date_min.desc(), P.c.first_claimed.desc(), P.c.id)
    q = q.order_by(*_sorted_by(P, sort, PROPOSITION_SORTS, default, P.c.id)).limit(limit).offset(offset)
    return _rows(store, q), total


PROPOSITION_SORTS = (
    "date_min", "first_claimed", "status", "kind", "side", "place_name", "text",
    "n_articles", "n_affirm_origins", "n_deny_origins",
)  # fmt: skip
CLAIM_SORTS = ("published", "outlet", "speaker_text", "speaker_type", "speaker_side", "certainty", "content_text")


def _sorted_by(table, sort: str | None, allowed, default, tiebreak) -> tuple:
    """ORDER BY for ``sort`` ('col' or '-col', one of ``allowed``; else ``default``); NULLs always last."""
    name = (sort or "").lstrip("-")
    if name not in allowed or name not in table.c:
        return default
    col = table.c[name]
    return (col.is_(None), col.desc() if sort.startswith("-") else col.asc(), tiebreak)


def proposition_detail(store: LedgerStore, proposition_id: str) -> dict | None:
    """The proposition and its ``members`` (each with its article's title, outlet, URL and the claim's text and
    cue).  ``claimledger.link.views.proposition_detail`` splits them by stance and adds the status rule and
    origins."""
    P, M, A, C = schema.propositions, schema.proposition_members, schema.articles, schema.claims
    rows = _rows(store, select(P).where(P.c.id == proposition_id))
    if not rows:
        return None
    prop = rows[0]
    q = (
        select(
            M,
            A.c.title,
            A.c.url,
            C.c.content_text,
            C.c.cue_text,
            func.substr(A.c.analyzed_at, 1, 10).label("stored"),  # the day it became known when undated
        )
        .join(A, A.c.id == M.c.article_id)
        .outerjoin(C, and_(C.c.article_id == M.c.article_id, C.c.claim_id == M.c.claim_id))
        .where(M.c.proposition_id == proposition_id)
        .order_by(M.c.claimed_date, M.c.published, M.c.article_id, M.c.claim_id)
    )
    prop["members"] = _rows(store, q)
    return prop


# --- articles -----------------------------------------------------------------------------------------------
ARTICLE_LIST_FIELDS = ("id", "title", "outlet", "url", "published", "duplicate_of", "outlet_type", "outlet_side")


def list_articles(
    store: LedgerStore,
    search=None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    include_duplicates: bool = False,
    limit: int = 25,
    offset: int = 0,
    as_of: str | None = None,
    *,
    outlet_part: str | None = None,
    outlet_type: str | None = None,
    outlet_side: str | None = None,
    language: str | None = None,
    sort: str | None = None,
    sortable: frozenset[str] = frozenset(),
    fields: tuple[str, ...] = ARTICLE_LIST_FIELDS,
) -> tuple[list[dict], int]:
    """Articles, newest first (or by ``sort``: a name of ``sortable``, ``-name`` descending, NULLs last), each with
    ``fields`` and ``n_claims``, and the total (up to COUNT_CAP + 1).  ``search``: words, phrases, OR, prefixes and
    place variants (a string or a parsed search); ``outlet``: the outlet's name (any case), ``outlet_part``: a
    piece of it; ``as_of``: only those known by that day (``article_known_by``)."""
    A, C = schema.articles, schema.claims
    n_claims = select(func.count()).where(C.c.article_id == A.c.id).scalar_subquery()
    where = []
    if not include_duplicates:
        where.append(A.c.duplicate_of.is_(None))
    if search:
        # through the full-text index; a term of punctuation only is text to find, not a pattern (autoescape
        # makes % and _ match only themselves)
        where.append(searchq.fts_or_text(searchq.as_query(search), "articles", store.is_sqlite, A.c.title, A.c.text))
    if as_of:
        where.append(article_known_by(as_of))
    if outlet:
        where.append(func.lower(func.coalesce(A.c.outlet, "")) == outlet.lower())
    if outlet_part:
        where.append(func.lower(func.coalesce(A.c.outlet, "")).contains(outlet_part.lower(), autoescape=True))
    for col, value in ((A.c.outlet_type, outlet_type), (A.c.outlet_side, outlet_side), (A.c.language, language)):
        if value:
            where.append(col == value)
    if since:
        where.append(A.c.published >= since)
    if until:
        where.append(A.c.published <= until)
    total = _count(store, select(A.c.id).where(*where))  # counted without the per-article claim count
    name = (sort or "").lstrip("-")
    order = [A.c.published.is_(None), A.c.published.desc(), A.c.id]
    if name in sortable:
        col = n_claims if name == "n_claims" else A.c[name]
        order = [col.desc() if sort.startswith("-") else col.asc(), A.c.published.desc(), A.c.id]
        if name != "n_claims":
            order.insert(0, col.is_(None))
    cols = [A.c[f] for f in fields if f != "n_claims"]
    q = select(*cols, n_claims.label("n_claims")).where(*where).order_by(*order).limit(limit).offset(offset)
    return _rows(store, q), total


def article_detail(store: LedgerStore, article_id: str) -> dict | None:
    """The article's stored ledger (the JSON contract), its duplicate standing, and for each claim the
    propositions it belongs to."""
    A, M, P = schema.articles, schema.proposition_members, schema.propositions
    rows = _rows(
        store,
        select(
            A.c.id,
            A.c.ledger_json,
            A.c.duplicate_of,
            A.c.duplicate_reason,
            A.c.outlet_type,
            A.c.outlet_side,
            A.c.pipeline_version,
            A.c.knowledge_json,
        ).where(A.c.id == article_id),
    )
    if not rows:
        return None
    row = rows[0]
    doc = json.loads(row.pop("ledger_json"))
    knowledge = row.pop("knowledge_json")
    row["knowledge"] = json.loads(knowledge) if knowledge else (doc["article"].get("knowledge") or {})
    links: dict[str, list[dict]] = {}
    for m in _rows(
        store,
        select(M.c.claim_id, M.c.event_id, M.c.stance, P.c.id, P.c.text, P.c.status, P.c.kind, P.c.place_key)
        .join(P, P.c.id == M.c.proposition_id)
        .where(M.c.article_id == article_id)
        .order_by(M.c.claim_id, P.c.id),
    ):
        links.setdefault(m["claim_id"], []).append(
            {
                "proposition": m["id"],
                "text": m["text"],
                "status": m["status"],
                "stance": m["stance"],
                "kind": m["kind"],
                "place_key": m["place_key"],
                "event": m["event_id"],
            }
        )
    return {
        "ledger": doc,
        **row,
        "claim_propositions": {k: v for k, v in links.items() if k},
        "own_voice_propositions": links.get("", []),
    }


def article_known_by(as_of: str):
    """SQL condition on ``articles``: known by ``as_of`` (YYYY-MM-DD, inclusive) — published by then or, without a
    publication date, stored by then (the UTC day of ``analyzed_at``): the rule of ``repository.known_by``."""
    A = schema.articles
    return or_(A.c.published <= as_of, and_(A.c.published.is_(None), func.substr(A.c.analyzed_at, 1, 10) <= as_of))


def members_by_proposition(
    store: LedgerStore, proposition_ids: list[str], as_of: str | None = None, columns: tuple[str, ...] = ()
) -> dict[str, list[dict]]:
    """proposition id -> its members (``columns`` of ``proposition_members``, all when empty; ``as_of``: those
    known by that day), in one query per 500 propositions, each list in the order of
    ``LedgerStore.members`` (claim date, article; then claim, which that leaves to the plan)."""
    M = schema.proposition_members
    cols = [M.c[c] for c in dict.fromkeys(("proposition_id", *columns))] if columns else [M]
    out: dict[str, list[dict]] = {pid: [] for pid in proposition_ids}
    for i in range(0, len(proposition_ids), 500):
        q = (
            select(*cols)
            .where(M.c.proposition_id.in_(proposition_ids[i : i + 500]))
            .order_by(M.c.proposition_id, M.c.claimed_date, M.c.article_id, func.length(M.c.claim_id), M.c.claim_id)
        )
        if as_of:
            q = q.where(known_by(as_of))
        for r in _rows(store, q):
            out[r["proposition_id"]].append(r)
    return out


def settled_by(as_of: str):
    """SQL condition on ``propositions``: every member was published by ``as_of`` (none undated), so the
    proposition stood on that day as it stands now (its stored status is its status as of that day)."""
    P, M = schema.propositions, schema.proposition_members
    later = select(M.c.proposition_id).where(
        M.c.proposition_id == P.c.id, or_(M.c.published.is_(None), M.c.published > as_of)
    )
    return ~exists(later)


def propositions_as_of(
    store: LedgerStore,
    as_of: str,
    status: str | None = None,
    place_key: str | None = None,
    kind: str | None = None,
    side: str | None = None,
    limit: int = 100_000,
) -> list[dict]:
    """The propositions that existed by ``as_of``, in the default order of ``list_propositions``: id, stored
    status and whether they were ``settled`` by then (``settled_by``).  ``status``: the settled ones only with
    that stored status (the others' status as of the day is the caller's to compute)."""
    P = schema.propositions
    settled = settled_by(as_of)
    q = select(P.c.id, P.c.status, settled.label("settled")).where(existed_by(as_of))
    if status:
        q = q.where(or_(~settled, P.c.status == status))
    if place_key:
        q = q.where(P.c.place_key == place_key)
    if kind:
        q = q.where(P.c.kind == kind)
    if side:
        q = q.where(P.c.side == side)
    default = (P.c.date_min.is_(None), P.c.date_min.desc(), P.c.first_claimed.desc(), P.c.id)
    return _rows(store, q.order_by(*default).limit(limit))


def propositions_by_id(store: LedgerStore, ids: list[str]) -> list[dict]:
    """The stored rows of ``ids``, in that order."""
    P = schema.propositions
    rows = {r["id"]: r for r in _rows(store, select(P).where(P.c.id.in_(ids)))} if ids else {}
    return [rows[i] for i in ids if i in rows]


def facet_counts(store: LedgerStore) -> dict[str, dict[str, int]]:
    """Counts of claims by side, speaker type and certainty, and of propositions by status (for filter menus)."""
    C, P, A = schema.claims, schema.propositions, schema.articles
    out: dict[str, dict[str, int]] = {}
    with store.read_engine.connect() as conn:
        for name, col in (("side", C.c.speaker_side), ("speaker_type", C.c.speaker_type), ("certainty", C.c.certainty)):
            out[name] = {
                k: n
                for k, n in conn.execute(
                    select(col, func.count())
                    .join(A, A.c.id == C.c.article_id)
                    .where(A.c.duplicate_of.is_(None))
                    .group_by(col)
                    .order_by(col)
                )
            }
        out["status"] = {
            k: n for k, n in conn.execute(select(P.c.status, func.count()).group_by(P.c.status).order_by(P.c.status))
        }
    return out


__all__ = [
    "map_places",
    "place_summary",
    "place_propositions",
    "list_propositions",
    "proposition_detail",
    "list_articles",
    "article_detail",
    "search_claims",
    "members_by_proposition",
    "propositions_as_of",
    "propositions_by_id",
    "settled_by",
    "facet_counts",
    "STATUSES",
]
