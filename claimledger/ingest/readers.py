"""Readers shared by a local ingest (``claimledger.ingest.sources``) and the Spark job (``claimledger.spark``).

Functional steps, like trafilatura's: bytes or a binary stream in, ``Record`` objects out, then one Article per
record.  Nothing here opens files or knows about Spark; the callers do (local files, Hadoop splits, Parquet rows).

    read_jsonl(stream, name)    -> Iterator[Record]   JSON Lines, one ``json`` record per line
    read_warc(stream, name)     -> Iterator[Record]   WARC: one ``html`` record per HTML response
    read_feed(data, origin)     -> Iterator[Record]   RSS/Atom: one ``entry`` record per entry
    record_from_row(values)     -> dict               a table row (Parquet) as the JSON record it stands for
    to_article(record)          -> Article | None     article_from_json_line / article_from_record /
                                                      article_from_page / article_from_entry

Errors: a container that cannot be read (on) is a ``failed`` record, a record deliberately not read a ``skipped``
one (both carry their one-line message as ``data``); a record that cannot become an article makes ``to_article``
raise ``InputError``.  Callers turn both into an error item or row: one bad record never stops the rest.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zlib
from collections.abc import Iterator
from typing import IO, Any, NamedTuple

from claimledger.errors import InputError
from claimledger.ingest.article import (
    MAX_BYTES,
    Metadata,
    article_from_bytes,
    article_from_html,
    article_from_text,
    check_published,
)
from claimledger.limits import decompressed_allowance, published_error
from claimledger.model import Article

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
PARQUET_SUFFIXES = (".parquet",)
FEED_SUFFIXES = (".rss", ".atom", ".xml")
META_FIELDS = ("url", "title", "outlet", "published", "author")
RECORD_FIELDS = ("text", "html", *META_FIELDS)  # the fields of a JSON record (and the columns read from Parquet)
HTML_TYPES = ("text/html", "application/xhtml+xml")


class Record(NamedTuple):
    """One item read from an input, before it becomes an Article.

    ``kind`` says what ``data`` is: ``json`` a JSON Lines line (bytes or str; None when longer than MAX_BYTES),
    ``row`` a decoded JSON record (dict), ``html`` a page's bytes (``url`` its address), ``entry`` a feed
    entry and the feed's title, ``failed``/``skipped`` the one-line message.  ``origin`` names the item precisely
    enough to find it again (``file:LINE``, ``file@OFFSET``, ``file#ROW``, ``feed#ENTRY``), ``offset`` is that
    line number, byte offset, row or entry number."""

    origin: str
    offset: int
    kind: str
    data: Any
    url: str | None = None


def format_of(name: str) -> str | None:
    """``jsonl``, ``warc``, ``parquet`` or ``feed`` from a file name's suffix; None for anything else."""
    lower = name.lower()
    for kind, suffixes in (
        ("jsonl", JSONL_SUFFIXES),
        ("warc", WARC_SUFFIXES),
        ("parquet", PARQUET_SUFFIXES),
        ("feed", FEED_SUFFIXES),
    ):
        if lower.endswith(suffixes):
            return kind
    return None


def to_article(record: Record) -> Article | None:
    """The Article a record stands for (None for a blank JSON Lines line, which is no record); raises InputError."""
    if record.kind == "json":
        return article_from_json_line(record.data, record.origin)
    if record.kind == "row":
        return article_from_record(record.data, record.origin)
    if record.kind == "html":
        return article_from_page(record.data, record.url, record.origin)
    if record.kind == "entry":
        entry, outlet = record.data
        return article_from_entry(entry, outlet, record.origin)
    raise ValueError(f"{record.origin}: a {record.kind} record is not an article")


# --- JSON Lines -----------------------------------------------------------------------------------------------
class DecompressionLimit(Exception):
    """A compressed input expanded past its allowance (``claimledger.limits.decompressed_allowance``)."""


class CappedStream:
    """A read-only binary stream that stops with ``DecompressionLimit`` once more than ``limit`` bytes have been
    read from it: wrapped around a decompressor, a gzip bomb is cut off instead of being read to its end."""

    def __init__(self, stream: IO[bytes], limit: int, name: str):
        self._stream, self.limit, self.name, self.total = stream, limit, name, 0

    def read(self, size: int = -1) -> bytes:
        return self._counted(self._stream.read, size)

    def read1(self, size: int = -1) -> bytes:
        return self._counted(getattr(self._stream, "read1", self._stream.read), size)

    def _counted(self, read, size: int) -> bytes:
        remaining = self.limit - self.total
        if remaining <= 0:  # at the limit: one byte more means the stream goes on past it
            if read(1):
                raise DecompressionLimit(
                    f"{self.name}: decompresses to more than {self.limit / 1e6:.0f} MB "
                    "(the decompression limit for a file of this size); the rest was not read"
                )
            return b""
        data = read(remaining if size is None or size < 0 else min(size, remaining))
        self.total += len(data)
        return data

    def close(self) -> None:
        self._stream.close()


def read_jsonl(stream: IO[bytes], name: str) -> Iterator[Record]:
    """Every non-blank line of a (decompressed) JSON Lines stream as a ``json`` record ``name:LINE``.  A corrupt or
    truncated .gz cannot be resynchronised: it ends the stream with one ``failed`` record; so does a stream that
    decompresses past its allowance.  A stream with no record at all is one ``warning`` record."""
    count = 0
    try:
        for number, line in _lines(stream):
            count += 1
            yield Record(f"{name}:{number}", number, "json", line)
    except (OSError, EOFError, zlib.error) as exc:
        yield Record(name, 0, "failed", f"{name}: the file is corrupt or truncated ({_one_line(exc)})")
        return
    except DecompressionLimit as exc:
        yield Record(name, 0, "failed", str(exc))
        return
    if count == 0:
        yield Record(name, 0, "warning", f"{name}: no records (the file is empty or blank); 0 read")


_CHUNK = 1 << 20
_BLANK_RUN = re.compile(rb"[ \t\r\n\f\v]+")


def _lines(stream: IO[bytes], max_bytes: int = MAX_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) pairs for the non-blank lines; ``None`` for a line longer than ``max_bytes``.

    Read in blocks: a runaway line is never held whole in memory (the rest of it is dropped as it is read), and a
    run of blank lines (a gzip of a gigabyte of newlines) is skipped at the speed of a regular expression, not
    one line at a time.  Whitespace before a line's first character is dropped with the blank lines.
    """
    number = 0
    pending: list[bytes] = []  # the pieces of the line being read
    pending_len = 0
    overlong = False
    # read1: what the decompressor has, so that the lines before a truncated .gz's end are still yielded
    read = getattr(stream, "read1", stream.read)
    while True:
        chunk = read(_CHUNK)
        if not chunk:
            break
        start, size = 0, len(chunk)
        while start < size:
            if not pending and not overlong:
                blank = _BLANK_RUN.match(chunk, start)
                if blank:
                    number += chunk.count(b"\n", start, blank.end())
                    start = blank.end()
                    continue
            nl = chunk.find(b"\n", start)
            end = size if nl < 0 else nl + 1
            if not overlong:
                pending.append(chunk[start:end])
                pending_len += end - start
                if pending_len > max_bytes + 1 or (pending_len > max_bytes and nl < 0):
                    overlong, pending, pending_len = True, [], 0
            start = end
            if nl >= 0:
                number += 1
                yield number, None if overlong else b"".join(pending)
                overlong, pending, pending_len = False, [], 0
    if overlong or pending:
        yield number + 1, None if overlong else b"".join(pending)


def article_from_json_line(line: bytes | str | None, origin: str) -> Article | None:
    """One JSON Lines line -> its Article; None for a blank line.  ``line`` is None when the reader cut it (longer
    than MAX_BYTES); a str line (split by someone else, e.g. Hadoop) is measured here."""
    if line is None or (isinstance(line, str) and len(line.encode("utf-8")) > MAX_BYTES):
        raise InputError(f"{origin}: line longer than {MAX_BYTES // 1_000_000} MB; skipped")
    if not line.strip():
        return None  # blank lines (e.g. a trailing newline) are not records
    try:
        record = json.loads(line)
    except RecursionError:
        raise InputError(f"{origin}: not valid JSON (nested too deeply)") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, and an integer too long to convert
        raise InputError(f"{origin}: not valid JSON ({_one_line(exc)[:200]})") from None
    return article_from_record(record, origin)


def article_from_record(record: object, origin: str) -> Article:
    """Validate one decoded JSON value and build its Article (raises InputError)."""
    if not isinstance(record, dict):
        raise InputError(f"{origin}: expected a JSON object, got {type(record).__name__}")
    body_fields = [key for key in ("text", "html") if record.get(key) not in (None, "")]
    if not body_fields:
        raise InputError(f"{origin}: missing 'text' or 'html'")
    for key in body_fields + [k for k in META_FIELDS if record.get(k) is not None]:
        if not isinstance(record[key], str):
            raise InputError(f"{origin}: {key!r} must be a string, not {type(record[key]).__name__}")
    published = check_published(record["published"], origin) if record.get("published") else None
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


def record_from_row(values: dict) -> dict:
    """A table row (Parquet) as the JSON record it stands for: dates and timestamps as ISO strings."""
    return {k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in values.items()}


# --- WARC -----------------------------------------------------------------------------------------------------
def read_warc(stream: IO[bytes], name: str, size: int | None = None) -> Iterator[Record]:
    """The response records of a WARC stream (``size`` bytes; default: up to the stream's end): an ``html`` record
    per HTML page (``name@OFFSET``), ``skipped`` for non-HTML or non-2xx responses, ``failed`` for damage.

    Only ``response`` records are pages; request, metadata and warcinfo records are the crawl's bookkeeping and
    are passed over silently.  All contact with warcio is here, so that its exceptions on damaged input are told
    apart from anything that goes wrong later while extracting the article text."""
    from warcio.archiveiterator import ArchiveIterator  # only loaded when a WARC is read

    if size is None:
        here = stream.tell()
        size = stream.seek(0, io.SEEK_END)
        stream.seek(here)
    # The records' declared lengths against the file's size: a gzip bomb (a small .warc.gz whose records
    # expand to gigabytes) is refused before warcio decompresses it to skip over it.
    allowance, declared, count = decompressed_allowance(size), 0, 0
    records = ArchiveIterator(stream)  # detects gzip per record, as CC-NEWS files need
    try:
        for record in records:
            count += 1
            # warcio also reads the older ARC format and, leniently, takes a text
            # file's lines for ARC records; anything but WARC is refused here.
            if record.format != "warc":
                yield Record(
                    name,
                    records.offset,
                    "failed",
                    f"{name}: not a WARC file (no WARC record at offset {records.offset})",
                )
                return
            declared += max(int(record.length or 0), 0)
            if declared > allowance:
                yield Record(
                    f"{name}@{records.offset}",
                    records.offset,
                    "failed",
                    f"{name}: the records expand to more than {allowance / 1e6:.0f} MB (the decompression limit "
                    f"for a {size / 1e6:.1f} MB file) at offset {records.offset}; the rest was not read",
                )
                return
            if record.rec_type == "response":
                yield _response(record, records, name)
        # warcio treats a record cut short at the end of the file as the end of the
        # archive; an end offset short of the file size is how such a loss shows.
        if records.offset < size:
            yield Record(
                f"{name}@{records.offset}",
                records.offset,
                "failed",
                f"{name}: truncated or corrupt after offset {records.offset} of {size} bytes; the rest was not read",
            )
        elif count == 0:
            yield Record(name, 0, "warning", f"{name}: no WARC records (the file is empty); 0 read")
    except Exception as exc:  # noqa: BLE001
        # warcio raises assorted types on damaged input (ArchiveLoadFailed, EOFError,
        # even AttributeError on a header block cut in half); for the user they all
        # mean the same thing, and the records before the damage have been yielded.
        yield Record(
            f"{name}@{records.offset}",
            records.offset,
            "failed",
            f"{name}: not a valid WARC file, or corrupt after offset {records.offset} "
            f"({exc.__class__.__name__}: {_one_line(exc)})",
        )


def _response(record, records, name: str) -> Record:
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    skipped, body = _html_body(record)
    # The offset is only known once the record has been read (warcio reads to its end to
    # find it), so it is asked for after the body; it lets a user find the record again.
    offset = records.get_record_offset()
    origin = f"{name}@{offset}"
    where = f"{origin} ({url})" if url else origin
    if getattr(record.raw_stream, "limit", 0) > 0:
        # Bytes still owed after reading to the record's end: the file stopped inside it.
        return Record(origin, offset, "failed", f"{where}: the record is truncated (the file ends inside it)", url)
    if skipped:
        return Record(origin, offset, "skipped", f"{where}: {skipped}", url)
    return Record(origin, offset, "html", body, url)


def _html_body(record) -> tuple[str, bytes]:
    """(reason to skip, "") or ("", HTML bytes) for one response record."""
    http = record.http_headers
    if http is None:
        return "response record without HTTP headers", b""
    status = http.get_statuscode() or ""
    if not status.startswith("2"):
        return f"HTTP {status}, not a page", b""
    media_type = (http.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    if media_type not in HTML_TYPES:
        return f"not HTML ({media_type or 'no content type'})", b""
    # One byte past the limit, so that an oversized page is refused rather than cut short.
    return "", record.content_stream().read(MAX_BYTES + 1)


def article_from_page(body: bytes, url: str | None, origin: str) -> Article:
    """A fetched page (a WARC response's body) -> its Article; a refusal names the page's URL."""
    try:
        return article_from_bytes(body, Metadata(url=url), source_path=origin)
    except InputError as exc:
        raise InputError(f"{exc}" + (f" ({url})" if url else "")) from None


# --- RSS and Atom feeds ---------------------------------------------------------------------------------------
def read_feed(data: bytes, origin: str) -> Iterator[Record]:
    """The entries of an RSS or Atom feed (its bytes) as ``entry`` records ``origin#N``; one ``failed`` record for
    a feed that cannot be read or has no entries.  A feed with entries but a recoverable problem (e.g. a wrong
    declared encoding) is still read."""
    import feedparser  # only loaded when a feed is read

    # A file-like object, never a str or bytes: given a string, feedparser would try
    # to open it as a file name or fetch it as a URL itself, past our URL safeguards.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            message = f"{origin}: malformed feed ({_one_line(parsed.get('bozo_exception'))})"
        elif not parsed.get("version"):
            message = f"{origin}: not an RSS or Atom feed"
        else:
            message = f"{origin}: the feed has no entries"
        yield Record(origin, 0, "failed", message)
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    for number, entry in enumerate(entries, start=1):
        yield Record(f"{origin}#{number}", number, "entry", (entry, outlet))


def article_from_entry(entry: Any, outlet: str | None, origin: str) -> Article:
    body, media_type = _entry_body(entry)
    if not body:
        raise InputError(f"{origin}: the feed entry has no content or summary")
    meta = Metadata(
        title=entry.get("title") or None,
        outlet=outlet,
        url=entry.get("link") or None,
        published=_entry_date(entry),
        author=entry.get("author") or None,
    )
    # Feed content is already the body the publisher syndicates, with no page around it:
    # turning its markup into text keeps every paragraph, where a page extractor
    # (trafilatura) would discard a one-paragraph entry as too short to be an article.
    text = html_fragment_text(body) if media_type in HTML_TYPES else body
    return article_from_text(text, meta, source_path=origin)


_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "figure",
    "figcaption",
    "pre",
    "hr",
}


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per block element (so sentences are not glued together)."""
    import lxml.html  # installed with trafilatura

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on junk; fall back to the raw text
        return fragment
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _entry_body(entry: Any) -> tuple[str, str]:
    """The fullest text an entry carries: ``content`` (full article) before ``summary`` (teaser)."""
    contents = entry.get("content") or []
    # Prefer an HTML content block; some feeds carry both a plain and an HTML version.
    contents = sorted(contents, key=lambda c: c.get("type") not in HTML_TYPES)
    for content in contents:
        if (content.get("value") or "").strip():
            return content["value"], content.get("type") or "text/html"
    summary = entry.get("summary") or ""
    detail = entry.get("summary_detail") or {}
    return summary, detail.get("type") or "text/html"


def _entry_date(entry: Any) -> str | None:
    """Publication date as ISO (feedparser has normalised it to UTC).

    Only the published date: an Atom ``updated`` date says when the entry last
    changed, which is a different date and must not pass for the publication date.
    """
    value = entry.get("published_parsed")
    if not value:
        return None
    try:  # feedparser turns a pubDate of 0000-00-00 into year 0 or -1: that is an unknown date, not a date
        day = dt.date(int(value[0]), int(value[1]), int(value[2]))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return None if published_error(day) else day.isoformat()


def _one_line(value: object) -> str:
    return " ".join(str(value).split()) or "unknown error"
