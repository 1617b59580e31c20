"""WARC files (.warc, .warc.gz), the format news crawls such as CC-NEWS come in.

Only ``response`` records with an HTML body become articles.  A response that
is not HTML (images, PDFs, JSON) or not a 2xx answer is a ``skipped`` item, so
the caller can count it; request, metadata and warcinfo records are the crawl's
bookkeeping and are passed over silently.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from claimledger.errors import InputError
from claimledger.ingest.article import MAX_BYTES, Metadata, article_from_bytes
from claimledger.ingest.sources import SourceItem

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path) -> Iterator[SourceItem]:
    from warcio.archiveiterator import ArchiveIterator  # only loaded when a WARC is read
    from warcio.exceptions import ArchiveLoadFailed

    try:
        stream = open(path, "rb")
    except OSError as exc:
        yield SourceItem(origin=str(path), error=f"{path}: cannot read the file ({exc.strerror or exc})")
        return
    with stream:
        records = ArchiveIterator(stream)  # detects gzip per record, as CC-NEWS files need
        try:
            for record in records:
                # warcio also reads the older ARC format and, leniently, takes a text
                # file's lines for ARC records; anything but WARC is refused here.
                if record.format != "warc":
                    yield SourceItem(origin=str(path), error=f"{path}: not a WARC file (no WARC record at offset {records.offset})")
                    return
                if record.rec_type == "response":
                    yield _item(record, records, path)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            # Past a corrupt record the stream cannot be trusted: report it, keep what came before.
            yield SourceItem(origin=str(path), error=f"{path}: not a valid WARC file or corrupt from here on ({_one_line(exc)})")


def _item(record, records, path: Path) -> SourceItem:
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    skipped, body = _html_body(record)
    # The offset is only known once the record has been read (warcio reads to its end to
    # find it), so it is asked for after the body; it lets a user find the record again.
    origin = f"{path}@{records.get_record_offset()}"
    where = f"{origin} ({uri})" if uri else origin
    if skipped:
        return SourceItem(origin=origin, skipped=f"{where}: {skipped}")
    try:
        article = article_from_bytes(body, Metadata(url=uri), source_path=origin)
    except InputError as exc:
        return SourceItem(origin=origin, error=f"{exc}" + (f" ({uri})" if uri else ""))
    return SourceItem(origin=origin, article=article)


def _html_body(record) -> tuple[str, bytes]:
    """(reason to skip, "") or ("", HTML bytes) for one response record."""
    http = record.http_headers
    if http is None:
        return "response record without HTTP headers", b""
    status = http.get_statuscode() or ""
    if not status.startswith("2"):
        return f"HTTP {status}, not a page", b""
    media_type = (http.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    if media_type not in _HTML_TYPES:
        return f"not HTML ({media_type or 'no content type'})", b""
    # One byte past the limit, so that an oversized page is refused rather than cut short.
    return "", record.content_stream().read(MAX_BYTES + 1)


def _one_line(value: object) -> str:
    return " ".join(str(value).split()) or "unknown error"
