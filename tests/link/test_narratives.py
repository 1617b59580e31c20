"""Narrative counts across the ledger and outlet profiles, from articles written for these tests."""

import json

from click.testing import CliRunner

from claimledger.cli.main import main

ARTICLES = [
    {
        "url": "https://ria.ru/a1",
        "published": "2025-03-02",
        "text": "Ukraine is ruled by neo-Nazis, and the special military operation will liberate its people from the Kyiv regime.\n"
        "Residents of the liberated villages greeted Russian soldiers with flowers and bread.",
    },
    {
        "url": "https://kyivindependent.com/a2",
        "published": "2025-04-10",
        "text": "Russian officials claimed that Ukraine is ruled by neo-Nazis, a long-standing falsehood used to justify the invasion.\n"
        "Independent historians have repeatedly rejected that claim.",
    },
]


def test_counts_by_outlet_side_month_and_profiles(tmp_path, db_url):
    src = tmp_path / "n.jsonl"
    src.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n")
    run = CliRunner().invoke
    assert run(main, ["ingest", str(src), "--db", db_url]).exit_code == 0
    by_outlet = json.loads(run(main, ["narratives", "--db", db_url, "--format", "json"]).stdout)
    nazi = [r for r in by_outlet if "nazi" in r["label"]]
    assert {r["outlet"] for r in nazi} == {"RIA Novosti", "The Kyiv Independent"}
    assert {(r["outlet"], r["voice"]) for r in nazi} >= {("RIA Novosti", "own"), ("The Kyiv Independent", "attributed")}
    by_month = json.loads(run(main, ["narratives", "--db", db_url, "--by", "month", "--format", "json"]).stdout)
    assert {r["month"] for r in by_month} == {"2025-03", "2025-04"}
    by_side = json.loads(run(main, ["narratives", "--db", db_url, "--by", "side", "--format", "json"]).stdout)
    assert all(r["side"] == "RU" for r in by_side if "nazi" in r["label"])
    profiles = {
        p["outlet"]: p
        for p in json.loads(run(main, ["narratives", "--db", db_url, "--profiles", "--format", "json"]).stdout)
    }
    assert profiles["RIA Novosti"]["own_voice_share"] == 1.0
    assert profiles["The Kyiv Independent"]["own_voice_share"] == 0.0
    text = run(main, ["narratives", "--db", db_url]).stdout
    assert "RIA Novosti" in text
