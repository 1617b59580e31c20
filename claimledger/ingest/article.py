"""Build ``Article`` objects from raw bytes, text or HTML.

Functional on purpose (like trafilatura): bytes in, Article out, no state.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from claimledger.errors import InputError
from claimledger.limits import MAX_BYTES, published_error
from claimledger.model import Article

_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|article|p|div)\b", re.I)


@dataclass
class Metadata:
    """What the user (or a feed) tells us about an article; it wins over what is extracted."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None


def clean_str(value: str) -> tuple[str, int]:
    """``value`` with every character that cannot be encoded as UTF-8 (a lone surrogate, e.g. ``"\\ud800"`` from
    JSON or an undecodable command-line byte) replaced by U+FFFD, and how many were replaced.  Applied at the
    boundary to the text and every metadata field, so no hash, insert or JSON dump can fail on them."""
    try:
        value.encode("utf-8")
        return value, 0
    except UnicodeEncodeError:
        pass
    out, replaced = [], 0
    for ch in value:
        if "\ud800" <= ch <= "\udfff":
            out.append("\ufffd")
            replaced += 1
        else:
            out.append(ch)
    return "".join(out), replaced


def clean_metadata(meta: Metadata) -> tuple[Metadata, int]:
    """The metadata with unencodable characters replaced (see ``clean_str``), and how many were replaced."""
    total = 0
    values = {}
    for name in ("title", "outlet", "url", "published", "author"):
        value = getattr(meta, name)
        if isinstance(value, str):
            value, n = clean_str(value)
            total += n
        values[name] = value
    return Metadata(**values), total


def check_published(value: str | None, where: str = "input") -> str | None:
    """A publication date as ISO YYYY-MM-DD within the accepted range (``claimledger.limits``); an input error
    otherwise (a datetime is cut to its date)."""
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        raise InputError(f"{where}: 'published' is not an ISO date (YYYY-MM-DD): {value!r}")
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(f"{where}: 'published' is not a real date: {value!r}") from None
    problem = published_error(day)
    if problem:
        raise InputError(f"{where}: {problem}")
    return day.isoformat()


def normalise_text(text: str) -> str:
    # NFC and unified newlines so the same article always hashes (and spans) the same.
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip("\n\ufeff ")


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode_bytes(data: bytes, name: str = "input") -> str:
    """Decode bytes as text, refusing binary data and undecodable encodings with a clear message."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text or HTML")
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # Legacy single-byte encodings (cp1251 for Russian/Ukrainian sites, cp1252 for Western ones).
    for encoding in ("cp1251", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _mostly_printable(text):
            return text
    raise InputError(f"{name}: cannot decode the file as text (not UTF-8, UTF-16, cp1251 or cp1252)")


def _mostly_printable(text: str) -> bool:
    sample = text[:20000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t")
    return bad <= max(2, len(sample) // 200)


def looks_like_html(data: bytes | str) -> bool:
    head = data[:4096] if isinstance(data, bytes) else data[:4096].encode("utf-8", "ignore")
    return bool(_HTML_SNIFF.search(head))


def article_from_text(text: str, meta: Metadata | None = None, source_path: str | None = None) -> Article:
    meta, replaced = clean_metadata(meta or Metadata())
    text, n = clean_str(text)
    replaced += n
    where = source_path or "input"
    text = normalise_text(text)
    if not text.strip():
        raise InputError(f"{where}: the article has no text")
    if not _mostly_printable(text):
        raise InputError(f"{where}: looks like a binary file, not text")
    published = check_published(meta.published, where)
    article = Article(
        text=text,
        sha256=sha256_of(text),
        title=meta.title,
        outlet=meta.outlet,
        url=meta.url,
        author=meta.author,
        published=published,
        source_path=source_path,
    )
    # How many unencodable characters were replaced (read by the batch summary; not part of the contract).
    article.replaced_chars = replaced
    return article


def article_from_html(html: str, meta: Metadata | None = None, source_path: str | None = None) -> Article:
    """Main text and metadata of an HTML page via trafilatura; explicit metadata wins."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    meta = meta or Metadata()
    name = source_path or "input"
    doc = trafilatura.bare_extraction(
        html, url=meta.url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = getattr(doc, "text", None) if doc is not None else None
    # A menu or a title alone is not an article: ask for at least a sentence's worth of words.
    if not text or len(text.split()) < 5 or text.strip() == (getattr(doc, "title", None) or "").strip():
        raise InputError(f"{name}: the HTML has no article text that could be extracted")
    merged = Metadata(
        title=meta.title or getattr(doc, "title", None),
        outlet=meta.outlet or getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
        url=meta.url or getattr(doc, "url", None),
        published=meta.published or _iso_date(getattr(doc, "date", None)),
        author=meta.author or getattr(doc, "author", None),
    )
    return article_from_text(text, merged, source_path=source_path)


def _iso_date(value: str | None) -> str | None:
    """A date found in the page itself; one that is not a real date in the accepted range is unknown (None)."""
    if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
        return None if published_error(day) else day.isoformat()
    return None


def article_from_bytes(data: bytes, meta: Metadata | None = None, source_path: str | None = None) -> Article:
    name = source_path or "input"
    if len(data) > MAX_BYTES:
        raise InputError(
            f"{name}: the file is {len(data) / 1e6:.1f} MB; articles larger than {MAX_BYTES // 1_000_000} MB are refused"
        )
    text = decode_bytes(data, name)
    if looks_like_html(text):
        return article_from_html(text, meta, source_path=source_path)
    return article_from_text(text, meta, source_path=source_path)


def read_path(path: str | Path, meta: Metadata | None = None) -> Article:
    """Read one file (text or HTML, sniffed from its content) into an Article."""
    p = Path(path)
    return article_from_bytes(read_file_bytes(p), meta, source_path=str(p))


def non_regular_kind(mode: int) -> str | None:
    """What a file that is not a regular file is (a FIFO, a device, a socket), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_file_bytes(p: Path, limit: int = MAX_BYTES, what: str = "articles") -> bytes:
    """The bytes of a regular file, reading at most ``limit + 1`` bytes (``st_size`` is not trusted: /proc files
    and devices lie).  A FIFO, device or socket is refused without blocking (opened non-blocking, checked with
    fstat before any read)."""
    try:
        mode = os.stat(p).st_mode
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror or exc})") from None
    kind = non_regular_kind(mode)
    if kind == "a folder":
        raise InputError(f"{p}: is a folder, not a file")
    if kind:
        raise InputError(f"{p}: is {kind}, not a regular file; refused (give '-' to read a stream from stdin)")
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as fh:
        try:
            kind = non_regular_kind(os.fstat(fd).st_mode)  # the file opened may not be the one stat saw
            if kind:
                raise InputError(f"{p}: is {kind}, not a regular file; refused")
            data = read_capped(fh, limit)
        except OSError as exc:
            raise InputError(f"{p}: cannot read the file ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputError(f"{p}: the file is larger than {limit // 1_000_000} MB; {what} that large are refused")
    return data


def read_capped(stream: IO[bytes], limit: int = MAX_BYTES) -> bytes:
    """At most ``limit + 1`` bytes of a stream (one past the limit, so that the caller can refuse oversize input
    without reading all of it)."""
    chunks, total = [], 0
    while total <= limit:
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_stdin(stream: IO[bytes], meta: Metadata | None = None) -> Article:
    """stdin (``analyze -``): at most MAX_BYTES + 1 bytes are read; more is refused."""
    data = read_capped(stream, MAX_BYTES)
    if len(data) > MAX_BYTES:
        raise InputError(f"<stdin>: more than {MAX_BYTES // 1_000_000} MB; articles that large are refused")
    return article_from_bytes(data, meta, source_path="<stdin>")
