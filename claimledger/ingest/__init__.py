"""Ingest: turn files, stdin, HTML and text into ``Article`` objects (text + metadata)."""

from claimledger.ingest.article import article_from_html, article_from_text, decode_bytes, read_path  # noqa: F401
