"""Bulk ingest: turn the paths and URLs a user names into a stream of articles.

Each reader (folder, JSON Lines, feed, WARC, URL) is a generator of
``SourceItem``: an article, or an error for that one item, or a note that an
item was deliberately skipped.  One bad item never stops the rest: the caller
counts the errors and reports them at the end.  The formats themselves are read
by ``claimledger.ingest.readers`` (shared with the Spark job); ``source_items``
turns its records into items.

Readers are imported inside ``iter_sources`` so that this module (which every
reader imports for ``SourceItem``) has no import cycle, and so that feedparser
and warcio are only loaded when a feed or WARC is actually given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claimledger.errors import InputError
from claimledger.ingest.readers import FEED_SUFFIXES, JSONL_SUFFIXES, WARC_SUFFIXES, Record, to_article
from claimledger.model import Article


@dataclass(frozen=True)
class SourceItem:
    """One item from a source.

    ``origin`` says where it came from, precisely enough to find it again:
    a file path, ``file.jsonl:LINE``, ``file.warc.gz@OFFSET``, a URL, or
    ``feed#ENTRY``.  Exactly one of ``article``, ``error`` and ``skipped`` is set.
    """

    origin: str
    article: Article | None = None
    error: str | None = None  # one line, already naming the origin
    skipped: str | None = None  # why a record was not read (e.g. a WARC record that is not HTML); not a failure

    @property
    def ok(self) -> bool:
        return self.article is not None


def source_items(records: Iterable[Record]) -> Iterator[SourceItem]:
    """Records (``claimledger.ingest.readers``) as items: an article, an error, or a skipped record each.  A blank
    JSON Lines line is no record and yields nothing."""
    for record in records:
        if record.kind == "failed":
            yield SourceItem(origin=record.origin, error=record.data)
        elif record.kind == "skipped":
            yield SourceItem(origin=record.origin, skipped=record.data)
        else:
            try:
                article = to_article(record)
            except InputError as exc:
                yield SourceItem(origin=record.origin, error=str(exc))
                continue
            if article is not None:
                yield SourceItem(origin=record.origin, article=article)


def _has_suffix(path: Path, suffixes: tuple[str, ...]) -> bool:
    return path.name.lower().endswith(suffixes)


def iter_sources(paths: list[str], allow_private: bool = False) -> Iterator[SourceItem]:
    """Every article from every path, in the order given (folders in sorted order).

    ``allow_private`` permits fetching URLs on loopback/private/link-local addresses.
    """
    from claimledger.ingest import feeds, folder, jsonl, url, warc

    for raw in paths:
        if url.is_url(raw):
            yield from url.read_url(raw, allow_private=allow_private)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from folder.read_folder(path)
        elif not path.exists():
            yield SourceItem(origin=raw, error=f"{raw}: no such file or folder")
        elif _has_suffix(path, JSONL_SUFFIXES):
            yield from jsonl.read_jsonl_file(path)
        elif _has_suffix(path, WARC_SUFFIXES):
            yield from warc.read_warc_file(path)
        elif _has_suffix(path, FEED_SUFFIXES) or feeds.file_looks_like_feed(path):
            yield from feeds.read_feed_file(path)
        else:
            yield from folder.read_file(path)
