"""``claimledger load DIR``: the Spark job's Parquet output into a ledger database (SQLite or PostgreSQL).

Reads the ``articles`` table with pyarrow (no Spark needed), rebuilds each ledger from its JSON
(``export.from_json.ledger_from_dict``) and saves it with ``link.save_ledgers`` in batches: the same code a local
ingest saves with, so duplicates, linking into propositions, timelines, exports and the web UI work as after
``claimledger ingest``.

Order: articles are saved in input order (the input file's position, then the offset inside it), as a local
ingest of the same inputs would save them, which matters for which of two near-duplicates counts and for
linking.  The job writes every file sorted by that order, so the files are merged as streams (memory: a few
rows per file), never sorted whole.

Idempotent: articles are keyed by content hash, so a second load stores nothing new.
"""

from __future__ import annotations

import heapq
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from claimledger.errors import InputError

ORDER = ("input_index", "input_offset")
COLUMNS = ("article_id", "sha256", "origin", "input_index", "input_offset", "copies", "ledger_json")
STREAM_ROWS = 64  # rows read at a time from each file


@dataclass
class LoadSummary:
    read: int = 0
    new: int = 0
    already: int = 0
    duplicate: int = 0
    copies: int = 0
    job_failed: int = 0  # items the Spark job could not analyse (its ``errors`` table)
    job_skipped: int = 0
    started: float = field(default_factory=time.time)

    @property
    def seconds(self) -> float:
        return time.time() - self.started


def _pyarrow():
    try:
        import pyarrow  # noqa: F401
        import pyarrow.dataset  # noqa: F401
        import pyarrow.fs  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise InputError("reading Parquet needs pyarrow: pip install 'claimledger[spark]'") from None
    import pyarrow

    return pyarrow


def _filesystem(directory: str):
    pa = _pyarrow()
    if "://" in directory:
        return pa.fs.FileSystem.from_uri(directory)
    return pa.fs.LocalFileSystem(), os.path.abspath(directory)


def _table_files(fs, root: str, table: str) -> list[str]:
    pa = _pyarrow()
    info = fs.get_file_info(f"{root}/{table}")
    if info.type != pa.fs.FileType.Directory:
        raise InputError(f"{root}: no '{table}' table here (is it the output folder of `claimledger spark`?)")
    if fs.get_file_info(f"{root}/{table}/_SUCCESS").type != pa.fs.FileType.File:
        raise InputError(f"{root}/{table}: the Spark job did not finish writing this table (no _SUCCESS marker)")
    selector = pa.fs.FileSelector(f"{root}/{table}", recursive=True)
    files = [
        f.path
        for f in fs.get_file_info(selector)
        if f.type == pa.fs.FileType.File
        and f.path.endswith(".parquet")
        and not os.path.basename(f.path).startswith((".", "_"))
    ]
    return sorted(files)


def _rows_of(fs, path: str) -> Iterator[dict]:
    """The rows of one file in input order: streamed when the file is sorted (as the job writes it), else read
    whole and sorted."""
    pa = _pyarrow()
    pf = pa.parquet.ParquetFile(fs.open_input_file(path))
    keys = pf.read(columns=list(ORDER)).to_pylist()
    ordered = [(k["input_index"], k["input_offset"]) for k in keys]
    if ordered == sorted(ordered):
        for batch in pf.iter_batches(batch_size=STREAM_ROWS, columns=list(COLUMNS)):
            yield from batch.to_pylist()
    else:
        table = pf.read(columns=list(COLUMNS)).sort_by([(k, "ascending") for k in ORDER])
        yield from table.to_pylist()


def iter_article_rows(directory: str) -> Iterator[dict]:
    """Every row of DIR/articles, in input order."""
    fs, root = _filesystem(directory)
    files = _table_files(fs, root, "articles")
    streams = [_rows_of(fs, f) for f in files]
    return heapq.merge(*streams, key=lambda r: (r["input_index"], r["input_offset"]))


def job_errors(directory: str) -> list[dict]:
    """The Spark job's ``errors`` table (items that failed or were skipped)."""
    pa = _pyarrow()
    fs, root = _filesystem(directory)
    rows: list[dict] = []
    for f in _table_files(fs, root, "errors"):
        rows.extend(pa.parquet.ParquetFile(fs.open_input_file(f)).read().to_pylist())
    return sorted(
        rows, key=lambda r: (r["input_index"] if r["input_index"] is not None else -1, r["input_offset"] or 0)
    )


def load(
    directory: str, store, batch_size: int = 32, on_progress: Callable[[LoadSummary], None] | None = None
) -> LoadSummary:
    """Save every article of the Spark output under ``directory`` into ``store`` (a ``LedgerStore``)."""
    from claimledger.export.from_json import ledger_from_dict
    from claimledger.link import save_ledgers

    summary = LoadSummary()
    errors = job_errors(directory)
    summary.job_failed = sum(1 for e in errors if e["kind"] == "failed")
    summary.job_skipped = sum(1 for e in errors if e["kind"] == "skipped")
    batch: list[tuple] = []

    def flush() -> None:
        if not batch:
            return
        results = save_ledgers(store, [b[0] for b in batch], [b[1] for b in batch])
        for r in results:
            setattr(summary, r.outcome, getattr(summary, r.outcome) + 1)
        for ledger, _, copies in batch:
            for c in copies or []:
                # the same text read elsewhere: recorded as a copy of the stored article, as a local ingest does
                store.seen(ledger.article.sha256, c["origin"], c["url"], c["outlet"])
                summary.copies += 1
        batch.clear()
        if on_progress:
            on_progress(summary)

    for row in iter_article_rows(directory):
        summary.read += 1
        doc = json.loads(row["ledger_json"])
        batch.append((ledger_from_dict(doc, source_path=row["origin"]), row["origin"], row["copies"]))
        if len(batch) >= batch_size:
            flush()
    flush()
    return summary
