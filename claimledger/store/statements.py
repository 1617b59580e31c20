"""SQL of statements (issue 15): the write side used by ``claimledger.link.statements`` inside one save
transaction (``StatementWrites``), and the read side of the CLI, API and exports (``list_statements``,
``statement_detail``, ``iter_statements``).  Candidates come from the indexed ``statement_keys`` table, newest
first and at most ``PER_KEY`` per key, then at most ``MAX_CANDIDATES`` (those sharing the most keys), so the
cost of matching a claim is bounded whatever the size of the ledger."""

from __future__ import annotations

import json
from functools import lru_cache

from sqlalchemy import and_, delete, false, func, insert, or_, select, text, update
from sqlalchemy.engine import Connection

from claimledger.model.ledger import Statement, StatementMember, StatementOrigin
from claimledger.store import schema

PER_KEY = 40  # rows read per index key (the most recently seen)
MAX_CANDIDATES = 60  # members compared per claim: those sharing the most keys


KEY_SLOTS = 8  # the key lookup is padded to a multiple of this many keys (a few statement shapes, all cached)


@lru_cache(maxsize=16)
def _keys_sql(n: int):
    """One statement for ``n`` keys, each branch an indexed "newest PER_KEY of this key" (bounded cost)."""
    return text(
        " UNION ALL ".join(
            f"SELECT * FROM (SELECT article_id, claim_id, seen FROM statement_keys WHERE key = :k{i} "
            f"AND seen <= :until ORDER BY seen DESC LIMIT {int(PER_KEY)}) AS t{i}"
            for i in range(n)
        )
    )


@lru_cache(maxsize=1)
def _members_sql():
    pairs = " OR ".join(f"(article_id = :a{i} AND claim_id = :c{i})" for i in range(MAX_CANDIDATES))
    return text(f"SELECT statement_id, article_id, claim_id, signature_json FROM statement_members WHERE {pairs}")


class StatementWrites:
    def __init__(self, conn: Connection):
        self.conn = conn

    def candidates(self, keys: list[str], until: str = "9999-99-99") -> list[dict]:
        """Stored members sharing an index key (statement_id, article_id, claim_id, signature_json, seen): per key
        the newest PER_KEY seen up to ``until`` (an article is matched against what was said around its own date,
        also when a corpus is ingested out of order), then the MAX_CANDIDATES sharing the most keys (newest first among equals).  Two round
        trips of fixed shape (padded with values that match nothing), so SQLite and SQLAlchemy reuse the
        prepared statements: building a new OR of 60 pairs per claim was most of the matching time."""
        unique = list(dict.fromkeys(keys))
        if not unique:
            return []
        slots = -(-len(unique) // KEY_SLOTS) * KEY_SLOTS
        params = {f"k{i}": unique[i] if i < len(unique) else "" for i in range(slots)}
        params["until"] = until
        hits: dict[tuple[str, str], list] = {}
        for a, c, seen in self.conn.execute(_keys_sql(slots), params):
            h = hits.setdefault((a, c), [0, seen])
            h[0] += 1
        if not hits:
            return []
        best = sorted(hits, key=lambda p: (hits[p][0], hits[p][1]), reverse=True)[:MAX_CANDIDATES]
        best += [("", "")] * (MAX_CANDIDATES - len(best))
        params = {f"{x}{i}": v for i, pair in enumerate(best) for x, v in zip("ac", pair)}
        rows = [dict(r._mapping) for r in self.conn.execute(_members_sql(), params)]
        for r in rows:
            r["seen"] = hits[(r["article_id"], r["claim_id"])][1]
        return rows

    def get_statement(self, sid: str) -> dict | None:
        row = self.conn.execute(select(schema.statements).where(schema.statements.c.id == sid)).first()
        return dict(row._mapping) if row else None

    def insert_statement(self, row: dict) -> None:
        self.insert_statements([row])

    def insert_statements(self, rows: list[dict]) -> None:
        if rows:
            self.conn.execute(insert(schema.statements), rows)

    def update_statement(self, sid: str, **values) -> None:
        self.conn.execute(update(schema.statements).where(schema.statements.c.id == sid).values(**values))

    def insert_member(self, row: dict, keys: list[str], seen: str) -> None:
        self.insert_members([(row, keys, seen)])

    def insert_members(self, members: list[tuple[dict, list[str], str]]) -> None:
        """Members (row, index keys, day seen) of one article, replacing any stored for the same claims: one
        delete and two multi-row inserts, whatever the number of members."""
        if not members:
            return
        M, K = schema.statement_members, schema.statement_keys
        for article_id in {row["article_id"] for row, _, _ in members}:
            ids = [row["claim_id"] for row, _, _ in members if row["article_id"] == article_id]
            self.conn.execute(delete(M).where((M.c.article_id == article_id) & M.c.claim_id.in_(ids)))
        self.conn.execute(insert(M), [row for row, _, _ in members])
        key_rows = [
            {
                "article_id": row["article_id"],
                "claim_id": row["claim_id"],
                "statement_id": row["statement_id"],
                "key": k,
                "seen": seen,
            }
            for row, keys, seen in members
            for k in sorted(set(keys))
        ]
        if key_rows:
            self.conn.execute(insert(K), key_rows)

    def members_of(self, sid: str) -> list[dict]:
        M = schema.statement_members
        q = select(M).where(M.c.statement_id == sid).order_by(M.c.published, M.c.claimed_date, M.c.article_id)
        return [dict(r._mapping) for r in self.conn.execute(q)]

    def propositions_of(self, article_id: str) -> dict[str, str]:
        """claim id -> the proposition it is a member of, for one article's claims (one query)."""
        P = schema.proposition_members
        q = select(P.c.claim_id, P.c.proposition_id).where(P.c.article_id == article_id)
        out: dict[str, str] = {}
        for claim_id, pid in self.conn.execute(q):
            out.setdefault(claim_id, pid)
        return out


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


def member_model(row) -> StatementMember:
    """A ``statement_members`` row (joined with its article's ``article_url`` and ``title``) as the model."""
    d = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)
    return StatementMember(
        **{k: d[k] for k in StatementMember.model_fields if k in d and k not in ("via", "speaker", "level")},
        speaker=d["speaker_text"],
        via=json.loads(d["via_json"] or "[]"),
        level=_level(d["voice"], d["certainty"]),
    )


def known_by(as_of: str):
    """SQL condition on ``statement_members``: known by ``as_of`` (YYYY-MM-DD, inclusive) — published by then,
    or, for an article without a date, stored by then (as for propositions: ``link.history``)."""
    M, A = schema.statement_members, schema.articles
    stored = select(A.c.id).where(A.c.published.is_(None), func.substr(A.c.analyzed_at, 1, 10) <= as_of)
    return or_(M.c.published <= as_of, and_(M.c.published.is_(None), M.c.article_id.in_(stored)))


def _variants(name: str) -> list[str]:
    """Spellings of a name to match case-insensitively: SQLite folds the case of ASCII letters only, so the
    usual capitalisations of a Cyrillic name are tried as typed (PostgreSQL folds every script)."""
    name = name.strip()
    return list(dict.fromkeys([name, name.lower(), name[:1].upper() + name[1:].lower(), name.title(), name.upper()]))


def _like(col, text_: str):
    return or_(*[func.lower(col).like("%" + _escape(v) + "%", escape="\\") for v in _variants(text_)])


def _escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filters(
    laundered: bool | None,
    search: str | None,
    place_keys: list[str] | None = None,
    speaker: str | None = None,
    as_of: str | None = None,
) -> list:
    """Conditions on ``statements``.  ``place_keys``: a member is about one of these places (its signature's
    place keys); ``speaker``: a member's speaker or the origin names it; ``as_of``: the statement had a member
    known by then, and the place and speaker conditions hold for members known by then."""
    S, M = schema.statements, schema.statement_members
    known = [known_by(as_of)] if as_of else []
    conds = []
    if laundered is not None:
        conds.append(S.c.laundered == laundered)
    if search:
        conds.append(
            S.c.id.in_(select(M.c.statement_id).where(or_(_like(M.c.text, search), _like(M.c.speaker_text, search))))
            | _like(S.c.origin_label, search)
        )
    if place_keys is not None:
        about = [M.c.signature_json.like('%"' + _escape(k) + '"%', escape="\\") for k in place_keys]
        conds.append(S.c.id.in_(select(M.c.statement_id).where(or_(*about) if about else false(), *known)))
    if speaker:
        said = or_(_like(M.c.speaker_text, speaker), _like(M.c.origin_label, speaker))
        conds.append(S.c.id.in_(select(M.c.statement_id).where(said, *known)))
    if as_of:
        conds.append(S.c.id.in_(select(M.c.statement_id).where(*known)))
    return conds


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
    """Statements by first-seen date (newest first), with the total matching.  ``search``: a piece of any
    member's wording or speaker, or of the origin (case-insensitive substring); ``place_keys``, ``speaker``,
    ``as_of``: see ``_filters`` (the values are the stored ones: ``link.statement_views`` recomputes them as of
    a day); ``members``: with their members."""
    S = schema.statements
    conds = _filters(laundered, search, place_keys, speaker, as_of)
    with store.read_engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(S).where(*conds)).scalar_one()
        rows = conn.execute(
            _origin_select().where(*conds).order_by(S.c.first_seen.desc(), S.c.id).limit(limit).offset(offset)
        ).all()
    out = [_statement(r) for r in rows]
    if members:
        found = member_rows(store, [st.id for st in out])
        for st in out:
            st.members = [member_model(m) for m in found.get(st.id, [])]
    return out, total


def member_rows(store, ids: list[str], as_of: str | None = None) -> dict[str, list[dict]]:
    """statement id -> its member rows (with ``article_url``, ``title``, ``stored``) in date order; ``as_of``:
    only those known by then."""
    M, A = schema.statement_members, schema.articles
    out: dict[str, list[dict]] = {}
    with store.read_engine.connect() as conn:
        for i in range(0, len(ids), 500):
            q = (
                select(M, A.c.url.label("article_url"), A.c.title, func.substr(A.c.analyzed_at, 1, 10).label("stored"))
                .join(A, A.c.id == M.c.article_id)
                .where(M.c.statement_id.in_(ids[i : i + 500]), *([known_by(as_of)] if as_of else []))
                .order_by(M.c.statement_id, M.c.published, M.c.claimed_date, M.c.article_id, M.c.claim_id)
            )
            for r in conn.execute(q):
                out.setdefault(r.statement_id, []).append(dict(r._mapping))
    return out


def statement_rows(store, ids: list[str]) -> dict[str, Statement]:
    """statement id -> the stored statement (without members)."""
    S = schema.statements
    out: dict[str, Statement] = {}
    with store.read_engine.connect() as conn:
        for i in range(0, len(ids), 500):
            for r in conn.execute(_origin_select().where(S.c.id.in_(ids[i : i + 500]))):
                out[r.id] = _statement(r)
    return out


def statement_ids(store, *, limit: int, **filters) -> list[str]:
    """The ids of the statements ``_filters(**filters)`` selects, newest first seen first, at most ``limit``."""
    S = schema.statements
    conds = _filters(
        filters.get("laundered"), filters.get("search"), filters.get("place_keys"), filters.get("speaker"),
        filters.get("as_of"),
    )  # fmt: skip
    with store.read_engine.connect() as conn:
        q = select(S.c.id).where(*conds).order_by(S.c.first_seen.desc(), S.c.id).limit(limit)
        return [r[0] for r in conn.execute(q)]


def statement_detail(store, sid: str) -> Statement | None:
    S = schema.statements
    with store.read_engine.connect() as conn:
        row = conn.execute(_origin_select().where(S.c.id == sid)).first()
    if row is None:
        return None
    st = _statement(row)
    st.members = [member_model(m) for m in member_rows(store, [sid]).get(sid, [])]
    return st


def statement_links(store, article_id: str) -> dict[str, dict]:
    """claim id -> ``{"statement": id, "n_articles": n, "n_origins": n, "laundered": bool}``: the statement each
    claim of ``article_id`` belongs to (own-voice sentences are keyed ``s<n>``) and how far it spread, for the
    links from the article view.  One indexed read (the members' primary key starts with ``article_id``)."""
    M, S = schema.statement_members, schema.statements
    q = (
        select(M.c.claim_id, S.c.id, S.c.n_articles, S.c.n_origins, S.c.laundered)
        .join(S, S.c.id == M.c.statement_id)
        .where(M.c.article_id == article_id)
    )
    with store.read_engine.connect() as conn:
        rows = conn.execute(q).all()
    return {
        claim: {"statement": sid, "n_articles": n_articles, "n_origins": n_origins, "laundered": bool(laundered)}
        for claim, sid, n_articles, n_origins, laundered in rows
    }


def iter_statements(store, laundered: bool | None = None, search: str | None = None, batch: int = 500):
    """Every (matching) statement with its members, oldest first (exports): two queries per ``batch``."""
    S = schema.statements
    with store.read_engine.connect() as conn:
        q = select(S.c.id).where(*_filters(laundered, search)).order_by(S.c.first_seen, S.c.id)
        ids = [r[0] for r in conn.execute(q)]
    for i in range(0, len(ids), batch):
        chunk = ids[i : i + batch]
        rows, members = statement_rows(store, chunk), member_rows(store, chunk)
        for sid in chunk:
            if sid in rows:
                st = rows[sid]
                st.members = [member_model(m) for m in members.get(sid, [])]
                yield st
