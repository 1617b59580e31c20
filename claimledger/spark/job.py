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
2. prepare — per item, in the executors: the article text (the readers of a local ingest, from
   ``claimledger.ingest.readers``: ``read_warc`` parses the WARC bytes, ``to_article`` turns a JSON line, a Parquet
   row or a page into an Article), then ``pipeline.prepare.prepare`` (outlet lookup, language check);
3. the same text read twice is analysed once: the first sighting (in input order) is kept, the others are
   recorded as ``copies`` (a local ingest records them in ``article_copies``; so does ``claimledger load``);
4. analyze — ``mapPartitions``: each Python worker loads the ``Analyzer`` once (module-level cache, Spark reuses
   the worker between tasks) and runs ``analyze_many`` over the partition in batches;
5. write — ``articles`` (with the full ledger JSON), ``claims``, ``events``, ``places``, ``framing``, partitioned
   by ``published_month``, and ``errors``.

This module holds the Spark parts (listing, reading, the chain of stages, writing); what runs on each partition is
plain Python in ``claimledger.spark.partitions``, the table schemas are in ``claimledger.spark.schemas``.
pyspark is imported only inside functions (an optional extra: ``pip install claimledger[spark]``).
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from urllib.parse import unquote, urlsplit

from claimledger.export import parquet_rows as R  # the row layouts (re-exported by claimledger.spark.rows)
from claimledger.ingest.readers import RECORD_FIELDS, Record, format_of, read_warc, record_from_row
from claimledger.spark.partitions import MaxParam, analyze_partition, child_rows, first_sighting, prepare_partition
from claimledger.spark.schemas import as_tuple, result_schema, result_tuple, schemas

SPARK_FORMATS = ("jsonl", "warc", "parquet")


def _path_key(uri: str) -> tuple[str, str, str]:
    """The same file named as ``file:/x`` (Hadoop) or ``file:///x`` (Spark's input_file_name)."""
    parts = urlsplit(uri)
    return parts.scheme or "file", parts.netloc, unquote(parts.path)


def list_inputs(spark, inputs: Iterable[str]) -> list[tuple[str, str | None]]:
    """Every input file as (qualified URI, kind), in the order given; globs and folders expanded (recursively,
    sorted; hidden files and Spark/Hadoop markers such as ``_SUCCESS`` left out).  A path that matches nothing
    is reported with kind None."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    out: list[tuple[str, str | None]] = []
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
            kind = format_of(name)
            out.append((uri, kind if kind in SPARK_FORMATS else "unsupported"))
    return out


# --- read: the raw items are (input_index, ingest.readers.Record) ---------------------------------------------
def _jsonl_items(index: int, uri: str):
    def convert(pair):
        offset, line = pair  # Hadoop splits the lines (and decompresses .gz); to_article reads each one
        return (index, Record(f"{uri}@{offset}", int(offset), "json", line))

    return convert


def _warc_items(indexes: dict):
    def parse(pair) -> Iterator[tuple]:
        uri, data = pair
        index = indexes.get(_path_key(uri), -1)
        for record in read_warc(io.BytesIO(data), uri, size=len(data)):
            yield (index, record)

    return parse


def _parquet_rdd(spark, files: list[tuple[int, str]]):
    from pyspark.sql import functions as F

    df = spark.read.parquet(*[uri for _, uri in files])
    present = [c for c in RECORD_FIELDS if c in df.columns]
    indexes = {_path_key(uri): i for i, uri in files}
    if "text" not in present and "html" not in present:
        return spark.sparkContext.parallelize(
            [
                (i, Record(uri, 0, "failed", f"{uri}: the Parquet file has no 'text' or 'html' column"))
                for i, uri in files
            ],
            1,
        )
    df = df.select(*present, F.input_file_name().alias("_file"), F.monotonically_increasing_id().alias("_row"))

    def convert(row) -> tuple:
        d = row.asDict()
        uri, n = d.pop("_file"), d.pop("_row")
        return (indexes.get(_path_key(uri), -1), Record(f"{uri}#{n}", int(n), "row", record_from_row(d)))

    return df.rdd.map(convert)


def read_items(spark, files: list[tuple[str, str | None]], partitions: int):
    """One RDD of raw items over every input file."""
    sc = spark.sparkContext
    rdds, warcs, parquets, bad = [], [], [], []
    for index, (uri, kind) in enumerate(files):
        if kind == "jsonl":
            pairs = sc.newAPIHadoopFile(
                uri,
                "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
                "org.apache.hadoop.io.LongWritable",
                "org.apache.hadoop.io.Text",
            )
            rdds.append(pairs.map(_jsonl_items(index, uri)))
        elif kind == "warc":
            warcs.append((index, uri))
        elif kind == "parquet":
            parquets.append((index, uri))
        elif kind is None:
            bad.append((index, Record(uri, 0, "failed", f"{uri}: no such file or folder")))
        else:
            bad.append((index, Record(uri, 0, "failed", f"{uri}: not a supported input (JSON Lines, WARC or Parquet)")))
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


# --- the job --------------------------------------------------------------------------------------------------
def _exists(spark, uri: str) -> bool:
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return bool(path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(path))


def session(master: str | None = None, app_name: str = "claimledger"):
    """A SparkSession (the one spark-submit configured, or a new local one for ``master``).  The Python workers
    run this interpreter unless PYSPARK_PYTHON says otherwise, so they import the same claimledger."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def run(
    input, output: str, spark=None, partitions: int | None = None, overwrite: bool = False, master: str | None = None
) -> dict:
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

                raise InputError(
                    f"{base} already holds the tables {', '.join(existing)}; "
                    "choose another output, or replace them with --overwrite"
                )
        files = list_inputs(spark, inputs)
        raw = read_items(spark, files, partitions)
        loads, peak_rss = sc.accumulator(0), sc.accumulator(0.0, MaxParam())
        sch = schemas()
        results = (
            raw.repartition(partitions)
            .mapPartitions(prepare_partition)
            .reduceByKey(first_sighting, numPartitions=partitions)
            .values()
            .mapPartitions(functools.partial(analyze_partition, loads=loads, peak_rss=peak_rss))
            .map(functools.partial(result_tuple, sch))
        )
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
            rows_rdd = (
                articles.select("ledger_json")
                .rdd.map(lambda r: r[0])
                .flatMap(child_rows(table))
                .map(functools.partial(as_tuple, schema))
            )
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="claimledger-spark", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--input",
        action="append",
        required=True,
        help="JSON Lines, WARC or Parquet file, folder or glob; local path or Hadoop URI (repeatable)",
    )
    parser.add_argument("--output", required=True, help="folder (local or Hadoop URI) for the Parquet tables")
    parser.add_argument("--partitions", type=int, default=None, help="analysis partitions (default: 2 x cores)")
    parser.add_argument("--master", default=None, help="Spark master (default: what spark-submit configured)")
    parser.add_argument("--overwrite", action="store_true", help="replace existing tables under --output")
    args = parser.parse_args(argv)
    summary = run(args.input, args.output, partitions=args.partitions, overwrite=args.overwrite, master=args.master)
    print(json.dumps(summary, indent=2))
    return 3 if summary["failed"] else 0  # 3: completed, with the rejected items in the errors table


if __name__ == "__main__":
    # Call the installed module's main, not this file's copy: the read functions shipped to the executors are then
    # pickled by reference to ``claimledger.spark.job`` (the partition steps and their per-worker Analyzer cache
    # live in ``claimledger.spark.partitions``).
    from claimledger.spark.job import main as _main

    sys.exit(_main())
