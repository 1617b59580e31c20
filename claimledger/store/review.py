"""The SQL of review: named users (tokens stored as their SHA-256, compared in constant time), the append-only
audit log (``review_audit``: inserted, never updated or deleted — triggers refuse it) and the corrections in
effect (``review_corrections``), plus the member and proposition writes that applying a correction needs
(``ReviewTransaction``, a ``StoreTransaction`` with more methods).  What a correction means is decided in
``claimledger.link.review``; this module only reads and writes rows."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import delete, func, insert, or_, select, tuple_, update

from claimledger.errors import InputError
from claimledger.store import schema
from claimledger.store.writes import StoreTransaction

USER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
MEMBER_KEY = ("article_id", "event_id", "claim_id")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# --- users --------------------------------------------------------------------------------------------------
def add_user(store, name: str) -> str:
    """Create user ``name`` and return its token (shown once: only its SHA-256 is stored)."""
    if not USER_NAME.match(name or ""):
        raise InputError(f"invalid user name {name!r} (letters, digits, _ . @ -; at most 64)")
    token = secrets.token_urlsafe(32)  # 32 random bytes
    U = schema.review_users
    with store.transaction() as tx:
        if tx.conn.execute(select(U.c.name).where(U.c.name == name)).first() is not None:
            raise InputError(f"user {name!r} already exists")
        tx.conn.execute(insert(U).values(name=name, token_sha256=token_hash(token), created_at=now()))
    return token


def list_users(store) -> list[dict]:
    U = schema.review_users
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(U.c.name, U.c.created_at).order_by(U.c.name))]


def remove_user(store, name: str) -> bool:
    """Remove the user (its token stops working at once); its audit entries stay."""
    U = schema.review_users
    with store.transaction() as tx:
        return tx.conn.execute(delete(U).where(U.c.name == name)).rowcount > 0


def user_for_token(store, token: str | bytes | None) -> str | None:
    """The user whose token this is, else None.  Every stored hash is compared in constant time."""
    if not token:
        return None
    given = token_hash(token.decode("latin-1") if isinstance(token, bytes) else token).encode()
    U = schema.review_users
    with store.read_engine.connect() as conn:
        rows = conn.execute(select(U.c.name, U.c.token_sha256)).all()
    found = None
    for name, h in rows:
        if hmac.compare_digest(given, h.encode()):
            found = name
    return found


def user_exists(store, name: str) -> bool:
    U = schema.review_users
    with store.engine.connect() as conn:
        return conn.execute(select(U.c.name).where(U.c.name == name)).first() is not None


# --- reading the audit log ------------------------------------------------------------------------------------
def _entry(row) -> dict:
    d = dict(row._mapping)
    for k in ("before_json", "after_json"):
        d[k[: -len("_json")]] = json.loads(d.pop(k)) if d.get(k) is not None else None
    return d


def audit_entries(
    store,
    article_id: str | None = None,
    proposition_id: str | None = None,
    group_keys: list[str] | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[dict]:
    """Audit entries, newest first; with ``article_id`` / ``proposition_id`` / ``group_keys`` only those about
    that article, that proposition, or those origin groups (any of them)."""
    R = schema.review_audit
    q = select(R).order_by(R.c.id.desc())
    conds = []
    if article_id:
        conds.append(R.c.article_id == article_id)
    if proposition_id:
        conds += [R.c.proposition_id == proposition_id, R.c.scope == proposition_id]
    if group_keys:
        conds.append((R.c.target_kind == "origin_group") & R.c.target_id.in_(group_keys))
    if conds:
        q = q.where(or_(*conds))
    elif article_id is not None or proposition_id is not None:
        return []
    with store.read_engine.connect() as conn:
        return [_entry(r) for r in conn.execute(q.limit(limit).offset(offset))]


def audit_count(store) -> int:
    with store.read_engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.review_audit)).scalar_one()


def active_audit_ids(store) -> set[int]:
    C = schema.review_corrections
    with store.read_engine.connect() as conn:
        return set(conn.execute(select(C.c.audit_id)).scalars())


def member_origin_keys(store, proposition_id: str) -> list[str]:
    M = schema.proposition_members
    with store.read_engine.connect() as conn:
        return list(
            conn.execute(select(M.c.origin_key).where(M.c.proposition_id == proposition_id).distinct()).scalars()
        )


@contextmanager
def review_transaction(store) -> Iterator[ReviewTransaction]:
    """One write transaction (all or nothing) for a correction, its audit entry and its effects."""
    with store.transaction() as tx:
        yield ReviewTransaction(tx.conn, tx.is_sqlite)


class ReviewTransaction(StoreTransaction):
    # --- audit and corrections ------------------------------------------------------------------------------
    def insert_audit(self, **values) -> int:
        for k in ("before", "after"):
            values[k + "_json"] = json.dumps(values.pop(k, None), ensure_ascii=False, sort_keys=True)
        values.setdefault("at", now())
        values.setdefault("scope", "")
        return self.conn.execute(insert(schema.review_audit).values(**values)).inserted_primary_key[0]

    def audit_entry(self, audit_id: int) -> dict | None:
        R = schema.review_audit
        row = self.conn.execute(select(R).where(R.c.id == audit_id)).first()
        return _entry(row) if row else None

    def correction(self, kind: str, target: str, field: str, scope: str = "") -> dict | None:
        C = schema.review_corrections
        row = self.conn.execute(
            select(C).where(C.c.target_kind == kind, C.c.target_id == target, C.c.field == field, C.c.scope == scope)
        ).first()
        return {**row._mapping, "value": json.loads(row.value_json)} if row else None

    def put_correction(self, kind: str, target: str, field: str, scope: str, value, audit_id: int) -> None:
        C = schema.review_corrections
        self.delete_correction(kind, target, field, scope)
        self.conn.execute(
            insert(C).values(
                target_kind=kind,
                target_id=target,
                field=field,
                scope=scope,
                value_json=json.dumps(value, ensure_ascii=False, sort_keys=True),
                audit_id=audit_id,
            )
        )

    def delete_correction(self, kind: str, target: str, field: str, scope: str) -> None:
        C = schema.review_corrections
        self.conn.execute(
            delete(C).where(C.c.target_kind == kind, C.c.target_id == target, C.c.field == field, C.c.scope == scope)
        )

    def active_corrections(self) -> list[dict]:
        """The corrections in effect, in the order they were made."""
        C = schema.review_corrections
        return [
            {**r._mapping, "value": json.loads(r.value_json)}
            for r in self.conn.execute(select(C).order_by(C.c.audit_id))
        ]

    # --- articles and claims --------------------------------------------------------------------------------
    def ledger_docs(self, article_ids: list[str]) -> list[tuple[str, dict, str | None]]:
        """(id, stored ledger JSON, duplicate_of) of these articles, oldest first."""
        A = schema.articles
        out = []
        for i in range(0, len(article_ids), 500):
            q = select(A.c.id, A.c.ledger_json, A.c.duplicate_of).where(A.c.id.in_(article_ids[i : i + 500]))
            out += [(r[0], json.loads(r[1]), r[2]) for r in self.conn.execute(q)]
        return sorted(out, key=lambda r: (r[1]["article"].get("published") or "", r[0]))

    def claim_row(self, article_id: str, claim_id: str) -> dict | None:
        C = schema.claims
        row = self.conn.execute(select(C).where(C.c.article_id == article_id, C.c.claim_id == claim_id)).first()
        return dict(row._mapping) if row else None

    def update_claim(self, article_id: str, claim_id: str, **values) -> None:
        C = schema.claims
        self.conn.execute(update(C).where(C.c.article_id == article_id, C.c.claim_id == claim_id).values(**values))

    def reset_claims(self, article_ids: list[str]) -> None:
        """The claims' speaker type, side and certainty back to what the analysis said (their claim JSON)."""
        C = schema.claims
        rows = self.conn.execute(
            select(C.c.article_id, C.c.claim_id, C.c.claim_json).where(C.c.article_id.in_(article_ids))
        ).all()
        for a, c, doc in rows:
            d = json.loads(doc)
            self.update_claim(
                a,
                c,
                speaker_type=d["speaker"]["type"],
                speaker_side=d["speaker"]["side"],
                certainty=d["certainty"],
            )

    def place_info(self, place_key: str) -> dict | None:
        """name, lat, lon of a place the ledger knows (from a proposition, else an article's mention)."""
        P, PL = schema.propositions, schema.places
        row = self.conn.execute(
            select(P.c.place_name, P.c.lat, P.c.lon).where(P.c.place_key == place_key).limit(1)
        ).first()
        if row:
            return {"place_key": place_key, "name": row[0], "lat": row[1], "lon": row[2]}
        if place_key.startswith("gn:") and place_key[3:].isdigit():
            row = self.conn.execute(
                select(PL.c.name, PL.c.mention, PL.c.lat, PL.c.lon).where(PL.c.geonameid == int(place_key[3:])).limit(1)
            ).first()
            if row:
                return {"place_key": place_key, "name": row[0] or row[1], "lat": row[2], "lon": row[3]}
        return None

    # --- members and propositions ---------------------------------------------------------------------------
    def members(self, *, article_ids=None, claim_id=None, proposition_id=None, origin_keys=None) -> list[dict]:
        M = schema.proposition_members
        q = select(M)
        if article_ids is not None:
            q = q.where(M.c.article_id.in_(list(article_ids)))
        if claim_id is not None:
            q = q.where(M.c.claim_id == claim_id)
        if proposition_id is not None:
            q = q.where(M.c.proposition_id == proposition_id)
        if origin_keys is not None:
            q = q.where(M.c.origin_key.in_(list(origin_keys)))
        return [dict(r._mapping) for r in self.conn.execute(q.order_by(M.c.article_id, M.c.event_id, M.c.claim_id))]

    def update_members(self, keys: list[tuple[str, str, str]], **values) -> None:
        M = schema.proposition_members
        for i in range(0, len(keys), 300):
            self.conn.execute(
                update(M)
                .where(tuple_(M.c.article_id, M.c.event_id, M.c.claim_id).in_(keys[i : i + 300]))
                .values(**values)
            )

    def delete_member(self, key: tuple[str, str, str]) -> None:
        M = schema.proposition_members
        self.conn.execute(delete(M).where(M.c.article_id == key[0], M.c.event_id == key[1], M.c.claim_id == key[2]))

    def homes(self, article_id: str) -> dict[tuple[str, str, str], tuple[str, dict]]:
        """(article, event, claim) -> (the proposition the machine put it in, that proposition's row)."""
        H = schema.review_homes
        rows = self.conn.execute(select(H).where(H.c.article_id == article_id)).all()
        return {
            (r.article_id, r.event_id, r.claim_id): (r.proposition_id, json.loads(r.proposition_json)) for r in rows
        }

    def remember_home(self, key: tuple[str, str, str], proposition: dict) -> None:
        """Record where an assertion was before its first move by a correction (kept: the machine's place)."""
        H = schema.review_homes
        cond = (H.c.article_id == key[0]) & (H.c.event_id == key[1]) & (H.c.claim_id == key[2])
        if self.conn.execute(select(H.c.article_id).where(cond)).first() is None:
            self.conn.execute(
                insert(H).values(
                    article_id=key[0],
                    event_id=key[1],
                    claim_id=key[2],
                    proposition_id=proposition["id"],
                    proposition_json=json.dumps(proposition, ensure_ascii=False),
                )
            )

    def delete_members_of(self, article_ids: list[str]) -> None:
        M = schema.proposition_members
        self.conn.execute(delete(M).where(M.c.article_id.in_(article_ids)))

    def proposition_ids_of(self, article_ids: list[str]) -> set[str]:
        M = schema.proposition_members
        return set(
            self.conn.execute(select(M.c.proposition_id).where(M.c.article_id.in_(article_ids)).distinct()).scalars()
        )

    def article_ids_in(self, proposition_ids: list[str]) -> set[str]:
        M = schema.proposition_members
        return set(
            self.conn.execute(
                select(M.c.article_id).where(M.c.proposition_id.in_(proposition_ids)).distinct()
            ).scalars()
        )

    def replace_origins(self, pid: str, origins: list[dict]) -> None:
        O = schema.proposition_origins
        self.conn.execute(delete(O).where(O.c.proposition_id == pid))
        if origins:
            self.conn.execute(insert(O), origins)

    def delete_proposition(self, pid: str) -> None:
        self.conn.execute(delete(schema.proposition_origins).where(schema.proposition_origins.c.proposition_id == pid))
        self.conn.execute(delete(schema.propositions).where(schema.propositions.c.id == pid))


def revert_map(store) -> dict[int, int]:
    """audit id -> the id of the entry that reverted it."""
    R = schema.review_audit
    with store.read_engine.connect() as conn:
        return {r: i for i, r in conn.execute(select(R.c.id, R.c.reverts).where(R.c.reverts.is_not(None))).all()}
