"""Search that finds every spelling and script of a place, phrases, OR, prefixes and Cyrillic, over a real
ledger built from articles in English, Russian and Ukrainian (wire copy, state media, the General Staff)."""

from __future__ import annotations

import pytest

ARTICLES = [  # (text, url, published, title)
    (
        "MOSCOW, Dec 10 (Reuters) - Russia's Defence Ministry said on Wednesday that its forces had captured the "
        "town of Seversk in the Donetsk region. Ukraine did not immediately comment on the claim.",
        "https://www.reuters.com/world/europe/seversk-1",
        "2025-12-10",
        "Russia says it captured Seversk",
    ),
    (
        "Министерство обороны России заявило, что подразделения группировки войск «Южная» освободили населённый "
        "пункт Северск в Донецкой народной республике. Украинская сторона эти сведения не подтвердила.",
        "https://tass.ru/armiya-i-opk/severskiy-1",
        "2025-12-11",
        "Минобороны: освобождён Северск",
    ),
    (
        "Генеральний штаб ЗСУ заявив, що українські підрозділи утримують позиції під Сіверськом і відбили "
        "дванадцять атак. Російські заяви про захоплення міста не відповідають дійсності, наголосили в Генштабі.",
        "https://www.ukrinform.ua/rubric-ato/siversk-2",
        "2025-12-11",
        "Генштаб: оборона Сіверська триває",
    ),
    (
        "KYIV (AP) - Ukraine's General Staff said its troops liberated the village of Klishchiivka south of "
        "Bakhmut after weeks of fighting. Russian officials said the village remained under their control.",
        "https://apnews.com/article/klishchiivka-1",
        "2025-12-12",
        "Ukraine says Klishchiivka liberated",
    ),
    (
        "Local officials said 100% of the power lines near Kupiansk were cut_off by shelling on Tuesday, the "
        "regional governor said.",
        "https://suspilne.media/kharkiv/kupiansk-1",
        "2025-12-12",
        'Kupiansk: "NEAR" OR power * cut',
    ),
]


@pytest.fixture(scope="module")
def search_store(tmp_path_factory, analyzer):
    from claimledger.batch import apply_outlet
    from claimledger.ingest.article import Metadata, article_from_text
    from claimledger.ingest.outlets import OutletDirectory
    from claimledger.link import save_ledgers
    from claimledger.store import LedgerStore

    store = LedgerStore("sqlite:///" + str(tmp_path_factory.mktemp("search") / "ledger.sqlite"))
    outlets = OutletDirectory.load()
    for text, url, published, title in ARTICLES:
        article = article_from_text(text, Metadata(url=url, published=published, title=title))
        article.language = {"tass.ru": "ru", "www.ukrinform.ua": "uk"}.get(url.split("/")[2], "en")  # the feed's
        apply_outlet(article, outlets)
        save_ledgers(store, [analyzer.analyze(article)], [url])
    return store


@pytest.fixture(scope="module")
def search_client(search_store):
    from fastapi.testclient import TestClient

    from claimledger.web import create_app

    return TestClient(create_app(search_store))


def _claims(store, q):
    from claimledger.store.queries import search_claims
    from claimledger.web.search import parse_search

    rows, _ = search_claims(store, search=parse_search(q), limit=100)
    return {r["url"] for r in rows}


def _articles(store, q):
    from claimledger.store.queries import list_articles
    from claimledger.web.search import parse_search

    rows, _ = list_articles(store, search=parse_search(q), limit=100)
    return {r["url"] for r in rows}


def test_articles_are_analysed_into_claims(search_store):
    from claimledger.store.queries import search_claims

    rows, total = search_claims(search_store, limit=100)
    assert {r["url"] for r in rows} >= {ARTICLES[0][1], ARTICLES[1][1], ARTICLES[3][1]}


def test_siversk_finds_every_spelling_and_script(search_store):
    urls = _articles(search_store, "Siversk")
    assert {ARTICLES[0][1], ARTICLES[1][1], ARTICLES[2][1]} <= urls  # Seversk, Северск, Сіверськом
    assert ARTICLES[3][1] not in urls
    claims = _claims(search_store, "Siversk")
    assert ARTICLES[0][1] in claims and ARTICLES[1][1] in claims


@pytest.mark.parametrize("q", ["Северск", "Сіверськ", "Seversk"])
def test_any_spelling_finds_the_english_article(search_store, q):
    assert ARTICLES[0][1] in _claims(search_store, q)
    assert ARTICLES[0][1] in _articles(search_store, q)


def test_cyrillic_words_are_found(search_store):
    assert ARTICLES[1][1] in _claims(search_store, "освободили")
    assert ARTICLES[1][1] in _claims(search_store, "ОСВОБОДИЛИ")  # unicode61 folds Cyrillic case


def test_prefix_or_and_phrases(search_store):
    assert ARTICLES[3][1] in _claims(search_store, "liberat*")
    assert _claims(search_store, "liberat") == set()  # a word is a whole word
    both = _claims(search_store, "liberated OR освободили")
    assert {ARTICLES[1][1], ARTICLES[3][1]} <= both
    assert ARTICLES[3][1] in _claims(search_store, '"troops liberated"')
    assert _claims(search_store, '"liberated troops"') == set()
    assert _claims(search_store, "liberated освободили") == set()  # words are ANDed


@pytest.mark.parametrize(
    "q",
    [
        "NEAR(power cut)",
        '"unterminated',
        "content:power",
        "power AND NOT x",
        "^power",
        "'; DROP TABLE claims;--",
        "*",
        '""',
    ],
)
def test_fts_syntax_stays_literal_text(search_store, q):
    from claimledger.store.queries import search_claims

    rows, total = search_claims(search_store, search=q, limit=10)  # never an FTS5 syntax error
    assert total == len(rows)
    assert search_store.counts()["claims"] > 0  # still there


def test_like_wildcards_are_literal_in_articles(search_store):
    assert _articles(search_store, "100%") == {ARTICLES[4][1]}
    assert _articles(search_store, "cut_off") == {ARTICLES[4][1]}
    assert _articles(search_store, "1_0%") == set()


def test_api_and_pages_search_with_variants(search_client):
    r = search_client.get("/api/claims", params={"q": "Северск"})
    assert r.status_code == 200
    assert ARTICLES[0][1] in {c["url"] for c in r.json()["items"]}
    r = search_client.get("/api/articles", params={"q": "Siversk"})
    assert {ARTICLES[0][1], ARTICLES[1][1], ARTICLES[2][1]} <= {a["url"] for a in r.json()["items"]}
    page = search_client.get("/claims", params={"q": "Siversk"})
    assert page.status_code == 200
    assert "Seversk" in page.text and "Северск" in page.text
    r = search_client.get("/api/claims", params={"q": 'x" OR content:*'})
    assert r.status_code == 200


def test_places_by_name_resolve(search_client, search_store):
    for name in ("Siversk", "Seversk", "Сіверськ", "Северск"):
        r = search_client.get(f"/api/places/{name}")
        assert r.status_code == 200, (name, r.text)
        assert r.json()["place"]["place_key"] == "gn:694403"
    page = search_client.get("/places/Siversk", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/places/gn:694403"
    assert search_client.get("/places/Siversk").status_code == 200
    assert search_client.get("/api/places/Atlantis").status_code == 404
    assert search_client.get("/places/Atlantis").status_code == 404
