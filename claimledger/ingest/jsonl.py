"""JSON Lines: one article per line, as a crawler or a scraper exports them.

A line is an object with ``text`` or ``html`` (a non-empty string) and optional
``url``, ``title``, ``outlet``, ``published`` (ISO date) and ``author``.  A bad
line is an error item naming ``file:LINE``; the following lines are still read.
The lines are read and checked by ``claimledger.ingest.readers`` (shared with the
Spark job); this module opens the file.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from claimledger.ingest.readers import (  # noqa: F401  (kept importable)
    META_FIELDS,
    CappedStream,
    article_from_record,
    read_jsonl,
)
from claimledger.ingest.sources import SourceItem, source_items
from claimledger.limits import decompressed_allowance


def _open(path: Path) -> IO[bytes]:
    """The file, decompressed when it is a .gz; the decompressed stream stops at the file's allowance
    (``claimledger.limits.decompressed_allowance``): a gzip bomb is cut off, not read to its end."""
    if not path.name.lower().endswith(".gz"):
        return open(path, "rb")
    size = os.stat(path).st_size
    return CappedStream(gzip.open(path, "rb"), decompressed_allowance(size), str(path))  # type: ignore[return-value]


def read_jsonl_file(path: Path) -> Iterator[SourceItem]:
    try:
        stream = _open(path)
    except OSError as exc:
        yield SourceItem(origin=str(path), error=f"{path}: cannot read the file ({exc.strerror or exc})")
        return
    try:
        yield from source_items(read_jsonl(stream, str(path)))
    finally:
        stream.close()
