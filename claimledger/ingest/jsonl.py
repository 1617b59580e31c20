"""JSON Lines: one article per line, as a crawler or a scraper exports them.

A line is an object with ``text`` or ``html`` (a non-empty string) and optional
``url``, ``title``, ``outlet``, ``published`` (ISO date) and ``author``.  A bad
line is an error item naming ``file:LINE``; the following lines are still read.
The lines are read and checked by ``claimledger.ingest.readers`` (shared with the
Spark job); this module opens the file.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from claimledger.ingest.readers import META_FIELDS, article_from_record, read_jsonl  # noqa: F401  (kept importable)
from claimledger.ingest.sources import SourceItem, source_items


def _open(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def read_jsonl_file(path: Path) -> Iterator[SourceItem]:
    try:
        stream = _open(path)
    except OSError as exc:
        yield SourceItem(origin=str(path), error=f"{path}: cannot read the file ({exc.strerror or exc})")
        return
    with stream:
        yield from source_items(read_jsonl(stream, str(path)))
