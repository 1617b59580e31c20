"""One ledger across languages: an English wire report, a Russian state-media report ("Северск") and a Ukrainian
General Staff relay ("Сіверськ") about the same town join one proposition keyed by its GeoNames id (gn:694403)."""

import json

import pytest
from click.testing import CliRunner

from claimledger.batch import run_ingest
from claimledger.store.repository import LedgerStore

SIVERSK = "gn:694403"

ARTICLES = [
    {
        "url": "https://wire.example.com/world/europe/russia-says-it-captured-siversk-2024-12-12",
        "outlet": "Reuters",
        "published": "2024-12-12",
        "text": "MOSCOW, Dec 12 (Reuters) - Russia's Defence Ministry said on Thursday that its forces had captured "
        "the town of Siversk in eastern Ukraine's Donetsk region.\n"
        "Reuters could not independently verify the battlefield report.",
    },
    {
        "url": "https://tass.example.ru/armiya-i-opk/2024-12-12-seversk",
        "outlet": "TASS",
        "published": "2024-12-12",
        "text": "МОСКВА, 12 декабря. /ТАСС/. Министерство обороны России заявило, что российские войска "
        "освободили Северск в Донецкой Народной Республике.\n"
        "По данным ведомства, подразделения продолжают зачистку окраин города.",
    },
    {
        "url": "https://ukrinform.example.ua/rubric-ato/2024-12-12-siversk.html",
        "outlet": "Ukrinform",
        "published": "2024-12-12",
        "text": "Генеральний штаб ЗСУ спростував заяву російського міністерства оборони про захоплення Сіверська.\n"
        "Сили оборони утримують позиції в Сіверську, повідомив Генштаб.",
    },
]


@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory, analyzer):
    tmp = tmp_path_factory.mktemp("xlang")
    src = tmp / "siversk.jsonl"
    src.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n", encoding="utf-8")
    url = "sqlite:///" + str(tmp / "ledger.sqlite")
    store = LedgerStore(url)
    summary = run_ingest([str(src)], store, analyzer=analyzer)
    assert summary.new == 3 and not summary.failed, summary.failed
    return store, str(tmp / "ledger.sqlite")


def _siversk_propositions(store):
    return [p for p in store.propositions() if p.place_key == SIVERSK]


def test_one_proposition_gathers_all_three_languages(ledger_db):
    store, _ = ledger_db
    props = _siversk_propositions(store)
    assert props, [(p.place_key, p.text) for p in store.propositions()]
    best = max(props, key=lambda p: len({m.article_id for m in store.members(p.id)}))
    members = store.members(best.id)
    assert len({m.article_id for m in members}) == 3, [(m.outlet, m.origin_label, m.stance) for m in members]
    assert best.n_origins >= 2


def test_origins_counted_across_languages_and_ukrainian_denial(ledger_db):
    store, _ = ledger_db
    members = [m for p in _siversk_propositions(store) for m in store.members(p.id)]
    stances = {(m.speaker_side, m.stance) for m in members}
    assert ("UA", "deny") in stances, stances
    assert any(side == "RU" and stance == "affirm" for side, stance in stances), stances
    assert len({m.origin_key for m in members}) >= 2


def _cli(*args):
    from claimledger.cli.main import main as cli

    return CliRunner().invoke(cli, list(args))


def test_claims_search_in_cyrillic_and_timeline_by_latin_name(ledger_db):
    _, path = ledger_db
    res = _cli("claims", "--db", path, "--search", "Северск", "--format", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    texts = [r["content_text"] for r in rows]
    assert any("Северск" in t for t in texts), texts
    res = _cli("timeline", "Siversk", "--db", path, "--format", "json")
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert SIVERSK in out["place_keys"] and out["timeline"]


@pytest.mark.parametrize("name", ["Северск", "Сіверськ"])
def test_timeline_by_cyrillic_name(ledger_db, name):
    _, path = ledger_db
    res = _cli("timeline", name, "--db", path, "--format", "json")
    assert res.exit_code == 0, res.output
    assert SIVERSK in json.loads(res.output)["place_keys"]
