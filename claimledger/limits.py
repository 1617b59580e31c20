"""The input limits, in one place: every entry point (CLI analyze and ingest, web ingest, Spark) applies the same
ones, so an article is accepted or refused the same way whichever way it came in (documented in the README)."""

from __future__ import annotations

import datetime as dt

MAX_BYTES = 5 * 1024 * 1024  # one article's raw bytes (text or HTML); larger input is refused, not truncated
MAX_CHARS = 1_000_000  # characters of article text analysed; above it the article is refused with a clear message
EARLIEST_PUBLISHED = "1900-01-01"  # publication dates outside [EARLIEST_PUBLISHED, today + 1 year] are input errors
LATEST_PUBLISHED_DAYS_AHEAD = 366
# Compressed inputs (.jsonl.gz, .warc.gz): a decompression bomb is cut off, not read to its end.
MAX_DECOMPRESSION_RATIO = 100  # decompressed bytes per compressed byte of the file
MIN_DECOMPRESSED_ALLOWANCE = 64 * 1024 * 1024  # a small file may always expand to this much
MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024 * 1024  # and no file beyond this, whatever its size
REJECT_RAW_MAX = 64 * 1024  # a rejected record is copied into the rejects file up to this size (characters)


def published_range(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The publication dates accepted: [EARLIEST_PUBLISHED, today + LATEST_PUBLISHED_DAYS_AHEAD days]."""
    today = today or dt.date.today()
    return dt.date.fromisoformat(EARLIEST_PUBLISHED), today + dt.timedelta(days=LATEST_PUBLISHED_DAYS_AHEAD)


def published_error(value: dt.date) -> str | None:
    """Why ``value`` is not an acceptable publication date, or None when it is."""
    low, high = published_range()
    if value < low or value > high:
        return f"publication date {value.isoformat()} is outside {low.isoformat()} .. {high.isoformat()}"
    return None


def decompressed_allowance(compressed_size: int) -> int:
    """How many decompressed bytes a compressed file of ``compressed_size`` bytes may yield."""
    allowance = max(MIN_DECOMPRESSED_ALLOWANCE, MAX_DECOMPRESSION_RATIO * max(compressed_size, 0))
    return min(allowance, MAX_DECOMPRESSED_BYTES)
