"""``claimledger statements``: claims across sources that assert the same content, their origin, carriers and
certainty drift (issue 15)."""

from __future__ import annotations

import json

import click

from claimledger.cli.ledger_cmds import _console, db_option, emit_rows, open_store


def _row(st) -> dict:
    return {
        "id": st.id,
        "first_seen": st.first_seen,
        "origin": st.origin.speaker,
        "origin_type": st.origin.type,
        "origin_side": st.origin.side,
        "origin_outlet": st.origin.outlet,
        "n_articles": st.n_articles,
        "n_origins": st.n_origins,
        "laundered": st.laundered,
        "drift": " > ".join(d.level for d in st.drift),
        "text": st.text,
    }


@click.command()
@click.option("--laundered", is_flag=True, help="Only statements whose certainty rose without a new origin.")
@click.option("--search", help="A piece of the wording or of a speaker's name.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "jsonl"]), default="table")
@db_option
def statements(laundered: bool, search: str | None, limit: int, fmt: str, db: str | None) -> None:
    """Statements across sources: who said it first, who relayed it, and where "claimed" turned into "is".
    ``json`` and ``jsonl`` include every member (carrier) in date order."""
    from claimledger.store.statements import iter_statements, list_statements

    store = open_store(db)
    flag = True if laundered else None
    if fmt == "jsonl":
        for i, st in enumerate(iter_statements(store, laundered=flag, search=search)):
            if i >= limit:
                break
            click.echo(json.dumps(st.model_dump(), ensure_ascii=False))
        return
    rows, total = list_statements(store, laundered=flag, search=search, limit=limit)
    if fmt == "json":
        from claimledger.store.statements import statement_detail

        full = [statement_detail(store, st.id) for st in rows]
        click.echo(json.dumps([st.model_dump() for st in full if st], ensure_ascii=False, indent=2))
        return
    if emit_rows([_row(st) for st in rows], fmt):
        return
    from rich.table import Table

    table = Table(title=f"statements ({len(rows)} of {total})")
    for col in ("id", "first seen", "origin", "articles", "origins", "drift", "laundered", "text"):
        table.add_column(col)
    for st in rows:
        r = _row(st)
        table.add_row(
            r["id"],
            r["first_seen"] or "",
            f"{r['origin']} ({r['origin_type']}, {r['origin_side']})",
            str(r["n_articles"]),
            str(r["n_origins"]),
            r["drift"],
            "yes" if r["laundered"] else "",
            r["text"][:120],
        )
    _console().print(table)
