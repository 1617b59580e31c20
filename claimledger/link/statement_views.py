"""Statements as they stood on a day, and the place and speaker filters of the CLI and the API (issue 15).

As of a day (YYYY-MM-DD) a statement is what its members known by then make of it: only members published by
then count (an article without a publication date counts from the day it was stored, as for propositions:
``link.history``); the origin, first seen date, counts, drift and the laundering flag are recomputed from them
with ``link.statements.summarise``, the same rule that gives the stored values.  A statement with no member
known by then did not exist yet.  Without ``as_of`` the stored values are returned."""

from __future__ import annotations

import json

from claimledger.link.statements import summarise
from claimledger.model.ledger import Statement, StatementOrigin
from claimledger.store import statements as sql

AS_OF_CANDIDATES = 20_000  # a laundered filter as of a day recomputes at most this many (newest first seen)


def statement_place_keys(store, name: str) -> list[str]:
    """The place keys a user's place name means, in any spelling or script: the ledger's own place names and the
    gazetteer's alias index (Северск, Сіверськ, Seversk → gn:694403).  A key (gn:…, kt:…, name:…) is taken as
    is."""
    from claimledger.link.views import alias_keys, place_keys

    name = name.strip()
    if name.startswith(("gn:", "kt:", "name:")):
        return [name]
    if name.isdigit():
        return [f"gn:{name}"]
    cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in name)
    keys = place_keys(store, name) + alias_keys(name, ("uk", "ru") if cyrillic else ("en",))
    return list(dict.fromkeys(keys))


def as_of_statement(stored: Statement, members: list[dict], as_of: str) -> Statement:
    """``stored`` as it stood on ``as_of``, from its member rows known by then (``store.statements.member_rows``)."""
    s = summarise(members)
    origin_row = next((m for m in members if m["article_id"] == s["origin_article_id"]), members[0])
    origin = StatementOrigin(
        speaker=s["origin_label"],
        key=s["origin_key"],
        type=s["origin_type"],
        side=s["origin_side"],
        article_id=s["origin_article_id"],
        article_url=origin_row.get("article_url"),
        outlet=origin_row.get("outlet"),
        published=origin_row.get("published"),
    )
    return Statement(
        id=stored.id,
        text=s["text"],
        language=s["language"],
        proposition_id=stored.proposition_id,
        first_seen=s["first_seen"],
        origin=origin,
        n_articles=s["n_articles"],
        n_origins=s["n_origins"],
        laundered=s["laundered"],
        drift=json.loads(s["drift_json"]),
        members=[sql.member_model(m) for m in members],
    )


def statement_detail(store, sid: str, as_of: str | None = None) -> Statement | None:
    """One statement with its members; ``as_of``: as it stood then (None when it had no member known by then)."""
    if not as_of:
        return sql.statement_detail(store, sid)
    stored = sql.statement_rows(store, [sid]).get(sid)
    members = sql.member_rows(store, [sid], as_of).get(sid) if stored else None
    return as_of_statement(stored, members, as_of) if members else None


def list_statements(
    store,
    *,
    laundered: bool | None = None,
    search: str | None = None,
    place_keys: list[str] | None = None,
    speaker: str | None = None,
    as_of: str | None = None,
    limit: int = 100,
    offset: int = 0,
    members: bool = False,
) -> tuple[list[Statement], int]:
    """Statements newest first seen first, with the total matching.  ``place_keys``: about one of these places
    (``statement_place_keys``); ``speaker``: a member's speaker or the origin names it; ``as_of``: as they stood
    on that day (the laundered filter then applies to the flag as of that day); ``members``: with members."""
    if not as_of:
        return sql.list_statements(
            store, laundered=laundered, search=search, place_keys=place_keys, speaker=speaker, limit=limit,
            offset=offset, members=members,
        )  # fmt: skip
    filters = dict(search=search, place_keys=place_keys, speaker=speaker, as_of=as_of)
    if laundered is None:  # the first seen date as of a day is the stored one but in rare cases: page in SQL
        _, total = sql.list_statements(store, **filters, limit=0)
        ids = sql.statement_ids(store, **filters, limit=offset + limit)[offset:]
        out = _as_of(store, ids, as_of)
    else:
        ids = sql.statement_ids(store, **filters, limit=AS_OF_CANDIDATES)
        out = [st for st in _as_of(store, ids, as_of) if st.laundered == laundered]
        total = len(out)
        out = out[offset : offset + limit]
    if not members:
        for st in out:
            st.members = []
    return out, total


def _as_of(store, ids: list[str], as_of: str) -> list[Statement]:
    out = []
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        stored, members = sql.statement_rows(store, chunk), sql.member_rows(store, chunk, as_of)
        out += [as_of_statement(stored[sid], members[sid], as_of) for sid in chunk if sid in stored and sid in members]
    out.sort(key=lambda st: st.id)
    out.sort(key=lambda st: st.first_seen or "", reverse=True)
    return out
