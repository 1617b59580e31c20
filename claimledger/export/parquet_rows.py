"""Rows of the Parquet tables (the Spark job's output, and ``claimledger export --format parquet``), built from
the JSON contract.  Plain Python (no pyspark), so the same code is used by the Spark executors (through
``claimledger.spark.rows``), by the Parquet export, by ``claimledger load`` and by the tests.

Tables (one row per item; spans as ``*_start``/``*_end`` columns, [start, end) offsets into the article text):

- ``articles``: one row per distinct article text, with the full ledger JSON (``ledger_json``, the contract of
  ``docs/output.md`` including the text), where it was first read (``origin``, ``input_index``, ``input_offset``),
  and the other places the same text was read from (``copies``);
- ``claims``, ``events``, ``places``, ``framing``: one row per item, keyed by ``article_id`` + the item's id;
- ``errors``: one row per input item that failed (or was skipped, e.g. a WARC record that is not HTML).

Every table but ``errors`` is partitioned by ``published_month`` (``YYYY-MM``, or ``unknown``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

UNKNOWN_MONTH = "unknown"
TABLES = ("articles", "claims", "events", "places", "framing", "errors")
PARTITION_COLUMN = "published_month"


def month_of(published: str | None) -> str:
    if published and re.match(r"^\d{4}-\d{2}", published):
        return published[:7]
    return UNKNOWN_MONTH


def _s(span) -> tuple[int | None, int | None]:
    return (span[0], span[1]) if span else (None, None)


def _spans(spans) -> list[list[int]]:
    return [[s[0], s[1]] for s in spans if s]


def article_row(
    doc: dict,
    origin: str,
    input_index: int,
    input_offset: int,
    copies: list[dict],
    pipeline_version: str,
    analyzed_at: str,
) -> dict[str, Any]:
    a = doc["article"]
    framing = doc.get("framing") or {}
    return {
        "article_id": a["id"],
        "sha256": a["sha256"],
        "title": a["title"],
        "outlet": a["outlet"],
        "url": a["url"],
        "author": a["author"],
        "published": a["published"],
        "language": a["language"],
        "outlet_type": a["outlet_type"],
        "outlet_side": a["outlet_side"],
        "origin": origin,
        "input_index": input_index,
        "input_offset": input_offset,
        "copies": copies,
        "n_claims": len(doc["claims"]),
        "n_events": len(doc["events"]),
        "n_places": len(doc["places"]),
        "n_narratives": len(framing.get("narratives", [])),
        "n_techniques": len(framing.get("techniques", [])),
        "words": len((a.get("text") or "").split()),
        "pipeline_version": pipeline_version,
        "analyzed_at": analyzed_at,
        "ledger_json": json.dumps(doc, ensure_ascii=False),
        PARTITION_COLUMN: month_of(a["published"]),
    }


def claim_rows(doc: dict) -> Iterator[dict[str, Any]]:
    a = doc["article"]
    for c in doc["claims"]:
        sp, cue, content = c["speaker"], c["cue"], c["content"]
        yield {
            "article_id": a["id"],
            "claim_id": c["id"],
            **dict(zip(("sentence_start", "sentence_end"), _s(c["sentence"]))),
            "speaker_text": sp["text"],
            **dict(zip(("speaker_start", "speaker_end"), _s(sp["span"]))),
            "speaker_type": sp["type"],
            "speaker_side": sp["side"],
            "speaker_canonical": sp.get("canonical"),
            "cue_text": cue["text"],
            **dict(zip(("cue_start", "cue_end"), _s(cue["span"]))),
            "content_text": content["text"],
            **dict(zip(("content_start", "content_end"), _s(content["span"]))),
            "certainty": c["certainty"],
            "disputed_by": list(c["disputed_by"]),
            "disputes": list(c["disputes"]),
            "about_places": list(c["about_places"]),
            "pattern": c["pattern"],
            "certainty_evidence": _spans(c["certainty_evidence"]),
            "published": a["published"],
            PARTITION_COLUMN: month_of(a["published"]),
        }


def event_rows(doc: dict) -> Iterator[dict[str, Any]]:
    a = doc["article"]
    places = {p["id"]: p for p in doc["places"]}
    for e in doc["events"]:
        place = places.get(e["place"]) or {}
        date = e["date"] or {}
        trigger = e["trigger"] or {}
        yield {
            "article_id": a["id"],
            "event_id": e["id"],
            "type": e["type"],
            "actor_text": e["actor"]["text"],
            "actor_side": e["actor"]["side"],
            "place_id": e["place"],
            "place_name": place.get("name") or place.get("mention"),
            "place_geonameid": place.get("geonameid"),
            "date_value": date.get("value"),
            "date_precision": date.get("precision"),
            "date_text": date.get("text"),
            **dict(zip(("date_start", "date_end"), _s(date.get("span")))),
            "claims": list(e["claims"]),
            "denied_by": list(e["denied_by"]),
            "status": e["status"],
            "trigger_text": trigger.get("text"),
            **dict(zip(("trigger_start", "trigger_end"), _s(trigger.get("span")))),
            **dict(zip(("sentence_start", "sentence_end"), _s(e["sentence"]))),
            "published": a["published"],
            PARTITION_COLUMN: month_of(a["published"]),
        }


def place_rows(doc: dict) -> Iterator[dict[str, Any]]:
    a = doc["article"]
    for p in doc["places"]:
        yield {
            "article_id": a["id"],
            "place_id": p["id"],
            "mention": p["mention"],
            "spans": _spans(p["spans"]),
            "geonameid": p["geonameid"],
            "name": p["name"],
            "kind": p["kind"],
            "country": p["country"],
            "admin1": p["admin1"],
            "lat": p["lat"],
            "lon": p["lon"],
            "resolved": p["resolved"],
            "population": p["population"],
            "published": a["published"],
            PARTITION_COLUMN: month_of(a["published"]),
        }


def framing_rows(doc: dict) -> Iterator[dict[str, Any]]:
    a = doc["article"]
    framing = doc.get("framing") or {}
    for n in framing.get("narratives", []):
        sp = n["speaker"] or {}
        yield {
            "article_id": a["id"],
            "kind": "narrative",
            "name": n["narrative"],
            "label": n["label"],
            "score": float(n["score"]),
            **dict(zip(("start", "end"), _s(n["span"]))),
            "text": n["text"],
            "voice": n["voice"],
            "claim_id": n["claim"],
            "method": n["method"],
            "speaker_text": sp.get("text"),
            "speaker_type": sp.get("type"),
            "speaker_side": sp.get("side"),
            "published": a["published"],
            PARTITION_COLUMN: month_of(a["published"]),
        }
    for t in framing.get("techniques", []):
        yield {
            "article_id": a["id"],
            "kind": "technique",
            "name": t["technique"],
            "label": t["technique"],
            "score": float(t["score"]),
            **dict(zip(("start", "end"), _s(t["span"]))),
            "text": t["text"],
            "voice": t["voice"],
            "claim_id": t["claim"],
            "method": None,
            "speaker_text": None,
            "speaker_type": None,
            "speaker_side": None,
            "published": a["published"],
            PARTITION_COLUMN: month_of(a["published"]),
        }


CHILD_ROWS = {"claims": claim_rows, "events": event_rows, "places": place_rows, "framing": framing_rows}


def error_row(
    origin: str,
    input_uri: str | None,
    input_index: int | None,
    input_offset: int | None,
    kind: str,
    stage: str,
    message: str,
) -> dict[str, Any]:
    """``kind``: failed | skipped; ``stage``: read (the input itself) | prepare (text, outlet, language) | analyze."""
    return {
        "origin": origin,
        "input": input_uri,
        "input_index": input_index,
        "input_offset": input_offset,
        "kind": kind,
        "stage": stage,
        "message": message,
    }
