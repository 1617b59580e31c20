"""Statements across sources on a real SQLite ledger: a remark in a ministry video, relayed by a newspaper as
"one fighter claimed", rewritten as fact by aggregators; an unrelated claim on the same town; a Russian
translation (joined through the multilingual encoder)."""

import hashlib
import json

import pytest

from claimledger.link import save_ledgers
from claimledger.link.statements import summarise
from claimledger.model import Article
from claimledger.store import LedgerStore
from claimledger.store.statements import list_statements, statement_detail
from tests.conftest import FIXTURES

ARTICLES = [json.loads(line) for line in open(FIXTURES / "statements" / "laundering.jsonl")]


@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory, analyzer):
    import os

    os.environ["CLAIMLEDGER_STATEMENT_ENCODER"] = "1"
    from claimledger.link.statement_match import get_encoder

    get_encoder.cache_clear()
    try:
        store = LedgerStore("sqlite:///" + str(tmp_path_factory.mktemp("st") / "ledger.sqlite"))
        for d in ARTICLES:
            article = Article(
                text=d["text"],
                sha256=hashlib.sha256(d["text"].encode()).hexdigest(),
                url=d["url"],
                outlet=d["outlet"],
                published=d["published"],
                language=d.get("language", "en"),
            )
            save_ledgers(store, [analyzer.analyze(article)])
    finally:
        del os.environ["CLAIMLEDGER_STATEMENT_ENCODER"]
        get_encoder.cache_clear()
    return store


def _the_statement(store):
    rows, _ = list_statements(store, search="critical support")
    assert len(rows) == 1, [r.text for r in rows]
    return statement_detail(store, rows[0].id).model_dump()


def test_one_statement_with_origin_carriers_and_laundering(ledger_db):
    st = _the_statement(ledger_db)
    outlets = [m["article_url"].split("/")[2] for m in st["members"]]
    assert outlets[:4] == ["mil.ru", "rg.ru", "news-front.su", "topwar.example"]
    assert "Voronov" in st["origin"]["speaker"] and st["origin"]["type"] == "combatant"
    assert st["origin"]["article_url"] == "https://mil.ru/news/siversk-video-1"
    assert st["first_seen"] == "2023-01-10"
    assert st["laundered"] is True and st["n_origins"] == 1
    assert [d["level"] for d in st["drift"]][:4] == ["reported", "reported", "fact", "fact"]
    assert [m["level"] for m in st["members"]][:4] == ["reported", "reported", "fact", "fact"]
    rg = st["members"][1]
    assert rg["voice"] == "attributed" and any("Defence Ministry" in v for v in rg["via"])
    assert [m["voice"] for m in st["members"][2:4]] == ["own", "own"]


def test_translation_joins(ledger_db):
    st = _the_statement(ledger_db)
    assert "ru" in {m["language"] for m in st["members"]}


def test_near_copy_is_a_carrier_not_an_article(ledger_db):
    st = _the_statement(ledger_db)
    copies = [m for m in st["members"] if m["duplicate_of"]]
    assert len(copies) == 1 and "voenhronika" in copies[0]["article_url"]
    assert st["n_articles"] == len({m["article_id"] for m in st["members"]}) - 1
    assert all(d["outlet"] != copies[0]["outlet"] for d in st["drift"])


def test_unrelated_claim_on_the_same_town_does_not_join(ledger_db):
    st = _the_statement(ledger_db)
    assert not any("ukrinform" in m["article_url"] for m in st["members"])
    shelling, _ = list_statements(ledger_db, search="shelled")
    assert len(shelling) == 1 and shelling[0].id != st["id"] and not shelling[0].laundered


def test_new_independent_origin_is_not_laundering():
    def m(outlet, day, voice, certainty, origin, via=()):
        return dict(
            article_id=outlet,
            claim_id="c1",
            voice=voice,
            certainty=certainty,
            published=day,
            text="t",
            origin_key=origin,
            origin_label=origin,
            speaker_type="official_party",
            speaker_side="RU",
            via_json=json.dumps(list(via)),
            outlet=outlet,
            language="en",
        )

    base = [m("a", "2023-01-01", "attributed", "hedged", "speaker:a:one fighter")]
    assert summarise(base + [m("b", "2023-01-03", "own", "asserted", "outlet:b")])["laundered"]
    confirmed = base + [m("c", "2023-01-02", "attributed", "reported", "actor:un monitoring mission")]
    s = summarise(confirmed + [m("b", "2023-01-03", "own", "asserted", "outlet:b")])
    assert not s["laundered"] and s["n_origins"] == 2
    relayed = base + [m("c", "2023-01-02", "attributed", "reported", "actor:tass", via=["TASS"])]
    assert summarise(relayed + [m("b", "2023-01-03", "own", "asserted", "outlet:b")])["n_origins"] == 1


def test_cli_lists_laundered_statements(ledger_db):
    from click.testing import CliRunner

    from claimledger.cli.main import main

    db = ledger_db.url[len("sqlite:///") :]
    out = CliRunner().invoke(main, ["statements", "--db", db, "--laundered", "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert len(rows) == 1 and rows[0]["laundered"] and "Voronov" in rows[0]["origin"]["speaker"]
    assert [m["voice"] for m in rows[0]["members"]][:4] == ["attributed", "attributed", "own", "own"]
    lines = CliRunner().invoke(main, ["statements", "--db", db, "--format", "jsonl"]).output.splitlines()
    assert len(lines) >= 2 and all(json.loads(line)["id"].startswith("st_") for line in lines)
    csv_out = CliRunner().invoke(main, ["statements", "--db", db, "--search", "shelled", "--format", "csv"])
    assert csv_out.exit_code == 0 and "Kyrylenko" in csv_out.output
    missing = CliRunner().invoke(main, ["statements", "--db", db + ".nope"])
    assert missing.exit_code != 0 and "Traceback" not in missing.output


def test_api_and_page(ledger_db):
    from fastapi.testclient import TestClient

    from claimledger.web.app import create_app

    client = TestClient(create_app(ledger_db), base_url="http://127.0.0.1:8000")
    listing = client.get("/api/statements", params={"laundered": "true"}).json()
    assert listing["items"] and all(i["laundered"] for i in listing["items"])
    sid = listing["items"][0]["id"]
    detail = client.get(f"/api/statements/{sid}").json()
    assert detail["origin"]["article_url"] == "https://mil.ru/news/siversk-video-1" and len(detail["members"]) >= 4
    page = client.get(f"/statements/{sid}")
    assert page.status_code == 200 and "Laundered" in page.text and "Voronov" in page.text
    assert client.get("/api/statements/st_0000000000000000").status_code == 404
    assert client.get("/api/statements/bad-id").status_code in (400, 404, 422)
