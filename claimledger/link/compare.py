"""Compare the ledger's control timelines with real references:

- a table of who held each settlement (the format of the Wikipedia-derived 'control of cities' list: Name,
  Held by, As of, Lat, Lon; an optional ``geonameid`` column);
- dated occupied-area snapshots (DeepStateMap: a folder of GeoJSON polygons, one per date): a settlement
  whose point lies inside the area on a date was Russian-held on that date by that reference, else Ukrainian.

A reference row is matched to a ledger place by GeoNames id, else by distance (the nearest ledger place within
``MATCH_KM``), never by name: Kostiantynivka, Konstantinovka and Костянтинівка are one place, two villages
called Novoselivka are not.  Every reference row that is not compared says why.  The ledger's side is its
status as of the reference's date (``ledger_holder``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime

from claimledger.errors import InputError
from claimledger.geo.distance import km as _km
from claimledger.model import TimelineEntry

HELD_BY = {
    "russia": "RU",
    "ukraine": "UA",
    "contested": "contested",
    "gray zone": "contested",
    "grey zone": "contested",
}
MATCH_KM = 5.0  # a reference settlement and a ledger place this close are the same settlement
_ID_COLUMNS = ("geonameid", "GeoNames id", "geonames_id")


@dataclass
class ReferenceRow:
    name: str
    held_by: str  # RU | UA | contested
    as_of: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None


def read_reference(path: str) -> list[ReferenceRow]:
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = {"Name", "Held by"} - set(reader.fieldnames or [])
            if missing:
                raise InputError(f"{path}: not a control table (missing column(s) {', '.join(sorted(missing))})")
            id_col = next((c for c in _ID_COLUMNS if c in (reader.fieldnames or [])), None)
            rows = []
            for r in reader:
                held = HELD_BY.get((r.get("Held by") or "").strip().lower())
                if held is None:
                    continue
                gid = _float(r.get(id_col)) if id_col else None
                rows.append(
                    ReferenceRow(
                        r["Name"].strip(),
                        held,
                        _date(r.get("As of")),
                        _float(r.get("Lat")),
                        _float(r.get("Lon")),
                        int(gid) if gid else None,
                    )
                )
            return rows
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a readable CSV ({exc})") from None


def ledger_holder(timeline: list[TimelineEntry], as_of: str | None) -> tuple[str | None, TimelineEntry | None]:
    """Who the ledger says holds the place on ``as_of``: the latest control proposition dated on or before it
    that is not merely denied; disputed ones make the answer 'contested'."""
    rows = [
        r
        for r in timeline
        if r.kind == "control" and r.status != "denied" and r.date and (as_of is None or r.date <= as_of)
    ]
    if not rows:
        return None, None
    last = rows[-1]
    return ("contested" if last.status == "disputed" else last.side), last


def match_place(ref: ReferenceRow, places: list[dict]) -> tuple[dict | None, str]:
    """(the ledger place, how it matched: "geonameid" / "N.N km") or (None, why not)."""
    if ref.geonameid:
        key = f"gn:{ref.geonameid}"
        hit = next((p for p in places if p["place_key"] == key), None)
        if hit is not None:
            return hit, "geonameid"
    if ref.lat is None or ref.lon is None:
        if ref.geonameid:
            return None, f"GeoNames id {ref.geonameid} is not in the ledger and the row has no coordinates"
        return None, "the reference row has neither a GeoNames id nor coordinates"
    best, best_km = None, None
    for p in places:
        if p.get("lat") is None or p.get("lon") is None:
            continue
        d = _km(ref.lat, ref.lon, p["lat"], p["lon"])
        if best_km is None or d < best_km:
            best, best_km = p, d
    if best is None:
        return None, "no ledger place has coordinates"
    if best_km > MATCH_KM:
        return None, f"no ledger place within {MATCH_KM:g} km (nearest: {best['name']}, {best_km:.0f} km)"
    return best, f"{best_km:.1f} km"


def compare_reference(reference: list[ReferenceRow], ledger_places: list[dict], timeline_of) -> dict:
    """``ledger_places``: [{place_key, name, lat, lon}]; ``timeline_of(place_key, as_of)`` -> its control
    timeline as of that day.  {"compared": [...], "skipped": [{settlement, as_of, reason}]}."""
    compared, skipped = [], []
    for ref in reference:
        place, how = match_place(ref, ledger_places)
        if place is None:
            skipped.append({"settlement": ref.name, "as_of": ref.as_of, "reason": how})
            continue
        holder, row = ledger_holder(timeline_of(place["place_key"], ref.as_of), ref.as_of)
        if holder is None:
            when = f" by {ref.as_of}" if ref.as_of else ""
            reason = f"the ledger has no dated control claim about {place['name']}{when}"
            skipped.append({"settlement": ref.name, "as_of": ref.as_of, "reason": reason})
            continue
        compared.append(
            {
                "settlement": ref.name,
                "place_key": place["place_key"],
                "ledger_place": place["name"],
                "matched_by": how,
                "reference": ref.held_by,
                "reference_as_of": ref.as_of,
                **_ledger_side(holder, row),
                "agrees": holder == ref.held_by,
            }
        )
    return {"compared": compared, "skipped": skipped}


def compare(reference: list[ReferenceRow], ledger_places: list[dict], timeline_of) -> list[dict]:
    """The compared rows of :func:`compare_reference` (``timeline_of(place_key)`` with one argument)."""
    return compare_reference(reference, ledger_places, lambda key, _as_of: timeline_of(key))["compared"]


def compare_snapshots(snapshots, ledger_places: list[dict], timeline_of) -> dict:
    """Per ledger settlement and snapshot date: inside the occupied area (RU) or not (UA), against the
    ledger's status as of that date.  Places without a GeoNames id are skipped (their point may be a
    hromada's centre, too rough for a polygon test), as are dates the ledger says nothing about by then."""
    compared, skipped = [], []
    for place in ledger_places:
        name = place["name"]
        if not str(place["place_key"]).startswith("gn:"):
            skipped.append({"settlement": name, "reason": "no GeoNames id: its point is approximate or unknown"})
            continue
        if place.get("lat") is None or place.get("lon") is None:
            skipped.append({"settlement": name, "reason": "no coordinates"})
            continue
        silent = []
        for snap in snapshots:
            holder, row = ledger_holder(timeline_of(place["place_key"], snap.date), snap.date)
            if holder is None:
                silent.append(snap.date)
                continue
            inside = snap.area.contains(place["lat"], place["lon"])
            ref = "RU" if inside else "UA"
            compared.append(
                {
                    "settlement": name,
                    "place_key": place["place_key"],
                    "date": snap.date,
                    "reference": ref,
                    "in_occupied_area": inside,
                    **_ledger_side(holder, row),
                    "agrees": holder == ref,
                }
            )
        if silent:
            skipped.append(
                {
                    "settlement": name,
                    "reason": f"no dated control claim by {len(silent)} snapshot date(s)",
                    "dates": silent,
                }
            )
    return {"snapshots": [s.date for s in snapshots], "compared": compared, "skipped": skipped}


def _ledger_side(holder: str, row: TimelineEntry) -> dict:
    return {
        "ledger": holder,
        "ledger_date": row.date,
        "ledger_status": row.status,
        "ledger_proposition": row.text,
        "evidence": {
            "status_reason": row.status_reason,
            "affirmed_by": [o.origin for o in row.affirmed_by],
            "denied_by": [o.origin for o in row.denied_by],
            "articles": row.n_articles,
        },
    }


def _date(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    for fmt in ("%d %b %Y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None
