"""Search with every spelling and script of a place, and place names in URLs.

``parse_search`` parses what the user typed (``claimledger.store.search``) and widens each word or phrase that
names a theatre settlement in the alias index (``claimledger.geo.aliases``) with all its other names: the
Ukrainian and Russian Cyrillic forms (with their inflected cases, from pymorphy3), their romanisations
(Ukrainian national system, BGN/PCGN) and the settlement's GeoNames and former names.  Searching ``Siversk``
thus also finds ``Seversk``, ``Сіверськ``, ``Сіверськом``, ``Северск`` and ``Северске``.

Used by the JSON API, the HTML pages and the CLI (``claims --search``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from claimledger.store.search import SearchQuery, parse

MIN_LENGTH = 4  # shorter words are not looked up as places
MAX_PLACES = 6  # places one name may stand for (the most populous first)
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
PLACE_KEY = re.compile(r"^(gn:[0-9]{1,9}|kt:UA[0-9]{17}|name:[\w ]{1,80})$")


def parse_search(text: str | None) -> SearchQuery | None:
    """The user's search with place variants (None when there is no search)."""
    if not text or not text.strip():
        return None
    return parse(text, expand=place_variants)


@lru_cache(maxsize=4096)
def place_variants(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Other spellings of ``words`` when they name a settlement of the theatre, else []."""
    surface = " ".join(words)
    if len(surface) < MIN_LENGTH or surface.isdigit():
        return []
    from claimledger.geo.aliases import lookup

    try:
        cands = lookup(surface)
    except Exception:  # noqa: BLE001 — the index or a morphology model missing: search without variants
        return []
    names: list[str] = []
    for c in cands[:MAX_PLACES]:
        target = _target_of(c)
        for name in [c.name, c.name_uk, *(_cyrillic_names().get(target, ()) if target else ())]:
            if name and name not in names and not _mixed(name):
                names.append(name)
    out: list[str] = []
    for name in names:
        for form in [name, *_forms(name)]:
            if form.lower() not in out:
                out.append(form.lower())
    return [tuple(f.split()) for f in out if f != surface.lower()]


def _mixed(name: str) -> bool:
    """A Cyrillic name with letters of both Ukrainian and Russian (Belarusian and stray alternate names)."""
    return bool(re.search(r"[іїєґ]", name, re.I) and re.search(r"[ыэёъ]", name, re.I))


def _target_of(c) -> str | None:
    from claimledger.geo.aliases import alias_index

    idx = alias_index()
    if c.geonameid is not None:
        return idx.by_geonameid.get(c.geonameid)
    return next((t for t, rec in idx.places.items() if rec[1] == c.katottg), None) if c.katottg else None


@cache
def _cyrillic_names() -> dict[str, list[str]]:
    """Target -> its Cyrillic keys in the alias index (the reverse of the index, built once)."""
    from claimledger.geo.aliases import alias_index

    out: dict[str, list[str]] = {}
    for key, entries in alias_index().cyrillic.items():
        for target, _via in entries:
            out.setdefault(target, []).append(key)
    return out


def _forms(name: str) -> list[str]:
    """Romanisations of a Cyrillic name and its inflected cases (word by word, as pymorphy3 inflects them)."""
    from claimledger.geo.aliases import cyrillic_language, is_cyrillic, romanisations

    if not is_cyrillic(name):
        return []
    out = list(romanisations(name))
    langs = [cyrillic_language(name)] if cyrillic_language(name) else ["uk", "ru"]
    for lang in langs:
        morph = _morph(lang)
        if morph is None:
            continue
        parses = []
        for w in name.split():
            p = next((p for p in morph.parse(w)[:4] if "NOUN" in p.tag or "ADJF" in p.tag), None)
            parses.append(p)
        if any(p is None for p in parses):
            continue
        for case in CASES:
            words = [p.inflect({case}) for p in parses]
            if all(words):
                out.append(" ".join(w.word for w in words))
    return out


@cache
def _morph(language: str):
    try:
        import pymorphy3

        return pymorphy3.MorphAnalyzer(lang=language)
    except Exception:  # noqa: BLE001 — no dictionary for this language: no inflected forms
        return None


# --- place names in URLs ------------------------------------------------------------------------------------
def place_choices(store, name: str) -> list[dict]:
    """Places of the ledger that ``name`` (any spelling or script, or a GeoNames id) may mean: key, name and
    number of propositions, most propositions first."""
    from claimledger.link.views import alias_keys
    from claimledger.store import queries

    keys: list[str] = list(store.find_places(name)) + alias_keys(name)
    out: list[dict] = []
    for key in dict.fromkeys(keys):
        summary = queries.place_summary(store, key) if PLACE_KEY.match(key) else None
        if summary is not None:
            out.append(summary)
    return sorted(out, key=lambda s: (-(s.get("n_propositions") or 0), s["place_key"]))


__all__ = ["parse_search", "place_variants", "place_choices", "PLACE_KEY"]
