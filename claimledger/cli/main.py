"""`claimledger` command line.  Errors reach the user as one line on stderr and a non-zero exit."""

from __future__ import annotations

import json
import re
import sys
from datetime import date

import click

from claimledger.errors import ClaimledgerError, InputError, mask_url

EXIT_INPUT = 2
EXIT_INTERNAL = 1
EXIT_REJECTED = 3  # a batch (ingest) completed, but some records were rejected (see --rejects)


def one_line(message: object) -> str:
    """A message as one printable line: the password of any URL masked, unencodable characters replaced."""
    text = " ".join(mask_url(message).split())
    return text.encode("utf-8", "replace").decode("utf-8")


class ClaimledgerGroup(click.Group):
    """Turns ClaimledgerError into one clear line and an exit code; no traceback reaches the user."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ClaimledgerError as exc:
            click.echo(f"claimledger: error: {one_line(exc)}", err=True)
            sys.exit(EXIT_INPUT)
        except KeyboardInterrupt:
            click.echo("claimledger: interrupted", err=True)
            sys.exit(130)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # an unexpected bug: still one line unless --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(
                f"claimledger: internal error: {type(exc).__name__}: {one_line(exc)} (re-run with --debug for details)",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)


@click.group(cls=ClaimledgerGroup)
@click.option("--debug", is_flag=True, help="Show full tracebacks for internal errors.")
@click.version_option(package_name="claimledger")
@click.pass_context
def main(ctx, debug: bool):
    """Turn war reporting into an auditable ledger of claims, events and places."""
    ctx.obj = {"debug": debug}


def _iso_date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise InputError(f"{option} must be a date as YYYY-MM-DD, not {value!r}")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} is not a real date: {value}") from None
    return value


def _published_date(value: str | None, option: str) -> str | None:
    """A publication date: a real YYYY-MM-DD date within ``claimledger.limits.published_range``."""
    from claimledger.limits import published_error

    value = _iso_date(value, option)
    problem = published_error(date.fromisoformat(value)) if value else None
    if problem:
        raise InputError(f"{option}: {problem}")
    return value


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--published", help="Publication date YYYY-MM-DD (dates like 'December 11' are resolved against it).")
@click.option("--outlet", help="Outlet name (overrides what is found in HTML).")
@click.option("--url", help="Article URL.")
@click.option("--title", help="Article title.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--db", help="Database path or URL (default: the user data dir, or $CLAIMLEDGER_DB).")
@click.option("--no-db", is_flag=True, help="Do not store anything.")
@click.option(
    "--similarity", is_flag=True, help="Also match narratives with the sentence encoder (slower, a little more recall)."
)
def analyze(files, published, outlet, url, title, fmt, db, no_db, similarity):
    """Analyse FILES (text or HTML; '-' reads stdin) and print the ledger.

    All inputs are read and checked before anything is written: one bad input means nothing is stored.
    """
    from rich.console import Console
    from rich.markup import escape

    from claimledger.ingest.article import Metadata, read_path, read_stdin

    published = _published_date(published, "--published")
    meta = Metadata(title=title, outlet=outlet, url=url, published=published)
    articles = []
    for f in files:
        if f == "-":  # a stream only when asked for explicitly; at most the size limit + 1 byte is read
            articles.append(read_stdin(sys.stdin.buffer, meta))
        else:  # a FIFO or device is refused (never read or blocked on)
            articles.append(read_path(f, meta))
    if any(a.published and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", a.published) for a in articles):
        raise InputError("a publication date in the input is not YYYY-MM-DD")

    from claimledger.pipeline import Analyzer, prepare

    for a in articles:  # before loading the models: a refusal should be quick
        prepare(a)  # the same outlet fields and language checks as `ingest`, web ingest and Spark
    err = Console(stderr=True)
    with err.status("Loading models…"):
        analyzer = Analyzer.load(similarity=similarity)
    ledgers = []
    with err.status("Analysing…") as status:
        for i, a in enumerate(articles, start=1):
            status.update(f"Analysing {i}/{len(articles)}: {a.source_path}")
            ledgers.append(analyzer.analyze(a))

    if not no_db:
        from claimledger.link import save_ledgers
        from claimledger.store import LedgerStore, default_db_url
        from claimledger.store.repository import to_url

        store = LedgerStore(to_url(db) if db else default_db_url())
        saved = [r.outcome for r in save_ledgers(store, ledgers)]
        err.print(
            f"[dim]stored {saved.count('new')} new, {saved.count('already')} already, "
            f"{saved.count('duplicate')} duplicate in {escape(mask_url(store.url))}[/dim]",
            highlight=False,
        )

    if fmt == "json":
        from claimledger.export.json_contract import ledger_to_dict

        docs = [ledger_to_dict(l) for l in ledgers]
        click.echo(json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2))
    else:
        from claimledger.cli.report import print_report

        # Tables need room: when piped (not a terminal) render at a readable fixed width.
        console = Console(width=None if sys.stdout.isatty() else 150)
        for l in ledgers:
            print_report(l, console)


def _register_commands() -> None:
    from claimledger.cli import export_cmd, ledger_cmds, review_cmds
    from claimledger.cli.eval_cmd import eval_group
    from claimledger.cli.serve_cmd import serve
    from claimledger.cli.spark_cmds import load, spark

    for cmd in (
        ledger_cmds.ingest,
        ledger_cmds.claims,
        ledger_cmds.timeline,
        ledger_cmds.propositions,
        export_cmd.export,
        ledger_cmds.compare_control,
        ledger_cmds.narratives,
    ):
        main.add_command(cmd)
    main.add_command(eval_group, "eval")
    main.add_command(serve)
    main.add_command(review_cmds.users)
    main.add_command(review_cmds.review)
    main.add_command(spark)
    main.add_command(load)
    main.add_command(__import__("claimledger.cli.statements_cmd", fromlist=["statements"]).statements)


_register_commands()

if __name__ == "__main__":
    main()
