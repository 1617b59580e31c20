"""The fuzz suite of issue 14: hypothesis over `analyze` and every ingest format.

Two profiles: ``default`` (the normal test run, about a minute in all) and ``fuzz`` (``make fuzz``: many more
examples).  Every example is counted in ``TOTALS`` (examples run, tracebacks, "internal error" exits, partial rows);
the totals are printed at the end of the run and, when ``$FUZZ_TOTALS`` names a file, written there as JSON."""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, settings

from tests.fuzz.totals import TOTALS

_COMMON = dict(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
settings.register_profile("default", max_examples=25, **_COMMON)
settings.register_profile("fuzz", max_examples=300, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_terminal_summary(terminalreporter):
    if not TOTALS["examples"]:
        return
    terminalreporter.write_line(
        "fuzz totals: {examples} examples, {tracebacks} tracebacks, {internal_errors} internal errors, "
        "{partial_rows} partial rows".format(**TOTALS)
    )
    path = os.environ.get("FUZZ_TOTALS")
    if path:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(TOTALS, fh, indent=2)
