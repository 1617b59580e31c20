"""`claimledger claims --as-of DAY`: the claims published by then, and `--status` as the propositions stood that day
— the same answer as `/api/claims?as_of=` (tests/web/test_lists_as_of.py), on the Toretsk ledger."""

from __future__ import annotations

import json

from click.testing import CliRunner

from claimledger.cli.main import main
from tests.link.test_as_of_history import DAY1, DAY5, DAY12, TORETSK, toretsk_store

TASS, DENIAL, ISW, ACK, UNDATED = (t[1] for t in TORETSK)


def _urls(db_url: str, *args: str) -> set[str]:
    r = CliRunner().invoke(main, ["claims", "--db", db_url, "--format", "json", "--limit", "1000", *args])
    assert r.exit_code == 0, r.output
    return {row["url"] for row in json.loads(r.stdout)}


def test_claims_as_of_a_day(tmp_path, analyzer):
    db_url = f"sqlite:///{tmp_path / 'toretsk.sqlite'}"
    toretsk_store(db_url, analyzer)
    assert _urls(db_url, "--as-of", "2025-02-10") == set()
    day1 = _urls(db_url, "--as-of", DAY1)
    assert day1 and day1 <= {TASS, DENIAL}
    assert _urls(db_url, "--as-of", DAY12) <= {TASS, DENIAL, ISW}
    assert TASS in _urls(db_url, "--status", "disputed", "--as-of", DAY5)  # disputed on day 5 ...
    assert TASS not in _urls(db_url, "--status", "disputed", "--as-of", DAY12)  # ... corroborated by day 12
    assert TASS in _urls(db_url, "--status", "corroborated_by_independent", "--as-of", DAY12)
    bad = CliRunner().invoke(main, ["claims", "--db", db_url, "--as-of", "2025-13-01"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
