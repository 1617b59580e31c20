"""The input limits, in one place: every entry point (CLI analyze and ingest, web ingest, Spark) applies the same
ones, so an article is accepted or refused the same way whichever way it came in (documented in the README)."""
from __future__ import annotations

MAX_BYTES = 5 * 1024 * 1024  # one article's raw bytes (text or HTML); larger input is refused, not truncated
MAX_CHARS = 1_000_000  # characters of article text analysed; above it the article is refused with a clear message
EARLIEST_PUBLISHED = "1900-01-01"  # publication dates outside [EARLIEST_PUBLISHED, today + 1 year] are input errors
LATEST_PUBLISHED_DAYS_AHEAD = 366
