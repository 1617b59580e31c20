"""Bulk ingest: sources -> pipeline -> store, in batches, resumable, optionally on several processes.

Every batch is analysed, then saved and linked in one transaction, so an interrupted run (Ctrl-C, kill -9)
loses at most the batch in flight, and a re-run skips every article already stored (by content hash) before
analysing it.

One bad record never stops the run.  A record that cannot be read, prepared, analysed or saved is *rejected*: it is
counted, reported (its origin and a one-line reason) and, with ``rejects=PATH``, written to a JSON Lines file
(``Rejects``) that can be fixed and re-ingested; every other record of its batch is still stored.  A batch whose
analysis or save fails is retried one article at a time, so the failure is pinned on the article that causes it
(the failed transaction is rolled back whole: no partial rows).  Only a failure of the database itself (every
article of a batch failing to save) stops the run.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO

from claimledger.errors import InputError, StoreError
from claimledger.ingest.article import clean_str
from claimledger.ingest.outlets import OutletDirectory
from claimledger.ingest.sources import iter_sources
from claimledger.limits import REJECT_RAW_MAX
from claimledger.link import save_ledgers
from claimledger.model import Article
from claimledger.pipeline import Analyzer
from claimledger.pipeline.prepare import apply_outlet, check_article
from claimledger.store import LedgerStore


@dataclass
class IngestSummary:
    read: int = 0  # records read (stored, already stored, duplicates and rejected)
    new: int = 0
    already: int = 0
    duplicate: int = 0
    skipped: int = 0  # records deliberately not read (e.g. a WARC record that is not HTML)
    words: int = 0
    replaced_chars: int = 0  # unencodable characters (lone surrogates) replaced by U+FFFD in text and metadata
    failed: list[tuple[str, str]] = field(default_factory=list)  # the rejected records: (origin, one-line reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (origin, message): empty files, FIFOs skipped
    started: float = field(default_factory=time.time)
    interrupted: bool = False

    @property
    def rejected(self) -> int:
        return len(self.failed)

    @property
    def seconds(self) -> float:
        return time.time() - self.started

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0


class Rejects:
    """The rejects file: one JSON object per rejected record, written (and flushed) as soon as it is rejected:
    ``{"origin", "source", "stage", "reason", "record", "at"}`` — ``source`` is the input as named on the command
    line, ``origin`` the record in it (``file:LINE``, ``file@OFFSET``, ``feed#ENTRY``, a path or URL), ``stage``
    where it failed (read, prepare, analyze, save), ``record`` the raw record (a JSON line) when it is at most
    ``limits.REJECT_RAW_MAX`` characters, else null."""

    def __init__(self, path: str | None):
        self.path = path
        self._fh: IO[str] | None = None
        if path:
            try:
                self._fh = open(path, "w", encoding="utf-8")
            except OSError as exc:
                raise InputError(f"--rejects {path}: cannot write the file ({exc.strerror or exc})") from None

    def write(self, source: str, origin: str, stage: str, reason: str, raw: str | None) -> None:
        if self._fh is None:
            return
        doc = {
            "origin": clean_str(origin)[0],
            "source": clean_str(source)[0],
            "stage": stage,
            "reason": clean_str(reason)[0],
            "record": clean_str(raw)[0] if raw is not None and len(raw) <= REJECT_RAW_MAX else None,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        # ASCII escapes: a raw U+0085 or U+2028 in a record would split the line for line-based readers
        self._fh.write(json.dumps(doc, ensure_ascii=True) + "\n")
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


@dataclass
class _Pending:
    """An article waiting in a batch, with what a reject needs to name it."""

    article: Article
    origin: str
    source: str
    raw: str | None


_WORKER: Analyzer | None = None


def analyze_isolated(analyzer: Analyzer, articles: list[Article]) -> list:
    """A ledger per article, or the one-line reason it could not be analysed: the batch is parsed together
    (``analyze_many``); if that fails, each article is analysed alone, so one article cannot fail the others."""
    try:
        return list(analyzer.analyze_many(articles))
    except (Exception, RecursionError):  # noqa: BLE001 - find the article that fails, analyse the others
        pass
    out: list = []
    for article in articles:
        try:
            out.append(analyzer.analyze(article))
        except (Exception, RecursionError) as exc:  # noqa: BLE001
            out.append(f"analysis failed ({type(exc).__name__}: {_one_line(exc)})")
    return out


def _analyze_batch_in_worker(articles: list[Article]):
    return analyze_isolated(_WORKER, articles)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or "no message"


def run_ingest(
    paths: list[str],
    store: LedgerStore,
    jobs: int = 1,
    batch_size: int = 32,
    allow_private: bool = False,
    on_progress: Callable[[IngestSummary], None] | None = None,
    analyzer: Analyzer | None = None,
    rejects: str | None = None,
    on_reject: Callable[[str, str], None] | None = None,
) -> IngestSummary:
    """Ingest every record under ``paths`` into ``store``; rejected records go to ``rejects`` (a JSON Lines path)
    and to ``on_reject(origin, reason)`` as they happen."""
    global _WORKER
    summary = IngestSummary()
    outlets = OutletDirectory.load()
    analyzer = analyzer or Analyzer.load()
    rejected = Rejects(rejects)
    pool = None
    if jobs > 1:
        # fork after loading: workers share the loaded model and gazetteer pages (copy-on-write)
        _WORKER = analyzer
        pool = mp.get_context("fork").Pool(jobs)
    batch: list[_Pending] = []
    # With workers, up to `jobs` batches are analysed while the parent saves the oldest finished one
    # (first in, first saved: the ledger is written in input order whatever the number of workers).
    in_flight: list[tuple[object, list[_Pending]]] = []

    def reject(source: str, origin: str, stage: str, reason: str, raw: str | None = None) -> None:
        reason = clean_str(" ".join(reason.split()))[0]
        if not reason.startswith(origin):
            reason = f"{origin}: {reason}"
        summary.failed.append((origin, reason))
        rejected.write(source, origin, stage, reason, raw)
        if on_reject:
            on_reject(origin, reason)

    def save(results: list, items: list[_Pending]) -> None:
        good = []
        for item, result in zip(items, results):
            if isinstance(result, str):
                reject(item.source, item.origin, "analyze", result, item.raw or _small(item.article))
            else:
                good.append((result, item))
        if not good:
            return
        try:
            outcomes = save_ledgers(store, [r for r, _ in good], [i.origin for _, i in good])
        except (Exception, RecursionError) as exc:  # noqa: BLE001 - the transaction rolled back: retry one by one
            if len(good) == 1:
                _, item = good[0]
                reject(item.source, item.origin, "save", f"cannot be saved ({type(exc).__name__}: {_one_line(exc)})")
                return
            outcomes, saved, last = [], [], exc
            for ledger, item in good:
                try:
                    outcomes.extend(save_ledgers(store, [ledger], [item.origin]))
                    saved.append((ledger, item))
                except (Exception, RecursionError) as one:  # noqa: BLE001
                    last = one
                    reason = f"cannot be saved ({type(one).__name__}: {_one_line(one)})"
                    reject(item.source, item.origin, "save", reason, item.raw or _small(item.article))
            if not saved:  # not one article of the batch could be saved: the database is the problem
                raise StoreError(f"cannot save to the database ({type(last).__name__}: {_one_line(last)})") from None
            good = saved
        for r in outcomes:
            setattr(summary, r.outcome, getattr(summary, r.outcome) + 1)
        summary.words += sum(len(i.article.text.split()) for _, i in good)

    def flush(final: bool = False) -> None:
        if batch:
            items = list(batch)
            batch.clear()
            articles = [i.article for i in items]
            if pool is None:
                save(analyze_isolated(analyzer, articles), items)
            else:
                in_flight.append((pool.apply_async(_analyze_batch_in_worker, (articles,)), items))
        while in_flight and (final or len(in_flight) >= jobs):
            result, items = in_flight.pop(0)
            save(result.get(), items)

    def take(source: str, item) -> None:
        if item.warning:
            summary.warnings.append((item.origin, clean_str(item.warning)[0]))
            return
        if item.skipped:
            summary.skipped += 1
            return
        summary.read += 1
        if item.error:
            reject(source, item.origin, "read", item.error, item.raw)
            return
        article = item.article
        summary.replaced_chars += getattr(article, "replaced_chars", 0)
        try:
            apply_outlet(article, outlets)
            if store.seen(article.sha256, item.origin, article.url, article.outlet):
                summary.already += 1
                return
            check_article(article)  # the limits and the language: refused before anything is parsed
        except StoreError:
            raise
        except InputError as exc:
            reject(source, item.origin, "prepare", str(exc), item.raw)
            return
        except (Exception, RecursionError) as exc:  # noqa: BLE001 - one record never stops the rest
            reject(source, item.origin, "prepare", f"{type(exc).__name__}: {_one_line(exc)}", item.raw)
            return
        batch.append(_Pending(article, item.origin, source, item.raw))

    try:
        for source in paths:
            for item in iter_sources([source], allow_private=allow_private):
                take(source, item)
                if len(batch) >= batch_size:
                    flush()
                if on_progress:
                    on_progress(summary)
        flush(final=True)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        rejected.close()
        if pool is not None:
            pool.terminate() if summary.interrupted else pool.close()
            pool.join()
        if on_progress:
            on_progress(summary)
    return summary


def _small(article: Article) -> str | None:
    """A rejected article's text as its raw record, when small enough to copy."""
    return article.text if len(article.text) <= REJECT_RAW_MAX else None
