"""Commands over the ledger across sources: ingest, claims, timeline, propositions (export: ``export_cmd``)."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.table import Table

from claimledger import vocab
from claimledger.errors import InputError

db_option = click.option("--db", help="Database path or URL (default: the user data dir, or $CLAIMLEDGER_DB).")
STATUSES = list(vocab.PROPOSITION_STATUSES)


def open_store(db: str | None, create: bool = False):
    """The ledger of ``--db``.  Only the commands that write (``ingest``, ``analyze``) pass ``create``: a read
    command given a file that does not exist stops with a clear error (exit 2) instead of creating it."""
    import os

    from claimledger.store import LedgerStore, default_db_url
    from claimledger.store.repository import to_url

    if db and not create and "://" not in db and not os.path.exists(db):
        raise InputError(f"--db {db}: no such ledger (ingest, analyze or load create one)")
    return LedgerStore(to_url(db) if db else default_db_url())


def _place_keys(store, place: str) -> list[str]:
    from claimledger.link.views import place_keys

    return place_keys(store, place)


def _console() -> Console:
    """Tables as wide as the terminal, or ``$COLUMNS``, else 150 characters when not a terminal."""
    import os

    cols = os.environ.get("COLUMNS", "")
    width = int(cols) if cols.isdigit() and int(cols) >= 40 else None
    return Console(width=width or (None if sys.stdout.isatty() else 150))


def emit_rows(rows: list[dict], fmt: str) -> bool:
    """Write ``rows`` as JSON or CSV (lists joined by '; '); False for the text format (the caller's table)."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return True
    if fmt == "csv":
        import csv

        fields = list(dict.fromkeys(k for r in rows for k in r))
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(fields)
        for r in rows:
            w.writerow(
                [
                    "; ".join(map(str, v)) if isinstance(v, list) else json.dumps(v) if isinstance(v, dict) else v
                    for v in (r.get(k) for k in fields)
                ]
            )
        return True
    return False


FORMATS = click.Choice(["text", "json", "csv"])


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 10000))
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on loopback/private addresses.")
@click.option("--similarity", is_flag=True, help="Also match narratives with the sentence encoder (about 3x slower).")
@click.option(
    "--rejects",
    type=click.Path(dir_okay=False),
    help="Write every rejected record (origin, reason, the record itself when small) to this JSON Lines file.",
)
def ingest(paths, db, jobs, batch_size, allow_private, similarity, rejects):
    """Ingest folders, JSON Lines, RSS/Atom feeds, URLs and WARC files into the ledger.

    Resumable: each batch is committed; a re-run skips what is stored.  A record that cannot be read or analysed
    is rejected (reported, and written to --rejects) and the others are stored.  Exit status: 0 all stored, 3
    completed with rejected records, 2 nothing could be read (or bad arguments), 1 an internal error."""
    from rich.markup import escape
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from claimledger.batch import run_ingest
    from claimledger.cli.main import EXIT_INPUT, EXIT_REJECTED, one_line
    from claimledger.errors import mask_url
    from claimledger.pipeline import Analyzer

    store = open_store(db, create=True)
    err = Console(stderr=True)
    with err.status("Loading models…"):
        analyzer = Analyzer.load(similarity=similarity)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err, transient=True
    ) as prog:
        task = prog.add_task("starting", total=None)

        def show(s):
            prog.update(
                task,
                description=f"{s.read} records read · {s.new} new · {s.already} already · "
                f"{s.duplicate} duplicates · {s.rejected} rejected · {s.rate:.1f} articles/s",
            )

        def rejected(_origin, reason):
            prog.console.print(f"[red]rejected[/red] {escape(one_line(reason))}", highlight=False, soft_wrap=True)

        summary = run_ingest(
            list(paths),
            store,
            jobs=jobs,
            batch_size=batch_size,
            allow_private=allow_private,
            on_progress=show,
            analyzer=analyzer,
            rejects=rejects,
            on_reject=rejected,
        )
    for _origin, msg in summary.warnings:
        err.print(f"[yellow]warning[/yellow] {escape(one_line(msg))}", highlight=False, soft_wrap=True)
    words_s = summary.words / summary.seconds if summary.seconds else 0
    replaced = f", {summary.replaced_chars} unencodable characters replaced" if summary.replaced_chars else ""
    err.print(
        f"{summary.read} read, {summary.new} new, {summary.already} already stored, {summary.duplicate} duplicates, "
        f"{summary.skipped} records skipped, {summary.rejected} rejected, {len(summary.warnings)} warnings{replaced} "
        f"in {summary.seconds:.1f} s ({summary.rate:.1f} articles/s, {words_s:.0f} words/s) -> {mask_url(store.url)}",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    if summary.interrupted:
        err.print("interrupted: everything committed before the interruption is kept; re-run to continue")
        sys.exit(130)
    if summary.read == 0:
        err.print("warning: nothing could be read (0 records)", highlight=False, markup=False)
        sys.exit(EXIT_INPUT)
    if summary.rejected:
        where = f"; written to {rejects}" if rejects else "; give --rejects PATH to keep them"
        err.print(f"completed with {summary.rejected} rejected{where}", highlight=False, markup=False)
        sys.exit(EXIT_REJECTED)


@click.command()
@db_option
@click.option("--place")
@click.option("--speaker", help="Part of the speaker's name.")
@click.option("--side", type=click.Choice(vocab.SIDES))
@click.option("--since", help="Published on or after YYYY-MM-DD.")
@click.option("--until", help="Published on or before YYYY-MM-DD.")
@click.option("--certainty", type=click.Choice(vocab.CERTAINTIES))
@click.option("--status", type=click.Choice(STATUSES), help="Claims in a proposition with this status.")
@click.option("--search", help="Full-text search over claim contents.")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="As the ledger stood on this day: claims published by then; --status as of then.",
)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def claims(db, place, speaker, side, since, until, certainty, status, search, as_of, limit, offset, fmt):
    """List claims across the ledger, filtered."""
    from claimledger.cli.main import _iso_date
    from claimledger.store.queries import search_claims

    since, until = _iso_date(since, "--since"), _iso_date(until, "--until")
    store = open_store(db)
    keys = _place_keys(store, place) if place else None
    if place and not keys:
        raise InputError(f"no place named {place!r} in the ledger")
    from claimledger.web.search import parse_search

    day = as_of.date().isoformat() if as_of else None
    chosen = None
    if day and status:  # the propositions with that status as of the day, as the API does
        from claimledger.link.views import ids_with_status

        chosen = [pid for pid, _ in ids_with_status(store, status, day)]
    rows, _total = search_claims(
        store,
        search=parse_search(search),
        side=side,
        speaker=speaker,
        certainty=certainty,
        status=status,
        propositions=chosen,
        place_key=keys[0] if keys else None,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
        as_of=day,
    )
    if emit_rows(rows, fmt):
        return
    console = _console()
    narrow = console.width < 120  # speaker type and side in one column, no cue column
    t = Table(title=f"Claims ({len(rows)} shown)", expand=True, padding=(0, 1 if not narrow else 0))
    t.add_column("published", no_wrap=True, min_width=10)
    # ratios with the content column's share fixed: long outlet or speaker names fold in their own columns
    t.add_column("outlet", overflow="fold", ratio=2)
    t.add_column("speaker", overflow="fold", ratio=2)
    t.add_column("type · side" if narrow else "type", overflow="fold", ratio=2)
    if not narrow:
        t.add_column("side", ratio=1)
        t.add_column("cue", overflow="fold", ratio=1)
    t.add_column("certainty", overflow="fold", ratio=2)
    t.add_column("content", overflow="fold", ratio=8, min_width=24)
    for r in rows:
        who = [r["speaker_type"], r["speaker_side"], r["cue_text"]]
        t.add_row(
            r["published"] or "—",
            r["outlet"] or "—",
            r["speaker_text"] or "(unnamed)",
            *([f"{who[0]} · {who[1]}"] if narrow else who),
            r["certainty"],
            r["content_text"],
        )
    console.print(t)


AS_OF = click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The ledger as it stood on this day (YYYY-MM-DD): statuses from the claims published by then.",
)


@click.command()
@click.argument("place")
@db_option
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@AS_OF
def timeline(place, db, fmt, as_of):
    """The dated sequence of control claims for PLACE (a name or a GeoNames id)."""
    from claimledger.link.views import places_timeline

    day = as_of.date().isoformat() if as_of else None
    store = open_store(db)
    keys = _place_keys(store, place)
    if not keys:
        raise InputError(f"no place named {place!r} in the ledger")
    rows = places_timeline(store, keys, limit=10**6, as_of=day)
    if fmt == "csv":
        emit_rows([r.model_dump(mode="json") for r in rows], fmt)
        return
    if fmt == "json":
        click.echo(
            json.dumps(
                {"place": place, "place_keys": keys, "as_of": day, "timeline": [r.model_dump() for r in rows]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    t = Table(title=f"Control timeline: {place}" + (f" as of {day}" if day else ""), expand=True)
    for col in ("date", "proposition", "status", "affirmed by", "denied by", "origins / articles"):
        t.add_column(col, overflow="fold")
    for r in rows:
        date = (r.date or "undated") + (" (claimed)" if r.date_is_claim_date and r.date else "")
        t.add_row(
            date,
            r.text,
            r.status.replace("_", " "),
            "\n".join(f"{o.origin} [{o.type}, {o.side}]" for o in r.affirmed_by) or "—",
            "\n".join(f"{o.origin} [{o.type}, {o.side}]" for o in r.denied_by) or "—",
            f"{r.n_origins} / {r.n_articles}",
        )
    _console().print(t)
    if not rows:
        click.echo("no control claims for this place yet")


@click.command()
@db_option
@click.option("--place")
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100000))
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@AS_OF
def propositions(db, place, status, limit, fmt, as_of):
    """Propositions linked across articles: who affirms, who denies, the status and how it changed."""
    from claimledger.link.views import as_of_rows, proposition_history
    from claimledger.model import Proposition

    day = as_of.date().isoformat() if as_of else None
    store = open_store(db)
    keys = _place_keys(store, place) if place else None
    if place and not keys:
        raise InputError(f"no place named {place!r} in the ledger")
    if day:  # the status filter applies to the status as of that day
        rows = [
            Proposition(**d)
            for d in as_of_rows(store, store.propositions(place_keys=keys, limit=10**6, as_of=day), day)
        ]
        rows = [r for r in rows if not status or r.status == status][:limit]
    else:
        rows = store.propositions(place_keys=keys, status=status, limit=limit)
    history = {r.id: proposition_history(store, r.id, day) for r in rows}
    if fmt == "csv":
        emit_rows([{**r.model_dump(mode="json"), "as_of": day} for r in rows], fmt)
        return
    if fmt == "json":
        out = [
            {
                **r.model_dump(),
                "as_of": day,
                "members": [m.model_dump() for m in store.members(r.id, as_of=day)],
                "history": [h.model_dump() for h in history[r.id]],
            }
            for r in rows
        ]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    t = Table(title=f"Propositions ({len(rows)})" + (f" as of {day}" if day else ""), expand=True)
    for col in ("id", "proposition", "event date", "status", "why", "origins", "articles", "history"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(
            r.id,
            r.text,
            r.date_min or "—",
            r.status.replace("_", " "),
            r.status_reason,
            f"{r.n_affirm_origins} affirm / {r.n_deny_origins} deny",
            str(r.n_articles),
            "\n".join(f"{h.date or '—'} {h.status.replace('_', ' ')} ← {h.speaker}" for h in history[r.id]),
        )
    _console().print(t)


@click.command("compare-control")
@click.argument("reference", type=click.Path())
@db_option
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def compare_control(reference, db, fmt):
    """Compare the ledger's control timelines with REFERENCE: a CSV (Name, Held by, As of, Lat, Lon; optional
    geonameid) or a folder of dated occupied-area GeoJSON snapshots (DeepStateMap).  Settlements are matched by
    GeoNames id or within 5 km, never by name; each reference row not compared says why."""
    import os

    from claimledger.link.compare import compare_reference, compare_snapshots, read_reference
    from claimledger.link.views import place_timeline

    cache: dict = {}

    def timeline_of(key, as_of):
        if (key, as_of) not in cache:
            cache[(key, as_of)] = place_timeline(store, key, limit=10**6, as_of=as_of)
        return cache[(key, as_of)]

    if os.path.isdir(reference):
        from claimledger.geo.polygons import read_snapshots

        snaps = read_snapshots(reference)
        store = open_store(db)
        res = compare_snapshots(snaps, store.proposition_places(), timeline_of)
        head = {"reference": "snapshots", "snapshots": res["snapshots"]}
    else:
        ref = read_reference(reference)
        store = open_store(db)
        res = compare_reference(ref, store.proposition_places(), timeline_of)
        head = {"reference": "table", "reference_rows": len(ref)}
    rows = res["compared"]
    agree = sum(r["agrees"] for r in rows)
    disagreements = [r for r in rows if not r["agrees"]]
    summary = {
        **head,
        "compared": len(rows),
        "agree": agree,
        "agreement": round(agree / len(rows), 3) if rows else None,
        "rows": rows,
        "disagreements": disagreements,
        "skipped": res["skipped"],
    }
    if fmt == "csv":
        emit_rows(rows, fmt)
        return
    if fmt == "json":
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    what = f"{len(res['snapshots'])} snapshots" if "snapshots" in res else f"{len(ref)} reference rows"
    t = Table(title=f"Ledger vs reference ({what}): {agree} of {len(rows)} comparisons agree", expand=True)
    for col in ("settlement", "reference (date)", "ledger (date, status)", "agrees", "evidence"):
        t.add_column(col, overflow="fold")
    for r in rows:
        ev = r["evidence"]
        t.add_row(
            r["settlement"],
            f"{r['reference']} ({r.get('date') or r.get('reference_as_of') or '?'})",
            f"{r['ledger']} ({r['ledger_date']}, {r['ledger_status'].replace('_', ' ')})",
            "yes" if r["agrees"] else "[red]no[/red]",
            "" if r["agrees"] else f"{r['ledger_proposition']} — {', '.join(ev['affirmed_by']) or 'no origin'}",
        )
    _console().print(t)
    for s in res["skipped"]:
        click.echo(f"skipped {s['settlement']}: {s['reason']}")


@click.command()
@db_option
@click.option("--by", type=click.Choice(["outlet", "side", "month"]), default="outlet", show_default=True)
@click.option("--techniques", is_flag=True, help="Count persuasion techniques instead of narratives.")
@click.option("--label", help="Only this narrative / technique id.")
@click.option("--profiles", is_flag=True, help="Outlet profiles: own-voice vs attributed narrative hits.")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def narratives(db, by, techniques, label, profiles, fmt):
    """Narrative (or technique) counts across the ledger by outlet, side or month; or outlet profiles."""
    store = open_store(db)
    if profiles:
        rows = store.outlet_profiles()
        if emit_rows(rows, fmt):
            return
        t = Table(title="Outlet profiles (narrative sentences)", expand=True)
        for col in ("outlet", "articles", "own voice", "attributed", "own-voice share"):
            t.add_column(col)
        for r in rows:
            share = "—" if r["own_voice_share"] is None else f"{100 * r['own_voice_share']:.0f}%"
            t.add_row(r["outlet"], str(r["articles"]), str(r["own"]), str(r["attributed"]), share)
        _console().print(t)
        return
    rows = store.framing_counts("technique" if techniques else "narrative", by, label)
    if emit_rows(rows, fmt):
        return
    t = Table(title=f"{'Techniques' if techniques else 'Narratives'} by {by}", expand=True)
    for col in ("label", by, "voice", "hits", "articles"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(r["label"], str(r[by]), r["voice"], str(r["hits"]), str(r["articles"]))
    _console().print(t)
