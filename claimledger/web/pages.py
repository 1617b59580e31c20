"""HTML pages.  Everything is rendered server-side from the same queries as the API; the only scripts are
static files (the map, and the article page's claim panel)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from claimledger.link import views
from claimledger.store import queries
from claimledger.web.api import resolve_place
from claimledger.web.params import (
    ArticleIdP,
    AsOfQ,
    Certainty,
    Kind,
    PageQ,
    PlaceKeyP,
    PlaceQ,
    PropositionIdP,
    SearchQ,
    Side,
    SinceQ,
    SpeakerType,
    Status,
    UntilQ,
    iso,
    page_info,
    val,
)
from claimledger.web.render import TYPE_SYMBOLS, article_segments, timeline_chart

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25


def render(request: Request, name: str, **context) -> HTMLResponse:
    context.setdefault("allow_writes", request.app.state.allow_writes)
    return request.app.state.templates.TemplateResponse(request, name, context)


def vocab() -> dict:
    return {
        "sides": [s.value for s in Side],
        "speaker_types": [s.value for s in SpeakerType],
        "certainties": [c.value for c in Certainty],
        "statuses": [s.value for s in Status],
        "kinds": [k.value for k in Kind],
        "type_symbols": TYPE_SYMBOLS,
    }


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request, as_of: AsOfQ = None):
    store = request.app.state.store
    places = views.map_places(store, as_of=iso(as_of))
    return render(request, "map.html", places=places, counts=store.counts(), as_of=iso(as_of) or "", **vocab())


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    since: SinceQ = None,
    until: UntilQ = None,
    page: PageQ = 1,
):
    items, total = queries.list_articles(
        request.app.state.store,
        search=q,
        since=iso(since),
        until=iso(until),
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    return render(
        request,
        "articles.html",
        items=items,
        pg=page_info(page, PAGE_SIZE, total),
        q=q or "",
        since=iso(since) or "",
        until=iso(until) or "",
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: ArticleIdP):
    a = queries.article_detail(request.app.state.store, article_id)
    if a is None:
        raise HTTPException(404, "no such article")
    doc = a["ledger"]
    claims = {c["id"]: c for c in doc["claims"]}
    places = {p["id"]: p for p in doc["places"]}
    from claimledger.web.render import place_key_of

    place_keys = {pid: place_key_of(p) for pid, p in places.items()}
    return render(
        request,
        "article.html",
        a=a,
        doc=doc,
        art=doc["article"],
        segments=article_segments(doc),
        claims=claims,
        places=places,
        place_keys=place_keys,
        **vocab(),
    )


@router.get("/places/{place_key}", response_class=HTMLResponse)
def place_page(request: Request, place_key: PlaceKeyP, page: PageQ = 1, cpage: PageQ = 1, as_of: AsOfQ = None):
    store = request.app.state.store
    summary = queries.place_summary(store, place_key)
    if summary is None:
        raise HTTPException(404, "no such place in the ledger")
    day = iso(as_of)
    timeline = views.place_timeline(store, place_key, as_of=day)
    props, ptotal = views.list_propositions(
        store, place_key=place_key, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, as_of=day
    )
    claims, ctotal = queries.search_claims(
        store, place_key=place_key, until=day, limit=PAGE_SIZE, offset=(cpage - 1) * PAGE_SIZE
    )
    return render(
        request,
        "place.html",
        place=summary,
        timeline=timeline,
        chart=timeline_chart(timeline),
        props=props,
        ppager=page_info(page, PAGE_SIZE, ptotal),
        claims=claims,
        cpager=page_info(cpage, PAGE_SIZE, ctotal),
        place_key=place_key,
        as_of=day or "",
        **vocab(),
    )


@router.get("/propositions", response_class=HTMLResponse)
def propositions_page(
    request: Request,
    place: PlaceQ = None,
    status: Status | None = None,
    kind: Kind | None = None,
    side: Side | None = None,
    page: PageQ = 1,
    as_of: AsOfQ = None,
):
    store = request.app.state.store
    keys = resolve_place(store, place)
    if keys == []:
        items, total = [], 0
    else:
        items, total = views.list_propositions(
            store,
            place_key=keys[0] if keys else None,
            status=val(status),
            kind=val(kind),
            side=val(side),
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
            as_of=iso(as_of),
        )
    return render(
        request,
        "propositions.html",
        items=items,
        pg=page_info(page, PAGE_SIZE, total),
        f={"place": place or "", "status": val(status) or "", "kind": val(kind) or "", "side": val(side) or ""},
        as_of=iso(as_of) or "",
        **vocab(),
    )


@router.get("/propositions/{proposition_id}", response_class=HTMLResponse)
def proposition_page(request: Request, proposition_id: PropositionIdP, as_of: AsOfQ = None):
    p = views.proposition_detail(request.app.state.store, proposition_id, as_of=iso(as_of))
    if p is None:
        raise HTTPException(404, "no such proposition" + (f" as of {iso(as_of)}" if as_of else ""))
    return render(request, "proposition.html", p=p, as_of=iso(as_of) or "", **vocab())


@router.get("/claims", response_class=HTMLResponse)
def claims_page(
    request: Request,
    q: SearchQ = None,
    side: Side | None = None,
    speaker_type: SpeakerType | None = None,
    certainty: Certainty | None = None,
    status: Status | None = None,
    place: PlaceQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    page: PageQ = 1,
):
    store = request.app.state.store
    keys = resolve_place(store, place)
    if keys == []:
        items, total = [], 0
    else:
        items, total = queries.search_claims(
            store,
            search=q,
            side=val(side),
            speaker_type=val(speaker_type),
            certainty=val(certainty),
            status=val(status),
            place_key=keys[0] if keys else None,
            since=iso(since),
            until=iso(until),
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
    f = {
        "q": q or "",
        "side": val(side) or "",
        "speaker_type": val(speaker_type) or "",
        "certainty": val(certainty) or "",
        "status": val(status) or "",
        "place": place or "",
        "since": iso(since) or "",
        "until": iso(until) or "",
    }
    return render(request, "claims.html", items=items, pg=page_info(page, PAGE_SIZE, total), f=f, **vocab())


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request):
    if not request.app.state.allow_writes:
        raise HTTPException(404, "this server is read-only (start it with --allow-writes to ingest from the browser)")
    return render(request, "ingest.html")
