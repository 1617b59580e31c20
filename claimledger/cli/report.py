"""The readable terminal report of one article ledger (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from claimledger.model import ArticleLedger

CERTAINTY_STYLE = {
    "asserted": "bold",
    "reported": "",
    "hedged": "yellow",
    "unverified": "magenta",
    "disputed": "red",
    "denied": "bold red",
}


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def print_report(ledger: ArticleLedger, console: Console) -> None:
    a = ledger.article
    head = f"[bold]{a.title or a.source_path or a.id}[/bold]\n" + "  ".join(
        f"{k}: {v}"
        for k, v in (
            ("outlet", a.outlet),
            ("published", a.published or "unknown"),
            ("language", a.language),
            ("id", a.id),
        )
        if v
    )
    console.print(Panel(head, title="claimledger", expand=False))
    places = {p.id: p for p in ledger.places}

    t = Table(title=f"Claims ({len(ledger.claims)})", show_lines=False, expand=True)
    for col in ("id", "speaker", "type", "side", "cue", "certainty", "content", "links"):
        t.add_column(
            col,
            overflow="fold",
            ratio={"content": 5, "speaker": 2, "links": 2}.get(col),
            no_wrap=col in ("id", "side", "certainty", "type"),
        )
    for c in ledger.claims:
        links = []
        if c.disputed_by:
            links.append("disputed by " + ",".join(c.disputed_by))
        if c.disputes:
            links.append("disputes " + ",".join(c.disputes))
        t.add_row(
            c.id,
            _short(c.speaker.text or "(unnamed)", 40),
            c.speaker.type,
            c.speaker.side,
            c.cue.text,
            f"[{CERTAINTY_STYLE.get(c.certainty, '')}]{c.certainty}[/]"
            if CERTAINTY_STYLE.get(c.certainty)
            else c.certainty,
            _short(c.content.text, 110),
            "; ".join(links),
        )
    console.print(t)

    t = Table(title=f"Events ({len(ledger.events)})", expand=True)
    for col in ("id", "type", "actor", "side", "place", "date", "status", "claims"):
        t.add_column(col, overflow="fold")
    for e in ledger.events:
        p = places.get(e.place)
        t.add_row(
            e.id,
            e.type,
            e.actor.text or "—",
            e.actor.side,
            p.name or p.mention if p else "—",
            f"{e.date.value} ({e.date.text})" if e.date else "—",
            e.status.replace("_", " "),
            ",".join(e.claims) or "—",
        )
    console.print(t)

    t = Table(title=f"Places ({len(ledger.places)})", expand=True)
    for col in ("id", "mention", "kind", "geonameid", "name", "country", "admin1", "lat, lon", "mentions"):
        t.add_column(col, overflow="fold")
    for p in ledger.places:
        where = f"{p.lat:.4f}, {p.lon:.4f}" if p.lat is not None else "—"
        t.add_row(
            p.id,
            p.mention,
            p.kind,
            str(p.geonameid or "—") if p.resolved else "[dim]unresolved[/]",
            p.name or "—",
            p.country or "—",
            p.admin1 or "—",
            where,
            str(len(p.spans)),
        )
    console.print(t)

    if ledger.framing.narratives or ledger.framing.techniques:
        t = Table(title="Framing", expand=True)
        for col in ("kind", "label", "voice", "speaker", "evidence"):
            t.add_column(col, overflow="fold", ratio=4 if col == "evidence" else None)
        for n in ledger.framing.narratives:
            t.add_row(
                "narrative", n.label or n.narrative, n.voice, n.speaker.text if n.speaker else "—", _short(n.text, 110)
            )
        for tq in ledger.framing.techniques:
            t.add_row("technique", tq.technique, tq.voice, "—", _short(tq.text, 110))
        console.print(t)
