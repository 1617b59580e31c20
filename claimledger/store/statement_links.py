"""Links from an article's claims to their statements (issue 15: "a web page per statement ... reachable from
every claim in the article view").  One indexed read of ``statement_members`` (its primary key starts with
``article_id``) joined to ``statements`` for how far each statement spread; SQLAlchemy Core, so the same on
SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Connection

from claimledger.store import schema


def statement_ids_for_article(conn: Connection, article_id: str) -> dict[str, str]:
    """claim id -> statement id for every claim of ``article_id`` that belongs to a statement (sentences in the
    article's own voice are keyed ``s<n>``)."""
    M = schema.statement_members
    rows = conn.execute(select(M.c.claim_id, M.c.statement_id).where(M.c.article_id == article_id))
    return {claim: statement for claim, statement in rows}


def statement_links_for_article(conn: Connection, article_id: str) -> dict[str, dict]:
    """claim id -> ``{"statement": id, "n_articles": n, "n_origins": n, "laundered": bool}``: the statement each
    claim of ``article_id`` belongs to and how far it spread (the article page links each claim to it)."""
    M, S = schema.statement_members, schema.statements
    rows = conn.execute(
        select(M.c.claim_id, S.c.id, S.c.n_articles, S.c.n_origins, S.c.laundered)
        .join(S, S.c.id == M.c.statement_id)
        .where(M.c.article_id == article_id)
    )
    return {
        claim: {"statement": sid, "n_articles": n_articles, "n_origins": n_origins, "laundered": bool(laundered)}
        for claim, sid, n_articles, n_origins, laundered in rows
    }


def statement_links(store, article_id: str) -> dict[str, dict]:
    """:func:`statement_links_for_article` on a read connection of ``store`` (a ``LedgerStore``)."""
    with store.read_engine.connect() as conn:
        return statement_links_for_article(conn, article_id)


__all__ = ["statement_ids_for_article", "statement_links_for_article", "statement_links"]
