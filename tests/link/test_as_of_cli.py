"""``claimledger propositions --as-of`` and ``claimledger timeline --as-of`` on the Toretsk articles ingested
through the CLI (the undated one included)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from claimledger.cli.main import main
from tests.link.test_as_of_history import DAY1, DAY5, DAY12, DAY31, EXPECTED, HERE, TORETSK


def cli(*args):
    return CliRunner().invoke(main, list(args))


def ingest(tmp_path, db):
    src = tmp_path / "toretsk.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for name, url, published, title in TORETSK:
            row = {"text": (HERE / name).read_text(encoding="utf-8"), "url": url, "title": title}
            if published:
                row["published"] = published
            fh.write(json.dumps(row) + "\n")
    result = cli("ingest", str(src), "--db", db)
    assert result.exit_code == 0, result.output


def control(db, *extra):
    out = cli("propositions", "--db", db, "--place", "Toretsk", "--format", "json", *extra)
    assert out.exit_code == 0, out.output
    rows = [r for r in json.loads(out.stdout) if r["kind"] == "control" and r["side"] == "RU"]
    return rows[0] if rows else None


def test_propositions_and_timeline_as_of(tmp_path, db_url):
    ingest(tmp_path, db_url)
    for day, expected in EXPECTED.items():
        p = control(db_url, "--as-of", day)
        assert (p["status"] if p else None) == expected, day
        out = cli("timeline", "Toretsk", "--db", db_url, "--format", "json", "--as-of", day)
        assert out.exit_code == 0, out.output
        doc = json.loads(out.stdout)
        assert doc["as_of"] == day
        assert {r["status"] for r in doc["timeline"] if r["kind"] == "control"} == ({expected} if expected else set())
    p = control(db_url, "--as-of", DAY5)
    assert p["as_of"] == DAY5 and {m["published"] for m in p["members"]} == {DAY1}
    assert [h["status"] for h in p["history"]] == ["claimed_by_one_side", "disputed"]
    now = control(db_url)
    assert [h["status"] for h in now["history"]] == [
        "claimed_by_one_side",
        "disputed",
        "corroborated_by_independent",
        "acknowledged_by_opposing_side",
    ]
    assert now["history"][-1]["date"] == "2025-03-12" and now["history"][-1]["outlet"] == "The Kyiv Independent"
    # the status filter applies to the status as of the day
    out = cli(
        "propositions", "--db", db_url, "--status", "corroborated_by_independent", "--as-of", DAY12, "--format", "json"
    )
    assert out.exit_code == 0 and [r["place_name"] for r in json.loads(out.stdout)] == ["Toretsk"]
    out = cli(
        "propositions", "--db", db_url, "--status", "corroborated_by_independent", "--as-of", DAY31, "--format", "json"
    )
    assert out.exit_code == 0 and json.loads(out.stdout) == []
    # the text tables say which day they show and how the status changed
    out = cli("propositions", "--db", db_url, "--place", "Toretsk", "--as-of", DAY12)
    assert out.exit_code == 0 and "as of 2025-02-22" in out.stdout and "corroborated" in out.stdout
    out = cli("timeline", "Toretsk", "--db", db_url, "--as-of", DAY1)
    assert out.exit_code == 0 and "as of 2025-02-11" in out.stdout and "disputed" in out.stdout


def test_bad_as_of_is_a_clear_error(tmp_path):
    db = str(tmp_path / "ledger.sqlite")
    for cmd in (["propositions"], ["timeline", "Toretsk"]):
        out = cli(*cmd, "--db", db, "--as-of", "11/02/2025")
        assert out.exit_code == 2
        assert "--as-of" in out.output and "Traceback" not in out.output
