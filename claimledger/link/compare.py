"""Compare the ledger's control timelines with a reference table of who held each settlement (the format of
the Wikipedia-derived 'control of cities' list: Name, Held by, As of, Lat, Lon)."""

from __future__ import annotations

import csv
import re
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
MATCH_KM = 5.0  # a reference row and a ledger place this close, with the same name, are the same settlement


@dataclass
class ReferenceRow:
    name: str
    held_by: str  # RU | UA | contested
    as_of: str | None
    lat: float | None
    lon: float | None


def read_reference(path: str) -> list[ReferenceRow]:
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = {"Name", "Held by"} - set(reader.fieldnames or [])
            if missing:
                raise InputError(f"{path}: not a control table (missing column(s) {', '.join(sorted(missing))})")
            rows = []
            for r in reader:
                held = HELD_BY.get((r.get("Held by") or "").strip().lower())
                if held is None:
                    continue
                rows.append(
                    ReferenceRow(
                        r["Name"].strip(), held, _date(r.get("As of")), _float(r.get("Lat")), _float(r.get("Lon"))
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


def compare(reference: list[ReferenceRow], ledger_places: list[dict], timeline_of) -> list[dict]:
    """``ledger_places``: [{place_key, name, lat, lon}]; ``timeline_of(place_key)`` -> its control timeline."""
    out = []
    for ref in reference:
        place = _match(ref, ledger_places)
        if place is None:
            continue
        holder, row = ledger_holder(timeline_of(place["place_key"]), ref.as_of)
        if holder is None:
            continue
        out.append(
            {
                "settlement": ref.name,
                "reference": ref.held_by,
                "reference_as_of": ref.as_of,
                "ledger": holder,
                "ledger_date": row.date,
                "ledger_status": row.status,
                "ledger_proposition": row.text,
                "agrees": holder == ref.held_by,
            }
        )
    return out


def _match(ref: ReferenceRow, places: list[dict]) -> dict | None:
    key = _norm(ref.name)
    for p in places:
        if _norm(p["name"]) != key:
            continue
        if ref.lat is None or p["lat"] is None or _km(ref.lat, ref.lon, p["lat"], p["lon"]) <= MATCH_KM:
            return p
    return None


def _norm(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower().replace("’", "").replace("'", ""))


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
