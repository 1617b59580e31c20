"""Bulk ingest: sources -> pipeline -> store, in batches, resumable, optionally on several processes.

Every batch is analysed, then saved and linked in one transaction, so an interrupted run (Ctrl-C, kill -9)
loses at most the batch in flight, and a re-run skips every article already stored (by content hash) before
analysing it.  One bad item never stops the run: it is counted and reported at the end.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from claimledger.errors import ClaimledgerError
from claimledger.ingest.outlets import OutletDirectory
from claimledger.ingest.sources import iter_sources
from claimledger.link import save_ledgers
from claimledger.model import Article
from claimledger.pipeline import Analyzer
from claimledger.pipeline.prepare import apply_outlet, check_language
from claimledger.store import LedgerStore


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    already: int = 0
    duplicate: int = 0
    skipped: int = 0  # records deliberately not read (e.g. a WARC record that is not HTML)
    words: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    started: float = field(default_factory=time.time)
    interrupted: bool = False

    @property
    def seconds(self) -> float:
        return time.time() - self.started

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0


_WORKER: Analyzer | None = None


def _analyze_batch_in_worker(articles: list[Article]):
    return list(_WORKER.analyze_many(articles))


def run_ingest(
    paths: list[str],
    store: LedgerStore,
    jobs: int = 1,
    batch_size: int = 32,
    allow_private: bool = False,
    on_progress: Callable[[IngestSummary], None] | None = None,
    analyzer: Analyzer | None = None,
) -> IngestSummary:
    global _WORKER
    summary = IngestSummary()
    outlets = OutletDirectory.load()
    analyzer = analyzer or Analyzer.load()
    pool = None
    if jobs > 1:
        # fork after loading: workers share the loaded model and gazetteer pages (copy-on-write)
        _WORKER = analyzer
        pool = mp.get_context("fork").Pool(jobs)
    batch: list[tuple[Article, str]] = []
    # With workers, up to `jobs` batches are analysed while the parent saves the oldest finished one
    # (first in, first saved: the ledger is written in input order whatever the number of workers).
    in_flight: list[tuple[object, list[tuple[Article, str]]]] = []

    def save(ledgers, items) -> None:
        for r in save_ledgers(store, ledgers, [o for _, o in items]):
            setattr(summary, r.outcome, getattr(summary, r.outcome) + 1)
        summary.words += sum(len(a.text.split()) for a, _ in items)

    def flush(final: bool = False) -> None:
        if batch:
            items = list(batch)
            batch.clear()
            if pool is None:
                save(list(analyzer.analyze_many([a for a, _ in items])), items)
            else:
                in_flight.append((pool.apply_async(_analyze_batch_in_worker, ([a for a, _ in items],)), items))
        while in_flight and (final or len(in_flight) >= jobs):
            result, items = in_flight.pop(0)
            save(result.get(), items)

    try:
        for item in iter_sources(paths, allow_private=allow_private):
            if item.skipped:
                summary.skipped += 1
                continue
            summary.read += 1
            if item.error:
                summary.failed.append((item.origin, item.error))
            else:
                article = item.article
                try:
                    apply_outlet(article, outlets)
                    if store.seen(article.sha256, item.origin, article.url, article.outlet):
                        summary.already += 1
                    else:
                        check_language(article)
                        batch.append((article, item.origin))
                except ClaimledgerError as exc:
                    summary.failed.append((item.origin, str(exc)))
            if len(batch) >= batch_size:
                flush()
            if on_progress:
                on_progress(summary)
        flush(final=True)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if pool is not None:
            pool.terminate() if summary.interrupted else pool.close()
            pool.join()
        if on_progress:
            on_progress(summary)
    return summary
