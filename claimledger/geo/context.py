"""What a name's own phrase and spelling tell the resolver about which of its homonyms is meant.

- **Containment**: "Ivanivka in Ukraine's Dnipropetrovsk region", "Petropavlovka in the Kharkov Region": a
  settlement followed by a region (or country) it lies in is looked for inside that region only (the words
  between the two names are the language pack's ``contained_in`` pattern, ``lang/<code>/places.yaml``).
- **Same name**: a candidate whose main name is a spelling of the mention (Andriivka = Andriyivka, folded as
  the alias index folds romanisations) is preferred to one that only lists the mention among its alternate
  names (Sukhanivka, once called Andriivka): a village is reported under the name it has now.
"""

from __future__ import annotations

import re
from functools import cache

from claimledger.geo.aliases import fold
from claimledger.geo.gazetteer import Candidate

# how much a candidate named like the mention gains over one matched by an alternate name only (the
# resolver's prior gives 1.5 to a main-name match; a spelling of the main name is nearly as good)
SAME_NAME_BONUS = 1.2
# how many following names may stand between a settlement and its containing region ("in Ukraine's Donetsk
# region": Ukraine, then Donetsk region)
_REACH = 2


# a settlement this small, 400 km or more from each of at least two other settlements the article names, loses
# REMOTE_PENALTY: a village homonym at the other end of the country (Serednye in Zakarpattia among Lyman-front
# villages); towns and cities are reported from afar and keep their score
REMOTE_POPULATION = 20000
REMOTE_PENALTY = 1.5


def remote_penalty(c: Candidate, settlements: int, within_reach: bool) -> float:
    """The penalty of a candidate village that lies far from all of the ``settlements`` others."""
    if c.kind != "settlement" or settlements < 2 or within_reach or c.population >= REMOTE_POPULATION:
        return 0.0
    return REMOTE_PENALTY


@cache
def _contained_rx(pack) -> re.Pattern | None:
    rx = pack.words("places").get("contained_in")
    return re.compile(rx) if rx else None


@cache
def _fold(name: str) -> str:
    return fold(name)


def same_name_bonus(mention: str | None, c: Candidate) -> float:
    """A bonus for a candidate matched through an alternate name whose main name is still a spelling of the
    mention (the prior already rewards a main-name match)."""
    if not mention or c.primary or c.kind != "settlement" or c.geonameid is None:
        return 0.0
    return SAME_NAME_BONUS if _fold(c.name) == _fold(mention) else 0.0


def contained(text: str, by_name: dict, cands: dict[str, list[Candidate]], pack) -> dict[str, list[Candidate]]:
    """``cands`` with each settlement name that is followed by "in <region>" kept to its candidates inside that
    region (or country); a name with no candidate inside keeps them all."""
    rx = _contained_rx(pack)
    if rx is None:
        return cands
    order = sorted((m.span, key) for key, ms in by_name.items() for m in ms)
    out = dict(cands)
    for i, (span, key) in enumerate(order):
        if len(out.get(key, ())) < 2:
            continue
        containers = [
            q
            for nspan, nkey in order[i + 1 : i + 1 + _REACH]
            if nkey != key and rx.fullmatch(text, span[1], nspan[0])
            for q in cands.get(nkey, ())
        ]
        inside = _inside(out[key], containers)
        if inside:
            out[key] = inside
    return out


def _inside(cands: list[Candidate], containers) -> list[Candidate]:
    """The settlements of ``cands`` inside one of ``containers`` (a region first, else a country)."""
    for kind in ("region", "country"):
        for q in containers:
            if q.kind != kind or not q.country:
                continue
            if kind == "region" and not q.admin1:
                continue
            inside = [
                c
                for c in cands
                if c.kind == "settlement" and c.country == q.country and (kind == "country" or c.admin1 == q.admin1)
            ]
            if inside:
                return inside
    return []
