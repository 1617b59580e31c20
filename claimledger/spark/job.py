"""The ledger pipeline on Apache Spark: articles in (JSON Lines, WARC, Parquet; local paths or any
Hadoop-compatible filesystem URI), partitioned Parquet tables out (see ``claimledger.spark.rows``).

    spark-submit [options] claimledger/spark/job.py --input hdfs:///crawl/CC-NEWS-*.warc.gz --output hdfs:///ledger
    claimledger spark --input articles.jsonl --output out/ledger-parquet      # local[2]
    from claimledger.spark.job import run; run("articles.jsonl", "out/ledger")

Stages (each item keeps where it came from: input file index + byte/record offset):

1. read — the driver lists the input files through Hadoop's FileSystem API (globs and folders expanded, sorted);
   JSON Lines are read line by line with Hadoop's TextInputFormat (splittable, .gz decompressed), WARC files as
   whole files (``binaryFiles``) whose records are parsed inside the executors with warcio, Parquet with
   Spark's reader;
2. prepare — per item, in the executors: the article text (the same readers as a local ingest:
   ``article_from_record`` for JSON/Parquet rows, ``article_from_bytes`` for WARC HTML), the outlet lookup
   (``batch.apply_outlet``) and the language check (``pipeline.check_language``);
3. the same text read twice is analysed once: the first sighting (in input order) is kept, the others are
   recorded as ``copies`` (a local ingest records them in ``article_copies``; so does ``claimledger load``);
4. analyze — ``mapPartitions``: each Python worker loads the ``Analyzer`` once (module-level cache, Spark reuses
   the worker between tasks) and runs ``analyze_many`` over the partition in batches;
5. write — ``articles`` (with the full ledger JSON), ``claims``, ``events``, ``places``, ``framing``, partitioned
   by ``published_month``, and ``errors``.

pyspark is imported only in this module (an optional extra: ``pip install claimledger[spark]``).
"""
from __future__ import annotations

import argparse
import functools
import io
import json
import os
import sys
import time
from datetime import date, datetime, timezone
from typing import Any, Iterable, Iterator, Optional
from urllib.parse import unquote, urlsplit

from claimledger.spark import rows as R

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
PARQUET_SUFFIXES = (".parquet",)
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


def _outlets():
    if "outlets" not in _RESOURCES:
        from claimledger.ingest.outlets import OutletDirectory

        _RESOURCES["outlets"] = OutletDirectory.load()
    return _RESOURCES["outlets"]


# --- item tuples passed between stages ------------------------------------------------------------------------
# raw:      (input_index, input_offset, origin, kind, payload)  kind: json | row | warc | failed | skipped
# prepared: (sha256, ("A", order, origin, Article, copies))  or  (unique key, ("E", error-row dict))
# analysed: ("article", article-row dict)  or  ("error", error-row dict)


def _kind_of(name: str) -> Optional[str]:
    lower = name.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(WARC_SUFFIXES):
        return "warc"
    if lower.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


def _path_key(uri: str) -> tuple[str, str, str]:
    """The same file named as ``file:/x`` (Hadoop) or ``file:///x`` (Spark's input_file_name)."""
    parts = urlsplit(uri)
    return parts.scheme or "file", parts.netloc, unquote(parts.path)


def list_inputs(spark, inputs: Iterable[str]) -> list[tuple[str, Optional[str]]]:
    """Every input file as (qualified URI, kind), in the order given; globs and folders expanded (recursively,
    sorted; hidden files and Spark/Hadoop markers such as ``_SUCCESS`` left out).  A path that matches nothing
    is reported with kind None."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    out: list[tuple[str, Optional[str]]] = []
    for raw in inputs:
        path = jvm.org.apache.hadoop.fs.Path(raw)
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path)
        if not statuses:
            out.append((raw, None))
            continue
        found = []
        for st in statuses:
            if st.isDirectory():
                it = fs.listFiles(st.getPath(), True)
                while it.hasNext():
                    f = it.next()
                    found.append(f.getPath().toString())
            else:
                found.append(st.getPath().toString())
        for uri in sorted(found):
            name = uri.rsplit("/", 1)[-1]
            if name.startswith((".", "_")) or uri.endswith(".crc"):
                continue
            out.append((uri, _kind_of(name) or "unsupported"))
    return out


# --- read -----------------------------------------------------------------------------------------------------
def _jsonl_items(index: int, uri: str):
    def convert(pair):
        offset, line = pair
        return (index, int(offset), f"{uri}@{offset}", "json", line)

    return convert


def _warc_items(indexes: dict):
    def parse(pair) -> Iterator[tuple]:
        uri, data = pair
        yield from warc_records(indexes.get(_path_key(uri), -1), uri, data)

    return parse


def warc_records(index: int, uri: str, data: bytes) -> Iterator[tuple]:
    """The HTML responses of one WARC file (its bytes) as raw items, with the same rules as the local reader
    (``claimledger.ingest.warc``): non-HTML or non-2xx responses are skipped, damage is an error."""
    from warcio.archiveiterator import ArchiveIterator

    from claimledger.ingest.warc import _html_body, _one_line

    stream = io.BytesIO(data)
    records = ArchiveIterator(stream)
    try:
        for record in records:
            if record.format != "warc":
                yield (index, records.offset, uri, "failed", f"{uri}: not a WARC file (no WARC record at offset {records.offset})")
                return
            if record.rec_type != "response":
                continue
            target = record.rec_headers.get_header("WARC-Target-URI") or None
            skipped, body = _html_body(record)
            offset = records.get_record_offset()
            origin = f"{uri}@{offset}"
            where = f"{origin} ({target})" if target else origin
            if getattr(record.raw_stream, "limit", 0) > 0:
                yield (index, offset, origin, "failed", f"{where}: the record is truncated (the file ends inside it)")
            elif skipped:
                yield (index, offset, origin, "skipped", f"{where}: {skipped}")
            else:
                yield (index, offset, origin, "warc", (target, body))
        if records.offset < len(data):
            yield (index, records.offset, f"{uri}@{records.offset}", "failed",
                   f"{uri}: truncated or corrupt after offset {records.offset} of {len(data)} bytes; the rest was not read")
    except Exception as exc:  # noqa: BLE001 - warcio raises assorted types on damaged input (see ingest/warc.py)
        yield (index, records.offset, f"{uri}@{records.offset}", "failed",
               f"{uri}: not a valid WARC file, or corrupt after offset {records.offset} "
               f"({exc.__class__.__name__}: {_one_line(exc)})")


ARTICLE_FIELDS = ("text", "html", "url", "title", "outlet", "published", "author")


def _parquet_rdd(spark, files: list[tuple[int, str]]):
    from pyspark.sql import functions as F

    df = spark.read.parquet(*[uri for _, uri in files])
    present = [c for c in ARTICLE_FIELDS if c in df.columns]
    indexes = {_path_key(uri): i for i, uri in files}
    if "text" not in present and "html" not in present:
        return spark.sparkContext.parallelize(
            [(i, 0, uri, "failed", f"{uri}: the Parquet file has no 'text' or 'html' column") for i, uri in files], 1)
    df = df.select(*present, F.input_file_name().alias("_file"), F.monotonically_increasing_id().alias("_row"))

    def convert(row) -> tuple:
        d = row.asDict()
        uri, n = d.pop("_file"), d.pop("_row")
        record = {k: _plain(v) for k, v in d.items()}
        return (indexes.get(_path_key(uri), -1), int(n), f"{uri}#{n}", "row", record)

    return df.rdd.map(convert)


def _plain(value):
    """Parquet dates and timestamps as the ISO strings a JSON record would carry."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def read_items(spark, files: list[tuple[str, Optional[str]]], partitions: int):
    """One RDD of raw items over every input file."""
    sc = spark.sparkContext
    rdds, warcs, parquets, bad = [], [], [], []
    for index, (uri, kind) in enumerate(files):
        if kind == "jsonl":
            pairs = sc.newAPIHadoopFile(uri, "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
                                        "org.apache.hadoop.io.LongWritable", "org.apache.hadoop.io.Text")
            rdds.append(pairs.map(_jsonl_items(index, uri)))
        elif kind == "warc":
            warcs.append((index, uri))
        elif kind == "parquet":
            parquets.append((index, uri))
        elif kind is None:
            bad.append((index, 0, uri, "failed", f"{uri}: no such file or folder"))
        else:
            bad.append((index, 0, uri, "failed", f"{uri}: not a supported input (JSON Lines, WARC or Parquet)"))
    if warcs:
        indexes = {_path_key(uri): i for i, uri in warcs}
        whole = sc.binaryFiles(",".join(uri for _, uri in warcs), minPartitions=min(len(warcs), partitions))
        rdds.append(whole.flatMap(_warc_items(indexes)))
    if parquets:
        rdds.append(_parquet_rdd(spark, parquets))
    if bad:
        rdds.append(sc.parallelize(bad, 1))
    if not rdds:
        return sc.emptyRDD()
    if len(rdds) == 1:
        return rdds[0]
    # Serialise every source the way `repartition` will want it, inside the source's own Python stage.  Else
    # pyspark adds a Python step right after the (JVM) union, and each read task then holds two Python workers:
    # the worker pool doubles, and so would the number of Analyzers loaded later.
    from pyspark.serializers import BatchedSerializer, CPickleSerializer

    ser = BatchedSerializer(CPickleSerializer(), min(10, sc._batchSize or 1024))
    return sc.union([r._reserialize(ser) for r in rdds])


# --- prepare --------------------------------------------------------------------------------------------------
def prepare_partition(items: Iterable[tuple]) -> Iterator[tuple]:
    """Raw items -> articles (text, outlet, language checked) or error rows; the rules of ``batch.run_ingest``."""
    from claimledger.batch import apply_outlet
    from claimledger.errors import ClaimledgerError
    from claimledger.ingest.article import MAX_BYTES, Metadata, article_from_bytes
    from claimledger.ingest.jsonl import article_from_record
    from claimledger.pipeline import check_language

    outlets = _outlets()
    for index, offset, origin, kind, payload in items:
        uri = origin.rsplit("@", 1)[0] if kind in ("json", "warc", "failed", "skipped") else origin.rsplit("#", 1)[0]
        if kind in ("failed", "skipped"):
            yield _error(R.error_row(origin, uri, index, offset, kind, "read", payload))
            continue
        try:
            if kind == "json":
                if len(payload.encode("utf-8")) > MAX_BYTES:
                    raise _Refused(f"{origin}: line longer than {MAX_BYTES // 1_000_000} MB; skipped")
                if not payload.strip():
                    continue  # blank lines are not records
                try:
                    record = json.loads(payload)
                except json.JSONDecodeError as exc:
                    raise _Refused(f"{origin}: not valid JSON ({exc})") from None
                article = article_from_record(record, origin)
            elif kind == "row":
                article = article_from_record(payload, origin)
            else:  # warc
                target, body = payload
                try:
                    article = article_from_bytes(body, Metadata(url=target), source_path=origin)
                except ClaimledgerError as exc:
                    raise _Refused(f"{exc}" + (f" ({target})" if target else "")) from None
            apply_outlet(article, outlets)
            check_language(article)
        except (ClaimledgerError, _Refused) as exc:
            yield _error(R.error_row(origin, uri, index, offset, "failed", "prepare", str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - a bug on one item must not stop the job; it is reported
            yield _error(R.error_row(origin, uri, index, offset, "failed", "prepare",
                                     f"{origin}: internal error: {type(exc).__name__}: {exc}"))
            continue
        yield (article.sha256, ("A", (index, offset), origin, article, []))


def _error(row: dict) -> tuple:
    """An error travels with the articles (its own key, so it meets nothing in ``first_sighting``): the whole job
    is one chain of Python stages, so each task uses one Python worker, whose Analyzer is then really reused."""
    return (f"E\0{row['origin']}\0{row['stage']}\0{row['message']}", ("E", row))


class _Refused(Exception):
    pass


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

        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        for (order, origin, article, copies), ledger in zip(chunk, ledgers):
            if isinstance(ledger, Exception):
                uri = origin.rsplit("@", 1)[0].rsplit("#", 1)[0]
                yield ("error", R.error_row(origin, uri, order[0], order[1], "failed", "analyze",
                                           f"{origin}: analysis failed: {type(ledger).__name__}: {ledger}"))
                continue
            copies = [{k: v for k, v in c.items() if k != "_order"} for c in copies]
            yield ("article", R.article_row(ledger_to_dict(ledger), origin, order[0], order[1], copies, __version__, now))
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


class _MaxParam:
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


# --- schemas --------------------------------------------------------------------------------------------------
def schemas():
    from pyspark.sql.types import (
        ArrayType, BooleanType, DoubleType, IntegerType, LongType, StringType, StructField, StructType,
    )

    S, I, L, D, B = StringType(), IntegerType(), LongType(), DoubleType(), BooleanType()
    spans = ArrayType(ArrayType(I, False), False)
    strings = ArrayType(S, False)

    def struct(*fields):
        return StructType([StructField(n, t, True) for n, t in fields])

    month = (R.PARTITION_COLUMN, S)
    return {
        "articles": struct(
            ("article_id", S), ("sha256", S), ("title", S), ("outlet", S), ("url", S), ("author", S), ("published", S),
            ("language", S), ("outlet_type", S), ("outlet_side", S), ("origin", S), ("input_index", I),
            ("input_offset", L), ("copies", ArrayType(struct(("origin", S), ("url", S), ("outlet", S)), False)),
            ("n_claims", I), ("n_events", I), ("n_places", I), ("n_narratives", I), ("n_techniques", I), ("words", I),
            ("pipeline_version", S), ("analyzed_at", S), ("ledger_json", S), month),
        "claims": struct(
            ("article_id", S), ("claim_id", S), ("sentence_start", I), ("sentence_end", I), ("speaker_text", S),
            ("speaker_start", I), ("speaker_end", I), ("speaker_type", S), ("speaker_side", S), ("speaker_canonical", S),
            ("cue_text", S), ("cue_start", I), ("cue_end", I), ("content_text", S), ("content_start", I),
            ("content_end", I), ("certainty", S), ("disputed_by", strings), ("disputes", strings),
            ("about_places", strings), ("pattern", S), ("certainty_evidence", spans), ("published", S), month),
        "events": struct(
            ("article_id", S), ("event_id", S), ("type", S), ("actor_text", S), ("actor_side", S), ("place_id", S),
            ("place_name", S), ("place_geonameid", L), ("date_value", S), ("date_precision", S), ("date_text", S),
            ("date_start", I), ("date_end", I), ("claims", strings), ("denied_by", strings), ("status", S),
            ("trigger_text", S), ("trigger_start", I), ("trigger_end", I), ("sentence_start", I), ("sentence_end", I),
            ("published", S), month),
        "places": struct(
            ("article_id", S), ("place_id", S), ("mention", S), ("spans", spans), ("geonameid", L), ("name", S),
            ("kind", S), ("country", S), ("admin1", S), ("lat", D), ("lon", D), ("resolved", B), ("population", L),
            ("published", S), month),
        "framing": struct(
            ("article_id", S), ("kind", S), ("name", S), ("label", S), ("score", D), ("start", I), ("end", I),
            ("text", S), ("voice", S), ("claim_id", S), ("method", S), ("speaker_text", S), ("speaker_type", S),
            ("speaker_side", S), ("published", S), month),
        "errors": struct(
            ("origin", S), ("input", S), ("input_index", I), ("input_offset", L), ("kind", S), ("stage", S),
            ("message", S)),
    }


def result_schema(sch):
    from pyspark.sql.types import StringType, StructField, StructType

    return StructType([StructField("kind", StringType(), False), StructField("article", sch["articles"], True),
                       StructField("error", sch["errors"], True)])


def _result_tuple(sch, item: tuple) -> tuple:
    kind, d = item
    if kind == "article":
        return (kind, _as_tuple(sch["articles"], d), None)
    return (kind, None, _as_tuple(sch["errors"], d))


def _as_tuple(schema, d: dict) -> tuple:
    out = []
    for f in schema.fields:
        v = d.get(f.name)
        if f.name == "copies" and v is not None:
            v = [(c["origin"], c["url"], c["outlet"]) for c in v]
        out.append(v)
    return tuple(out)


# --- the job --------------------------------------------------------------------------------------------------
def _exists(spark, uri: str) -> bool:
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return bool(path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(path))


def session(master: Optional[str] = None, app_name: str = "claimledger"):
    """A SparkSession (the one spark-submit configured, or a new local one for ``master``).  The Python workers
    run this interpreter unless PYSPARK_PYTHON says otherwise, so they import the same claimledger."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def run(input, output: str, spark=None, partitions: Optional[int] = None, overwrite: bool = False,
        master: Optional[str] = None) -> dict:
    """Analyse every article under ``input`` (a path/URI or a list of them) and write the ledger tables under
    ``output``.  Returns counts: articles, copies, failed, skipped, and rows per table."""
    from pyspark import StorageLevel

    started = time.time()
    inputs = [input] if isinstance(input, (str, os.PathLike)) else list(input)
    inputs = [os.fspath(i) for i in inputs]
    own_session = spark is None
    spark = spark or session(master)
    try:
        sc = spark.sparkContext
        partitions = partitions or max(2, sc.defaultParallelism * 2)
        base = output.rstrip("/")
        if not overwrite:
            existing = [t for t in R.TABLES if _exists(spark, f"{base}/{t}")]
            if existing:
                from claimledger.errors import InputError

                raise InputError(f"{base} already holds the tables {', '.join(existing)}; "
                                 "choose another output, or replace them with --overwrite")
        files = list_inputs(spark, inputs)
        raw = read_items(spark, files, partitions)
        loads, peak_rss = sc.accumulator(0), sc.accumulator(0.0, _MaxParam())
        sch = schemas()
        results = (raw.repartition(partitions)
                   .mapPartitions(prepare_partition)
                   .reduceByKey(first_sighting, numPartitions=partitions)
                   .values()
                   .mapPartitions(functools.partial(analyze_partition, loads=loads, peak_rss=peak_rss))
                   .map(functools.partial(_result_tuple, sch)))
        # Cached on the JVM side: every table below is cut from this one analysis (nothing is analysed twice).
        result = spark.createDataFrame(results, result_schema(sch)).persist(StorageLevel.MEMORY_AND_DISK)
        articles = result.where("kind = 'article'").select("article.*")
        errors = result.where("kind = 'error'").select("error.*")

        mode = "overwrite" if overwrite else "errorifexists"
        counts = {}

        def write(table, df, sort=()):
            counts[table] = df.count()
            if table == "errors" or counts[table] == 0:
                # unpartitioned: an empty table is still one file that carries the schema
                df.coalesce(1).write.mode(mode).parquet(f"{base}/{table}")
            else:
                if sort:
                    df = df.sortWithinPartitions(R.PARTITION_COLUMN, *sort)
                df.write.mode(mode).partitionBy(R.PARTITION_COLUMN).parquet(f"{base}/{table}")

        # Sorted within each file by input order, so that `claimledger load` can merge the files in input order.
        write("articles", articles, sort=("input_index", "input_offset"))
        for table in ("claims", "events", "places", "framing"):
            schema = sch[table]
            rows_rdd = (articles.select("ledger_json").rdd.map(lambda r: r[0]).flatMap(child_rows(table))
                        .map(functools.partial(_as_tuple, schema)))
            write(table, spark.createDataFrame(rows_rdd, schema))
        write("errors", errors)

        err = spark.read.schema(sch["errors"]).parquet(f"{base}/errors")
        summary = {
            "inputs": len(files),
            "articles": counts["articles"],
            "copies": articles.selectExpr("sum(size(copies))").first()[0] or 0,
            "failed": err.filter("kind = 'failed'").count(),
            "skipped": err.filter("kind = 'skipped'").count(),
            "rows": counts,
            "partitions": partitions,
            "analyzer_loads": loads.value,  # one per Python worker process, never per partition or record
            "worker_peak_rss_mb": round(peak_rss.value),
            "seconds": round(time.time() - started, 1),
        }
        result.unpersist()
        return summary
    finally:
        if own_session:
            spark.stop()


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="claimledger-spark", description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", action="append", required=True,
                        help="JSON Lines, WARC or Parquet file, folder or glob; local path or Hadoop URI (repeatable)")
    parser.add_argument("--output", required=True, help="folder (local or Hadoop URI) for the Parquet tables")
    parser.add_argument("--partitions", type=int, default=None, help="analysis partitions (default: 2 x cores)")
    parser.add_argument("--master", default=None, help="Spark master (default: what spark-submit configured)")
    parser.add_argument("--overwrite", action="store_true", help="replace existing tables under --output")
    args = parser.parse_args(argv)
    summary = run(args.input, args.output, partitions=args.partitions, overwrite=args.overwrite, master=args.master)
    print(json.dumps(summary, indent=2))
    return 1 if summary["failed"] else 0


if __name__ == "__main__":
    # Call the installed module's main, not this file's copy: functions shipped to the executors are then
    # pickled by reference to ``claimledger.spark.job`` and its per-worker Analyzer cache is really shared.
    from claimledger.spark.job import main as _main

    sys.exit(_main())
