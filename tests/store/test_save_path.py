"""The save path's queries on both backends: near-duplicate candidates by LSH band (two single-table lookups),
write transactions planned per statement on PostgreSQL, and the covering index of the statements' candidate
index (migration 0011)."""

import hashlib

import pytest
from sqlalchemy import inspect, text

from claimledger.link import dedupe, save_ledgers
from claimledger.model import Article, ArticleLedger
from claimledger.store import LedgerStore

WIRE = (
    "KYIV, March 14 - Ukrainian forces repelled eleven Russian assaults near Kupiansk over the past day, the "
    "General Staff of the Armed Forces of Ukraine said in its morning update on Friday. Fighting continued near "
    "Petropavlivka and Kruhliakivka, where Russian units tried to cross the Oskil river under cover of drones, "
    "the statement said. Regional governor Oleh Syniehubov said two civilians were wounded by shelling in the "
    "town overnight and that power had been cut to several districts on the left bank."
)
REWRITE_TAIL = " Reporting by the Kyiv bureau; editing by the night desk."
OTHER = (
    "MOSCOW, March 14 - Russia's Defence Ministry said its Zapad group of forces improved its positions along "
    "the front line in the Kharkiv region and inflicted losses on Ukrainian brigades near Synkivka. The ministry "
    "did not provide evidence, and the claim could not be independently verified."
)


def ledger(body: str, outlet: str, published: str = "2025-03-14") -> ArticleLedger:
    sha = hashlib.sha256(body.encode()).hexdigest()
    return ArticleLedger(article=Article(text=body, sha256=sha, published=published, language="en", outlet=outlet))


def filler(i: int) -> ArticleLedger:
    """Distinct short dispatches (never near-duplicates of each other or of the wire story)."""
    body = (
        f"Dispatch {i}: the regional administration of Sumy reported {i % 17 + 1} shelling incidents in "
        f"hromada number {i} overnight, with damage to {i % 5 + 2} houses and a school roof; code {i * 7919}."
    )
    return ledger(body, f"outlet{i % 7}.example")


def test_near_duplicates_found_through_the_bands(db_url):
    store = LedgerStore(db_url)
    original = ledger(WIRE, "ukrinform.ua")
    # a batch that grows the tables inside one transaction, the wire story in the middle of it
    results = save_ledgers(store, [filler(i) for i in range(40)] + [original] + [filler(i) for i in range(40, 80)])
    assert all(r.outcome == "new" for r in results)

    copy = ledger(WIRE + REWRITE_TAIL, "rewrite-site.example")
    second = ledger("UPDATE: " + WIRE + REWRITE_TAIL, "another-rewrite.example")
    assert dedupe.similarity(dedupe.minhash(WIRE), dedupe.minhash(second.article.text)) >= dedupe.THRESHOLD
    first_copy, second_copy, other = save_ledgers(store, [copy, second, ledger(OTHER, "tass.ru")])
    assert (first_copy.outcome, first_copy.duplicate_of, first_copy.reason) == (
        "duplicate",
        original.article.id,
        "near-duplicate",
    )
    # the second copy shares bands with the first copy too, but only originals are candidates
    assert (second_copy.outcome, second_copy.duplicate_of) == ("duplicate", original.article.id)
    assert other.outcome == "new"

    # the same text again, from two feeds and one of them twice: one sighting per origin
    for origin in ("feed:ukrinform", "feed:aggregator", "feed:aggregator"):
        (again,) = save_ledgers(store, [ledger(WIRE, "ukrinform.ua")], [origin])
        assert (again.outcome, again.article_id) == ("already", original.article.id)
    with store.engine.connect() as conn:
        seen = conn.execute(
            text("SELECT origin FROM article_copies WHERE article_id = :a ORDER BY origin"), {"a": original.article.id}
        ).scalars()
        assert list(seen) == ["-", "feed:aggregator", "feed:ukrinform"]

    with store.transaction() as tx:
        candidates = tx.near_duplicate_candidates(dedupe.bands(dedupe.minhash(WIRE + " Updated.")))
        assert [i for i, _ in candidates] == [original.article.id]
        assert dedupe.decode(candidates[0][1]) == dedupe.minhash(WIRE)
        assert tx.near_duplicate_candidates(dedupe.bands(dedupe.minhash("nothing like any stored text"))) == []


def test_postgresql_statistics_follow_a_bulk_load(db_url, monkeypatch):
    """A transaction that inserts as many articles as the ledger held (at least ANALYZE_MIN) refreshes the
    planner's statistics itself, so statements prepared later in the load are not planned for empty tables."""
    if db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL's planner statistics")
    from claimledger.store import writes

    monkeypatch.setattr(writes, "ANALYZE_MIN", 5)
    store = LedgerStore(db_url)

    def known_articles() -> float:
        with store.engine.connect() as conn:
            return conn.execute(text("SELECT reltuples FROM pg_class WHERE oid = 'articles'::regclass")).scalar()

    save_ledgers(store, [filler(i) for i in range(3)])
    assert known_articles() < 1  # never analysed yet (autovacuum has not come round in this test's time)
    save_ledgers(store, [filler(i) for i in range(3, 9)])  # 6 inserted: analysed at the 5th, inside the transaction
    assert known_articles() >= 7
    results = save_ledgers(store, [ledger(WIRE, "ukrinform.ua"), ledger(WIRE + REWRITE_TAIL, "rewrite.example")])
    assert [r.outcome for r in results] == ["new", "duplicate"]


def _key_indexes(store: LedgerStore) -> dict[str, list[str]]:
    return {ix["name"]: ix["column_names"] for ix in inspect(store.engine).get_indexes("statement_keys")}


def test_statement_keys_covering_index_and_its_downgrade(db_url):
    from alembic import command
    from alembic.config import Config

    from claimledger.store.repository import MIGRATIONS

    store = LedgerStore(db_url)
    indexes = _key_indexes(store)
    assert indexes.get("ix_statement_keys_cover") == ["key", "seen", "article_id", "claim_id"]
    assert "ix_statement_keys_seen" not in indexes  # its prefix: replaced, not kept beside it
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with store._write() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
    store.engine.dispose()
    indexes = _key_indexes(store)
    assert indexes.get("ix_statement_keys_seen") == ["key", "seen"] and "ix_statement_keys_cover" not in indexes
    store = LedgerStore(db_url)  # migrated to head again on open
    assert "ix_statement_keys_cover" in _key_indexes(store)
