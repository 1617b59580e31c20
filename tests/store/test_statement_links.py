"""The links from an article's claims to their statements (``claimledger.store.statements.statement_links``) on both
backends, over two real articles that repeat one claim: a Reuters report and a Kyiv Independent piece that both
carry the Russian Defence Ministry's claim about Andriivka, each with a claim of its own."""

from __future__ import annotations

ARTICLES = [  # (text, url, published, title, outlet)
    (
        "MOSCOW, Aug 14 (Reuters) - Russia's Defence Ministry said on Thursday that its forces had captured the "
        "village of Andriivka in the Donetsk region. Reuters could not independently verify the battlefield "
        "report. A Ukrainian military spokesman, Viktor Trehubov, said fighting was continuing on the outskirts "
        "of Kostiantynivka.",
        "https://www.reuters.com/world/europe/andriivka-2025-08-14",
        "2025-08-14",
        "Russia says it captured Andriivka in Donetsk region",
        "Reuters",
    ),
    (
        "Russia's Defence Ministry said its forces had captured the village of Andriivka in the Donetsk region, "
        "a claim that Ukraine's General Staff did not confirm. The governor of Donetsk Oblast, Vadym Filashkin, "
        "said two civilians were wounded in shelling of Druzhkivka overnight.",
        "https://kyivindependent.com/andriivka-claim",
        "2025-08-15",
        "Moscow claims Andriivka, Kyiv silent",
        "The Kyiv Independent",
    ),
]


def build(url: str, analyzer):
    """A ledger of the two articles; returns the store and the article ids (Reuters first)."""
    from claimledger.ingest.article import Metadata, article_from_text
    from claimledger.link import save_ledgers
    from claimledger.pipeline import prepare
    from claimledger.store import LedgerStore

    store = LedgerStore(url)
    ids = []
    for text, link, published, title, outlet in ARTICLES:
        article = article_from_text(text, Metadata(url=link, published=published, title=title, outlet=outlet))
        prepare(article)  # outlet fields and the language, as every entry point does
        save_ledgers(store, [analyzer.analyze(article)])
        ids.append(article.id)
    return store, ids


def _mod_claim(store, article_id: str) -> str:
    from claimledger.store import queries

    doc = queries.article_detail(store, article_id)["ledger"]
    return next(c["id"] for c in doc["claims"] if "Defence Ministry" in (c["speaker"]["text"] or ""))


def test_the_repeated_claim_links_both_articles_to_one_statement(db_url, analyzer):
    from claimledger.store.statements import statement_links

    store, (reuters, kyiv) = build(db_url, analyzer)
    r_ids = {c: v["statement"] for c, v in statement_links(store, reuters).items()}
    k_ids = {c: v["statement"] for c, v in statement_links(store, kyiv).items()}
    assert statement_links(store, "a_0000000000000000") == {}
    shared = r_ids[_mod_claim(store, reuters)]
    assert shared.startswith("st_") and k_ids[_mod_claim(store, kyiv)] == shared
    # each article's other claims belong to statements of their own
    others = {s for c, s in r_ids.items() if s != shared} | {s for c, s in k_ids.items() if s != shared}
    assert others and shared not in others
    links = statement_links(store, kyiv)
    assert links[_mod_claim(store, kyiv)]["statement"] == shared
    assert links[_mod_claim(store, kyiv)]["n_articles"] == 2
    assert {v["statement"] for v in links.values()} == set(k_ids.values())
    assert all(v["n_articles"] == 1 for c, v in links.items() if v["statement"] != shared)
