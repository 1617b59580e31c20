"""What the Spark job runs on each partition, in the executors: plain Python over iterators (no pyspark), so it
can be tested without a Spark session.

Items passed between the stages of ``claimledger.spark.job``:

- raw:      (input_index, Record)   a ``claimledger.ingest.readers.Record`` (json | row | html | failed | skipped)
- prepared: (sha256, ("A", order, origin, Article, copies))  or  (unique key, ("E", error-row dict))
- analysed: ("article", article-row dict)  or  ("error", error-row dict)
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from claimledger.export import parquet_rows as R  # the row layouts (re-exported by claimledger.spark.rows)

ANALYZE_BATCH = 16  # articles per analyze_many call inside a partition

# --- executor-side resources: loaded once per Python worker process, reused for every task it runs ----------
_RESOURCES: dict[str, Any] = {}


def _analyzer():
    if "analyzer" not in _RESOURCES:
        from claimledger.pipeline import Analyzer

        started = time.time()
        _RESOURCES["analyzer"] = Analyzer.load()
        _RESOURCES["analyzer_seconds"] = time.time() - started
        _RESOURCES["analyzer_loads"] = _RESOURCES.get("analyzer_loads", 0) + 1
    return _RESOURCES["analyzer"]


# --- prepare --------------------------------------------------------------------------------------------------
def prepare_partition(items: Iterable[tuple]) -> Iterator[tuple]:
    """Raw items -> articles (text, outlet, language checked) or error rows, with the readers of a local ingest
    (``ingest.readers.to_article``) and its prepare stage (``pipeline.prepare.prepare``)."""
    from claimledger.errors import ClaimledgerError
    from claimledger.ingest.readers import to_article
    from claimledger.pipeline.prepare import prepare

    for index, record in items:
        origin, offset = record.origin, record.offset
        uri = origin.rsplit("#" if record.kind == "row" else "@", 1)[0]
        if record.kind in ("failed", "skipped", "warning"):
            # a warning (an empty file) is no record: kept in the errors table as a skipped one, so it is seen
            kind = "skipped" if record.kind == "warning" else record.kind
            yield _error(R.error_row(origin, uri, index, offset, kind, "read", record.data))
            continue
        try:
            article = to_article(record)
            if article is None:
                continue  # blank lines are not records
            prepare(article)  # outlet lookup, then the limits (size, date) and the language check
        except ClaimledgerError as exc:
            yield _error(R.error_row(origin, uri, index, offset, "failed", "prepare", str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - a bug on one item must not stop the job; it is reported
            yield _error(
                R.error_row(
                    origin,
                    uri,
                    index,
                    offset,
                    "failed",
                    "prepare",
                    f"{origin}: internal error: {type(exc).__name__}: {exc}",
                )
            )
            continue
        yield (article.sha256, ("A", (index, offset), origin, article, []))


def _error(row: dict) -> tuple:
    """An error travels with the articles (its own key, so it meets nothing in ``first_sighting``): the whole job
    is one chain of Python stages, so each task uses one Python worker, whose Analyzer is then really reused."""
    return (f"E\0{row['origin']}\0{row['stage']}\0{row['message']}", ("E", row))


def first_sighting(x: tuple, y: tuple) -> tuple:
    """Of two sightings of the same text, keep the first in input order; the other becomes a copy."""
    if x[0] == "E" or y[0] == "E":
        return x if x[0] == "E" else y  # (an error's key is unique; this is only a guard)
    first, second = (x, y) if x[1] <= y[1] else (y, x)
    _, order, origin, article, copies = first
    _, order2, origin2, article2, copies2 = second
    copy = {"origin": origin2, "url": article2.url, "outlet": article2.outlet, "_order": list(order2)}
    merged = sorted(copies + copies2 + [copy], key=lambda c: c["_order"])
    return ("A", order, origin, article, merged)


# --- analyze --------------------------------------------------------------------------------------------------
def analyze_partition(items: Iterable[tuple], loads=None, peak_rss=None) -> Iterator[tuple]:
    """("A", order, origin, Article, copies) -> ("article", row), or ("error", row) for an article that cannot be
    analysed; errors of earlier stages ("E", row) are passed on.  The Analyzer is loaded once per
    worker process and reused for every partition that worker runs.  ``loads`` (an accumulator) counts the
    loads, ``peak_rss`` (a max accumulator) the largest worker RSS, so the driver can report both."""
    from claimledger import __version__

    analyzer = None
    chunk: list[tuple] = []

    def flush():
        nonlocal analyzer
        if analyzer is None:
            before = _RESOURCES.get("analyzer_loads", 0)
            analyzer = _analyzer()
            if loads is not None and _RESOURCES["analyzer_loads"] > before:
                loads.add(1)
        articles = [c[2] for c in chunk]
        try:
            ledgers = list(analyzer.analyze_many(articles))
        except Exception:  # noqa: BLE001 - find the article that fails, analyse the others
            ledgers = []
            for article in articles:
                try:
                    ledgers.append(analyzer.analyze(article))
                except Exception as exc:  # noqa: BLE001
                    ledgers.append(exc)
        from claimledger.export.json_contract import ledger_to_dict

        now = datetime.now(UTC).isoformat(timespec="seconds")
        for (order, origin, _article, copies), ledger in zip(chunk, ledgers):
            if isinstance(ledger, Exception):
                uri = origin.rsplit("@", 1)[0].rsplit("#", 1)[0]
                yield (
                    "error",
                    R.error_row(
                        origin,
                        uri,
                        order[0],
                        order[1],
                        "failed",
                        "analyze",
                        f"{origin}: analysis failed: {type(ledger).__name__}: {ledger}",
                    ),
                )
                continue
            copies = [{k: v for k, v in c.items() if k != "_order"} for c in copies]
            yield (
                "article",
                R.article_row(ledger_to_dict(ledger), origin, order[0], order[1], copies, __version__, now),
            )
        chunk.clear()

    for item in items:
        if item[0] == "E":
            yield ("error", item[1])
            continue
        chunk.append(item[1:])
        if len(chunk) >= ANALYZE_BATCH:
            yield from flush()
    if chunk:
        yield from flush()
    if peak_rss is not None and analyzer is not None:
        peak_rss.add(_peak_rss_mb())


def _peak_rss_mb() -> float:
    """This process's peak resident set size (Linux reports ru_maxrss in KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class MaxParam:
    """AccumulatorParam keeping the maximum (for the workers' peak RSS)."""

    def zero(self, value):
        return 0.0

    def addInPlace(self, a, b):  # noqa: N802 - pyspark's name
        return max(a, b)


def child_rows(table: str):
    fn = R.CHILD_ROWS[table]

    def rows(ledger_json: str) -> Iterator[dict]:
        return fn(json.loads(ledger_json))

    return rows
