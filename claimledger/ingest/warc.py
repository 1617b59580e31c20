"""WARC files (.warc, .warc.gz), the format news crawls such as CC-NEWS come in.

Only ``response`` records with an HTML body become articles.  A response that
is not HTML (images, PDFs, JSON) or not a 2xx answer is a ``skipped`` item, so
the caller can count it; request, metadata and warcinfo records are the crawl's
bookkeeping and are passed over silently.  The records are read by
``claimledger.ingest.readers.read_warc`` (shared with the Spark job); this module
opens the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from claimledger.ingest.readers import read_warc
from claimledger.ingest.sources import SourceItem, source_items


def read_warc_file(path: Path) -> Iterator[SourceItem]:
    try:
        stream = open(path, "rb")
    except OSError as exc:
        yield SourceItem(origin=str(path), error=f"{path}: cannot read the file ({exc.strerror or exc})")
        return
    with stream:
        yield from source_items(read_warc(stream, str(path)))
