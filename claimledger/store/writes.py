"""The write side of the store: ``StoreTransaction``, the SQL behind the linker's repository interface
(``claimledger.link.repository.LedgerTransaction``).  One instance wraps one open write transaction."""

from __future__ import annotations

import json

from sqlalchemy import and_, exists, insert, literal, or_, select, text, update
from sqlalchemy.engine import Connection

from claimledger import __version__
from claimledger.model import Article, Member, Origin, Proposition, PropositionDates
from claimledger.store import schema
from claimledger.store.rows import framing_rows

ANALYZE_MIN = 200  # articles a transaction inserts before it refreshes PostgreSQL's statistics (see _after_insert)
ANALYZED_TABLES = (  # the tables the save path looks up (insert-only tables need no plan)
    "articles", "article_bands", "article_copies", "propositions", "proposition_members", "proposition_origins",
    "statements", "statement_members", "statement_keys",
)  # fmt: skip


class StoreTransaction:
    def __init__(self, conn: Connection, is_sqlite: bool):
        self.conn = conn
        self.is_sqlite = is_sqlite
        self._inserted = 0  # articles inserted by this transaction
        self._analyze_at: int | None = None  # PostgreSQL: refresh the planner's statistics at this many

    def _after_insert(self) -> None:
        """PostgreSQL: when this transaction has inserted as many articles as the ledger held when it was last
        analysed (at least ANALYZE_MIN), ANALYZE the tables the save path queries, inside the transaction (it
        counts its own rows).  psycopg prepares a statement after a few runs and the server keeps one generic plan
        for it, made from the statistics of the day: on a fresh ledger filled in large transactions, or before
        autovacuum's next round, those say "empty" and a lookup is planned as for an empty table.  Doubling
        thresholds: a few ANALYZE over a bulk load, none in ordinary ingest (autovacuum keeps up there)."""
        self._inserted += 1
        if self.is_sqlite:
            return
        if self._analyze_at is None:
            known = self.conn.execute(text("SELECT reltuples FROM pg_class WHERE oid = 'articles'::regclass")).scalar()
            self._analyze_at = max(ANALYZE_MIN, int(known or 0))
        if self._inserted >= self._analyze_at:
            self.conn.execute(text("ANALYZE " + ", ".join(ANALYZED_TABLES)))
            self._analyze_at = 2 * self._analyze_at

    # --- articles -------------------------------------------------------------------------------
    def article_by_sha256(self, sha256: str) -> str | None:
        A = schema.articles
        row = self.conn.execute(select(A.c.id).where(A.c.sha256 == sha256)).first()
        return row[0] if row else None

    def original_by_url(self, url: str) -> str | None:
        A = schema.articles
        row = self.conn.execute(select(A.c.id).where(and_(A.c.url == url, A.c.duplicate_of.is_(None)))).first()
        return row[0] if row else None

    def near_duplicate_candidates(self, bands: list[str]) -> list[tuple[str, str]]:
        """Stored originals sharing a band: first the article ids under the bands (the bands' primary key, one
        table), then, when there are any — rarely — those originals' MinHash by id.  Two single-table lookups
        rather than a join, so no plan can drive the query from the whole ``articles`` table (on PostgreSQL a join
        planned while the tables were small read every stored article for each new one)."""
        B, A = schema.article_bands, schema.articles
        conds = [and_(B.c.band == i, B.c.bucket == b) for i, b in enumerate(bands)]
        ids = sorted(set(self.conn.execute(select(B.c.article_id).where(or_(*conds))).scalars()))
        if not ids:
            return []
        rows = self.conn.execute(select(A.c.id, A.c.minhash).where(A.c.id.in_(ids), A.c.duplicate_of.is_(None)))
        return [(i, m) for i, m in rows.all()]

    def record_copy(self, article_id: str, origin: str, url: str | None, outlet: str | None, seen_at: str) -> None:
        record_copy(self.conn, article_id, origin, url, outlet, seen_at)

    def insert_article(
        self,
        article: Article,
        doc: dict,
        *,
        analyzed_at: str,
        duplicate_of: str | None,
        duplicate_reason: str | None,
        minhash: str,
        bands: list[str],
    ) -> None:
        a, conn = article, self.conn
        conn.execute(
            insert(schema.articles).values(
                id=a.id,
                sha256=a.sha256,
                title=a.title,
                outlet=a.outlet,
                url=a.url,
                author=a.author,
                published=a.published,
                language=a.language,
                source_path=a.source_path,
                text=a.text,
                analyzed_at=analyzed_at,
                pipeline_version=a.pipeline_version or __version__,
                knowledge_json=json.dumps(a.knowledge, ensure_ascii=False, sort_keys=True) if a.knowledge else None,
                ledger_json=json.dumps(doc, ensure_ascii=False),
                outlet_type=a.outlet_type,
                outlet_side=a.outlet_side,
                duplicate_of=duplicate_of,
                duplicate_reason=duplicate_reason,
                minhash=minhash,
            )
        )
        conn.execute(
            insert(schema.article_bands), [{"band": i, "bucket": b, "article_id": a.id} for i, b in enumerate(bands)]
        )
        self._insert_rows(a.id, doc)
        self._after_insert()

    def _insert_rows(self, article_id: str, doc: dict) -> None:
        conn = self.conn
        if doc["places"]:
            conn.execute(
                insert(schema.places),
                [
                    dict(
                        article_id=article_id,
                        place_id=p["id"],
                        mention=p["mention"],
                        geonameid=p["geonameid"],
                        name=p["name"],
                        kind=p["kind"],
                        country=p["country"],
                        admin1=p["admin1"],
                        lat=p["lat"],
                        lon=p["lon"],
                        resolved=p["resolved"],
                        spans_json=json.dumps(p["spans"]),
                    )
                    for p in doc["places"]
                ],
            )
        if doc["claims"]:
            conn.execute(
                insert(schema.claims),
                [
                    dict(
                        article_id=article_id,
                        claim_id=c["id"],
                        speaker_text=c["speaker"]["text"],
                        speaker_type=c["speaker"]["type"],
                        speaker_side=c["speaker"]["side"],
                        cue_text=c["cue"]["text"],
                        content_text=c["content"]["text"],
                        certainty=c["certainty"],
                        content_start=(c["content"]["span"] or [None])[0],
                        content_end=(c["content"]["span"] or [None, None])[1],
                        claim_json=json.dumps(c, ensure_ascii=False),
                    )
                    for c in doc["claims"]
                ],
            )
            # the full-text indexes (claims_fts, articles_fts on SQLite) follow by trigger (migration 0010)
        hits = framing_rows(article_id, doc)
        if hits:
            conn.execute(insert(schema.framing_hits), hits)
        if doc["events"]:
            conn.execute(
                insert(schema.events),
                [
                    dict(
                        article_id=article_id,
                        event_id=e["id"],
                        type=e["type"],
                        actor_side=e["actor"]["side"],
                        place_id=e["place"],
                        date_value=(e["date"] or {}).get("value"),
                        date_precision=(e["date"] or {}).get("precision"),
                        status=e["status"],
                        event_json=json.dumps(e, ensure_ascii=False),
                    )
                    for e in doc["events"]
                ],
            )

    # --- propositions ---------------------------------------------------------------------------
    def find_propositions(self, kind: str, place_key: str, side: str) -> list[PropositionDates]:
        P = schema.propositions
        return [
            PropositionDates(id=r.id, date_min=r.date_min, date_max=r.date_max)
            for r in self.conn.execute(
                select(P.c.id, P.c.date_min, P.c.date_max).where(
                    P.c.kind == kind, P.c.place_key == place_key, P.c.side == side
                )
            )
        ]

    def get_proposition(self, pid: str) -> Proposition | None:
        P = schema.propositions
        row = self.conn.execute(select(P).where(P.c.id == pid)).first()
        return Proposition(**row._mapping) if row else None

    def insert_proposition(self, proposition: Proposition) -> None:
        self.conn.execute(insert(schema.propositions).values(**proposition.model_dump()))

    def update_proposition(self, pid: str, **values) -> None:
        P = schema.propositions
        self.conn.execute(update(P).where(P.c.id == pid).values(**values))

    def member_articles(self, pid: str, article_ids: list[str]) -> set[str]:
        M = schema.proposition_members
        return set(
            self.conn.execute(
                select(M.c.article_id).where(M.c.proposition_id == pid, M.c.article_id.in_(article_ids)).distinct()
            ).scalars()
        )

    def insert_members(self, members: list[Member]) -> None:
        if members:
            self.conn.execute(insert(schema.proposition_members), [m.model_dump() for m in members])

    def origins_of(self, pid: str) -> list[Origin]:
        O = schema.proposition_origins
        return [Origin(**r._mapping) for r in self.conn.execute(select(O).where(O.c.proposition_id == pid))]

    def upsert_origins(self, new: list[Origin], changed: list[Origin]) -> None:
        O = schema.proposition_origins
        if new:
            self.conn.execute(insert(O), [o.model_dump() for o in new])
        for o in changed:
            self.conn.execute(
                update(O)
                .where(O.c.proposition_id == o.proposition_id, O.c.origin_key == o.origin_key)
                .values(stance=o.stance, stance_date=o.stance_date, n_members=o.n_members)
            )

    # --- the other sides of this transaction ----------------------------------------------------------------
    def statements(self):
        """The statements tables in this transaction (``link.repository.StatementTransaction``)."""
        from claimledger.store.statements import StatementWrites

        return StatementWrites(self.conn)

    def review(self):
        """The review tables in this transaction (``link.repository.ReviewTransaction``)."""
        from claimledger.store.review import ReviewTransaction

        return ReviewTransaction(self.conn, self.is_sqlite)


def record_copy(conn: Connection, article_id: str, origin: str, url, outlet, now: str) -> None:
    """One more sighting of a stored article (nothing when this origin is already recorded): one statement, an
    INSERT … SELECT guarded by NOT EXISTS, rather than a look-up and an insert (a round trip less per article)."""
    AC = schema.article_copies
    values = select(
        literal(article_id, AC.c.article_id.type),
        literal(origin, AC.c.origin.type),
        literal(url, AC.c.url.type),
        literal(outlet, AC.c.outlet.type),
        literal(now, AC.c.seen_at.type),
    ).where(~exists().where(AC.c.article_id == article_id, AC.c.origin == origin))
    conn.execute(insert(AC).from_select(["article_id", "origin", "url", "outlet", "seen_at"], values))
