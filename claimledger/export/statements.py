"""Statements across sources in the exports (issue 15): each statement with its origin, counts, drift and
laundering flag, and its members (carriers) in date order.

- JSON Lines: ``export_statements`` writes one statement (the ``/api/statements/{id}`` object) per line; the
  ledger export (``formats.export_jsonl``) appends the same objects as ``{"statement": …}`` lines.
- CSV: ``export_statements_csv`` writes one row per member, with its statement's columns repeated (tidy: a
  spreadsheet or pandas groups by ``statement_id``).
- Parquet: ``statement_tables`` gives the rows of a ``statements`` and a ``statement_members`` table, partitioned
  by the month first seen / published like the other tables."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from claimledger.model.ledger import Statement
from claimledger.store import LedgerStore
from claimledger.store.statements import iter_statements

STATEMENT_FIELDS = [
    "statement_id",
    "statement_text",
    "statement_language",
    "proposition_id",
    "first_seen",
    "origin_speaker",
    "origin_key",
    "origin_type",
    "origin_side",
    "origin_article_id",
    "origin_article_url",
    "origin_outlet",
    "origin_published",
    "n_articles",
    "n_origins",
    "laundered",
    "drift",
]
MEMBER_FIELDS = [
    "article_id",
    "claim_id",
    "article_url",
    "title",
    "outlet",
    "published",
    "language",
    "speaker",
    "speaker_type",
    "speaker_side",
    "origin_key",
    "via",
    "voice",
    "certainty",
    "level",
    "score",
    "duplicate_of",
    "text",
]
CSV_FIELDS = STATEMENT_FIELDS + ["member_" + f if f in ("text", "origin_key") else f for f in MEMBER_FIELDS]


def statement_records(store: LedgerStore) -> Iterator[dict]:
    """Every statement with its members (the JSON object of the API), oldest first seen first."""
    for st in iter_statements(store):
        yield st.model_dump()


def export_statements(store: LedgerStore, out: IO[str]) -> int:
    n = 0
    for rec in statement_records(store):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def statement_row(st: Statement) -> dict[str, Any]:
    """The statement's own columns (flat: the origin's fields prefixed, the drift as its levels joined by '>')."""
    o = st.origin
    return {
        "statement_id": st.id,
        "statement_text": st.text,
        "statement_language": st.language,
        "proposition_id": st.proposition_id,
        "first_seen": st.first_seen,
        "origin_speaker": o.speaker,
        "origin_key": o.key,
        "origin_type": o.type,
        "origin_side": o.side,
        "origin_article_id": o.article_id,
        "origin_article_url": o.article_url,
        "origin_outlet": o.outlet,
        "origin_published": o.published,
        "n_articles": st.n_articles,
        "n_origins": st.n_origins,
        "laundered": st.laundered,
        "drift": " > ".join(d.level for d in st.drift),
    }


def member_rows(st: Statement) -> Iterator[dict[str, Any]]:
    for m in st.members:
        d = m.model_dump()
        row = {("member_" + f if f in ("text", "origin_key") else f): d[f] for f in MEMBER_FIELDS}
        row["via"] = "; ".join(m.via)
        yield row


def export_statements_csv(store: LedgerStore, out: IO[str]) -> int:
    """One row per member (carrier) of each statement, the statement's columns first; returns the statements."""
    w = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    w.writeheader()
    n = 0
    for st in iter_statements(store):
        head = statement_row(st)
        for row in member_rows(st):
            w.writerow({**head, **row})
        n += 1
    return n


def statement_tables(store: LedgerStore, partition_column: str, month_of) -> dict[str, list[dict]]:
    """Rows of the Parquet tables ``statements`` (one per statement; the drift as a JSON list) and
    ``statement_members`` (one per member, with its ``statement_id``)."""
    statements: list[dict] = []
    members: list[dict] = []
    for st in iter_statements(store):
        row = statement_row(st)
        row["drift"] = json.dumps([d.model_dump() for d in st.drift], ensure_ascii=False)
        row[partition_column] = month_of(st.first_seen)
        statements.append(row)
        for m in member_rows(st):
            members.append({"statement_id": st.id, **m, partition_column: month_of(m["published"])})
    return {"statements": statements, "statement_members": members}
