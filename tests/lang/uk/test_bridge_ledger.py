"""A Ukrainian relay joins the Russian statement it repeats on a real SQLite ledger, without the sentence encoder
(the uk pack's bridge gives Ukrainian claims Russian lemmas), and a Ukrainian claim by the same speaker on the
same place with other content founds its own statement."""

import hashlib

from claimledger.link import save_ledgers
from claimledger.model import Article
from claimledger.store import LedgerStore
from claimledger.store.statements import list_statements, statement_detail

ARTICLES = [
    (
        "https://tass.example/ru/khodakovsky-robotyne",
        "tass.ru",
        "2024-02-10",
        "ru",
        "МОСКВА, 10 февраля. Командир батальона «Восток» Александр Ходаковский заявил, что украинские войска "
        "оставили позиции у Работино из-за нехватки боеприпасов.",
    ),
    (
        "https://suspilne.example/uk/khodakovskyi-robotyne",
        "suspilne.media",
        "2024-02-11",
        "uk",
        "Командир батальйону «Восток» Олександр Ходаковський заявив, що українські війська залишили позиції біля "
        "Роботиного через нестачу боєприпасів.",
    ),
    (
        "https://unian.example/uk/robotyne-artyleriia",
        "unian.ua",
        "2024-02-11",
        "uk",
        "Командир батальйону «Восток» Олександр Ходаковський заявив, що українські війська обстріляли з артилерії "
        "склади біля Роботиного.",
    ),
]


def test_ukrainian_relay_joins_the_russian_statement(analyzer, tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMLEDGER_STATEMENT_ENCODER", raising=False)
    from claimledger.link.statement_match import get_encoder

    get_encoder.cache_clear()
    store = LedgerStore("sqlite:///" + str(tmp_path / "ledger.sqlite"))
    for url, outlet, published, language, text in ARTICLES:
        article = Article(
            text=text,
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            url=url,
            outlet=outlet,
            published=published,
            language=language,
        )
        save_ledgers(store, [analyzer.analyze(article)])
    rows, _ = list_statements(store)
    members = {r.id: [m["article_url"] for m in statement_detail(store, r.id).model_dump()["members"]] for r in rows}
    assert sorted(members.values()) == [
        [ARTICLES[0][0], ARTICLES[1][0]],
        [ARTICLES[2][0]],
    ]
