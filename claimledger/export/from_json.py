"""The JSON contract -> ArticleLedger: the exact inverse of ``ledger_to_dict`` (``claimledger.model.contract``).

``ledger_to_dict(ledger_from_dict(d)) == d`` for every ``d`` that ``ledger_to_dict`` produced (tested on
analysed articles).  Used to rebuild ledgers that were analysed elsewhere (the Spark job's Parquet output)
so that ``claimledger.link.save_ledgers`` can store and link them exactly as after a local analysis.

What the contract does not carry stays at its default: ``ArticleLedger.sentences`` (empty),
``Article.source_path`` (None, or what the caller passes), ``Actor.span`` and the span/canonical name of a
narrative's speaker.  Nothing downstream of the store reads them.
"""

from __future__ import annotations

from typing import Any

from claimledger.model import (
    Actor,
    Article,
    ArticleLedger,
    Claim,
    DateValue,
    Entity,
    Event,
    Framing,
    NarrativeHit,
    Place,
    Speaker,
    TechniqueHit,
    TextSpan,
)


def _span(value: Any):
    return (value[0], value[1]) if value is not None else None


def _date(d: dict | None) -> DateValue | None:
    if d is None:
        return None
    return DateValue(value=d["value"], precision=d["precision"], text=d["text"], span=_span(d["span"]))


def _text_span(d: dict | None) -> TextSpan | None:
    return None if d is None else TextSpan(text=d["text"], span=_span(d["span"]))


def article_from_dict(a: dict, text: str | None = None, source_path: str | None = None) -> Article:
    article = Article(
        text=a.get("text", text if text is not None else ""),
        sha256=a["sha256"],
        title=a.get("title"),
        outlet=a.get("outlet"),
        url=a.get("url"),
        author=a.get("author"),
        published=a.get("published"),
        language=a.get("language"),
        source_path=source_path,
        outlet_type=a.get("outlet_type"),
        outlet_side=a.get("outlet_side"),
        pipeline_version=a.get("pipeline_version"),
        knowledge=dict(a.get("knowledge") or {}),
    )
    if a.get("id") is not None and a["id"] != article.id:
        raise ValueError(f"article id {a['id']!r} does not match its sha256 ({article.id})")
    return article


def ledger_from_dict(doc: dict, text: str | None = None, source_path: str | None = None) -> ArticleLedger:
    """Rebuild the ledger of one article from its JSON contract.

    ``text`` supplies the article text when the document was written without it (``include_text=False``);
    ``source_path`` is where the article was read from (not part of the contract)."""
    places = [
        Place(
            id=p["id"],
            mention=p["mention"],
            spans=[_span(s) for s in p["spans"]],
            geonameid=p["geonameid"],
            name=p["name"],
            kind=p["kind"],
            country=p["country"],
            admin1=p["admin1"],
            lat=p["lat"],
            lon=p["lon"],
            resolved=p["resolved"],
            population=p["population"],
        )
        for p in doc["places"]
    ]
    claims = [
        Claim(
            id=c["id"],
            sentence=_span(c["sentence"]),
            speaker=Speaker(
                text=c["speaker"]["text"],
                span=_span(c["speaker"]["span"]),
                type=c["speaker"]["type"],
                side=c["speaker"]["side"],
                canonical=c["speaker"].get("canonical"),
            ),
            cue=_text_span(c["cue"]),
            content=_text_span(c["content"]),
            certainty=c["certainty"],
            disputed_by=list(c["disputed_by"]),
            disputes=list(c["disputes"]),
            about_places=list(c["about_places"]),
            pattern=c["pattern"],
            certainty_evidence=[_span(s) for s in c["certainty_evidence"]],
        )
        for c in doc["claims"]
    ]
    events = [
        Event(
            id=e["id"],
            type=e["type"],
            actor=Actor(text=e["actor"]["text"], side=e["actor"]["side"]),
            place=e["place"],
            date=_date(e["date"]),
            claims=list(e["claims"]),
            denied_by=list(e["denied_by"]),
            status=e["status"],
            trigger=_text_span(e["trigger"]),
            sentence=_span(e["sentence"]),
        )
        for e in doc["events"]
    ]
    framing_doc = doc.get("framing") or {"narratives": [], "techniques": []}
    framing = Framing(
        narratives=[
            NarrativeHit(
                narrative=n["narrative"],
                label=n["label"],
                score=n["score"],
                span=_span(n["span"]),
                text=n["text"],
                voice=n["voice"],
                claim=n["claim"],
                method=n["method"],
                speaker=Speaker(
                    text=n["speaker"]["text"], span=None, type=n["speaker"]["type"], side=n["speaker"]["side"]
                )
                if n["speaker"] is not None
                else None,
            )
            for n in framing_doc["narratives"]
        ],
        techniques=[
            TechniqueHit(
                technique=t["technique"],
                span=_span(t["span"]),
                text=t["text"],
                score=t["score"],
                voice=t["voice"],
                claim=t["claim"],
            )
            for t in framing_doc["techniques"]
        ],
    )
    return ArticleLedger(
        article=article_from_dict(doc["article"], text=text, source_path=source_path),
        places=places,
        claims=claims,
        events=events,
        entities=[Entity(text=e["text"], label=e["label"], span=_span(e["span"])) for e in doc["entities"]],
        dates=[_date(d) for d in doc["dates"]],
        framing=framing,
    )
