"""Reference overlays on the map: dated occupied-area snapshots (DeepStateMap's GeoJSON polygons, one file per
date, from ``serve --overlay-dir DIR``) held against the ledger.

``GET /api/overlay?as_of=DAY`` picks the snapshot nearest before the day (the latest without one), returns its
polygons (simplified, for drawing) and, for every place of the ledger inside Ukraine's oblast outlines whose
latest control proposition (as of the day) says who holds it, whether the snapshot agrees — with the proposition
as the evidence.  ``GET /api/overlay/info`` tells the page what the server offers (snapshot dates, the optional
online tile layer, the ledger's first and last publication days for the date slider).

A snapshot uploaded in the browser never reaches the server: the page parses it as JSON (data only, size-limited)
and applies the same rule (``static/overlay.js``), since a read-only server takes no request bodies.

``serve --online-tiles`` wraps the app in ``OnlineTilesCSP``, which adds the tile server's origin (and nothing
else) to the Content-Security-Policy's ``img-src``; without the flag the policy is unchanged.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Request
from sqlalchemy import func, select

from claimledger.geo.polygons import Area, Snapshot, area_from_geojson
from claimledger.link import views
from claimledger.store import schema
from claimledger.web.api import COMMON_ERRORS, NOT_FOUND
from claimledger.web.params import AsOfQ, iso

router = APIRouter(prefix="/api", responses=COMMON_ERRORS)
BASEMAP = Path(__file__).parent / "static" / "basemap" / "ukraine-adm1.geojson"
DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
MAX_UPLOAD_BYTES = 16 * 1024 * 1024  # the browser refuses a bigger file before reading it
SIMPLIFY_DEGREES = 0.002  # about 150-200 m: finer than a settlement, coarse enough to draw fast
HOLDERS = ("RU", "UA")


def ledger_holder(control: dict | None) -> str | None:
    """Who the ledger says holds a place, from its latest control proposition: the side said to control it, or
    the other side when one side is said to have withdrawn.  None when the proposition is denied or its side is
    not one of the two (nothing to compare)."""
    if not control or control.get("status") == "denied" or control.get("side") not in HOLDERS:
        return None
    side = control["side"]
    if control.get("kind") == "withdrawal":
        return "UA" if side == "RU" else "RU"
    return side if control.get("kind") == "control" else None


@lru_cache(maxsize=1)
def ukraine() -> Area:
    """Ukraine's oblast outlines (the shipped base map): only places inside them are compared."""
    return area_from_geojson(json.loads(BASEMAP.read_text(encoding="utf-8")))


def compare(places: list[dict], area: Area) -> list[dict]:
    """One row per comparable place: what the ledger says, what the snapshot says (inside the area: RU-held;
    outside: not RU-held), and whether they agree."""
    out = []
    country = ukraine()
    for p in places:
        holder = ledger_holder(p.get("latest_control"))
        if holder is None or p.get("lat") is None or not country.contains(p["lat"], p["lon"]):
            continue
        inside = area.contains(p["lat"], p["lon"])
        c = p["latest_control"]
        out.append(
            {
                "place_key": p["place_key"],
                "name": p["name"],
                "lat": p["lat"],
                "lon": p["lon"],
                "ledger_holder": holder,
                "overlay_holder": "RU" if inside else "UA",
                "agree": (holder == "RU") == inside,
                "proposition": c["proposition"],
                "kind": c["kind"],
                "side": c["side"],
                "status": c["status"],
                "date": c.get("date"),
            }
        )
    return out


def _simplify(ring: list[tuple[float, float]], tol: float) -> list[list[float]]:
    """Douglas-Peucker, iterative; the ring stays closed."""
    n = len(ring)
    if n < 5:
        return [[round(x, 4), round(y, 4)] for x, y in ring]
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = ring[a], ring[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = 0.0, -1
        for i in range(a + 1, b):
            x, y = ring[i]
            d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, at = d, i
        if at >= 0 and best > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [[round(x, 4), round(y, 4)] for (x, y), k in zip(ring, keep) if k]


def simplified(area: Area, tol: float = SIMPLIFY_DEGREES) -> dict:
    """The area as a GeoJSON FeatureCollection of one MultiPolygon, simplified for drawing."""
    polys = []
    for rings in area.polygons:
        out = [r for r in (_simplify(ring, tol) for ring in rings) if len(r) >= 4]
        if out:
            polys.append(out)
    geometry = {"type": "MultiPolygon", "coordinates": polys}
    return {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": geometry}]}


def snapshot_for(snapshots: list[Snapshot], day: str | None) -> Snapshot | None:
    """The snapshot nearest before ``day`` (on it or earlier); the latest when no day is given."""
    if not snapshots:
        return None
    if day is None:
        return snapshots[-1]
    before = [s for s in snapshots if s.date <= day]
    return before[-1] if before else None


def _drawn(request: Request, snap: Snapshot) -> dict:
    cache = request.app.state._state.setdefault("overlay_drawn", {})
    if snap.path not in cache:
        cache[snap.path] = simplified(snap.area)
    return cache[snap.path]


def ledger_dates(store) -> dict:
    """The first and last publication days of the ledger's articles (the date slider's range)."""
    with store.engine.connect() as conn:
        lo, hi = conn.execute(
            select(func.min(schema.articles.c.published), func.max(schema.articles.c.published))
        ).one()
    return {"first": lo, "last": hi}


@router.get("/overlay/info", summary="What the map can show: overlay snapshot dates, online tiles, ledger dates")
def overlay_info(request: Request) -> dict:
    state = request.app.state._state
    snapshots = state.get("overlay_snapshots") or []
    return {
        "snapshots": [{"date": s.date, "name": Path(s.path).name} for s in snapshots],
        "online_tiles": state.get("online_tiles"),
        "max_upload_bytes": MAX_UPLOAD_BYTES,
        "dates": ledger_dates(request.app.state.store),
    }


@router.get(
    "/overlay",
    summary="The occupied-area snapshot nearest before a day, and the places where the ledger disagrees with it",
    responses=NOT_FOUND,
)
def overlay(request: Request, as_of: AsOfQ = None) -> dict:
    snapshots = request.app.state._state.get("overlay_snapshots")
    if not snapshots:
        raise HTTPException(404, "no overlay snapshots on this server (start it with --overlay-dir DIR)")
    day = iso(as_of)
    snap = snapshot_for(snapshots, day)
    if snap is None:
        empty = {"type": "FeatureCollection", "features": []}
        return {"as_of": day, "snapshot": None, "polygons": empty, "places": [], "disagreements": []}
    rows = compare(views.map_places(request.app.state.store, as_of=day), snap.area)
    return {
        "as_of": day,
        "snapshot": {"date": snap.date, "name": Path(snap.path).name},
        "polygons": _drawn(request, snap),
        "places": rows,
        "disagreements": [r for r in rows if not r["agree"]],
    }


def tile_origin(url: str) -> str:
    """The origin (scheme://host[:port]) of an https tile URL template; ValueError for anything else."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or any(c in url for c in " '\";\r\n\t"):
        raise ValueError("the tile URL must be https://host/…{z}/{x}/{y}…")
    if not all(k in url for k in ("{z}", "{x}", "{y}")):
        raise ValueError("the tile URL needs {z}, {x} and {y}")
    return f"https://{parts.netloc}"


class OnlineTilesCSP:
    """Adds one tile origin to the Content-Security-Policy's img-src (only when ``serve --online-tiles``)."""

    def __init__(self, app, tile_url: str):
        self.app = app
        self.origin = tile_origin(tile_url).encode()
        app.state.online_tiles = tile_url

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        origin = self.origin

        async def patched(message):
            if message["type"] == "http.response.start":
                headers = []
                for k, v in message.get("headers", []):
                    if k.lower() == b"content-security-policy":
                        v = v.replace(b"img-src 'self' data:", b"img-src 'self' data: " + origin, 1)
                    headers.append((k, v))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, patched)
