"""SQL of statements (issue 15): the write side used by ``claimledger.link.statements`` inside one save
transaction (``StatementWrites``), and the read side of the CLI, API and exports (``list_statements``,
``statement_detail``, ``iter_statements``).  Candidates come from the indexed ``statement_keys`` table, newest
first and at most ``PER_KEY`` per key, then at most ``MAX_CANDIDATES`` (those sharing the most keys), so the
cost of matching a claim is bounded whatever the size of the ledger."""

from __future__ import annotations

import json

from sqlalchemy import delete, func, insert, or_, select, text, update
from sqlalchemy.engine import Connection

from claimledger.model.ledger import Statement, StatementMember, StatementOrigin
from claimledger.store import schema

PER_KEY = 40  # rows read per index key (the most recently seen)
MAX_CANDIDATES = 60  # members compared per claim: those sharing the most keys


class StatementWrites:
    def __init__(self, conn: Connection):
        self.conn = conn

    def candidates(self, keys: list[str]) -> list[dict]:
        """Stored members sharing an index key (statement_id, article_id, claim_id, signature_json): per key the
        newest PER_KEY, then the MAX_CANDIDATES sharing the most keys (newest first among equals)."""
        M = schema.statement_members
        hits: dict[tuple[str, str], list] = {}
        unique = list(dict.fromkeys(keys))
        if not unique:
            return []
        # one statement for all keys, each branch still an indexed "newest PER_KEY of this key" (bounded cost):
        # one round trip instead of one per key (the per-key queries were most of the save time)
        branches = " UNION ALL ".join(
            f"SELECT * FROM (SELECT article_id, claim_id, seen FROM statement_keys WHERE key = :k{i} "
            f"ORDER BY seen DESC LIMIT {int(PER_KEY)}) AS t{i}"
            for i in range(len(unique))
        )
        rows = self.conn.execute(text(branches), {f"k{i}": k for i, k in enumerate(unique)}).all()
        for a, c, seen in rows:
            h = hits.setdefault((a, c), [0, seen])
            h[0] += 1
        if not hits:
            return []
        best = sorted(hits, key=lambda p: (hits[p][0], hits[p][1]), reverse=True)[:MAX_CANDIDATES]
        cond = or_(*[(M.c.article_id == a) & (M.c.claim_id == c) for a, c in best])
        q = select(M.c.statement_id, M.c.article_id, M.c.claim_id, M.c.signature_json).where(cond)
        return [dict(r._mapping) for r in self.conn.execute(q)]

    def get_statement(self, sid: str) -> dict | None:
        row = self.conn.execute(select(schema.statements).where(schema.statements.c.id == sid)).first()
        return dict(row._mapping) if row else None

    def insert_statement(self, row: dict) -> None:
        self.conn.execute(insert(schema.statements).values(**row))

    def update_statement(self, sid: str, **values) -> None:
        self.conn.execute(update(schema.statements).where(schema.statements.c.id == sid).values(**values))

    def insert_member(self, row: dict, keys: list[str], seen: str) -> None:
        M, K = schema.statement_members, schema.statement_keys
        self.conn.execute(delete(M).where((M.c.article_id == row["article_id"]) & (M.c.claim_id == row["claim_id"])))
        self.conn.execute(insert(M).values(**row))
        keys = sorted(set(keys))
        if keys:
            base = {"article_id": row["article_id"], "claim_id": row["claim_id"], "statement_id": row["statement_id"]}
            self.conn.execute(insert(K), [{**base, "key": k, "seen": seen} for k in keys])

    def members_of(self, sid: str) -> list[dict]:
        M = schema.statement_members
        q = select(M).where(M.c.statement_id == sid).order_by(M.c.published, M.c.claimed_date, M.c.article_id)
        return [dict(r._mapping) for r in self.conn.execute(q)]

    def proposition_of(self, article_id: str, claim_id: str) -> str | None:
        P = schema.proposition_members
        row = self.conn.execute(
            select(P.c.proposition_id).where(P.c.article_id == article_id, P.c.claim_id == claim_id).limit(1)
        ).first()
        return row[0] if row else None


# ------------------------------------------------------------------ reading

LEVEL_NAMES = ("unverified", "hedged", "reported", "fact")
_LEVELS = {"unverified": 0, "disputed": 0, "denied": 0, "hedged": 1}


def _level(voice: str, certainty: str) -> str:
    return "fact" if voice == "own" else LEVEL_NAMES[_LEVELS.get(certainty, 2)]


def _origin_select():
    S, A = schema.statements, schema.articles
    return (
        select(S, A.c.url.label("origin_url"), A.c.outlet.label("origin_outlet"), A.c.published.label("origin_pub"))
        .select_from(S)
        .outerjoin(A, A.c.id == S.c.origin_article_id)
    )


def _statement(row) -> Statement:
    d = dict(row._mapping)
    origin = StatementOrigin(
        speaker=d["origin_label"],
        key=d["origin_key"],
        type=d["origin_type"],
        side=d["origin_side"],
        article_id=d["origin_article_id"],
        article_url=d["origin_url"],
        outlet=d["origin_outlet"],
        published=d["origin_pub"],
    )
    return Statement(
        id=d["id"],
        text=d["text"],
        language=d["language"],
        proposition_id=d["proposition_id"],
        first_seen=d["first_seen"],
        origin=origin,
        n_articles=d["n_articles"],
        n_origins=d["n_origins"],
        laundered=bool(d["laundered"]),
        drift=json.loads(d["drift_json"] or "[]"),
    )


def _member(row) -> StatementMember:
    d = dict(row._mapping)
    return StatementMember(
        **{k: d[k] for k in StatementMember.model_fields if k in d and k not in ("via", "speaker", "level")},
        speaker=d["speaker_text"],
        via=json.loads(d["via_json"] or "[]"),
        level=_level(d["voice"], d["certainty"]),
    )


def _filters(laundered: bool | None, search: str | None) -> list:
    S, M = schema.statements, schema.statement_members
    conds = []
    if laundered is not None:
        conds.append(S.c.laundered == laundered)
    if search:
        like = f"%{search.lower()}%"
        conds.append(
            S.c.id.in_(
                select(M.c.statement_id).where(
                    or_(func.lower(M.c.text).like(like), func.lower(M.c.speaker_text).like(like))
                )
            )
            | func.lower(S.c.origin_label).like(like)
        )
    return conds


def list_statements(
    store, *, laundered: bool | None = None, search: str | None = None, limit: int = 100, offset: int = 0
) -> tuple[list[Statement], int]:
    """Statements by first-seen date (newest first), with the total matching.  ``search``: a piece of any
    member's wording or speaker, or of the origin (case-insensitive substring)."""
    S = schema.statements
    conds = _filters(laundered, search)
    with store.read_engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(S).where(*conds)).scalar_one()
        rows = conn.execute(
            _origin_select().where(*conds).order_by(S.c.first_seen.desc(), S.c.id).limit(limit).offset(offset)
        ).all()
    return [_statement(r) for r in rows], total


def statement_detail(store, sid: str) -> Statement | None:
    S, M, A = schema.statements, schema.statement_members, schema.articles
    with store.read_engine.connect() as conn:
        row = conn.execute(_origin_select().where(S.c.id == sid)).first()
        if row is None:
            return None
        members = conn.execute(
            select(M, A.c.url.label("article_url"), A.c.title)
            .join(A, A.c.id == M.c.article_id)
            .where(M.c.statement_id == sid)
            .order_by(M.c.published, M.c.claimed_date, M.c.article_id)
        ).all()
    st = _statement(row)
    st.members = [_member(m) for m in members]
    return st


def statements_of_article(store, article_id: str) -> dict[str, str]:
    """claim id -> statement id for one article (links from the article view)."""
    M = schema.statement_members
    with store.read_engine.connect() as conn:
        rows = conn.execute(select(M.c.claim_id, M.c.statement_id).where(M.c.article_id == article_id)).all()
    return {c: s for c, s in rows}


def iter_statements(store, laundered: bool | None = None, search: str | None = None):
    """Every (matching) statement with its members, oldest first (exports)."""
    S = schema.statements
    with store.read_engine.connect() as conn:
        q = select(S.c.id).where(*_filters(laundered, search)).order_by(S.c.first_seen, S.c.id)
        ids = [r[0] for r in conn.execute(q)]
    for sid in ids:
        st = statement_detail(store, sid)
        if st is not None:
            yield st
