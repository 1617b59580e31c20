"""Dated area snapshots (DeepStateMap's occupied territory: a folder of GeoJSON files, one per date) and
point-in-polygon tests, in pure Python.

A snapshot's date comes from the first ``YYYYMMDD`` or ``YYYY-MM-DD`` in its file name (as in
``deepstatemap_data_20250102.geojson``).  Coordinates are GeoJSON's (longitude, latitude); a polygon's later
rings are holes (the even-odd rule over all its rings handles them).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from claimledger.errors import InputError

_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


@dataclass
class Area:
    """A (multi)polygon: a list of polygons, each a list of rings, each a list of (lon, lat)."""

    polygons: list[list[list[tuple[float, float]]]]
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat

    def contains(self, lat: float, lon: float) -> bool:
        x0, y0, x1, y1 = self.bbox
        if not (x0 <= lon <= x1 and y0 <= lat <= y1):
            return False
        return any(_in_rings(rings, lon, lat) for rings in self.polygons)


@dataclass
class Snapshot:
    date: str  # YYYY-MM-DD
    path: str
    area: Area


def _in_rings(rings, x: float, y: float) -> bool:
    inside = False
    for ring in rings:
        n = len(ring)
        j = n - 1
        for i in range(n):
            xi, yi = ring[i]
            xj, yj = ring[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
    return inside


def area_from_geojson(data: dict) -> Area:
    """Every Polygon / MultiPolygon of a FeatureCollection, Feature or bare geometry, as one area."""
    polygons: list = []

    def geometry(g):
        if not g:
            return
        if g.get("type") == "Polygon":
            polygons.append([[(float(p[0]), float(p[1])) for p in ring] for ring in g["coordinates"]])
        elif g.get("type") == "MultiPolygon":
            for poly in g["coordinates"]:
                polygons.append([[(float(p[0]), float(p[1])) for p in ring] for ring in poly])
        elif g.get("type") == "GeometryCollection":
            for sub in g.get("geometries", []):
                geometry(sub)

    kind = data.get("type")
    if kind == "FeatureCollection":
        for f in data.get("features") or []:
            geometry(f.get("geometry"))
    elif kind == "Feature":
        geometry(data.get("geometry"))
    else:
        geometry(data)
    points = [p for poly in polygons for ring in poly for p in ring]
    if not points:
        return Area([], (0.0, 0.0, -1.0, -1.0))
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Area(polygons, (min(xs), min(ys), max(xs), max(ys)))


def read_snapshots(folder: str) -> list[Snapshot]:
    """The dated GeoJSON snapshots of ``folder``, oldest first.  A clear error for a missing folder, a folder
    with no dated ``*.geojson`` / ``*.json`` file, or a file that is not GeoJSON."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{folder}: not a folder of dated GeoJSON snapshots")
    out = []
    for path in sorted(p for p in root.iterdir() if p.suffix.lower() in (".geojson", ".json")):
        m = _DATE.search(path.name)
        if not m:
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            area = area_from_geojson(data)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError, TypeError, ValueError, KeyError):
            raise InputError(f"{path}: not a readable GeoJSON file") from None
        out.append(Snapshot(f"{m.group(1)}-{m.group(2)}-{m.group(3)}", str(path), area))
    if not out:
        raise InputError(f"{folder}: no dated GeoJSON snapshot (file names need a YYYYMMDD date)")
    return sorted(out, key=lambda s: s.date)
