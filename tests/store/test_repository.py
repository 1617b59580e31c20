"""The SQLite store: migrations, atomic and idempotent saves."""

from claimledger.link import save_ledgers
from claimledger.store import LedgerStore


def test_save_is_idempotent_and_queryable(db_url, analyzer):
    from claimledger.ingest.article import Metadata, article_from_text

    article = article_from_text(
        "Russian forces captured Vuhledar, the ministry said.", Metadata(published="2024-10-02")
    )
    article.language = "en"
    ledger = analyzer.analyze(article)
    store = LedgerStore(db_url)
    assert [r.outcome for r in save_ledgers(store, [ledger])] == ["new"]
    counts = store.counts()
    assert counts["articles"] == 1 and counts["claims"] == len(ledger.claims) and counts["events"] == len(ledger.events)
    # same text again: nothing changes
    again = LedgerStore(db_url)
    assert [r.outcome for r in save_ledgers(again, [analyzer.analyze(article)])] == ["already"]
    assert again.counts() == counts
    stored = again.ledger_json(article.id)
    assert stored["article"]["sha256"] == article.sha256
    assert stored["claims"][0]["speaker"]["text"] == "the ministry"


def test_full_text_search_treats_input_as_text(db_url):
    from claimledger.store.queries import search_claims

    store = LedgerStore(db_url)
    for q in ['"', "\x00", "AND OR NOT", "Siversk*", "(x", "a\x00b ' \""]:
        assert search_claims(store, search=q) == ([], 0)
