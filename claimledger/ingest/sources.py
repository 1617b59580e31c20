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

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claimledger.errors import InputError
from claimledger.ingest.article import clean_str, non_regular_kind
from claimledger.ingest.readers import FEED_SUFFIXES, JSONL_SUFFIXES, WARC_SUFFIXES, Record, to_article
from claimledger.limits import REJECT_RAW_MAX
from claimledger.model import Article


@dataclass(frozen=True)
class SourceItem:
    """One item from a source.

    ``origin`` says where it came from, precisely enough to find it again:
    a file path, ``file.jsonl:LINE``, ``file.warc.gz@OFFSET``, a URL, or
    ``feed#ENTRY``.  Exactly one of ``article``, ``error``, ``skipped`` and ``warning`` is set.
    """

    origin: str
    article: Article | None = None
    error: str | None = None  # one line, already naming the origin
    skipped: str | None = None  # why a record was not read (e.g. a WARC record that is not HTML); not a failure
    warning: str | None = None  # something the user must hear of, not a record (an empty file, a FIFO skipped)
    raw: str | None = None  # the record as read (a JSON line), when small enough to copy into a rejects file

    @property
    def ok(self) -> bool:
        return self.article is not None


def source_items(records: Iterable[Record]) -> Iterator[SourceItem]:
    """Records (``claimledger.ingest.readers``) as items: an article, an error, a skipped record or a warning each.
    A blank JSON Lines line is no record and yields nothing.  Whatever goes wrong with one record (even a bug) is
    that record's error: the others are still read."""
    for record in records:
        if record.kind == "failed":
            yield SourceItem(origin=record.origin, error=record.data)
        elif record.kind == "skipped":
            yield SourceItem(origin=record.origin, skipped=record.data)
        elif record.kind == "warning":
            yield SourceItem(origin=record.origin, warning=record.data)
        else:
            raw = raw_of(record)
            try:
                article = to_article(record)
            except InputError as exc:
                yield SourceItem(origin=record.origin, error=str(exc), raw=raw)
                continue
            except (Exception, RecursionError) as exc:  # noqa: BLE001 - one record never stops the rest
                yield SourceItem(origin=record.origin, error=internal_reason(record.origin, exc), raw=raw)
                continue
            if article is not None:
                yield SourceItem(origin=record.origin, article=article)


def raw_of(record: Record) -> str | None:
    """A JSON Lines record as text, for the rejects file, when at most ``REJECT_RAW_MAX`` long."""
    data = record.data if record.kind == "json" else None
    if data is None or len(data) > REJECT_RAW_MAX:
        return None
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return clean_str(text.rstrip("\r\n"))[0]


def internal_reason(origin: str, exc: BaseException) -> str:
    """One line for an unexpected failure on one record."""
    message = " ".join(str(exc).split())[:300]
    return (
        f"{origin}: cannot be read ({type(exc).__name__}: {message})"
        if message
        else f"{origin}: cannot be read ({type(exc).__name__})"
    )


def _has_suffix(path: Path, suffixes: tuple[str, ...]) -> bool:
    return path.name.lower().endswith(suffixes)


def iter_sources(paths: list[str], allow_private: bool = False) -> Iterator[SourceItem]:
    """Every article from every path, in the order given (folders in sorted order).

    ``allow_private`` permits fetching URLs on loopback/private/link-local addresses.  A path that fails in an
    unexpected way ends as one error item for that path; the next path is still read.
    """
    for raw in paths:
        try:
            yield from _items_of(raw, allow_private)
        except (Exception, RecursionError) as exc:  # noqa: BLE001 - one input never stops the others
            yield SourceItem(origin=raw, error=internal_reason(raw, exc))


def _items_of(raw: str, allow_private: bool) -> Iterator[SourceItem]:
    from claimledger.ingest import feeds, folder, jsonl, url, warc

    if url.is_url(raw):
        yield from url.read_url(raw, allow_private=allow_private)
        return
    path = Path(raw)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        yield SourceItem(origin=raw, error=f"{raw}: no such file or folder")
        return
    except OSError as exc:
        yield SourceItem(origin=raw, error=f"{raw}: cannot read ({exc.strerror or exc})")
        return
    if stat.S_ISDIR(mode):
        yield from folder.read_folder(path)
        return
    kind = non_regular_kind(mode)
    if kind:  # opening a FIFO would block, a device never ends: refused before anything is opened
        yield SourceItem(origin=raw, error=f"{raw}: is {kind}, not a regular file; refused")
    elif _has_suffix(path, JSONL_SUFFIXES):
        yield from jsonl.read_jsonl_file(path)
    elif _has_suffix(path, WARC_SUFFIXES):
        yield from warc.read_warc_file(path)
    elif _has_suffix(path, FEED_SUFFIXES) or feeds.file_looks_like_feed(path):
        yield from feeds.read_feed_file(path)
    else:
        yield from folder.read_file(path)
