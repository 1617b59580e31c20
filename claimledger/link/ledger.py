"""Saving article ledgers into the ledger across sources: serialise → detect duplicates → insert the article's
rows → derive its assertions → link them into propositions, all in one storage transaction (all or nothing).

Saving is idempotent: an article is keyed by its content hash, so the same text saved twice is stored once (the
second sighting is recorded as a copy).  Syndicated copies (same URL, or a near-duplicate text) are stored but
marked ``duplicate_of`` and not linked, so they are never counted twice."""

from __future__ import annotations

from datetime import UTC, datetime

from claimledger.link import dedupe
from claimledger.link.assertions import assertions_from_ledger
from claimledger.link.propositions import link
from claimledger.link.repository import LedgerRepository, LedgerTransaction
from claimledger.link.review_apply import after_save
from claimledger.link.statements import link_statements
from claimledger.model import ArticleLedger, SaveResult
from claimledger.model.contract import ledger_to_dict


class LedgerWriter:
    """Saves ledgers through one transaction of a repository (``claimledger.store.LedgerStore``)."""

    def __init__(self, repository: LedgerRepository):
        self.repository = repository

    def save(self, ledgers: list[ArticleLedger], origins: list[str] | None = None) -> list[SaveResult]:
        """Save and link ``ledgers`` in one transaction.  ``origins[i]``: where ledger i was read from (default:
        its source path or URL)."""
        results = []
        with self.repository.transaction() as tx:
            for i, ledger in enumerate(ledgers):
                origin = (origins[i] if origins else None) or ledger.article.source_path or ledger.article.url or "-"
                results.append(save_one(tx, ledger, origin))
            # analysts' corrections in effect (merges, origin groups…) also apply to newly saved articles
            after_save(tx, [r.article_id for r in results if r.outcome == "new"])
        return results


def save_ledgers(
    repository: LedgerRepository, ledgers: list[ArticleLedger], origins: list[str] | None = None
) -> list[SaveResult]:
    """Save and link ledgers in one transaction (all or nothing); one ``SaveResult`` per ledger."""
    return LedgerWriter(repository).save(ledgers, origins)


def save_one(tx: LedgerTransaction, ledger: ArticleLedger, origin: str) -> SaveResult:
    a = ledger.article
    now = datetime.now(UTC).isoformat(timespec="seconds")
    existing = tx.article_by_sha256(a.sha256)
    if existing:
        tx.record_copy(existing, origin, a.url, a.outlet, now)
        return SaveResult(article_id=existing, outcome="already")
    signature = dedupe.minhash(a.text)
    bands = dedupe.bands(signature)
    dup_of, reason = None, None
    if a.url:
        dup_of = tx.original_by_url(a.url)
        reason = "same-url" if dup_of else None
    if dup_of is None:
        dup_of = near_duplicate(tx, signature, bands)
        reason = "near-duplicate" if dup_of else None
    tx.insert_article(
        a,
        ledger_to_dict(ledger),
        analyzed_at=now,
        duplicate_of=dup_of,
        duplicate_reason=reason,
        minhash=dedupe.encode(signature),
        bands=bands,
    )
    tx.record_copy(a.id, origin, a.url, a.outlet, now)
    if dup_of is None:
        link(tx, assertions_from_ledger(ledger))
    if statements_enabled():
        link_statements(tx, ledger, duplicate_of=dup_of)  # copies join as carriers marked duplicate_of, never origins
    if dup_of is None:
        return SaveResult(article_id=a.id, outcome="new")
    return SaveResult(article_id=a.id, outcome="duplicate", duplicate_of=dup_of, reason=reason)


def near_duplicate(tx: LedgerTransaction, signature: list[int], bands: list[str]) -> str | None:
    """The stored original most similar to ``signature``, if at least dedupe.THRESHOLD similar."""
    rows = tx.near_duplicate_candidates(bands)
    best = max(((dedupe.similarity(signature, dedupe.decode(m)), i) for i, m in rows if m), default=(0.0, None))
    return best[1] if best[0] >= dedupe.THRESHOLD else None


def statements_enabled() -> bool:
    """Statement matching (issue 15) costs about 100 ms per article at save time; ``CLAIMLEDGER_STATEMENTS=0``
    skips it for bulk corpora where only propositions are wanted (docs/ledger.md)."""
    import os

    return os.environ.get("CLAIMLEDGER_STATEMENTS", "1") != "0"
