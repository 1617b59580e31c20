"""Statements across sources on the web (issue 15): ``/api/statements``, ``/api/statements/{id}`` (JSON) and a
page per statement, ``/statements/{id}``: the spread as a dated chain (who, where, in which words, with which
certainty)."""

from __future__ import annotations

from html import escape
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from claimledger.store.statements import list_statements, statement_detail
from claimledger.web.api import COMMON_ERRORS, NOT_FOUND
from claimledger.web.params import PageQ, PageSizeQ, page_info

router = APIRouter()
StatementIdP = Annotated[str, Path(pattern=r"^st_[0-9a-f]{16}$", description="A statement id (st_…).")]


@router.get("/api/statements", responses=COMMON_ERRORS, summary="Statements across sources, newest first, paginated")
def statements(
    request: Request,
    q: Annotated[str | None, Query(max_length=200, description="A piece of the wording or a speaker.")] = None,
    laundered: Annotated[bool | None, Query(description="Only (un)laundered statements.")] = None,
    page: PageQ = 1,
    page_size: PageSizeQ = 25,
) -> dict:
    rows, total = list_statements(
        request.app.state.store, laundered=laundered, search=q, limit=page_size, offset=(page - 1) * page_size
    )
    return {"items": [r.model_dump() for r in rows], **page_info(page, page_size, total)}


@router.get(
    "/api/statements/{statement_id}",
    responses={**COMMON_ERRORS, **NOT_FOUND},
    summary="One statement with its carriers in date order",
)
def statement(request: Request, statement_id: StatementIdP) -> dict:
    st = statement_detail(request.app.state.store, statement_id)
    if st is None:
        raise HTTPException(404, "no such statement")
    return st.model_dump()


@router.get("/statements/{statement_id}", response_class=HTMLResponse, include_in_schema=False)
def statement_page(request: Request, statement_id: StatementIdP) -> HTMLResponse:
    st = statement_detail(request.app.state.store, statement_id)
    if st is None:
        raise HTTPException(404, "no such statement")
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
        f"<p>Origin: <b>{escape(o.speaker)}</b> ({escape(o.type)}, {escape(o.side)}), "
        f"{escape(o.outlet or '')} {escape(o.published or '')}. First seen {escape(st.first_seen or '?')}; "
        f"{st.n_articles} articles, {st.n_origins} independent origin(s)."
        + (" <strong>Laundered: the certainty rose without a new origin.</strong>" if st.laundered else "")
        + "</p><table><tr><th>published</th><th>outlet</th><th>speaker</th><th>voice</th><th>certainty</th>"
        "<th>language</th><th>words</th></tr>" + rows + "</table>"
    )
    return HTMLResponse(body)
