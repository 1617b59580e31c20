"""The ledger repository: open (and migrate) a database, save article ledgers atomically and link them into
propositions, and answer the queries of the CLI, exports and web UI.  The only module that speaks SQL.

Saving is idempotent: an article is keyed by its content hash, so the same text saved twice is stored once
(the second sighting is recorded in ``article_copies``).  Syndicated copies (same URL, or a near-duplicate
text) are stored but marked ``duplicate_of`` and not linked, so they are never counted twice.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable, Optional

from sqlalchemy import and_, create_engine, event, func, insert, or_, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from claimledger import __version__
from claimledger.errors import StoreError
from claimledger.export.json_contract import ledger_to_dict
from claimledger.link import dedupe
from claimledger.link.assertions import Assertion, assertions_from_ledger
from claimledger.link.status import Origin, proposition_status
from claimledger.model import ArticleLedger
from claimledger.store import schema
from claimledger.store.rows import framing_rows

MIGRATIONS = Path(__file__).parent / "migrations"

DATE_WINDOW_DAYS = 14  # event dates this close (and same place, kind, side) are one proposition


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


@dataclass
class SaveResult:
    article_id: str
    outcome: str  # new | already | duplicate
    duplicate_of: Optional[str] = None
    reason: Optional[str] = None


class LedgerStore:
    def __init__(self, url: str):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        try:
            if url.startswith("sqlite:///"):
                Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(url, future=True)
            if self.is_sqlite:
                event.listen(self.engine, "connect", _sqlite_connect)
                event.listen(self.engine, "begin", _sqlite_begin)
            self._migrate()
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
            return conn.execute(select(schema.articles.c.id).where(schema.articles.c.sha256 == sha256)).first() is not None

    def seen(self, sha256: str, origin: str, url: Optional[str] = None, outlet: Optional[str] = None) -> Optional[str]:
        """If this text is already stored, record this sighting of it and return its id (so a re-run or a
        second copy costs no analysis); else None."""
        A = schema.articles
        with self.engine.connect() as conn:
            row = conn.execute(select(A.c.id).where(A.c.sha256 == sha256)).first()
        if row is None:
            return None
        with self._write() as conn:
            _record_copy(conn, row[0], origin, url, outlet, datetime.now(timezone.utc).isoformat(timespec="seconds"))
        return row[0]

    def save(self, ledgers: list[ArticleLedger], origins: Optional[list[str]] = None) -> list[SaveResult]:
        """Save and link ledgers in one transaction (all or nothing)."""
        results = []
        try:
            with self._write() as conn:
                for i, ledger in enumerate(ledgers):
                    origin = (origins[i] if origins else None) or ledger.article.source_path or ledger.article.url or "-"
                    results.append(self._save_one(conn, ledger, origin))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to the database {_safe_url(self.url)}: {_short(exc)}") from None
        return results

    def _save_one(self, conn: Connection, ledger: ArticleLedger, origin: str) -> SaveResult:
        a = ledger.article
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        A = schema.articles
        existing = conn.execute(select(A.c.id).where(A.c.sha256 == a.sha256)).first()
        if existing:
            _record_copy(conn, existing[0], origin, a.url, a.outlet, now)
            return SaveResult(existing[0], "already")
        signature = dedupe.minhash(a.text)
        dup_of, reason = None, None
        if a.url:
            row = conn.execute(select(A.c.id).where(and_(A.c.url == a.url, A.c.duplicate_of.is_(None)))).first()
            if row:
                dup_of, reason = row[0], "same-url"
        if dup_of is None:
            dup_of = self._near_duplicate(conn, signature)
            reason = "near-duplicate" if dup_of else None
        doc = ledger_to_dict(ledger)
        conn.execute(insert(A).values(
            id=a.id, sha256=a.sha256, title=a.title, outlet=a.outlet, url=a.url, author=a.author,
            published=a.published, language=a.language, source_path=a.source_path, text=a.text,
            analyzed_at=now, pipeline_version=__version__, ledger_json=json.dumps(doc, ensure_ascii=False),
            outlet_type=a.outlet_type, outlet_side=a.outlet_side, duplicate_of=dup_of, duplicate_reason=reason,
            minhash=dedupe.encode(signature)))
        _record_copy(conn, a.id, origin, a.url, a.outlet, now)
        conn.execute(insert(schema.article_bands), [
            {"band": i, "bucket": b, "article_id": a.id} for i, b in enumerate(dedupe.bands(signature))])
        self._insert_rows(conn, a.id, doc)
        if dup_of is None:
            self._link(conn, assertions_from_ledger(ledger))
            return SaveResult(a.id, "new")
        return SaveResult(a.id, "duplicate", dup_of, reason)

    def _near_duplicate(self, conn: Connection, signature: list[int]) -> Optional[str]:
        B, A = schema.article_bands, schema.articles
        conds = [and_(B.c.band == i, B.c.bucket == b) for i, b in enumerate(dedupe.bands(signature))]
        rows = conn.execute(select(A.c.id, A.c.minhash).join(B, B.c.article_id == A.c.id)
                            .where(or_(*conds), A.c.duplicate_of.is_(None)).distinct()).all()
        best = max(((dedupe.similarity(signature, dedupe.decode(m)), i) for i, m in rows if m), default=(0.0, None))
        return best[1] if best[0] >= dedupe.THRESHOLD else None

    def _insert_rows(self, conn: Connection, article_id: str, doc: dict) -> None:
        if doc["places"]:
            conn.execute(insert(schema.places), [dict(
                article_id=article_id, place_id=p["id"], mention=p["mention"], geonameid=p["geonameid"], name=p["name"],
                kind=p["kind"], country=p["country"], admin1=p["admin1"], lat=p["lat"], lon=p["lon"],
                resolved=p["resolved"], spans_json=json.dumps(p["spans"])) for p in doc["places"]])
        if doc["claims"]:
            conn.execute(insert(schema.claims), [dict(
                article_id=article_id, claim_id=c["id"], speaker_text=c["speaker"]["text"], speaker_type=c["speaker"]["type"],
                speaker_side=c["speaker"]["side"], cue_text=c["cue"]["text"], content_text=c["content"]["text"],
                certainty=c["certainty"], content_start=(c["content"]["span"] or [None])[0],
                content_end=(c["content"]["span"] or [None, None])[1],
                claim_json=json.dumps(c, ensure_ascii=False)) for c in doc["claims"]])
            if self.is_sqlite:
                conn.execute(text("INSERT INTO claims_fts (content, article_id, claim_id) VALUES (:content, :a, :c)"),
                             [{"content": c["content"]["text"], "a": article_id, "c": c["id"]} for c in doc["claims"]])
        hits = framing_rows(article_id, doc)
        if hits:
            conn.execute(insert(schema.framing_hits), hits)
        if doc["events"]:
            conn.execute(insert(schema.events), [dict(
                article_id=article_id, event_id=e["id"], type=e["type"], actor_side=e["actor"]["side"], place_id=e["place"],
                date_value=(e["date"] or {}).get("value"), date_precision=(e["date"] or {}).get("precision"),
                status=e["status"], event_json=json.dumps(e, ensure_ascii=False)) for e in doc["events"]])

    # --- linking --------------------------------------------------------------------------------
    def _link(self, conn: Connection, assertions: list[Assertion]) -> None:
        """Attach each assertion to a proposition found by index (kind, place, side) and date proximity,
        update that proposition's aggregates incrementally (its origins, article count, dates) and recompute
        its status from its origins.  Statements are per proposition touched, not per assertion, and each is
        an indexed lookup, so the cost per article does not grow with the ledger (see bench/linking.py)."""
        P, M, O = schema.propositions, schema.proposition_members, schema.proposition_origins
        by_key: dict[tuple, list[Assertion]] = defaultdict(list)
        for a in assertions:
            by_key[a.key].append(a)
        per_pid: dict[str, list[Assertion]] = defaultdict(list)
        for (kind, place_key, side), group in by_key.items():
            candidates = list(conn.execute(select(P.c.id, P.c.date_min, P.c.date_max).where(
                P.c.kind == kind, P.c.place_key == place_key, P.c.side == side)).all())
            for a in group:
                pid = _pick_proposition(candidates, a.event_date)
                if pid is None:
                    pid = _proposition_id(a)
                    if conn.execute(select(P.c.id).where(P.c.id == pid)).first() is None:
                        conn.execute(insert(P).values(
                            id=pid, kind=a.kind, place_key=a.place_key, side=a.side, place_name=a.place_name, lat=a.lat,
                            lon=a.lon, text=a.proposition_text(), date_min=None, date_max=None, first_claimed=None,
                            status="claimed_by_one_party", status_reason="", n_articles=0, n_origins=0,
                            n_affirm_origins=0, n_deny_origins=0))
                    candidates.append(_Candidate(pid, a.event_date, a.event_date))
                per_pid[pid].append(a)
        for pid, group in per_pid.items():
            articles = {a.article_id for a in group}
            seen = set(conn.execute(select(M.c.article_id).where(
                M.c.proposition_id == pid, M.c.article_id.in_(sorted(articles))).distinct()).scalars())
            conn.execute(insert(M), [dict(
                proposition_id=pid, article_id=a.article_id, event_id=a.event_id, claim_id=a.claim_id, stance=a.stance,
                speaker_text=a.speaker_text, speaker_type=a.speaker_type, speaker_side=a.speaker_side,
                origin_key=a.origin_key, origin_label=a.origin_label, certainty=a.certainty, event_date=a.event_date,
                claimed_date=a.claimed_date, published=a.published, outlet=a.outlet, outlet_type=a.outlet_type,
                outlet_side=a.outlet_side) for a in group])
            origins = {r.origin_key: dict(r._mapping) for r in conn.execute(select(O).where(O.c.proposition_id == pid))}
            new_keys, changed = _apply_to_origins(origins, pid, group)
            if new_keys:
                conn.execute(insert(O), [origins[k] for k in new_keys])
            for k in changed - new_keys:
                o = origins[k]
                conn.execute(update(O).where(O.c.proposition_id == pid, O.c.origin_key == k).values(
                    stance=o["stance"], stance_date=o["stance_date"], n_members=o["n_members"]))
            row = conn.execute(select(P.c.side, P.c.kind, P.c.date_min, P.c.date_max, P.c.first_claimed, P.c.n_articles)
                               .where(P.c.id == pid)).one()
            st = proposition_status(row.side, [Origin(o["origin_key"], o["origin_label"], o["speaker_type"],
                                                      o["speaker_side"], o["stance"]) for o in origins.values()], row.kind)
            dates = [a.event_date for a in group if a.event_date] + [d for d in (row.date_min, row.date_max) if d]
            claimed = [a.claimed_date for a in group if a.claimed_date] + ([row.first_claimed] if row.first_claimed else [])
            conn.execute(update(P).where(P.c.id == pid).values(
                date_min=min(dates, default=None), date_max=max(dates, default=None),
                first_claimed=min(claimed, default=None), n_articles=row.n_articles + len(articles - seen),
                status=st.status, status_reason=st.reason, n_origins=st.n_origins, n_affirm_origins=st.n_affirm,
                n_deny_origins=st.n_deny))

    # --- reading --------------------------------------------------------------------------------
    def ledger_json(self, article_id: str) -> Optional[dict]:
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
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (schema.articles, schema.places, schema.claims, schema.events, schema.propositions)}

    def duplicates(self) -> list[dict]:
        A = schema.articles
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(
                select(A.c.id, A.c.duplicate_of, A.c.duplicate_reason, A.c.url).where(A.c.duplicate_of.is_not(None)))]

    def find_places(self, query: str) -> list[str]:
        """Place keys whose name, mention or GeoNames id matches ``query`` (case-insensitive)."""
        P = schema.propositions
        q = query.strip()
        with self.engine.connect() as conn:
            if q.isdigit():
                return [f"gn:{q}"]
            keys = conn.execute(select(P.c.place_key).where(func.lower(P.c.place_name) == q.lower()).distinct()).scalars().all()
            if keys:
                return list(keys)
            PL = schema.places
            ids = conn.execute(select(PL.c.geonameid).where(or_(func.lower(PL.c.mention) == q.lower(),
                                                               func.lower(PL.c.name) == q.lower()),
                                                           PL.c.geonameid.is_not(None)).distinct()).scalars().all()
            return [f"gn:{i}" for i in ids]

    def framing_counts(self, kind: str = "narrative", by: str = "outlet", label: Optional[str] = None) -> list[dict]:
        """Narrative (or technique) hits counted by ``label`` and one of outlet / side / month.  The side of a hit
        is its speaker's when attributed, else the outlet's (own voice).  Duplicates are not counted."""
        F, A = schema.framing_hits, schema.articles
        group = {"outlet": func.coalesce(A.c.outlet, "unknown"),
                 "side": func.coalesce(F.c.speaker_side, A.c.outlet_side, "unknown"),
                 "month": func.coalesce(func.substr(A.c.published, 1, 7), "unknown")}[by]
        q = (select(F.c.label, group.label(by), F.c.voice, func.count().label("hits"),
                    func.count(func.distinct(F.c.article_id)).label("articles"))
             .join(A, A.c.id == F.c.article_id).where(F.c.kind == kind, A.c.duplicate_of.is_(None))
             .group_by(F.c.label, group, F.c.voice).order_by(F.c.label, group, F.c.voice))
        if label:
            q = q.where(F.c.label == label)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def outlet_profiles(self) -> list[dict]:
        """Per outlet: articles, narrative hits in its own voice vs attributed to a speaker, and the own-voice share."""
        F, A = schema.framing_hits, schema.articles
        outlet = func.coalesce(A.c.outlet, "unknown")
        with self.engine.connect() as conn:
            n_articles = dict(conn.execute(select(outlet, func.count()).where(A.c.duplicate_of.is_(None)).group_by(outlet)).all())
            rows = conn.execute(select(outlet, F.c.voice, func.count()).join(A, A.c.id == F.c.article_id)
                                .where(F.c.kind == "narrative", A.c.duplicate_of.is_(None)).group_by(outlet, F.c.voice)).all()
        prof: dict[str, dict] = {o: {"outlet": o, "articles": n, "own": 0, "attributed": 0} for o, n in n_articles.items()}
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
            return [dict(r._mapping) for r in conn.execute(
                select(P.c.place_key, P.c.place_name.label("name"), func.min(P.c.lat).label("lat"),
                       func.min(P.c.lon).label("lon")).group_by(P.c.place_key, P.c.place_name))]

    def propositions(self, place_keys: Optional[list[str]] = None, status: Optional[str] = None,
                     limit: int = 1000, offset: int = 0) -> list[dict]:
        P = schema.propositions
        q = select(P).order_by(P.c.date_min.is_(None), P.c.date_min, P.c.first_claimed, P.c.id)
        if place_keys is not None:
            q = q.where(P.c.place_key.in_(place_keys))
        if status:
            q = q.where(P.c.status == status)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q.limit(limit).offset(offset))]

    def members(self, proposition_id: str) -> list[dict]:
        M = schema.proposition_members
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(
                select(M).where(M.c.proposition_id == proposition_id).order_by(M.c.claimed_date, M.c.article_id))]


WRITER_LOCK = 7_412_023  # arbitrary constant key of the PostgreSQL advisory lock for writers


class _WriteTx:
    def __init__(self, conn: Connection, advisory_lock: Optional[int]):
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


def _record_copy(conn: Connection, article_id: str, origin: str, url, outlet, now: str) -> None:
    AC = schema.article_copies
    if conn.execute(select(AC.c.origin).where(AC.c.article_id == article_id, AC.c.origin == origin)).first() is None:
        conn.execute(insert(AC).values(article_id=article_id, origin=origin, url=url, outlet=outlet, seen_at=now))


@dataclass
class _Candidate:  # a proposition as _pick_proposition sees it
    id: str
    date_min: Optional[str]
    date_max: Optional[str]


def _apply_to_origins(origins: dict[str, dict], pid: str, group: list[Assertion]) -> tuple[set[str], set[str]]:
    """Fold assertions into the proposition's origins (in place); each origin keeps its latest word (by claim
    date, then publication date; on the same date a denial wins), the rule of
    ``link.status.origins_from_members``.  Returns the keys added and the keys changed."""
    new, changed = set(), set()
    for a in group:
        when = a.claimed_date or a.published or ""
        o = origins.get(a.origin_key)
        if o is None:
            origins[a.origin_key] = dict(proposition_id=pid, origin_key=a.origin_key, origin_label=a.origin_label,
                                         speaker_type=a.speaker_type, speaker_side=a.speaker_side, stance=a.stance,
                                         stance_date=when, n_members=1)
            new.add(a.origin_key)
            continue
        o["n_members"] += 1
        if (when, a.stance == "deny") >= (o["stance_date"], o["stance"] == "deny"):
            o["stance"], o["stance_date"] = a.stance, when
        changed.add(a.origin_key)
    return new, changed


def _pick_proposition(candidates, event_date: Optional[str]) -> Optional[str]:
    """Same kind/place/side: join the proposition whose date range is within the window of this event date;
    an undated assertion joins the most recent one."""
    if not candidates:
        return None
    if event_date is None:
        return max(candidates, key=lambda r: (r.date_max or "", r.id)).id
    d = date.fromisoformat(event_date)
    window = timedelta(days=DATE_WINDOW_DAYS)
    best = None
    for r in candidates:
        if r.date_min is None:
            best = best or r.id  # an undated proposition takes the first dated assertion
            continue
        lo, hi = date.fromisoformat(r.date_min) - window, date.fromisoformat(r.date_max) + window
        if lo <= d <= hi:
            return r.id
    return best


def _proposition_id(a: Assertion) -> str:
    return "P" + hashlib.sha1(f"{a.kind}|{a.place_key}|{a.side}|{a.event_date or 'undated'}".encode()).hexdigest()[:15]


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


def _sqlite_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.pop("immediate", False) else "BEGIN")


def _safe_url(url: str) -> str:
    """Never print a password in an error message."""
    import re

    return re.sub(r"//([^:/@]+):[^@]+@", r"//\1:***@", url)


def _short(exc: Exception) -> str:
    msg = str(getattr(exc, "orig", None) or exc).splitlines()[0]
    return msg[:200]
