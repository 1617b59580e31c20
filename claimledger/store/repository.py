"""The ledger repository: open (and migrate) a database, give write transactions to the linker
(``transaction()``, the SQL behind ``claimledger.link.repository``), and answer the queries of the CLI, exports
and web UI.  This package is the only one that speaks SQL; it knows nothing of linking or of the JSON layout
(articles are saved with ``claimledger.link.save_ledgers(store, ledgers, origins)``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import and_, create_engine, event, exists, func, or_, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from claimledger.errors import StoreError, mask_url
from claimledger.model import Member, Proposition, SaveResult  # noqa: F401  (SaveResult re-exported)
from claimledger.store import schema
from claimledger.store.writes import StoreTransaction, record_copy

MIGRATIONS = Path(__file__).parent / "migrations"


def default_db_url() -> str:
    import os

    if os.environ.get("CLAIMLEDGER_DB"):
        return to_url(os.environ["CLAIMLEDGER_DB"])
    from platformdirs import user_data_dir

    return to_url(str(Path(user_data_dir("claimledger")) / "ledger.sqlite"))


def to_url(db: str) -> str:
    """A path becomes a SQLite URL; a URL (postgresql://…, sqlite:///…) is kept."""
    if "://" in db:
        return db
    return "sqlite:///" + str(Path(db).expanduser().resolve())


class LedgerStore:
    def __init__(self, url: str):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        try:
            if url.startswith("sqlite:///"):
                Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(url, future=True, **_pool_options(url))
            if self.is_sqlite:
                event.listen(self.engine, "connect", _sqlite_connect)
                event.listen(self.engine, "begin", _sqlite_begin)
            self._migrate()
            # readers (the web server's queries) get their own pool of query-only connections on a SQLite file:
            # in WAL mode they never block each other or the writer, and cannot write by mistake
            self.read_engine: Engine = self.engine
            if self.is_sqlite and _pool_options(url):
                self.read_engine = create_engine(url, future=True, **_pool_options(url))
                event.listen(self.read_engine, "connect", _sqlite_read_connect)
                event.listen(self.read_engine, "begin", _sqlite_begin)
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"cannot open the database {_safe_url(url)}: {_short(exc)}") from None

    # --- transactions ---------------------------------------------------------------------------
    def _write(self):
        """A write transaction, one writer at a time: on SQLite it takes the write lock up front (BEGIN
        IMMEDIATE), so two processes writing one file wait for each other (busy timeout) instead of failing on
        lock upgrade; on PostgreSQL a transaction-scoped advisory lock does the same, so two ingests never race
        to create the same proposition."""
        conn = self.engine.connect()
        conn.info["immediate"] = True
        return _WriteTx(conn, None if self.is_sqlite else WRITER_LOCK)

    def _migrate(self) -> None:
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self._write() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    # --- writing --------------------------------------------------------------------------------
    def has_article(self, sha256: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(select(schema.articles.c.id).where(schema.articles.c.sha256 == sha256)).first() is not None
            )

    def seen(self, sha256: str, origin: str, url: str | None = None, outlet: str | None = None) -> str | None:
        """If this text is already stored, record this sighting of it and return its id (so a re-run or a
        second copy costs no analysis); else None."""
        A = schema.articles
        with self.engine.connect() as conn:
            row = conn.execute(select(A.c.id).where(A.c.sha256 == sha256)).first()
        if row is None:
            return None
        with self._write() as conn:
            record_copy(conn, row[0], origin, url, outlet, datetime.now(UTC).isoformat(timespec="seconds"))
        return row[0]

    @contextmanager
    def transaction(self) -> Iterator[StoreTransaction]:
        """One write transaction (all or nothing) for ``claimledger.link.save_ledgers``; a database failure is a
        StoreError."""
        try:
            with self._write() as conn:
                yield StoreTransaction(conn, self.is_sqlite)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to the database {_safe_url(self.url)}: {_short(exc)}") from None

    # --- reading --------------------------------------------------------------------------------
    def data_version(self) -> int | None:
        """A number that changes whenever any connection or process commits to this SQLite database (PRAGMA
        data_version on a connection kept for the purpose, which never writes), so readers can cache what
        they computed from an unchanged ledger; None on other backends (never cache)."""
        if not self.is_sqlite or self.engine.url.database in (None, "", ":memory:"):
            return None
        import sqlite3

        try:
            with _VERSION_LOCK:
                if getattr(self, "_version_conn", None) is None:
                    self._version_conn = sqlite3.connect(self.engine.url.database, check_same_thread=False)
                return self._version_conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return None  # cannot tell: do not cache

    def ledger_json(self, article_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.articles.c.ledger_json).where(schema.articles.c.id == article_id)).first()
        return json.loads(row[0]) if row else None

    def iter_ledgers(self, include_duplicates: bool = False) -> Iterable[dict]:
        A = schema.articles
        q = select(A.c.ledger_json).order_by(A.c.published, A.c.id)
        if not include_duplicates:
            q = q.where(A.c.duplicate_of.is_(None))
        with self.engine.connect() as conn:
            for (doc,) in conn.execute(q):
                yield json.loads(doc)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (schema.articles, schema.places, schema.claims, schema.events, schema.propositions)
            }

    def duplicates(self) -> list[dict]:
        A = schema.articles
        with self.engine.connect() as conn:
            return [
                dict(r._mapping)
                for r in conn.execute(
                    select(A.c.id, A.c.duplicate_of, A.c.duplicate_reason, A.c.url).where(A.c.duplicate_of.is_not(None))
                )
            ]

    def find_places(self, query: str) -> list[str]:
        """Place keys whose name, mention or GeoNames id matches ``query`` (case-insensitive)."""
        P = schema.propositions
        q = query.strip()
        with self.engine.connect() as conn:
            if q.isdigit():
                return [f"gn:{q}"]
            keys = (
                conn.execute(select(P.c.place_key).where(func.lower(P.c.place_name) == q.lower()).distinct())
                .scalars()
                .all()
            )
            if keys:
                return list(keys)
            PL = schema.places
            ids = (
                conn.execute(
                    select(PL.c.geonameid)
                    .where(
                        or_(func.lower(PL.c.mention) == q.lower(), func.lower(PL.c.name) == q.lower()),
                        PL.c.geonameid.is_not(None),
                    )
                    .distinct()
                )
                .scalars()
                .all()
            )
            return [f"gn:{i}" for i in ids]

    def framing_counts(self, kind: str = "narrative", by: str = "outlet", label: str | None = None) -> list[dict]:
        """Narrative (or technique) hits counted by ``label`` and one of outlet / side / month.  The side of a hit
        is its speaker's when attributed, else the outlet's (own voice).  Duplicates are not counted."""
        F, A = schema.framing_hits, schema.articles
        group = {
            "outlet": func.coalesce(A.c.outlet, "unknown"),
            "side": func.coalesce(F.c.speaker_side, A.c.outlet_side, "unknown"),
            "month": func.coalesce(func.substr(A.c.published, 1, 7), "unknown"),
        }[by]
        q = (
            select(
                F.c.label,
                group.label(by),
                F.c.voice,
                func.count().label("hits"),
                func.count(func.distinct(F.c.article_id)).label("articles"),
            )
            .join(A, A.c.id == F.c.article_id)
            .where(F.c.kind == kind, A.c.duplicate_of.is_(None))
            .group_by(F.c.label, group, F.c.voice)
            .order_by(F.c.label, group, F.c.voice)
        )
        if label:
            q = q.where(F.c.label == label)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def outlet_profiles(self) -> list[dict]:
        """Per outlet: articles, narrative hits in its own voice vs attributed to a speaker, and the own-voice share."""
        F, A = schema.framing_hits, schema.articles
        outlet = func.coalesce(A.c.outlet, "unknown")
        with self.engine.connect() as conn:
            n_articles = dict(
                conn.execute(select(outlet, func.count()).where(A.c.duplicate_of.is_(None)).group_by(outlet)).all()
            )
            rows = conn.execute(
                select(outlet, F.c.voice, func.count())
                .join(A, A.c.id == F.c.article_id)
                .where(F.c.kind == "narrative", A.c.duplicate_of.is_(None))
                .group_by(outlet, F.c.voice)
            ).all()
        prof: dict[str, dict] = {
            o: {"outlet": o, "articles": n, "own": 0, "attributed": 0} for o, n in n_articles.items()
        }
        for o, voice, n in rows:
            prof.setdefault(o, {"outlet": o, "articles": 0, "own": 0, "attributed": 0})[voice] = n
        for p in prof.values():
            total = p["own"] + p["attributed"]
            p["own_voice_share"] = round(p["own"] / total, 3) if total else None
        return sorted(prof.values(), key=lambda p: p["outlet"])

    def proposition_places(self) -> list[dict]:
        """Distinct places that have propositions: place_key, name, lat, lon."""
        P = schema.propositions
        with self.engine.connect() as conn:
            return [
                dict(r._mapping)
                for r in conn.execute(
                    select(
                        P.c.place_key,
                        P.c.place_name.label("name"),
                        func.min(P.c.lat).label("lat"),
                        func.min(P.c.lon).label("lon"),
                    ).group_by(P.c.place_key, P.c.place_name)
                )
            ]

    def propositions(
        self,
        place_keys: list[str] | None = None,
        status: str | None = None,
        limit: int = 1000,
        offset: int = 0,
        as_of: str | None = None,
    ) -> list[Proposition]:
        """Stored propositions (their status as of now).  ``as_of``: only those with a member known by that day
        (``known_by``); their status as of that day is the link layer's (``claimledger.link.views``), so
        ``status`` then filters on the stored status only if the caller asks for it."""
        P = schema.propositions
        q = select(P).order_by(P.c.date_min.is_(None), P.c.date_min, P.c.first_claimed, P.c.id)
        if place_keys is not None:
            q = q.where(P.c.place_key.in_(place_keys))
        if status:
            q = q.where(P.c.status == status)
        if as_of:
            q = q.where(existed_by(as_of))
        with self.engine.connect() as conn:
            return [Proposition(**r._mapping) for r in conn.execute(q.limit(limit).offset(offset))]

    def members(self, proposition_id: str, as_of: str | None = None) -> list[Member]:
        """A proposition's members; ``as_of``: only those known by that day (``known_by``)."""
        M = schema.proposition_members
        q = select(M).where(M.c.proposition_id == proposition_id).order_by(M.c.claimed_date, M.c.article_id)
        if as_of:
            q = q.where(known_by(as_of))
        with self.engine.connect() as conn:
            return [Member(**r._mapping) for r in conn.execute(q)]

    def member_ends(self, proposition_ids: list[str], as_of: str) -> list[dict]:
        """For each proposition, origin and stance, among the members known by ``as_of``: the earliest and the
        latest claim date (``first`` / ``last``: claim date, else publication date, else "").  Enough for the
        status rules (an origin counts with its latest word; it is described by its earliest member), whatever
        the number of members."""
        M = schema.proposition_members
        key = func.coalesce(M.c.claimed_date, M.c.published, "")
        cols = (M.c.proposition_id, M.c.origin_key, M.c.origin_label, M.c.speaker_type, M.c.speaker_side, M.c.stance)
        out: list[dict] = []
        with self.engine.connect() as conn:
            for i in range(0, len(proposition_ids), 500):
                q = (
                    select(*cols, func.min(key).label("first"), func.max(key).label("last"))
                    .where(M.c.proposition_id.in_(proposition_ids[i : i + 500]), known_by(as_of))
                    .group_by(*cols)
                )
                out += [dict(r._mapping) for r in conn.execute(q)]
        return out

    def last_published(self, proposition_ids: list[str]) -> dict[str, tuple[str | None, int]]:
        """proposition id -> (the latest publication date of its members, how many members have none): a
        proposition whose members were all published by a day stood then as it stands now."""
        M = schema.proposition_members
        out: dict[str, tuple[str | None, int]] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(proposition_ids), 500):
                q = (
                    select(M.c.proposition_id, func.max(M.c.published), func.count() - func.count(M.c.published))
                    .where(M.c.proposition_id.in_(proposition_ids[i : i + 500]))
                    .group_by(M.c.proposition_id)
                )
                out.update({pid: (last, int(undated)) for pid, last, undated in conn.execute(q)})
        return out

    def member_aggregates(self, proposition_ids: list[str], as_of: str) -> dict[str, dict]:
        """proposition id -> n_articles, date_min, date_max, first_claimed over its members known by ``as_of``
        (propositions with none are absent)."""
        M = schema.proposition_members
        out: dict[str, dict] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(proposition_ids), 500):
                q = (
                    select(
                        M.c.proposition_id,
                        func.count(func.distinct(M.c.article_id)).label("n_articles"),
                        func.min(M.c.event_date).label("date_min"),
                        func.max(M.c.event_date).label("date_max"),
                        func.min(M.c.claimed_date).label("first_claimed"),
                    )
                    .where(M.c.proposition_id.in_(proposition_ids[i : i + 500]), known_by(as_of))
                    .group_by(M.c.proposition_id)
                )
                out.update({r.proposition_id: dict(r._mapping) for r in conn.execute(q)})
        return out


def known_by(as_of: str):
    """SQL condition on ``proposition_members``: the member's claim was known by ``as_of`` (YYYY-MM-DD,
    inclusive) — published by then or, its article having no publication date, stored by then (the UTC day of
    ``articles.analyzed_at``).  The rule of ``claimledger.link.history.known_date``."""
    M, A = schema.proposition_members, schema.articles
    stored = select(A.c.id).where(A.c.published.is_(None), func.substr(A.c.analyzed_at, 1, 10) <= as_of)
    return or_(M.c.published <= as_of, and_(M.c.published.is_(None), M.c.article_id.in_(stored)))


def existed_by(as_of: str):
    """SQL condition on ``propositions``: it has a member known by ``as_of``."""
    P, M = schema.propositions, schema.proposition_members
    return exists(select(M.c.proposition_id).where(M.c.proposition_id == P.c.id, known_by(as_of)))


_VERSION_LOCK = threading.Lock()
READ_POOL_SIZE = 10  # connections kept open for concurrent readers (the web server's threadpool)
READ_POOL_OVERFLOW = 30  # and opened beyond those under load: 40 = the threadpool's threads, none waits for one


def _pool_options(url: str) -> dict:
    """A pool sized for the web server's concurrent readers (file SQLite in WAL mode: readers never block each
    other or the writer; PostgreSQL); in-memory SQLite keeps SQLAlchemy's default."""
    if url.startswith("sqlite") and (":memory:" in url or url.rstrip("/") in ("sqlite:", "sqlite+pysqlite:")):
        return {}
    return {
        "pool_size": READ_POOL_SIZE,
        "max_overflow": READ_POOL_OVERFLOW,
        "pool_pre_ping": not url.startswith("sqlite"),
    }


WRITER_LOCK = 7_412_023  # arbitrary constant key of the PostgreSQL advisory lock for writers


class _WriteTx:
    def __init__(self, conn: Connection, advisory_lock: int | None):
        self.conn = conn
        self.advisory_lock = advisory_lock

    def __enter__(self) -> Connection:
        self.tx = self.conn.begin()
        if self.advisory_lock is not None:
            self.conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": self.advisory_lock})
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.tx.commit()
            else:
                self.tx.rollback()
        finally:
            self.conn.close()
        return False


def clean_search(search: str) -> str:
    """User search text without control characters (NUL cannot even be stored in PostgreSQL text)."""
    return "".join(ch for ch in search if ch >= " ")


def _fts_query(search: str) -> str:
    # quote each word: user input is text to find, not FTS5 syntax
    search = clean_search(search)
    words = [w.replace('"', "") for w in search.split() if w.strip('"')]
    return " ".join(f'"{w}"' for w in words) or '""'


def _sqlite_connect(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN itself
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cur.execute("PRAGMA busy_timeout=60000")
    cur.close()


def _sqlite_read_connect(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA query_only=ON")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.close()


def _sqlite_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.pop("immediate", False) else "BEGIN")


def _safe_url(url: str) -> str:
    """Never print a password in an error message (the shared helper, ``claimledger.errors.mask_url``)."""
    return mask_url(url)


def _short(exc: Exception) -> str:
    msg = str(getattr(exc, "orig", None) or exc).splitlines()[0]
    return msg[:200]
