"""Article and claim search through the full-text indexes of migration 0010 (FTS5 on SQLite, GIN on PostgreSQL),
on the Toretsk ledger (tests/link/test_as_of_history.py), on both backends: words, prefixes, OR, phrases,
punctuation as text, ``as_of``; on SQLite the indexes follow every write (triggers) and an older ledger's rows
are indexed when it is migrated."""

from __future__ import annotations

import pytest

from claimledger.store import queries
from tests.link.test_as_of_history import DAY1, DAY12, FUTURE, TORETSK, toretsk_store

TASS, DENIAL, ISW, ACK, UNDATED = (t[1] for t in TORETSK)


@pytest.fixture
def store(db_url, analyzer):
    return toretsk_store(db_url, analyzer)


def _articles(store, q, **kw):
    rows, total = queries.list_articles(store, search=q, limit=100, **kw)
    assert total == len(rows)
    return {r["url"] for r in rows}


def _claims(store, q, **kw):
    rows, total = queries.search_claims(store, search=q, limit=100, **kw)
    assert total == len(rows)
    return {r["url"] for r in rows}


def test_article_search_by_words_prefixes_or_and_phrases(store):
    assert _articles(store, "Toretsk") == {TASS, DENIAL, ISW, ACK, UNDATED}
    assert _articles(store, "Khortytsia") == {DENIAL, UNDATED}
    assert _articles(store, "milblog*") == {ISW}
    assert _articles(store, "geolocated OR admission") == {ISW, ACK}
    assert _articles(store, '"General Staff" acknowledged') == {ACK}
    assert _articles(store, '"Staff General"') == set()
    assert _articles(store, "KHORTYTSIA trehubov") == {DENIAL, UNDATED}  # case folded, words ANDed
    assert _articles(store, "acknowledges") == {ACK}  # the title is searched too
    assert _articles(store, "Atlantis") == set()


def test_punctuation_is_text_and_syntax_is_literal(store):
    assert _articles(store, "%") == set() and _articles(store, "_") == set()  # text (LIKE), not wildcards
    for typed in ("NEAR(Toretsk town)", "Toretsk AND NOT x", "title:Toretsk", "'; DROP TABLE articles;--"):
        queries.list_articles(store, search=typed, limit=5)  # never a syntax error
    assert store.counts()["articles"] == 5


def test_lists_as_of_a_day(store):
    assert _articles(store, None, as_of="2025-02-10") == set()
    assert _articles(store, None, as_of=DAY1) == {TASS, DENIAL}
    assert _articles(store, "Toretsk", as_of=DAY12) == {TASS, DENIAL, ISW}
    assert _articles(store, "Trehubov", as_of=FUTURE) == {DENIAL, UNDATED}  # the undated one, from its storing day
    assert _claims(store, None, as_of=DAY1) <= {TASS, DENIAL} and _claims(store, None, as_of=DAY1)
    assert UNDATED not in _claims(store, None, as_of=DAY12)
    assert UNDATED in _claims(store, None, as_of=FUTURE)
    assert _claims(store, "captured", as_of=DAY12) == _claims(store, "captured") - {ACK, UNDATED}


def test_claims_about_a_place_and_common_terms(store):
    key = next(p.place_key for p in store.propositions() if p.place_name == "Toretsk")
    about = _claims(store, None, place_key=key)
    assert {TASS, DENIAL, ISW, ACK} <= about
    rows, total = queries.search_claims(store, place_key=key, limit=2, offset=1)
    everything, _ = queries.search_claims(store, place_key=key, limit=100)
    assert rows == everything[1:3] and total == len(everything)
    # a term in every claim: the same page whether the matches are sorted or walked in date order
    from claimledger.store import search

    common, _ = queries.search_claims(store, search="Toretsk OR said OR town", limit=100)
    old, search.SCAN_ABOVE = search.SCAN_ABOVE, 0
    try:
        walked, _ = queries.search_claims(store, search="Toretsk OR said OR town", limit=100)
    finally:
        search.SCAN_ABOVE = old
    assert walked == common and common


def test_indexes_follow_writes_and_migration(tmp_path, analyzer):
    """SQLite: a ledger at migration 0009 gets its stored articles and claims indexed by 0010."""
    from alembic import command
    from alembic.config import Config

    from claimledger.link import save_ledgers
    from claimledger.store import LedgerStore
    from claimledger.store.repository import MIGRATIONS
    from tests.link.test_as_of_history import toretsk_ledgers

    url = "sqlite:///" + str(tmp_path / "old.sqlite")
    store = LedgerStore(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with store._write() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0009")
    save_ledgers(store, toretsk_ledgers(analyzer)[:2])  # stored before 0010: in no full-text index yet
    store = LedgerStore(url)  # migrated to 0010 again on open: the rows already stored are indexed
    assert _articles(store, "Khortytsia") == {DENIAL}
    assert _claims(store, "captured")
    save_ledgers(store, toretsk_ledgers(analyzer)[2:3])  # a later write is indexed by the triggers
    assert _articles(store, "geolocated") == {ISW}
