"""Statements across sources on the web (issue 15): ``/api/statements``, ``/api/statements/{id}`` (JSON), a list
page ``/statements`` with the same filters (wording, place in any script, speaker, as of a day, laundered), and a
page per statement, ``/statements/{id}``: the spread as a dated chain (who, where, in which words, with which
certainty)."""

from __future__ import annotations

from html import escape
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import HTMLResponse

from claimledger.link.statement_views import list_statements, statement_detail, statement_place_keys
from claimledger.web.api import COMMON_ERRORS, NOT_FOUND
from claimledger.web.filters import StatementApiQuery, StatementAsOfQ, StatementFilters, StatementTableQuery
from claimledger.web.params import page_info

router = APIRouter()
StatementIdP = Annotated[str, Path(pattern=r"^st_[0-9a-f]{16}$", description="A statement id (st_…).")]


def find_statements(store, f: StatementFilters, *, limit: int, offset: int, members: bool = False):
    """The statements list (page and API): ``(rows, total, place_keys)``; ``place_keys`` is None without a
    place filter."""
    keys = statement_place_keys(store, f.place) if f.place and f.place.strip() else None
    rows, total = list_statements(
        store,
        laundered=f.laundered,
        search=f.q,
        place_keys=keys,
        speaker=f.speaker,
        as_of=f.day,
        limit=limit,
        offset=offset,
        members=members,
    )
    return rows, total, keys


@router.get("/api/statements", responses=COMMON_ERRORS, summary="Statements across sources, newest first, paginated")
def statements(request: Request, f: Annotated[StatementApiQuery, Depends()]) -> dict:
    """Each item: ``id``, ``text``, ``origin`` {speaker, key, type, side, article_id, article_url, outlet,
    published}, ``first_seen``, ``n_articles``, ``n_origins``, ``laundered``, ``drift`` and ``members`` (the
    carriers in date order: article_url, outlet, published, language, claim_id, speaker, certainty, voice…)."""
    rows, total, keys = find_statements(
        request.app.state.store, f, limit=f.page_size, offset=(f.page - 1) * f.page_size, members=True
    )
    extra = {"as_of": f.day, **({"place_keys": keys} if keys is not None else {})}
    return {"items": [r.model_dump() for r in rows], **extra, **page_info(f.page, f.page_size, total)}


@router.get(
    "/api/statements/{statement_id}",
    responses={**COMMON_ERRORS, **NOT_FOUND},
    summary="One statement with its carriers in date order",
)
def statement(request: Request, statement_id: StatementIdP, as_of: StatementAsOfQ = None) -> dict:
    st = statement_detail(request.app.state.store, statement_id, as_of.isoformat() if as_of else None)
    if st is None:
        raise HTTPException(404, "no such statement" + (f" as of {as_of.isoformat()}" if as_of else ""))
    return {**st.model_dump(), "as_of": as_of.isoformat() if as_of else None}


@router.get("/statements", response_class=HTMLResponse, include_in_schema=False)
def statements_page(request: Request, f: Annotated[StatementTableQuery, Depends()]) -> HTMLResponse:
    """The statements, newest first seen first, 50 a page, each linking to its page (as of the same day)."""
    day, size, page, q, place, speaker, laundered = f.day, 50, f.page, f.q, f.place, f.speaker, f.laundered
    rows, total, keys = find_statements(request.app.state.store, f, limit=size, offset=(page - 1) * size)
    suffix = f"?as_of={day}" if day else ""
    items = "".join(
        f'<tr><td>{escape(st.first_seen or "")}</td><td><a href="/statements/{escape(st.id)}{suffix}">'
        f"{escape(st.text)}</a></td><td>{escape(st.origin.speaker)} ({escape(st.origin.type)}, "
        f"{escape(st.origin.side)})</td><td>{st.n_articles}</td><td>{st.n_origins}</td>"
        f"<td>{escape(' > '.join(d.level for d in st.drift))}</td><td>{'yes' if st.laundered else ''}</td></tr>"
        for st in rows
    )
    values = {"q": q or "", "place": place or "", "speaker": speaker or "", "as_of": day or ""}
    fields = "".join(
        f'<label>{name.replace("_", " ")} <input name="{name}" value="{escape(v)}"></label> '
        for name, v in values.items()
    )
    checked = " checked" if laundered else ""
    args = {k: v for k, v in {**values, "laundered": "true" if laundered else ""}.items() if v}
    more = (
        f'<p><a href="/statements?{escape(urlencode({**args, "page": page + 1}))}">next page</a></p>'
        if page * size < total
        else ""
    )
    body = (
        "<!doctype html><meta charset=utf-8><title>statements</title><h1>Statements across sources</h1>"
        f'<form method="get">{fields}<label><input type="checkbox" name="laundered" value="true"{checked}> '
        'laundered only</label> <button type="submit">filter</button></form>'
        f"<p>{total} statement(s)" + (f" as of {escape(day)}" if day else "") + (
            f" about {escape(place)}" if keys is not None else "") + "</p>"
        "<table><tr><th>first seen</th><th>statement</th><th>origin</th><th>articles</th><th>origins</th>"
        "<th>drift</th><th>laundered</th></tr>" + items + "</table>" + more
    )  # fmt: skip
    return HTMLResponse(body)


@router.get("/statements/{statement_id}", response_class=HTMLResponse, include_in_schema=False)
def statement_page(request: Request, statement_id: StatementIdP, as_of: StatementAsOfQ = None) -> HTMLResponse:
    day = as_of.isoformat() if as_of else None
    st = statement_detail(request.app.state.store, statement_id, day)
    if st is None:
        raise HTTPException(404, "no such statement" + (f" as of {day}" if day else ""))
    o = st.origin
    rows = "".join(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
            escape(m.published or ""),
            f'<a href="/articles/{escape(m.article_id)}">{escape(m.outlet or m.article_id)}</a>',
            escape(m.speaker or "") + (" (via " + escape(", ".join(m.via)) + ")" if m.via else ""),
            escape(m.voice),
            escape(m.level),
            escape(m.language or ""),
            escape(m.text) + (f" <em>copy of {escape(m.duplicate_of)}</em>" if m.duplicate_of else ""),
        )
        for m in st.members
    )
    body = (
        f"<!doctype html><meta charset=utf-8><title>statement {escape(st.id)}</title>"
        f"<h1>{escape(st.text)}</h1>"
        + (f"<p><em>As it stood on {escape(day)}: only the carriers published by then.</em></p>" if day else "")
        + f"<p>Origin: <b>{escape(o.speaker)}</b> ({escape(o.type)}, {escape(o.side)}), "
        f"{escape(o.outlet or '')} {escape(o.published or '')}. First seen {escape(st.first_seen or '?')}; "
        f"{st.n_articles} articles, {st.n_origins} independent origin(s)."
        + (" <strong>Laundered: the certainty rose without a new origin.</strong>" if st.laundered else "")
        + "</p><table><tr><th>published</th><th>outlet</th><th>speaker</th><th>voice</th><th>certainty</th>"
        "<th>language</th><th>words</th></tr>" + rows + "</table>"
    )
    return HTMLResponse(body)
