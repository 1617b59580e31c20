"""Per-article linking of claims to places: a claim is about the places named in its content, and about the
settlement that "the city" (a place anaphor of the article's language) refers to."""

from __future__ import annotations

from bisect import bisect_left

from claimledger.geo.resolve import SettlementIndex, place_anaphors
from claimledger.model import Place


def link_claims_to_places(text: str, claims, places: list[Place], pack=None) -> None:
    # every place mention sorted by start once: a claim's places are a binary search, not a scan of all mentions
    mentions = sorted((s, n) for n, p in enumerate(places) for s, _ in p.spans)
    starts = [s for s, _ in mentions]
    settlements = SettlementIndex(places, pack)
    for c in claims:
        if not c.content.span:
            continue
        cs, ce = c.content.span
        inside = {n for _, n in mentions[bisect_left(starts, cs) : bisect_left(starts, ce)]}
        ids = [places[n].id for n in sorted(inside)]
        for start, noun in place_anaphors(text, cs, ce, pack):
            ante = settlements.antecedent(start, noun)
            if ante is not None and ante.id not in ids:
                ids.append(ante.id)
        c.about_places = ids
