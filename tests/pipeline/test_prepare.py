"""One ``prepare`` for every entry point: the same article gets the same stored outlet fields and language whether
it came in through `analyze`, `ingest` or the stages themselves."""

import json

import sqlalchemy as sa
from click.testing import CliRunner

from claimledger.cli.main import main
from claimledger.model import Article
from claimledger.pipeline.prepare import prepare

TEXT = (
    "Russian forces have taken full control of the village of Kurakhove, the Russian Defence Ministry said on "
    "Friday. Ukraine's General Staff did not comment on the claim.\n"
)
URL = "https://tass.com/politics/1234567"


def _outlet_fields(db) -> tuple:
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT outlet, outlet_type, outlet_side, language FROM articles")).all()
    engine.dispose()
    assert len(rows) == 1
    return tuple(rows[0])


def test_analyze_url_and_ingest_store_identical_outlet_fields(tmp_path):
    text_file = tmp_path / "kurakhove.txt"
    text_file.write_text(TEXT, encoding="utf-8")
    a_db, i_db = tmp_path / "analyze.sqlite", tmp_path / "ingest.sqlite"
    r = CliRunner().invoke(
        main, ["analyze", str(text_file), "--url", URL, "--published", "2025-01-10", "--db", str(a_db)]
    )
    assert r.exit_code == 0, r.output
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text(json.dumps({"text": TEXT, "url": URL, "published": "2025-01-10"}) + "\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["ingest", str(jsonl), "--db", str(i_db)])
    assert r.exit_code == 0, r.output
    analyzed, ingested = _outlet_fields(a_db), _outlet_fields(i_db)
    assert analyzed == ingested
    assert analyzed[1:] == ("state-controlled", "RU", "en")


def test_prepare_is_idempotent_and_keeps_unknown_outlets_unknown():
    a = Article(text=TEXT, sha256="x", url="https://example.org/a", outlet="Some Blog")
    prepare(prepare(a))
    assert (a.outlet, a.outlet_type, a.outlet_side, a.language) == ("Some Blog", None, None, "en")
