"""Exports of a stored ledger: JSON Lines (the article contract, then the statements across sources), CSV
(claims), GeoJSON (one feature per place with its propositions), ClaimReview (schema.org JSON-LD for claims),
the statements alone (JSON Lines or CSV: ``export.statements``) and Parquet tables."""

from __future__ import annotations

import csv
import json
from datetime import UTC
from typing import IO

from claimledger.export.statements import (
    export_statements,
    export_statements_csv,
    statement_records,
    statement_tables,
)
from claimledger.store import LedgerStore

CSV_FIELDS = [
    "article_id",
    "claim_id",
    "published",
    "outlet",
    "title",
    "url",
    "speaker_text",
    "speaker_type",
    "speaker_side",
    "cue_text",
    "certainty",
    "content_text",
    "content_start",
    "content_end",
    "about_places",
    "disputed_by",
]


def export_jsonl(store: LedgerStore, out: IO[str]) -> int:
    """One article ledger (the JSON contract) per line, then one line ``{"statement": …}`` per statement across
    sources (with its members; ``export.statements``), then, when reviewers corrected the ledger, one line
    ``{"audit": entry}`` per entry of the review audit log (oldest first; see ``export_audit``).  Returns the
    number of articles."""
    n = 0
    for doc in store.iter_ledgers():
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        n += 1
    for rec in statement_records(store):
        out.write(json.dumps({"statement": rec}, ensure_ascii=False) + "\n")
    for entry in audit_records(store):
        out.write(json.dumps({"audit": entry}, ensure_ascii=False) + "\n")
    return n


def audit_records(store: LedgerStore) -> list[dict]:
    """The review audit log with its provenance, oldest first: who (``user_name``), when (``at``), what
    (``action``, ``target_kind``, ``target_id``, ``field``, ``scope``, ``before``, ``after``), why (``reason``),
    and whether the correction is still ``in_effect`` (else ``reverted_by``)."""
    from claimledger.store import review

    entries = []
    offset = 0
    while True:
        page = review.audit_entries(store, limit=5000, offset=offset)
        entries += page
        offset += len(page)
        if len(page) < 5000:
            break
    if not entries:
        return []
    active, reverted = review.active_audit_ids(store), review.revert_map(store)
    for e in entries:
        e["in_effect"] = e["id"] in active
        e["reverted_by"] = reverted.get(e["id"])
    return sorted(entries, key=lambda e: e["id"])


def export_audit(store: LedgerStore, out: IO[str]) -> int:
    """The review audit log alone (corrections.jsonl): one entry per line, oldest first."""
    entries = audit_records(store)
    for e in entries:
        out.write(json.dumps(e, ensure_ascii=False) + "\n")
    return len(entries)


def export_csv(store: LedgerStore, out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    w.writeheader()
    n = 0
    for doc in store.iter_ledgers():
        a = doc["article"]
        for c in doc["claims"]:
            w.writerow(
                {
                    "article_id": a["id"],
                    "claim_id": c["id"],
                    "published": a["published"],
                    "outlet": a["outlet"],
                    "title": a["title"],
                    "url": a["url"],
                    "speaker_text": c["speaker"]["text"],
                    "speaker_type": c["speaker"]["type"],
                    "speaker_side": c["speaker"]["side"],
                    "cue_text": c["cue"]["text"],
                    "certainty": c["certainty"],
                    "content_text": c["content"]["text"],
                    "content_start": (c["content"]["span"] or [None, None])[0],
                    "content_end": (c["content"]["span"] or [None, None])[1],
                    "about_places": " ".join(c["about_places"]),
                    "disputed_by": " ".join(c["disputed_by"]),
                }
            )
            n += 1
    return n


def export_geojson(store: LedgerStore, out: IO[str]) -> int:
    """One Point feature per place that has propositions (places without coordinates are left out)."""
    by_place: dict[str, dict] = {}
    for p in store.propositions(limit=10**9):
        if p.lat is None or p.lon is None:
            continue
        f = by_place.setdefault(
            p.place_key,
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {"place": p.place_name, "place_key": p.place_key, "propositions": []},
            },
        )
        f["properties"]["propositions"].append(
            {
                "id": p.id,
                "text": p.text,
                "kind": p.kind,
                "side": p.side,
                "status": p.status,
                "status_reason": p.status_reason,
                "date": p.date_min,
                "first_claimed": p.first_claimed,
                "origins": p.n_origins,
                "articles": p.n_articles,
            }
        )
    json.dump({"type": "FeatureCollection", "features": list(by_place.values())}, out, ensure_ascii=False, indent=1)
    return len(by_place)


CLAIMREVIEW_RATING = {  # our certainty -> a review of how firmly the claim stands, not of its truth
    "asserted": "Asserted by its source",
    "reported": "Reported, not verified",
    "hedged": "Hedged by its source",
    "unverified": "Unverified",
    "disputed": "Disputed",
    "denied": "Denied",
}


def export_claimreview(store: LedgerStore, out: IO[str]) -> int:
    """schema.org ClaimReview JSON-LD.  The 'review' is claimledger's record of the claim's standing in the
    text (certainty, disputes), not a truth rating: ``reviewRating`` has no numeric value on purpose."""
    items = []
    for doc in store.iter_ledgers():
        a = doc["article"]
        for c in doc["claims"]:
            items.append(
                {
                    "@context": "https://schema.org",
                    "@type": "ClaimReview",
                    "claimReviewed": c["content"]["text"],
                    "itemReviewed": {
                        "@type": "Claim",
                        "author": {
                            "@type": "Person" if c["speaker"]["type"] != "journalist" else "Organization",
                            "name": c["speaker"]["text"] or "unnamed source",
                        },
                        "appearance": {
                            "@type": "CreativeWork",
                            "url": a["url"],
                            "headline": a["title"],
                            "datePublished": a["published"],
                            "publisher": a["outlet"],
                        },
                    },
                    "reviewRating": {"@type": "Rating", "alternateName": CLAIMREVIEW_RATING[c["certainty"]]},
                    "author": {"@type": "Organization", "name": "claimledger (automatic extraction)"},
                    "identifier": f"{a['id']}/{c['id']}",
                }
            )
    json.dump(items, out, ensure_ascii=False, indent=1)
    return len(items)


def export_parquet(store: LedgerStore, out_dir: str) -> int:
    """The same Parquet tables as the Spark job (articles, claims, events, places, framing; partitioned by
    published month), so ``claimledger load`` and Spark/pandas/DuckDB users read either the same way; plus the
    statements across sources (``statements``, ``statement_members``: ``export.statements``), which need the
    whole ledger and so only this export writes."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        from claimledger.errors import InputError

        raise InputError("Parquet export needs pyarrow: pip install 'claimledger[spark]'") from None
    from datetime import datetime

    from claimledger import __version__
    from claimledger.export.parquet_rows import CHILD_ROWS, PARTITION_COLUMN, article_row, error_row, month_of

    tables: dict[str, list[dict]] = {"articles": [], **{name: [] for name in CHILD_ROWS}}
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for i, doc in enumerate(store.iter_ledgers()):
        tables["articles"].append(article_row(doc, doc["article"]["id"], i, 0, [], __version__, now))
        month = month_of(doc["article"]["published"])
        for name, rows in CHILD_ROWS.items():
            for row in rows(doc):
                row.setdefault(PARTITION_COLUMN, month)
                tables[name].append(row)
    tables.update(statement_tables(store, PARTITION_COLUMN, month_of))
    for name, rows in tables.items():
        if rows:
            pq.write_to_dataset(
                pa.Table.from_pylist(rows), root_path=f"{out_dir}/{name}", partition_cols=[PARTITION_COLUMN]
            )
    # an (empty) errors table, as the Spark job writes: everything exported here was analysed
    import os

    os.makedirs(f"{out_dir}/errors", exist_ok=True)
    empty = pa.Table.from_pylist([error_row("", None, 0, 0, "failed", "read", "")]).slice(0, 0)
    pq.write_table(empty, f"{out_dir}/errors/part-00000.parquet")
    for name in [*tables, "errors"]:  # Hadoop's completion marker, which `load` checks
        os.makedirs(f"{out_dir}/{name}", exist_ok=True)
        open(f"{out_dir}/{name}/_SUCCESS", "w").close()
    return len(tables["articles"])


EXPORTERS = {
    "audit": export_audit,
    "statements": export_statements,
    "statements-csv": export_statements_csv,
    "jsonl": export_jsonl,
    "csv": export_csv,
    "geojson": export_geojson,
    "claimreview": export_claimreview,
}
