"""``claimledger statements`` with --place (any spelling or script), --speaker and --as-of, in text and JSON, on a
ledger of analysed articles: the Siversk "critical support" remark relayed and rewritten as fact (the statements
fixture), and a General Staff loss figure near Vuhledar relayed by a second Ukrainian outlet."""

import hashlib
import json

import pytest
from click.testing import CliRunner

from claimledger.cli.main import main
from claimledger.link import save_ledgers
from claimledger.model import Article
from claimledger.store import LedgerStore
from tests.conftest import FIXTURES

VUHLEDAR = [
    {
        "url": "https://www.ukrinform.net/rubric-ato/vuhledar-losses",
        "outlet": "ukrinform.net",
        "published": "2023-02-11",
        "text": "Losses near Vuhledar\n\nThe General Staff of the Armed Forces of Ukraine said that Russian forces "
        "lost 36 tanks near Vuhledar during the failed assault on Friday.\n",
    },
    {
        "url": "https://kyivindependent.com/vuhledar-tanks",
        "outlet": "kyivindependent.com",
        "published": "2023-02-12",
        "text": "Russia loses dozens of tanks at Vuhledar\n\nRussian forces lost 36 tanks near Vuhledar during the "
        "failed assault on Friday, the General Staff of the Armed Forces of Ukraine reported.\n",
    },
]
ISSUE_FIELDS = {"id", "text", "origin", "first_seen", "n_articles", "n_origins", "laundered", "members"}
ORIGIN_FIELDS = {"speaker", "type", "side", "article_url", "outlet", "published"}
MEMBER_FIELDS = {"article_url", "outlet", "published", "language", "claim_id", "speaker", "certainty", "voice"}


def build_ledger(path, analyzer) -> LedgerStore:
    store = LedgerStore("sqlite:///" + str(path / "ledger.sqlite"))
    docs = [json.loads(line) for line in open(FIXTURES / "statements" / "laundering.jsonl")] + VUHLEDAR
    for d in docs:
        article = Article(
            text=d["text"],
            sha256=hashlib.sha256(d["text"].encode()).hexdigest(),
            url=d["url"],
            outlet=d["outlet"],
            published=d["published"],
            language=d.get("language", "en"),
        )
        save_ledgers(store, [analyzer.analyze(article)])
    return store


@pytest.fixture(scope="module")
def db(tmp_path_factory, analyzer) -> str:
    return build_ledger(tmp_path_factory.mktemp("stcli"), analyzer).url[len("sqlite:///") :]


def run(*args) -> str:
    out = CliRunner().invoke(main, ["statements", *args])
    assert out.exit_code == 0, out.output
    return out.output


def _support(rows: list[dict]) -> dict:
    found = [r for r in rows if "critical" in r["text"] and "mil.ru" in (r["origin"]["article_url"] or "")]
    assert len(found) == 1, [r["text"] for r in rows]
    return found[0]


def test_json_has_every_field_of_the_issue(db):
    rows = json.loads(run("--db", db, "--format", "json"))
    for r in rows:
        assert ISSUE_FIELDS <= set(r) and ORIGIN_FIELDS <= set(r["origin"])
        assert r["members"] and all(MEMBER_FIELDS <= set(m) for m in r["members"])
        assert all(m["voice"] in ("attributed", "own") for m in r["members"])
    st = _support(rows)
    assert st["origin"]["article_url"] == "https://mil.ru/news/siversk-video-1" and st["laundered"]


def test_place_in_any_script(db):
    for name in ("Siversk", "Сіверськ", "Северск"):
        rows = json.loads(run("--db", db, "--place", name, "--format", "json"))
        assert _support(rows) and not any("Vuhledar" in r["text"] for r in rows), name
    vuhledar = json.loads(run("--db", db, "--place", "Вугледар", "--format", "json"))
    assert len(vuhledar) == 1 and "36 tanks" in vuhledar[0]["text"]
    assert {m["article_url"].split("/")[2] for m in vuhledar[0]["members"]} == {
        "www.ukrinform.net",
        "kyivindependent.com",
    }
    unknown = CliRunner().invoke(main, ["statements", "--db", db, "--place", "Atlantis"])
    assert unknown.exit_code != 0 and "Atlantis" in unknown.output and "Traceback" not in unknown.output


def test_speaker(db):
    rows = json.loads(run("--db", db, "--speaker", "voronov", "--format", "json"))
    assert _support(rows) and all("tanks" not in r["text"] for r in rows)
    staff = json.loads(run("--db", db, "--speaker", "General Staff", "--format", "json"))
    assert [r["origin"]["article_url"].split("/")[2] for r in staff] == ["www.ukrinform.net"]
    assert run("--db", db, "--speaker", "Kyrylenko", "--format", "csv").count("\n") == 2  # header + one


def test_as_of_recomputes_and_text_format(db):
    now = _support(json.loads(run("--db", db, "--format", "json")))
    then = _support(json.loads(run("--db", db, "--as-of", "2023-01-12", "--format", "json")))
    assert then["as_of"] == "2023-01-12" and not then["laundered"] and now["laundered"]
    assert [m["article_url"].split("/")[2] for m in then["members"]] == ["mil.ru", "rg.ru"]
    assert then["n_articles"] == 2
    assert json.loads(run("--db", db, "--as-of", "2023-01-12", "--laundered", "--format", "json")) == []
    assert json.loads(run("--db", db, "--as-of", "2023-01-09", "--format", "json")) == []
    text = run("--db", db, "--place", "Siversk", "--as-of", "2023-01-13", "--format", "text")
    assert "as of 2023-01-13" in text and "LAUNDERED" in text and "origin: " in text
    assert "https://news-front.su/2023/01/13/siversk-residents" in text and "topwar" not in text
    bad = CliRunner().invoke(main, ["statements", "--db", db, "--as-of", "13/01/2023"])
    assert bad.exit_code != 0 and "Traceback" not in bad.output
