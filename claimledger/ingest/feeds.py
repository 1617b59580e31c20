"""RSS and Atom feeds (files or fetched bodies): one article per entry.

Each entry's full content (or, failing that, its summary) is the article text;
its link, title, published date and author are the metadata, and the feed's own
title names the outlet.  Linked pages are not fetched: a feed is read as given.
"""
from __future__ import annotations

import io
import re
import time
from pathlib import Path
from typing import Any, Iterator, Optional

from claimledger.errors import InputError
from claimledger.ingest.article import MAX_BYTES, Metadata, article_from_text
from claimledger.ingest.sources import SourceItem

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.I)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def file_looks_like_feed(path: Path) -> bool:
    """A feed saved without a feed extension, recognised by its root element."""
    try:
        with open(path, "rb") as f:
            head = f.read(2048)
    except OSError:
        return False  # the file reader will report why it cannot be read
    return bool(_FEED_ROOT.search(head))


def read_feed_file(path: Path) -> Iterator[SourceItem]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: the feed is {size / 1e6:.1f} MB; larger than {MAX_BYTES // 1_000_000} MB is refused")
        data = path.read_bytes()
    except OSError as exc:
        yield SourceItem(origin=str(path), error=f"{path}: cannot read the file ({exc.strerror or exc})")
        return
    except InputError as exc:
        yield SourceItem(origin=str(path), error=str(exc))
        return
    yield from read_feed_bytes(data, origin=str(path))


def read_feed_bytes(data: bytes, origin: str) -> Iterator[SourceItem]:
    import feedparser  # only loaded when a feed is read

    # A file-like object, never a str or bytes: given a string, feedparser would try
    # to open it as a file name or fetch it as a URL itself, past our URL safeguards.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            yield SourceItem(origin=origin, error=f"{origin}: malformed feed ({_one_line(reason)})")
        elif not parsed.get("version"):
            yield SourceItem(origin=origin, error=f"{origin}: not an RSS or Atom feed")
        else:
            yield SourceItem(origin=origin, error=f"{origin}: the feed has no entries")
        return
    # A feed with entries but a recoverable problem (e.g. a wrong declared encoding) is still read.
    outlet = (parsed.get("feed") or {}).get("title") or None
    for number, entry in enumerate(entries, start=1):
        entry_origin = f"{origin}#{number}"
        try:
            yield SourceItem(origin=entry_origin, article=article_from_entry(entry, outlet, entry_origin))
        except InputError as exc:
            yield SourceItem(origin=entry_origin, error=str(exc))


def article_from_entry(entry: Any, outlet: Optional[str], origin: str):
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
    text = html_fragment_text(body) if media_type in _HTML_TYPES else body
    return article_from_text(text, meta, source_path=origin)


_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table", "section", "article", "figure", "figcaption", "pre", "hr"}


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
    contents = sorted(contents, key=lambda c: c.get("type") not in _HTML_TYPES)
    for content in contents:
        if (content.get("value") or "").strip():
            return content["value"], content.get("type") or "text/html"
    summary = entry.get("summary") or ""
    detail = entry.get("summary_detail") or {}
    return summary, detail.get("type") or "text/html"


def _entry_date(entry: Any) -> Optional[str]:
    """Publication date as ISO (feedparser has normalised it to UTC).

    Only the published date: an Atom ``updated`` date says when the entry last
    changed, which is a different date and must not pass for the publication date.
    """
    value = entry.get("published_parsed")
    return time.strftime("%Y-%m-%d", value) if value else None


def _one_line(value: object) -> str:
    return " ".join(str(value).split()) or "unknown error"
