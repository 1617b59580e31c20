"""JSON Lines: one article per line, as a crawler or a scraper exports them.

A line is an object with ``text`` or ``html`` (a non-empty string) and optional
``url``, ``title``, ``outlet``, ``published`` (ISO date) and ``author``.  A bad
line is an error item naming ``file:LINE``; the following lines are still read.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import zlib
from pathlib import Path
from typing import IO, Iterator, Optional

from claimledger.errors import InputError
from claimledger.ingest.article import MAX_BYTES, Metadata, article_from_html, article_from_text
from claimledger.ingest.sources import SourceItem

META_FIELDS = ("url", "title", "outlet", "published", "author")


def _open(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, Optional[bytes]]]:
    """(line number, bytes) pairs; ``None`` for a line longer than MAX_BYTES.

    Reading with a limit keeps one runaway line from being loaded whole into memory;
    the rest of such a line is read and dropped in bounded pieces.
    """
    number = 0
    while True:
        line = stream.readline(MAX_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(MAX_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _published(value: str) -> str:
    """An ISO date (a datetime is cut to its date); anything else is an error, not a guess."""
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise InputError(f"'published' is not an ISO date (YYYY-MM-DD): {value!r}") from None


def article_from_record(record: object, origin: str):
    """Validate one decoded JSON value and build its Article (raises InputError)."""
    if not isinstance(record, dict):
        raise InputError(f"{origin}: expected a JSON object, got {type(record).__name__}")
    body_fields = [key for key in ("text", "html") if record.get(key) not in (None, "")]
    if not body_fields:
        raise InputError(f"{origin}: missing 'text' or 'html'")
    for key in body_fields + [k for k in META_FIELDS if record.get(k) is not None]:
        if not isinstance(record[key], str):
            raise InputError(f"{origin}: {key!r} must be a string, not {type(record[key]).__name__}")
    try:
        published = _published(record["published"]) if record.get("published") else None
    except InputError as exc:
        raise InputError(f"{origin}: {exc}") from None
    meta = Metadata(
        title=record.get("title") or None,
        outlet=record.get("outlet") or None,
        url=record.get("url") or None,
        published=published,
        author=record.get("author") or None,
    )
    # Plain text wins when both are given: it is what the exporter already cleaned.
    if "text" in body_fields:
        return article_from_text(record["text"], meta, source_path=origin)
    return article_from_html(record["html"], meta, source_path=origin)


def read_jsonl(path: Path) -> Iterator[SourceItem]:
    try:
        stream = _open(path)
    except OSError as exc:
        yield SourceItem(origin=str(path), error=f"{path}: cannot read the file ({exc.strerror or exc})")
        return
    with stream:
        try:
            for number, line in _lines(stream):
                origin = f"{path}:{number}"
                if line is None:
                    yield SourceItem(origin=origin, error=f"{origin}: line longer than {MAX_BYTES // 1_000_000} MB; skipped")
                    continue
                if not line.strip():
                    continue  # blank lines (e.g. a trailing newline) are not records
                try:
                    record = json.loads(line)
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    yield SourceItem(origin=origin, error=f"{origin}: not valid JSON ({exc})")
                    continue
                try:
                    yield SourceItem(origin=origin, article=article_from_record(record, origin))
                except InputError as exc:
                    yield SourceItem(origin=origin, error=str(exc))
        except (OSError, EOFError, zlib.error) as exc:
            # A truncated or corrupt .gz cannot be resynchronised: report it and stop this file.
            yield SourceItem(origin=str(path), error=f"{path}: the file is corrupt or truncated ({exc})")
