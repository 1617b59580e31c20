"""`claimledger users …` (named reviewers with tokens) and `claimledger review …` (corrections with an audit
trail, for scripted work; the same operations as POST /api/review/… on a server started with --allow-writes)."""

from __future__ import annotations

import json

import click

from claimledger import vocab
from claimledger.cli.ledger_cmds import db_option, open_store

USER = click.option("--user", "user", required=True, help="The reviewer (a name from `claimledger users list`).")
REASON = click.option("--reason", required=True, help="Why (kept in the audit log).")
FMT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)


def _show(entry: dict, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(entry, ensure_ascii=False, indent=2))
        return
    click.echo(describe(entry))


def describe(e: dict) -> str:
    what = f"{e['target_kind']} {e['target_id']}" + (f" [{e['scope']}]" if e.get("scope") else "")
    change = (
        f"{e['field']}: {json.dumps(e['before'], ensure_ascii=False)} -> {json.dumps(e['after'], ensure_ascii=False)}"
    )
    flags = ""
    if "in_effect" in e:
        flags = (
            " (in effect)" if e["in_effect"] else (f" (reverted by #{e['reverted_by']})" if e["reverted_by"] else "")
        )
    rev = f" reverts #{e['reverts']}" if e.get("reverts") else ""
    return f"#{e['id']} {e['at']} {e['user_name']} {e['action']}{rev} {what} {change} — {e['reason']}{flags}"


@click.group()
def users():
    """Named reviewers: each has a token (shown once; stored hashed) for `serve --allow-writes`."""


@users.command("add")
@click.argument("name")
@db_option
def users_add(name, db):
    """Add reviewer NAME and print its token (once: only its SHA-256 is stored)."""
    from claimledger.store import review

    token = review.add_user(open_store(db), name)
    click.echo(token)
    click.echo(
        f"user {name} added; send the token as 'Authorization: Bearer <token>'. It is not shown again.", err=True
    )


@users.command("list")
@db_option
def users_list(db):
    """The reviewers (names and when they were added; never tokens)."""
    from claimledger.store import review

    for u in review.list_users(open_store(db)):
        click.echo(f"{u['name']}\t{u['created_at']}")


@users.command("remove")
@click.argument("name")
@db_option
def users_remove(name, db):
    """Remove reviewer NAME (its token stops working; its audit entries stay)."""
    from claimledger.errors import InputError
    from claimledger.store import review

    if not review.remove_user(open_store(db), name):
        raise InputError(f"no such user {name!r}")
    click.echo(f"user {name} removed", err=True)


@click.group()
def review():
    """Corrections of the machine's ledger, each recorded in the append-only audit log (`review log`)."""


@review.command("claim")
@click.argument("article_id")
@click.argument("claim_id")
@click.option("--stance", type=click.Choice(["affirm", "deny", "none"]), help="Its stance toward the proposition.")
@click.option("--speaker-type", type=click.Choice(vocab.SPEAKER_TYPES))
@click.option("--speaker-side", type=click.Choice(vocab.SIDES))
@click.option("--certainty", type=click.Choice(vocab.CERTAINTIES))
@click.option("--place", help="The place it is about: a place key (gn:123) the ledger knows.")
@click.option("--date", "date_", help="The event date it asserts, YYYY-MM-DD.")
@click.option("--proposition", help="Which of the claim's propositions (for --stance when it has several).")
@USER
@REASON
@db_option
@FMT
def review_claim(
    article_id,
    claim_id,
    stance,
    speaker_type,
    speaker_side,
    certainty,
    place,
    date_,
    proposition,
    user,
    reason,
    db,
    fmt,
):
    """Correct a claim: one audit entry per field changed (each field is its own correction, applied in turn)."""
    from claimledger.errors import InputError
    from claimledger.link import review as rv

    changes = {
        "stance": stance,
        "speaker_type": speaker_type,
        "speaker_side": speaker_side,
        "certainty": certainty,
        "place": place,
        "date": date_,
    }
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        raise InputError("say what to correct (--stance, --speaker-type, --speaker-side, --certainty, --place, --date)")
    store = open_store(db)
    for field, value in changes.items():
        _show(rv.correct_claim(store, user, article_id, claim_id, field, value, reason, proposition), fmt)


@review.command("merge")
@click.argument("into")
@click.argument("other")
@USER
@REASON
@db_option
@FMT
def review_merge(into, other, user, reason, db, fmt):
    """Merge proposition OTHER into INTO (same kind and side)."""
    from claimledger.link import review as rv

    _show(rv.merge(open_store(db), user, into, other, reason), fmt)


@review.command("split")
@click.argument("proposition")
@click.argument("selectors", nargs=-1, required=True)
@USER
@REASON
@db_option
@FMT
def review_split(proposition, selectors, user, reason, db, fmt):
    """Split the assertions SELECTORS (ARTICLE_ID, ARTICLE_ID/CLAIM_ID, ARTICLE_ID/- for the own voice) off
    PROPOSITION into a new proposition."""
    from claimledger.link import review as rv

    _show(rv.split(open_store(db), user, proposition, list(selectors), reason), fmt)


@review.command("group-origins")
@click.argument("label")
@click.option("--article", "articles", multiple=True, help="An article whose own voice / unnamed sources join.")
@click.option("--origin", "origins", multiple=True, help="An origin key (actor:…, speaker:…, outlet:…) that joins.")
@USER
@REASON
@db_option
@FMT
def review_group(label, articles, origins, user, reason, db, fmt):
    """Count articles (a wire and its copies, a network of rewrite sites) and origins as one origin, LABEL."""
    from claimledger.link import review as rv

    _show(rv.group_origins(open_store(db), user, label, reason, list(articles), list(origins)), fmt)


@review.command("revert")
@click.argument("audit_id", type=click.IntRange(1))
@USER
@REASON
@db_option
@FMT
def review_revert(audit_id, user, reason, db, fmt):
    """Undo the correction of audit entry AUDIT_ID (itself a new audit entry)."""
    from claimledger.link import review as rv

    _show(rv.revert(open_store(db), user, audit_id, reason), fmt)


@review.command("log")
@click.option("--article", help="Only entries about this article.")
@click.option("--proposition", help="Only entries about this proposition.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100000))
@db_option
@FMT
def review_log(article, proposition, limit, db, fmt):
    """The audit log, newest first."""
    from claimledger.link import review as rv

    store = open_store(db)
    if article:
        entries = rv.article_audit(store, article)[:limit]
    elif proposition:
        entries = rv.proposition_audit(store, proposition)[:limit]
    else:
        entries = rv.audit_log(store, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(entries, ensure_ascii=False, indent=2))
    else:
        for e in entries:
            click.echo(describe(e))
