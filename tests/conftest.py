"""Shared fixtures: the analyzer is loaded once for the whole test run (as a worker would)."""

import itertools
import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def analyzer():
    from claimledger.pipeline import Analyzer

    return Analyzer.load()


@pytest.fixture(scope="session")
def analyze(analyzer):
    def run(text, published=None):
        return analyzer.analyze_text(text, published)

    return run


def find_claim(ledger, speaker_part):
    for c in ledger.claims:
        if speaker_part.lower() in c.speaker.text.lower():
            return c
    raise AssertionError(f"no claim by {speaker_part!r}: {[c.speaker.text for c in ledger.claims]}")


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server on loopback for the session.  In CI a failure to start is an error, never a
    silent skip; on a developer machine without PostgreSQL the PostgreSQL variants are skipped."""
    from tests.pg_server import PostgresServer, PostgresUnavailable

    server = PostgresServer()
    try:
        server.start()
    except PostgresUnavailable as exc:
        server.stop()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL could not be started: {exc}")
        pytest.skip(f"PostgreSQL not available: {exc}")
    yield server
    server.stop()


_db_counter = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty ledger database URL on each backend."""
    if request.param == "sqlite":
        return "sqlite:///" + str(tmp_path / "ledger.sqlite")
    server = request.getfixturevalue("pg_server")
    return server.new_database(f"t{os.getpid()}_{next(_db_counter)}")
