"""ArticleLedger -> the JSON contract (one object per article).  Field names are fixed: downstream tools
rely on them.  Spans are [start, end) character offsets into ``article.text``."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Optional

from claimledger.model import ArticleLedger, DateValue, Span

SCHEMA_PATH = Path(__file__).parent / "schema" / "article-ledger.schema.json"


def _span(span: Optional[Span]):
    return [span[0], span[1]] if span else None


def _date(d: Optional[DateValue]):
    if d is None:
        return None
    return {"value": d.value, "precision": d.precision, "text": d.text, "span": _span(d.span)}


def ledger_to_dict(ledger: ArticleLedger, include_text: bool = True) -> dict:
    a = ledger.article
    out = {
        "article": {
            "id": a.id, "title": a.title, "outlet": a.outlet, "url": a.url, "published": a.published,
            "language": a.language, "sha256": a.sha256, "author": a.author,
            "outlet_type": a.outlet_type, "outlet_side": a.outlet_side,
        },
        "places": [
            {"id": p.id, "mention": p.mention, "spans": [_span(s) for s in p.spans], "geonameid": p.geonameid,
             "name": p.name, "kind": p.kind, "country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
             "resolved": p.resolved, "population": p.population}
            for p in ledger.places
        ],
        "claims": [
            {"id": c.id, "sentence": _span(c.sentence),
             "speaker": {"text": c.speaker.text, "span": _span(c.speaker.span), "type": c.speaker.type, "side": c.speaker.side,
                         "canonical": c.speaker.canonical},
             "cue": {"text": c.cue.text, "span": _span(c.cue.span)},
             "content": {"text": c.content.text, "span": _span(c.content.span)},
             "certainty": c.certainty, "disputed_by": list(c.disputed_by), "disputes": list(c.disputes),
             "about_places": list(c.about_places), "pattern": c.pattern,
             "certainty_evidence": [_span(s) for s in c.certainty_evidence]}
            for c in ledger.claims
        ],
        "events": [
            {"id": e.id, "type": e.type, "actor": {"text": e.actor.text, "side": e.actor.side}, "place": e.place,
             "date": _date(e.date), "claims": list(e.claims), "denied_by": list(e.denied_by), "status": e.status,
             "trigger": {"text": e.trigger.text, "span": _span(e.trigger.span)} if e.trigger else None,
             "sentence": _span(e.sentence)}
            for e in ledger.events
        ],
        "entities": [{"text": e.text, "label": e.label, "span": _span(e.span)} for e in ledger.entities],
        "dates": [_date(d) for d in ledger.dates],
        "framing": {
            "narratives": [
                {"narrative": n.narrative, "label": n.label, "score": round(n.score, 3), "span": _span(n.span), "text": n.text,
                 "voice": n.voice, "claim": n.claim, "method": n.method,
                 "speaker": {"text": n.speaker.text, "type": n.speaker.type, "side": n.speaker.side} if n.speaker else None}
                for n in ledger.framing.narratives
            ],
            "techniques": [
                {"technique": t.technique, "span": _span(t.span), "text": t.text, "score": round(t.score, 3), "voice": t.voice, "claim": t.claim}
                for t in ledger.framing.techniques
            ],
        },
    }
    if include_text:
        out["article"]["text"] = a.text
    return out


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(obj: dict) -> None:
    """Raise jsonschema.ValidationError if ``obj`` breaks the contract."""
    import jsonschema

    jsonschema.validate(obj, schema())
