"""``claimledger statements``: claims across sources that assert the same content, their origin, carriers and
certainty drift (issue 15)."""

from __future__ import annotations

import json

import click

from claimledger.cli.ledger_cmds import AS_OF, _console, db_option, emit_rows, open_store
from claimledger.errors import InputError


def _row(st) -> dict:
    return {
        "id": st.id,
        "first_seen": st.first_seen,
        "origin": st.origin.speaker,
        "origin_type": st.origin.type,
        "origin_side": st.origin.side,
        "origin_outlet": st.origin.outlet,
        "origin_url": st.origin.article_url,
        "n_articles": st.n_articles,
        "n_origins": st.n_origins,
        "laundered": st.laundered,
        "drift": " > ".join(d.level for d in st.drift),
        "text": st.text,
    }


def _text(st) -> str:
    """One statement as plain text: the header, the origin, then every member (carrier) in date order."""
    o = st.origin
    head = f"{st.id}  first seen {st.first_seen or '?'} · {st.n_articles} article(s) · {st.n_origins} origin(s)"
    lines = [
        head + ("  LAUNDERED" if st.laundered else ""),
        f"  {st.text}",
        f"  origin: {o.speaker} ({o.type}, {o.side}) — {o.outlet or '?'} {o.published or '?'} {o.article_url or ''}",
    ]
    for m in st.members:
        via = f" via {', '.join(m.via)}" if m.via else ""
        lines.append(
            f"    {m.published or '?'}  {m.outlet or '?'}  [{m.language or '?'}]  {m.claim_id}  "
            f"{m.speaker or '(unnamed)'}{via}  {m.voice}  {m.certainty} ({m.level})"
            + (f"  copy of {m.duplicate_of}" if m.duplicate_of else "")
            + f"  {m.article_url or m.article_id}"
        )
        lines.append(f"      {m.text}")
    return "\n".join(lines)


@click.command()
@click.option("--laundered", is_flag=True, help="Only statements whose certainty rose without a new origin.")
@click.option("--search", help="A piece of the wording or of a speaker's name.")
@click.option("--place", help="About this place: a name in any spelling or script (Siversk, Сіверськ), or a key.")
@click.option("--speaker", help="Said or carried by this speaker (a piece of the name), or first said by them.")
@AS_OF
@click.option("--limit", type=click.IntRange(1, 100_000), default=100, show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "text", "json", "csv", "jsonl"]), default="table", show_default=True
)
@db_option
def statements(
    laundered: bool,
    search: str | None,
    place: str | None,
    speaker: str | None,
    as_of,
    limit: int,
    fmt: str,
    db: str | None,
) -> None:
    """Statements across sources: who said it first, who relayed it, and where "claimed" turned into "is".
    ``text``, ``json`` and ``jsonl`` include every member (carrier) in date order; ``--as-of`` shows each
    statement as it stood that day (only the members published by then)."""
    from claimledger.link.statement_views import list_statements, statement_place_keys

    store = open_store(db)
    day = as_of.date().isoformat() if as_of else None
    keys = None
    if place is not None:
        keys = statement_place_keys(store, place)
        if not keys:
            raise InputError(f"no place named {place!r} in the ledger or the gazetteer")
    rows, total = list_statements(
        store,
        laundered=True if laundered else None,
        search=search,
        place_keys=keys,
        speaker=speaker,
        as_of=day,
        limit=limit,
        members=fmt in ("text", "json", "jsonl"),
    )
    if fmt == "jsonl":
        for st in rows:
            click.echo(json.dumps({**st.model_dump(), "as_of": day}, ensure_ascii=False))
        return
    if fmt == "json":
        click.echo(json.dumps([{**st.model_dump(), "as_of": day} for st in rows], ensure_ascii=False, indent=2))
        return
    if fmt == "text":
        title = f"{len(rows)} of {total} statements" + (f" as of {day}" if day else "")
        click.echo("\n\n".join([title, *(_text(st) for st in rows)]))
        return
    if emit_rows([{**_row(st), "as_of": day} for st in rows], fmt):
        return
    from rich.table import Table

    table = Table(title=f"statements ({len(rows)} of {total})" + (f" as of {day}" if day else ""))
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
