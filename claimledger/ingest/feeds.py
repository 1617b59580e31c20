"""RSS and Atom feeds (files or fetched bodies): one article per entry.

Each entry's full content (or, failing that, its summary) is the article text;
its link, title, published date and author are the metadata, and the feed's own
title names the outlet.  Linked pages are not fetched: a feed is read as given.
The entries are read by ``claimledger.ingest.readers.read_feed``; this module
finds and opens feed files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from claimledger.errors import InputError
from claimledger.ingest.article import MAX_BYTES, read_file_bytes
from claimledger.ingest.readers import article_from_entry, html_fragment_text, read_feed  # noqa: F401
from claimledger.ingest.sources import SourceItem, source_items

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.I)


def file_looks_like_feed(path: Path) -> bool:
    """A feed saved without a feed extension, recognised by its root element."""
    try:
        if not path.is_file():
            return False
        with open(path, "rb") as f:
            head = f.read(2048)
    except OSError:
        return False  # the file reader will report why it cannot be read
    return bool(_FEED_ROOT.search(head))


def read_feed_file(path: Path) -> Iterator[SourceItem]:
    try:
        data = read_file_bytes(path, MAX_BYTES, what="feeds")
    except InputError as exc:
        yield SourceItem(origin=str(path), error=str(exc))
        return
    yield from read_feed_bytes(data, origin=str(path))


def read_feed_bytes(data: bytes, origin: str) -> Iterator[SourceItem]:
    """A feed's bytes (a file's, or a fetched body) as one item per entry, or one error item."""
    yield from source_items(read_feed(data, origin))
