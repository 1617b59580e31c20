"""Build ``Article`` objects from raw bytes, text or HTML.

Functional on purpose (like trafilatura): bytes in, Article out, no state.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from claimledger.errors import InputError
from claimledger.model import Article

MAX_BYTES = 5 * 1024 * 1024  # a news article is far below this; larger input is refused, not truncated
_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|article|p|div)\b", re.I)


@dataclass
class Metadata:
    """What the user (or a feed) tells us about an article; it wins over what is extracted."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None


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
    meta = meta or Metadata()
    text = normalise_text(text)
    if not text.strip():
        raise InputError(f"{source_path or 'input'}: the article has no text")
    if not _mostly_printable(text):
        raise InputError(f"{source_path or 'input'}: looks like a binary file, not text")
    return Article(
        text=text,
        sha256=sha256_of(text),
        title=meta.title,
        outlet=meta.outlet,
        url=meta.url,
        author=meta.author,
        published=meta.published,
        source_path=source_path,
    )


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
    if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
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
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a folder, not a file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{p}: the file is {size / 1e6:.1f} MB; articles larger than {MAX_BYTES // 1_000_000} MB are refused"
            )
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror or exc})") from None
    return article_from_bytes(data, meta, source_path=str(p))
