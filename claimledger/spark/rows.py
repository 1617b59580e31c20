"""Rows of the Spark job's Parquet tables: defined in ``claimledger.export.parquet_rows`` (the Parquet export
writes the same tables); re-exported here for the job."""

from claimledger.export.parquet_rows import (  # noqa: F401
    CHILD_ROWS,
    PARTITION_COLUMN,
    TABLES,
    UNKNOWN_MONTH,
    _s,
    _spans,
    article_row,
    claim_rows,
    error_row,
    event_rows,
    framing_rows,
    month_of,
    place_rows,
)
