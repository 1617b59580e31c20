"""From one article's ledger to its *assertions*: for each event, each claim that bears on it with its stance
(``affirm``, ``deny`` or ``none``: the event's ``stances``, decided in ``extract/stance.py``), or the article's own
voice when no claim does, with the three dates kept apart: when it happened (``event_date``), when it was
claimed (``claimed_date``), when it was published.

Relaying is not affirming: a claim that affirms an event only by carrying another claim about it ("TASS reported
that the Defence Ministry said ...") is a carrier, not an origin, and makes no assertion.  An event on which no
one in the article affirms or denies anything (only "declined to comment", "if confirmed") asserts nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claimledger import vocab
from claimledger.model import ArticleLedger, Claim


@lru_cache(maxsize=1)
def _proposition_text() -> dict:
    from claimledger.data import load

    return load("proposition_text")


def proposition_kinds() -> dict[str, str]:
    """event type -> the kind of proposition it asserts (``proposition.kind`` in data/event_types.yaml)."""
    return {t: p["kind"] for t, p in vocab.event_propositions().items()}


def templates() -> dict[str, str]:
    """proposition kind -> its text template (``proposition.template`` in data/event_types.yaml)."""
    return {p["kind"]: p["template"] for p in vocab.event_propositions().values()}


def side_forces() -> dict[str, str]:
    """side -> the words for its forces (data/proposition_text.yaml)."""
    return dict(_proposition_text()["forces"])


@dataclass
class Assertion:
    article_id: str
    event_id: str
    claim_id: str  # "" when the article states it in its own voice
    kind: str
    place_key: str
    place_name: str
    lat: float | None
    lon: float | None
    side: str
    stance: str  # affirm | deny | none (recorded, not counted)
    speaker_text: str
    speaker_type: str
    speaker_side: str
    origin_key: str
    origin_label: str
    certainty: str
    event_date: str | None  # ISO day when known (year known); else None
    claimed_date: str | None
    published: str | None
    outlet: str | None
    outlet_type: str | None
    outlet_side: str | None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.place_key, self.side)

    def proposition_text(self) -> str:
        return templates()[self.kind].format(forces=side_forces().get(self.side, self.side), place=self.place_name)


def _own_voice_type(outlet_type: str | None) -> str:
    """An article stating something in its own voice: an independent outlet, agency or OSINT group reporting
    it is an independent source; any other outlet is a journalist of unknown standing."""
    return "independent" if outlet_type in ("independent", "agency", "OSINT") else "journalist"


def place_key(geonameid: int | None, name: str, katottg: str | None = None) -> str:
    """The identity of a place across articles and languages: its GeoNames id, else its KATOTTG code (a village
    GeoNames lacks), else its normalised name."""
    if geonameid:
        return f"gn:{geonameid}"
    if katottg:
        return f"kt:{katottg}"
    return "name:" + re.sub(r"\W+", " ", name.lower()).strip()


def origin_of(claim: Claim | None, outlet: str | None, article_id: str) -> tuple[str, str]:
    """Who the assertion ultimately comes from: a known person or institution is one origin whoever relays it
    (ten outlets quoting the Defence Ministry are one origin); an unnamed speaker is only the same origin
    within one outlet; the article's own voice is its outlet."""
    where = outlet or article_id
    if claim is None:
        return f"outlet:{where.lower()}", where
    sp = claim.speaker
    if sp.canonical:
        return f"actor:{sp.canonical.lower()}", sp.canonical
    text = re.sub(r"^(the|a|an|one|some)\s+", "", (sp.text or "unnamed source").lower()).strip()
    return f"speaker:{where.lower()}:{text}", f"{sp.text or 'unnamed source'} ({where})"


def _claimed_date(ledger: ArticleLedger, claim: Claim | None) -> str | None:
    """The date attached to the statement ("said on Tuesday that ..."): a full date in the claim's sentence
    outside its content; else the publication date."""
    if claim is not None and claim.content.span:
        s, e = claim.sentence
        cs, ce = claim.content.span
        for d in ledger.dates:
            if (
                d.span
                and s <= d.span[0] < e
                and not (cs <= d.span[0] < ce)
                and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.value)
            ):
                return d.value
    return ledger.article.published


def assertions_from_ledger(ledger: ArticleLedger) -> list[Assertion]:
    a = ledger.article
    places = {p.id: p for p in ledger.places}
    claims = {c.id: c for c in ledger.claims}
    kinds = proposition_kinds()
    out: list[Assertion] = []
    for ev in ledger.events:
        place = places.get(ev.place)
        if place is None or ev.type not in kinds:
            continue
        event_date = ev.date.value if ev.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", ev.date.value) else None
        stances = _stances(ev, claims)
        if not any(st in vocab.COUNTED_STANCES for _, st in stances):
            continue
        for claim, stance in stances:
            origin_key, origin_label = origin_of(claim, a.outlet, a.id)
            out.append(
                Assertion(
                    article_id=a.id,
                    event_id=ev.id,
                    claim_id=claim.id if claim else "",
                    kind=kinds[ev.type],
                    place_key=place_key(place.geonameid, place.name or place.mention, place.katottg),
                    place_name=place.name or place.mention,
                    lat=place.lat,
                    lon=place.lon,
                    side=ev.actor.side,
                    stance=stance,
                    speaker_text=claim.speaker.text if claim else (a.outlet or ""),
                    speaker_type=claim.speaker.type if claim else _own_voice_type(a.outlet_type),
                    speaker_side=claim.speaker.side if claim else (a.outlet_side or "unknown"),
                    origin_key=origin_key,
                    origin_label=origin_label,
                    certainty=claim.certainty if claim else "asserted",
                    event_date=event_date,
                    claimed_date=_claimed_date(ledger, claim),
                    published=a.published,
                    outlet=a.outlet,
                    outlet_type=a.outlet_type,
                    outlet_side=a.outlet_side,
                )
            )
    return out


def _stances(ev, claims: dict[str, Claim]) -> list[tuple[Claim | None, str]]:
    """(claim or None for the own voice, stance) of each origin-bearing word on the event: carriers left out."""
    if not ev.stances:  # a ledger written before stances: denial by ``denied_by``, else affirmation
        sources = [claims[i] for i in ev.claims if i in claims] or [None]
        return [(c, "deny" if c is not None and c.id in ev.denied_by else "affirm") for c in sources]
    out = []
    bearing = [claims[s.claim] for s in ev.stances if s.claim in claims]
    for s in ev.stances:
        claim = claims.get(s.claim) if s.claim else None
        if s.claim and claim is None:
            continue
        if claim is not None and s.stance == "affirm" and _carries(claim, bearing):
            continue
        out.append((claim, s.stance))
    return out


def _carries(claim: Claim, bearing: list[Claim]) -> bool:
    """Does ``claim`` only relay another claim on the same event (whose cue lies inside its content)?"""
    if not claim.content.span:
        return False
    lo, hi = claim.content.span
    return any(o.id != claim.id and o.cue.span and lo <= o.cue.span[0] < hi for o in bearing)
