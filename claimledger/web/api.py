"""The JSON API under /api (documented at /api/openapi.json).  Read-only unless the server was started with
--allow-writes; the one write endpoint (POST /api/ingest) then needs the start-up token as a Bearer token."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, Header, HTTPException, Path, Request
from pydantic import BaseModel, Field, model_validator

from claimledger.link import views
from claimledger.store import queries
from claimledger.web.filters import (
    ArticleApiQuery,
    ClaimApiQuery,
    ClaimFilters,
    PropositionApiQuery,
    PropositionFilters,
)
from claimledger.web.params import ArticleIdP, AsOfQ, PageQ, PageSizeQ, PropositionIdP, iso, page_info, val
from claimledger.web.search import PLACE_KEY, parse_search, place_choices


class ErrorBody(BaseModel):
    """Every error of the API: a one-line message (and, for invalid parameters, what was wrong)."""

    error: str
    details: list[dict] | None = None


def _errors(**codes: str) -> dict:
    return {int(code[1:]): {"model": ErrorBody, "description": text} for code, text in codes.items()}


# the responses every endpoint may give (documented in the OpenAPI document; 404 is added where an id is looked up)
COMMON_ERRORS = _errors(
    e400="Host header not allowed, or a malformed request (Content-Length)",
    e413="request body over the limit (refused before it is read)",
    e422="invalid parameters",
    e500="internal error (no details are shown)",
)
NOT_FOUND = _errors(e404="no such item in the ledger")
AMBIGUOUS = _errors(e300="the name fits several places: `choices` lists them (key, name, propositions)")
PlaceRefP = Annotated[
    str,
    Path(
        min_length=1,
        max_length=100,
        description="Place key (gn:<GeoNames id>, kt:<KATOTTG code>, name:<name>) or a name in any spelling or "
        "script (Siversk, Seversk, Сіверськ, Северск), resolved to its key.",
    ),
]


def place_key_of(store, ref: str) -> str:
    """``ref`` as a place key: a key as is, a name resolved (404 when unknown, 300 with choices when several)."""
    if PLACE_KEY.match(ref):
        return ref
    if re.match(r"^(gn|kt|name):", ref):
        from fastapi.exceptions import RequestValidationError

        msg = "malformed place key (gn:<GeoNames id>, kt:<KATOTTG code> or name:<name>)"
        raise RequestValidationError([{"loc": ["path", "place_key"], "msg": msg, "type": "value_error"}])
    choices = place_choices(store, ref)
    if not choices:
        raise HTTPException(404, f"no place named {ref!r} in the ledger")
    if len(choices) > 1:
        from fastapi.responses import JSONResponse

        body = {"error": f"{ref!r} fits {len(choices)} places", "choices": choices}
        raise _Choice(JSONResponse(body, status_code=300))
    return choices[0]["place_key"]


class _Choice(HTTPException):
    def __init__(self, response):
        super().__init__(300, "several places")
        self.response = response


router = APIRouter(prefix="/api", responses=COMMON_ERRORS)


def store_of(request: Request):
    return request.app.state.store


def _paged(items: list, page: int, page_size: int, total: int) -> dict:
    return {"items": items, **page_info(page, page_size, total)}


def resolve_place(store, place: str | None) -> list[str] | None:
    """None: no place filter; []: a filter that matches nothing.  A key, a GeoNames id, or a name in any
    spelling or script (``claimledger.link.views.place_keys``: the ledger's names, then the alias index)."""
    if not place:
        return None
    return views.place_keys(store, place)


@router.get("/health", summary="Liveness and mode")
def health(request: Request) -> dict:
    return {"status": "ok", "read_only": not request.app.state.allow_writes}


@router.get(
    "/stats", summary="Counts of the ledger and of claims by side, speaker type, certainty; propositions by status"
)
def stats(request: Request) -> dict:
    store = store_of(request)
    return {"counts": store.counts(), "facets": queries.facet_counts(store)}


@router.get("/map", summary="Places with propositions: coordinates, activity and the latest control status")
def map_data(request: Request, as_of: AsOfQ = None) -> dict:
    return {"places": views.map_places(store_of(request), as_of=iso(as_of)), "statuses": list(queries.STATUSES)}


@router.get(
    "/places/{place_key}",
    summary="One place: its control timeline and a page of its propositions",
    responses={**NOT_FOUND, **AMBIGUOUS},
)
def place(request: Request, place_key: PlaceRefP, page: PageQ = 1, page_size: PageSizeQ = 25, as_of: AsOfQ = None):
    store = store_of(request)
    try:
        place_key = place_key_of(store, place_key)
    except _Choice as c:
        return c.response
    summary = queries.place_summary(store, place_key)
    if summary is None:
        raise HTTPException(404, "no such place in the ledger")
    items, total = views.list_propositions(
        store, place_key=place_key, limit=page_size, offset=(page - 1) * page_size, as_of=iso(as_of)
    )
    from fastapi.responses import JSONResponse

    # plain JSON values already (rows, dumped models): encoded as they are, without a second walk of the tree
    return JSONResponse(
        {
            "place": summary,
            "as_of": iso(as_of),
            "timeline": [r.model_dump(mode="json") for r in views.place_timeline(store, place_key, as_of=iso(as_of))],
            "propositions": _paged(items, page, page_size, total),
        }
    )


@router.get(
    "/places/{place_key}/claims", summary="Claims about one place, paginated", responses={**NOT_FOUND, **AMBIGUOUS}
)
def place_claims(request: Request, place_key: PlaceRefP, page: PageQ = 1, page_size: PageSizeQ = 25):
    store = store_of(request)
    try:
        place_key = place_key_of(store, place_key)
    except _Choice as c:
        return c.response
    items, total = queries.search_claims(store, place_key=place_key, limit=page_size, offset=(page - 1) * page_size)
    return _paged(items, page, page_size, total)


def find_propositions(
    store, f: PropositionFilters, *, as_of: date | None, sort: str | None, limit: int, offset: int
) -> tuple[list[dict], int]:
    """The propositions list (page, download and API): a page of rows and the total.  Sorted in SQL, except as of
    a day with a status filter (the statuses of that day decide which rows, so ``views`` pages them)."""
    keys = resolve_place(store, f.place)
    if keys == []:
        return [], 0
    args = dict(place_key=keys[0] if keys else None, status=val(f.status), kind=val(f.kind), side=val(f.side))
    if sort and not (as_of and f.status):
        items, total = queries.list_propositions(store, **args, limit=limit, offset=offset, as_of=iso(as_of), sort=sort)
        return (views.as_of_rows(store, items, iso(as_of)) if as_of else items), total
    return views.list_propositions(store, **args, limit=limit, offset=offset, as_of=iso(as_of))


@router.get("/propositions", summary="Propositions, filtered and paginated")
def propositions(request: Request, f: Annotated[PropositionApiQuery, Depends()]) -> dict:
    items, total = find_propositions(
        store_of(request), f, as_of=f.as_of, sort=f.sort, limit=f.page_size, offset=(f.page - 1) * f.page_size
    )
    return _paged(items, f.page, f.page_size, total)


@router.get(
    "/propositions/{proposition_id}",
    summary="One proposition: affirming and denying sources, status and rule",
    responses=NOT_FOUND,
)
def proposition(request: Request, proposition_id: PropositionIdP, as_of: AsOfQ = None) -> dict:
    p = views.proposition_detail(store_of(request), proposition_id, as_of=iso(as_of))
    if p is None:
        raise HTTPException(404, "no such proposition" + (f" as of {iso(as_of)}" if as_of else ""))
    return p


@router.get("/articles", summary="Articles, newest first, paginated")
def articles(request: Request, f: Annotated[ArticleApiQuery, Depends()]) -> dict:
    items, total = queries.list_articles(
        store_of(request),
        search=parse_search(f.q),
        outlet=f.outlet,
        since=iso(f.since),
        until=iso(f.until),
        limit=f.page_size,
        offset=(f.page - 1) * f.page_size,
        as_of=iso(f.as_of),
    )
    return _paged(items, f.page, f.page_size, total)


@router.get(
    "/articles/{article_id}",
    summary="One article: its ledger (the JSON contract) and its claims' propositions",
    responses=NOT_FOUND,
)
def article(request: Request, article_id: ArticleIdP) -> dict:
    a = queries.article_detail(store_of(request), article_id)
    if a is None:
        raise HTTPException(404, "no such article")
    return a


def find_claims(
    store, f: ClaimFilters, search, *, sort: str | None, limit: int, offset: int, as_of: date | None = None
) -> tuple[list[dict], int]:
    """The claims list (page, download and API): a page of rows and the total.  ``search``: ``f.q`` parsed
    (``parse_search``).  As of a day, the status filter is the propositions' status as of that day."""
    keys = resolve_place(store, f.place)
    if keys == []:
        return [], 0
    chosen = None
    if as_of and f.status:
        chosen = [pid for pid, _ in views.ids_with_status(store, val(f.status), iso(as_of))]
    return queries.search_claims(
        store,
        search=search,
        sort=sort,
        side=val(f.side),
        speaker_type=val(f.speaker_type),
        certainty=val(f.certainty),
        status=val(f.status),
        propositions=chosen,
        place_key=keys[0] if keys else None,
        since=iso(f.since),
        until=iso(f.until),
        limit=limit,
        offset=offset,
        as_of=iso(as_of),
    )


@router.get("/claims", summary="Claims, full-text search and filters, paginated")
def claims(request: Request, f: Annotated[ClaimApiQuery, Depends()]) -> dict:
    if f.since and f.until and f.since > f.until:
        raise HTTPException(422, "since is after until")
    items, total = find_claims(
        store_of(request),
        f,
        parse_search(f.q),
        sort=f.sort,
        limit=f.page_size,
        offset=(f.page - 1) * f.page_size,
        as_of=f.as_of,
    )
    return _paged(items, f.page, f.page_size, total)


class IngestRequest(BaseModel):
    text: str | None = Field(None, max_length=1_000_000, description="Article text (plain text).")
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://", description="Article URL to fetch.")
    title: str | None = Field(None, max_length=500)
    outlet: str | None = Field(None, max_length=200)
    published: date | None = None

    @model_validator(mode="after")
    def one_source(self):
        if bool(self.text and self.text.strip()) == bool(self.url):
            raise ValueError("give either text or url")
        return self


@router.post(
    "/ingest",
    summary="Analyse and store one article (only with --allow-writes and the token)",
    responses={
        **_errors(
            e400="the article could not be read or analysed",
            e401="missing or wrong token (send Authorization: Bearer <token>)",
            e403="read-only server",
        )
    },
)
async def ingest(
    request: Request, body: IngestRequest, authorization: str | None = Header(None, max_length=500)
) -> dict:
    """The body limit and the token are checked before the body is read (``claimledger.web.guard``); the same
    checks are repeated here."""
    from claimledger.web.guard import bearer_ok

    app = request.app
    if not app.state.allow_writes:
        raise HTTPException(403, "this server is read-only (start it with --allow-writes)")
    if not bearer_ok(authorization, app.state.token):
        raise HTTPException(401, "missing or wrong token", headers={"WWW-Authenticate": "Bearer"})
    from claimledger.web.ingest import ingest_one

    # one ingest at a time on a thread of its own: queued ingests wait here without taking the readers' threads
    limiter = getattr(app.state, "ingest_limiter", None)
    if limiter is None:
        limiter = app.state.ingest_limiter = anyio.CapacityLimiter(1)
    return await anyio.to_thread.run_sync(ingest_one, app.state, body, limiter=limiter)
