"""HTML pages.  Everything is rendered server-side from the same queries as the API; the only scripts are
static files (the map, and the article page's claim panel).

The lists (``/claims``, ``/propositions``, ``/places``, ``/articles``) and their downloads (``/claims.csv`` …)
take their filters from ``claimledger.web.filters`` (the same filter set as the list's API route) and their rows
from the same functions as the API (``api.find_claims``, ``api.find_propositions``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from claimledger.link import views
from claimledger.store import queries
from claimledger.store.statements import statement_links
from claimledger.web import tables
from claimledger.web.api import find_claims, find_propositions
from claimledger.web.filters import (
    ArticleTableQuery,
    ClaimTableQuery,
    Language,
    OutletType,
    PlaceTableQuery,
    PropositionTableQuery,
)
from claimledger.web.params import (
    ArticleIdP,
    AsOfQ,
    Certainty,
    Kind,
    PageQ,
    PropositionIdP,
    Side,
    SpeakerType,
    Status,
    iso,
    page_info,
    val,
)
from claimledger.web.render import STATUS_LABELS, TYPE_SYMBOLS, article_segments, label, timeline_chart
from claimledger.web.search import PLACE_KEY, parse_search, place_choices

router = APIRouter(include_in_schema=False)
FmtP = Annotated[str, Path(pattern=r"^(csv|json)$")]
PlaceRefP = Annotated[str, Path(min_length=1, max_length=100)]  # a place key, or a name to resolve
PAGE_SIZE = 25


def render(request: Request, name: str, **context) -> HTMLResponse:
    context.setdefault("allow_writes", request.app.state.allow_writes)
    request.app.state.templates.env.filters.setdefault("label", label)
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
    return render(
        request,
        "map.html",
        places=places,
        counts=store.counts(),
        as_of=iso(as_of) or "",
        status_labels=STATUS_LABELS,
        **vocab(),
    )


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, f: Annotated[ArticleTableQuery, Depends()]):
    return _articles(request, f, None)


@router.get("/articles.{fmt}")
def articles_download(request: Request, fmt: FmtP, f: Annotated[ArticleTableQuery, Depends()]):
    return _articles(request, f, fmt)


def _articles(request: Request, f: ArticleTableQuery, fmt: str | None):
    parsed = parse_search(f.q)
    items, total = tables.list_articles(
        request.app.state.store,
        search=parsed,
        outlet=(f.outlet or "").strip() or None,
        outlet_type=val(f.outlet_type),
        outlet_side=val(f.outlet_side),
        language=val(f.language),
        since=iso(f.since),
        until=iso(f.until),
        sort=f.sort,
        limit=PAGE_SIZE,
        offset=(f.page - 1) * PAGE_SIZE,
    )
    if fmt:
        return tables.download(items, tables.ARTICLE_FIELDS, fmt, "articles")
    return render(
        request,
        "articles.html",
        items=items,
        pg=page_info(f.page, PAGE_SIZE, total),
        f=f.form(),
        searched=parsed.variants() if parsed else [],
        cols=tables.headers(request, tables.ARTICLE_COLUMNS, f.sort),
        downloads=tables.download_links(request, "/articles"),
        outlet_types=[t.value for t in OutletType],
        languages=[lang.value for lang in Language],
        sides=[s.value for s in Side],
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
        statements=statement_links(request.app.state.store, article_id),
        **vocab(),
    )


@router.get("/places", response_class=HTMLResponse)
def places_page(request: Request, f: Annotated[PlaceTableQuery, Depends()]):
    return _places(request, f, None)


@router.get("/places.{fmt}")
def places_download(request: Request, fmt: FmtP, f: Annotated[PlaceTableQuery, Depends()]):
    return _places(request, f, fmt)


def _places(request: Request, f: PlaceTableQuery, fmt: str | None):
    from claimledger.store.search import list_places

    items, total = list_places(
        request.app.state.store, search=f.q, sort=f.sort, limit=PAGE_SIZE, offset=(f.page - 1) * PAGE_SIZE
    )
    if fmt:
        return tables.download(items, tables.PLACE_FIELDS, fmt, "places")
    return render(
        request,
        "places.html",
        items=items,
        pg=page_info(f.page, PAGE_SIZE, total),
        q=f.q or "",
        cols=tables.headers(request, tables.PLACE_COLUMNS, f.sort),
        downloads=tables.download_links(request, "/places"),
    )


@router.get("/places/{place_key}", response_class=HTMLResponse)
def place_page(request: Request, place_key: PlaceRefP, page: PageQ = 1, cpage: PageQ = 1, as_of: AsOfQ = None):
    store = request.app.state.store
    if not PLACE_KEY.match(place_key):  # a name, in any spelling or script: its key, or a choice
        if place_key.split(":", 1)[0] in ("gn", "kt", "name") and ":" in place_key:
            raise HTTPException(400, "malformed place key")
        choices = place_choices(store, place_key)
        if len(choices) == 1:
            qs = request.url.query
            return RedirectResponse(f"/places/{choices[0]['place_key']}" + (f"?{qs}" if qs else ""), status_code=303)
        if not choices:
            raise HTTPException(404, f"no place named {place_key!r} in the ledger")
        return render(request, "place_choice.html", name=place_key, choices=choices)
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
def propositions_page(request: Request, f: Annotated[PropositionTableQuery, Depends()]):
    return _propositions(request, f, None)


@router.get("/propositions.{fmt}")
def propositions_download(request: Request, fmt: FmtP, f: Annotated[PropositionTableQuery, Depends()]):
    return _propositions(request, f, fmt)


def _propositions(request: Request, f: PropositionTableQuery, fmt: str | None):
    store = request.app.state.store
    items, total = find_propositions(
        store, f, as_of=f.as_of, sort=f.sort, limit=PAGE_SIZE, offset=(f.page - 1) * PAGE_SIZE
    )
    items = tables.with_sources(store, items)
    if fmt:
        return tables.download(items, tables.PROPOSITION_FIELDS, fmt, "propositions", {"as_of": iso(f.as_of)})
    return render(
        request,
        "propositions.html",
        items=items,
        pg=page_info(f.page, PAGE_SIZE, total),
        f=f.form(),
        as_of=iso(f.as_of) or "",
        cols=tables.headers(request, tables.PROPOSITION_COLUMNS, f.sort),
        downloads=tables.download_links(request, "/propositions"),
        **vocab(),
    )


@router.get("/propositions/{proposition_id}", response_class=HTMLResponse)
def proposition_page(request: Request, proposition_id: PropositionIdP, as_of: AsOfQ = None):
    p = views.proposition_detail(request.app.state.store, proposition_id, as_of=iso(as_of))
    if p is None:
        raise HTTPException(404, "no such proposition" + (f" as of {iso(as_of)}" if as_of else ""))
    return render(request, "proposition.html", p=p, as_of=iso(as_of) or "", **vocab())


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, f: Annotated[ClaimTableQuery, Depends()]):
    return _claims(request, f, None)


@router.get("/claims.{fmt}")
def claims_download(request: Request, fmt: FmtP, f: Annotated[ClaimTableQuery, Depends()]):
    return _claims(request, f, fmt)


def _claims(request: Request, f: ClaimTableQuery, fmt: str | None):
    parsed = parse_search(f.q)
    items, total = find_claims(
        request.app.state.store, f, parsed, sort=f.sort, limit=PAGE_SIZE, offset=(f.page - 1) * PAGE_SIZE
    )
    if fmt:
        return tables.download(items, tables.CLAIM_FIELDS, fmt, "claims")
    return render(
        request,
        "claims.html",
        items=items,
        pg=page_info(f.page, PAGE_SIZE, total),
        f=f.form(),
        searched=parsed.variants() if parsed else [],
        cols=tables.headers(request, tables.CLAIM_COLUMNS, f.sort),
        downloads=tables.download_links(request, "/claims"),
        **vocab(),
    )


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request):
    if not request.app.state.allow_writes:
        raise HTTPException(404, "this server is read-only (start it with --allow-writes to ingest from the browser)")
    return render(request, "ingest.html")
