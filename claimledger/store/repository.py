"""The ledger repository: open (and migrate) a database, save article ledgers atomically, read them back.

Saving is idempotent: an article is keyed by its content hash, so the same text saved twice is stored once.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from sqlalchemy import create_engine, event, func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from claimledger import __version__
from claimledger.errors import StoreError
from claimledger.export.json_contract import ledger_to_dict
from claimledger.model import ArticleLedger
from claimledger.store import schema

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
        try:
            if url.startswith("sqlite:///"):
                Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(url, future=True)
            if url.startswith("sqlite"):
                event.listen(self.engine, "connect", _sqlite_pragmas)
            self._migrate()
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"cannot open the database {url}: {_short(exc)}") from None

    def _migrate(self) -> None:
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def has_article(self, sha256: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(schema.articles.c.id).where(schema.articles.c.sha256 == sha256)).first() is not None

    def save(self, ledgers: list[ArticleLedger]) -> list[bool]:
        """Save ledgers in one transaction (all or nothing); returns, per ledger, whether it was new."""
        results = []
        try:
            with self.engine.begin() as conn:
                for ledger in ledgers:
                    a = ledger.article
                    exists = conn.execute(select(schema.articles.c.id).where(schema.articles.c.sha256 == a.sha256)).first()
                    if exists:
                        results.append(False)
                        continue
                    doc = ledger_to_dict(ledger)
                    conn.execute(insert(schema.articles).values(
                        id=a.id, sha256=a.sha256, title=a.title, outlet=a.outlet, url=a.url, author=a.author,
                        published=a.published, language=a.language, source_path=a.source_path, text=a.text,
                        analyzed_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                        pipeline_version=__version__, ledger_json=json.dumps(doc, ensure_ascii=False)))
                    if doc["places"]:
                        conn.execute(insert(schema.places), [dict(
                            article_id=a.id, place_id=p["id"], mention=p["mention"], geonameid=p["geonameid"], name=p["name"],
                            kind=p["kind"], country=p["country"], admin1=p["admin1"], lat=p["lat"], lon=p["lon"],
                            resolved=p["resolved"], spans_json=json.dumps(p["spans"])) for p in doc["places"]])
                    if doc["claims"]:
                        conn.execute(insert(schema.claims), [dict(
                            article_id=a.id, claim_id=c["id"], speaker_text=c["speaker"]["text"], speaker_type=c["speaker"]["type"],
                            speaker_side=c["speaker"]["side"], cue_text=c["cue"]["text"], content_text=c["content"]["text"],
                            certainty=c["certainty"], content_start=(c["content"]["span"] or [None])[0],
                            content_end=(c["content"]["span"] or [None, None])[1],
                            claim_json=json.dumps(c, ensure_ascii=False)) for c in doc["claims"]])
                    if doc["events"]:
                        conn.execute(insert(schema.events), [dict(
                            article_id=a.id, event_id=e["id"], type=e["type"], actor_side=e["actor"]["side"], place_id=e["place"],
                            date_value=(e["date"] or {}).get("value"), date_precision=(e["date"] or {}).get("precision"),
                            status=e["status"], event_json=json.dumps(e, ensure_ascii=False)) for e in doc["events"]])
                    results.append(True)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to the database {self.url}: {_short(exc)}") from None
        return results

    def ledger_json(self, article_id: str) -> Optional[dict]:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.articles.c.ledger_json).where(schema.articles.c.id == article_id)).first()
        return json.loads(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (schema.articles, schema.places, schema.claims, schema.events)}


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")  # readers never block the writer; safe with concurrent processes
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _short(exc: Exception) -> str:
    msg = str(getattr(exc, "orig", None) or exc).splitlines()[0]
    return msg[:200]
