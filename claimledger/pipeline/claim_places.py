"""Per-article linking of claims to places: a claim is about the places named in its content, and about the
settlement that "the city" (a place anaphor of the article's language) refers to."""

from __future__ import annotations

from claimledger.geo.resolve import antecedent_settlement, place_anaphors
from claimledger.model import Place


def link_claims_to_places(text: str, claims, places: list[Place], pack=None) -> None:
    for c in claims:
        if not c.content.span:
            continue
        cs, ce = c.content.span
        ids = [p.id for p in places if any(cs <= s < ce for s, _ in p.spans)]
        for start, noun in place_anaphors(text, cs, ce, pack):
            ante = antecedent_settlement(places, start, noun, pack)
            if ante is not None and ante.id not in ids:
                ids.append(ante.id)
        c.about_places = ids
