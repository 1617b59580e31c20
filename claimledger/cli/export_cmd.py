"""``claimledger export``: the ledger as JSON Lines, CSV, GeoJSON, ClaimReview, the statements across sources
(JSON Lines, CSV), the review audit log, or Parquet tables (``claimledger.export``).  A file is written next to
its target and renamed, a Parquet folder built aside and moved: an interrupted export leaves nothing
half-written."""

from __future__ import annotations

import sys

import click

from claimledger.cli.ledger_cmds import db_option, open_store
from claimledger.errors import InputError

FORMATS = ["jsonl", "csv", "geojson", "claimreview", "statements", "statements-csv", "audit", "parquet"]


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="One of the formats above.")
@click.option(
    "--output",
    "-o",
    type=click.Path(writable=True),
    help="File to write (default: stdout); for parquet, a folder that does not exist yet.",
)
def export(db, fmt, output):
    """Export the ledger.

    \b
    jsonl           article ledgers (the JSON contract), then {"statement": ...} and {"audit": ...} lines
    csv             claims, one row each
    geojson         places with their propositions
    claimreview     claims as schema.org ClaimReview JSON-LD
    statements      statements across sources with their members (JSON Lines, one statement a line)
    statements-csv  statement members, one row each, with their statement's columns
    audit           the review audit log (JSON Lines)
    parquet         Parquet tables (the layout of `claimledger spark`, plus statements, statement_members)"""
    from claimledger.export.formats import EXPORTERS, export_parquet

    store = open_store(db)
    if fmt == "parquet":
        import os
        import shutil
        import tempfile

        if not output:
            raise InputError("--format parquet needs --output DIR")
        if os.path.exists(output):
            raise InputError(f"{output} already exists; choose a new folder")
        tmp = tempfile.mkdtemp(prefix=".parquet-", dir=os.path.dirname(os.path.abspath(output)) or ".")
        try:
            n = export_parquet(store, tmp)
            _normal_permissions(tmp)
            os.replace(tmp, output)  # the folder appears whole or not at all
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        click.echo(f"wrote {n} articles to {output}", err=True)
        return
    if output:
        import os
        import tempfile

        # write next to the target and rename: an interrupted export never leaves a half-written file
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(output)) or ".", suffix=".part")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                n = EXPORTERS[fmt](store, fh)
            _normal_permissions(tmp)  # mkstemp creates it owner-only (0600)
            os.replace(tmp, output)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        click.echo(f"wrote {n} records to {output}", err=True)
    else:
        EXPORTERS[fmt](store, sys.stdout)


def _normal_permissions(path: str) -> None:
    """0644 / 0755 (for folders and what they hold) subject to the umask, like any file the user creates."""
    import os

    umask = os.umask(0)
    os.umask(umask)
    if os.path.isdir(path):
        os.chmod(path, 0o777 & ~umask)
        for root, dirs, files in os.walk(path):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o777 & ~umask)
            for f in files:
                os.chmod(os.path.join(root, f), 0o666 & ~umask)
    else:
        os.chmod(path, 0o666 & ~umask)
