"""`claimledger users …` and `claimledger review …` on the Toretsk ledger: a token printed once, a correction
with its audit entry, the log, a revert, clear errors (exit 2) for bad input."""

from __future__ import annotations

import json

from click.testing import CliRunner

from claimledger.cli.main import main
from tests.link.test_as_of_history import control_of_toretsk, toretsk_store


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_users_and_review_commands(tmp_path, analyzer):
    db = str(tmp_path / "ledger.sqlite")
    store = toretsk_store("sqlite:///" + db, analyzer)
    added = run("users", "add", "olena", "--db", db)
    assert added.exit_code == 0, added.output
    token = added.stdout.strip()
    assert len(token) >= 40
    assert run("users", "list", "--db", db).stdout.startswith("olena\t")
    assert token not in run("users", "list", "--db", db).stdout
    p = control_of_toretsk(store)
    isw = next(m for m in store.members(p.id) if "Institute" in (m.speaker_text or ""))
    r = run(
        "review", "claim", isw.article_id, isw.claim_id, "--certainty", "hedged", "--speaker-type", "journalist",
        "--reason", "a blog post, hedged", "--user", "olena", "--db", db, "--format", "json",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert '"field": "certainty"' in r.stdout and '"field": "speaker_type"' in r.stdout
    assert control_of_toretsk(store).status == "acknowledged_by_opposing_side"
    log = json.loads(run("review", "log", "--db", db, "--format", "json").stdout)
    assert [e["field"] for e in log] == ["certainty", "speaker_type"] and all(e["in_effect"] for e in log)
    text = run("review", "log", "--proposition", p.id, "--db", db).stdout
    assert "olena" in text and "a blog post, hedged" in text
    rv = run("review", "revert", str(log[0]["id"]), "--reason", "an analyst after all", "--user", "olena", "--db", db)
    assert rv.exit_code == 0 and "revert" in rv.stdout
    assert "reverted by" in run("review", "log", "--db", db).stdout
    # errors: one line, exit 2
    bad = run(
        "review",
        "claim",
        isw.article_id,
        "c999",
        "--certainty",
        "hedged",
        "--reason",
        "x",
        "--user",
        "olena",
        "--db",
        db,
    )
    assert bad.exit_code == 2 and "no claim c999" in bad.stderr
    nobody = run("review", "merge", p.id, p.id, "--reason", "x", "--user", "nobody", "--db", db)
    assert nobody.exit_code == 2 and "no such user" in nobody.stderr
    nothing = run("review", "claim", isw.article_id, isw.claim_id, "--reason", "x", "--user", "olena", "--db", db)
    assert nothing.exit_code == 2 and "say what to correct" in nothing.stderr
    assert run("users", "remove", "olena", "--db", db).exit_code == 0
    assert run("users", "remove", "olena", "--db", db).exit_code == 2
    missing = run("users", "list", "--db", str(tmp_path / "nope.sqlite"))
    assert missing.exit_code == 2
