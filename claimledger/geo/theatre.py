"""Places in the theatre of the war (``data/theatre.yaml``: Ukraine and the bordering Russian regions).

In an article about the war (its language pack's ``theatre_cues`` match), a name is looked for in the theatre
first: Seversk is Siversk (Donetsk oblast), not the town in Tomsk oblast; Krasnoarmeysk is Pokrovsk, not the
town in Saratov oblast.  A settlement outside the theatre stays a candidate only when it is big (a capital,
or ``keep_population``).  Names the gazetteer lacks are looked up in the alias index (transliteration variants,
former names, KATOTTG settlements: ``claimledger.geo.aliases``), and hyphenated pairs (Pokrovsk-Myrnohrad)
are two places.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from claimledger.geo.gazetteer import Candidate, Gazetteer


@cache
def _knowledge() -> tuple[frozenset, frozenset, int]:
    from claimledger.data import load

    t = load("theatre")
    return frozenset(t["countries"]), frozenset((r["country"], r["admin1"]) for r in t["regions"]), t["keep_population"]


@cache
def _merge_below() -> int:
    from claimledger.data import load

    return load("theatre").get("merge_aliases_below", 0)


@cache
def _cues(pack) -> re.Pattern | None:
    rx = pack.words("places").get("theatre_cues")
    return re.compile(rx) if rx else None


def in_theatre(c: Candidate) -> bool:
    countries, regions, _ = _knowledge()
    return c.country in countries or (c.country, c.admin1) in regions


def war_article(text: str, pack) -> bool:
    """Is the article about the war (one of its pack's ``theatre_cues`` occurs)?"""
    rx = _cues(pack)
    return bool(rx and rx.search(text))


class TheatreLookup:
    """Candidate lists for an article about the war."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.capitals = {v for v in (getattr(gazetteer, "capitals", None) or {}).values() if v}

    def restrict(self, cands: list[Candidate]) -> list[Candidate]:
        """Drop the settlements outside the theatre when one inside it bears the name (big cities and
        capitals abroad stay)."""
        if not any(c.kind == "settlement" and in_theatre(c) for c in cands):
            return cands
        keep = _knowledge()[2]
        return [
            c
            for c in cands
            if c.kind != "settlement" or in_theatre(c) or c.population >= keep or c.name in self.capitals
        ]

    def candidates(self, name: str) -> list[Candidate]:
        """The gazetteer's candidates restricted to the theatre; when none is a theatre settlement (and the name
        is no region or country), the alias index's (folded spellings, former names, KATOTTG settlements)."""
        cands = self.restrict(self.gazetteer.candidates(name))
        if not name[:1].isupper() or len(name) < 4 or any(c.kind != "settlement" for c in cands):
            return cands
        theatre = [c for c in cands if in_theatre(c)]
        if theatre:
            # villages: their homonyms that GeoNames spells otherwise or lacks join, for the context to choose
            if max(c.population for c in theatre) >= _merge_below():
                return cands
            return cands + _homonyms(name, cands)
        extra = [a.candidate() for a in _alias_lookup(name)]
        return self.restrict(cands + extra) if extra else cands

    def annotate(self, mention: str, c: Candidate) -> Candidate:
        """A gazetteer match of a theatre settlement, told how the alias index knows the name (a former name:
        ``renamed``) and given its KATOTTG code."""
        if c.via != "gazetteer" or c.kind != "settlement" or c.geonameid is None or not in_theatre(c):
            return c
        from claimledger.geo.aliases import alias_index

        idx = alias_index()
        via = idx.via(mention, c.geonameid)
        # a main name is the gazetteer's; another spelling of it (Seversk for Siversk) an alias
        via = "renamed" if via == "renamed" else "gazetteer" if c.primary else "alias"
        return replace(c, via=via, katottg=idx.katottg_of(c.geonameid))

    def has_place(self, name: str) -> bool:
        return any(c.kind == "settlement" and in_theatre(c) for c in self.candidates(name))

    def split_pair(self, name: str) -> list[tuple[str, int]] | None:
        """ "Pokrovsk-Myrnohrad" -> [("Pokrovsk", 0), ("Myrnohrad", 9)] when the whole is no place and every part
        is one; else None."""
        if "-" not in name or self.gazetteer.candidates(name):
            return None
        parts, pos = [], 0
        for part in name.split("-"):
            if not part[:1].isupper() or not self.has_place(part):
                return None
            parts.append((part, pos))
            pos += len(part) + 1
        return parts if len(parts) > 1 else None


def _homonyms(name: str, cands: list[Candidate]) -> list[Candidate]:
    """The alias index's settlements named ``name`` (a spelling of their main name, or a KATOTTG-only village;
    never a former name) that ``cands`` lacks."""
    from claimledger.geo.aliases import fold

    key = fold(name)
    have = {c.geonameid for c in cands if c.geonameid is not None}
    # a KATOTTG-only village (no population, its hromada's point) is a weaker reading than a GeoNames one
    return [
        replace(a.candidate(), primary=a.resolved_by != "katottg")
        for a in _alias_lookup(name)
        if a.resolved_by in ("alias", "katottg")
        and fold(a.name) == key
        and (a.geonameid is None or a.geonameid not in have)
    ]


def _alias_lookup(name: str):
    from claimledger.geo.aliases import lookup

    return lookup(name, "en")
