"""The fuzz counters, one module shared by the fuzz tests and their conftest (which prints them)."""

from __future__ import annotations

TOTALS = {"examples": 0, "tracebacks": 0, "internal_errors": 0, "partial_rows": 0}


def count(**values: int) -> None:
    for key, value in values.items():
        TOTALS[key] += value
