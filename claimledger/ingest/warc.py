"""WARC files (.warc, .warc.gz), the format news crawls such as CC-NEWS come in.

Only ``response`` records with an HTML body become articles.  A response that
is not HTML (images, PDFs, JSON) or not a 2xx answer is a ``skipped`` item, so
the caller can count it; request, metadata and warcinfo records are the crawl's
bookkeeping and are passed over silently.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional

from claimledger.errors import InputError
from claimledger.ingest.article import MAX_BYTES, Metadata, article_from_bytes
from claimledger.ingest.sources import SourceItem

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path) -> Iterator[SourceItem]:
    for item in _records(path):
        if isinstance(item, SourceItem):
            yield item  # skipped, or the file is damaged
            continue
        origin, uri, body = item
        try:
            article = article_from_bytes(body, Metadata(url=uri), source_path=origin)
        except InputError as exc:
            yield SourceItem(origin=origin, error=f"{exc}" + (f" ({uri})" if uri else ""))
            continue
        yield SourceItem(origin=origin, article=article)


def _records(path: Path) -> Iterator[SourceItem | tuple[str, Optional[str], bytes]]:
    """(origin, URI, HTML bytes) per HTML response, or a SourceItem for what is skipped or damaged.

    All contact with warcio is here, so that its exceptions on damaged input are told
    apart from anything that goes wrong later while extracting the article text.
    """
    from warcio.archiveiterator import ArchiveIterator  # only loaded when a WARC is read

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
                    yield _response(record, records, path)
            # warcio treats a record cut short at the end of the file as the end of the
            # archive; an end offset short of the file size is how such a loss shows.
            size = path.stat().st_size
            if records.offset < size:
                yield SourceItem(
                    origin=f"{path}@{records.offset}",
                    error=f"{path}: truncated or corrupt after offset {records.offset} of {size} bytes; the rest was not read",
                )
        except Exception as exc:  # noqa: BLE001
            # warcio raises assorted types on damaged input (ArchiveLoadFailed, EOFError,
            # even AttributeError on a header block cut in half); for the user they all
            # mean the same thing, and the records before the damage have been yielded.
            yield SourceItem(
                origin=f"{path}@{records.offset}",
                error=f"{path}: not a valid WARC file, or corrupt after offset {records.offset} ({exc.__class__.__name__}: {_one_line(exc)})",
            )


def _response(record, records, path: Path) -> SourceItem | tuple[str, Optional[str], bytes]:
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    skipped, body = _html_body(record)
    # The offset is only known once the record has been read (warcio reads to its end to
    # find it), so it is asked for after the body; it lets a user find the record again.
    origin = f"{path}@{records.get_record_offset()}"
    where = f"{origin} ({uri})" if uri else origin
    if getattr(record.raw_stream, "limit", 0) > 0:
        # Bytes still owed after reading to the record's end: the file stopped inside it.
        return SourceItem(origin=origin, error=f"{where}: the record is truncated (the file ends inside it)")
    if skipped:
        return SourceItem(origin=origin, skipped=f"{where}: {skipped}")
    return origin, uri, body


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
