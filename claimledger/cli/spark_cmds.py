"""`claimledger spark` (the pipeline on Apache Spark -> Parquet) and `claimledger load` (that Parquet -> the
ledger database).  pyspark is an optional extra, imported only when `spark` runs."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console

from claimledger.errors import InputError

db_option = click.option("--db", help="Database path or URL (default: the user data dir, or $CLAIMLEDGER_DB).")


@click.command()
@click.option(
    "--input",
    "inputs",
    multiple=True,
    required=True,
    help="JSON Lines (.jsonl[.gz]), WARC (.warc[.gz]) or Parquet: a file, folder or glob, local or a Hadoop "
    "URI (hdfs://, s3a://, …). Repeatable.",
)
@click.option("--output", required=True, help="Folder (local or Hadoop URI) for the Parquet tables.")
@click.option(
    "--master",
    default="local[2]",
    show_default=True,
    help="Spark master URL (yarn, spark://host:7077, k8s://…, local[N]).",
)
@click.option("--partitions", type=click.IntRange(1), default=None, help="Analysis partitions (default: 2 x cores).")
@click.option("--overwrite", is_flag=True, help="Replace the tables under --output if they exist.")
def spark(inputs, output, master, partitions, overwrite):
    """Run the pipeline on Apache Spark: articles in, partitioned Parquet tables out
    (articles, claims, events, places, framing, errors).  Then `claimledger load OUTPUT --db …`.

    On a cluster, prefer spark-submit (see docs/scale.md).  Exits 1 if any item failed."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise InputError("the Spark job needs pyspark: pip install 'claimledger[spark]' (and a Java runtime)") from None
    from claimledger.spark.job import run

    err = Console(stderr=True)
    summary = run(list(inputs), output, partitions=partitions, overwrite=overwrite, master=master)
    err.print(
        f"{summary['inputs']} input files, {summary['articles']} articles, {summary['copies']} copies, "
        f"{summary['failed']} failed, {summary['skipped']} records skipped in {summary['seconds']:.1f} s -> {output}",
        highlight=False,
    )
    click.echo(json.dumps(summary))
    if summary["failed"]:
        err.print(f"failed items are listed in {output.rstrip('/')}/errors", highlight=False)
        sys.exit(3)  # completed with rejected items, as `ingest`


@click.command()
@click.argument("directory")
@db_option
@click.option(
    "--batch-size",
    default=32,
    show_default=True,
    type=click.IntRange(1, 10000),
    help="Articles saved (and linked) per transaction.",
)
def load(directory, db, batch_size):
    """Load the Parquet written by `claimledger spark` into the ledger database (SQLite or PostgreSQL).

    Articles are saved and linked in input order, in batches; loading again changes nothing."""
    from claimledger.cli.ledger_cmds import open_store
    from claimledger.spark.load import load as run_load

    store = open_store(db, create=True)  # load writes a ledger, like ingest
    err = Console(stderr=True)
    summary = run_load(directory, store, batch_size=batch_size)
    err.print(
        f"{summary.read} articles read, {summary.new} new, {summary.already} already stored, "
        f"{summary.duplicate} duplicates, {summary.copies} copies recorded in {summary.seconds:.1f} s -> {store.url}",
        highlight=False,
    )
    if summary.job_failed or summary.job_skipped:
        err.print(
            f"the Spark job reported {summary.job_failed} failed and {summary.job_skipped} skipped items "
            f"(see {directory.rstrip('/')}/errors)",
            highlight=False,
        )
