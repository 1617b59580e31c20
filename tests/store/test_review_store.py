"""The SQL of review (``claimledger.store.review``): reviewers' tokens are stored only as their SHA-256 and
checked in constant time; the audit log is append-only in the database itself; the corrections in effect are
one row per target and field."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy.exc import SQLAlchemyError

from claimledger.errors import InputError, StoreError
from claimledger.store import LedgerStore, schema
from claimledger.store import review as sql


@pytest.fixture
def store(tmp_path):
    return LedgerStore("sqlite:///" + str(tmp_path / "ledger.sqlite"))


def test_users_tokens_are_hashed(store, tmp_path):
    token = sql.add_user(store, "olena.k")
    assert len(token) >= 40
    assert sql.user_for_token(store, token) == "olena.k"
    assert sql.user_for_token(store, token.encode()) == "olena.k"
    assert sql.user_for_token(store, token + "x") is None
    assert sql.user_for_token(store, "") is None
    raw = (tmp_path / "ledger.sqlite").read_bytes()
    assert token.encode() not in raw  # never the token itself ...
    with store.engine.connect() as conn:
        (stored,) = conn.execute(schema.review_users.select()).first()[1:2]
    assert stored == hashlib.sha256(token.encode()).hexdigest()  # ... only its hash
    other = sql.add_user(store, "taras")
    assert other != token and sql.user_for_token(store, other) == "taras"
    assert [u["name"] for u in sql.list_users(store)] == ["olena.k", "taras"]
    assert set(sql.list_users(store)[0]) == {"name", "created_at"}
    with pytest.raises(InputError, match="already exists"):
        sql.add_user(store, "taras")
    with pytest.raises(InputError, match="invalid user name"):
        sql.add_user(store, "<b>x</b>")
    assert sql.remove_user(store, "taras") and not sql.remove_user(store, "taras")
    assert sql.user_for_token(store, other) is None


def test_audit_log_is_append_only(db_url):
    store = LedgerStore(db_url)  # SQLite and PostgreSQL: each refuses to change the log
    with sql.review_transaction(store) as tx:
        aid = tx.insert_audit(
            user_name="olena",
            action="correct",
            target_kind="claim",
            target_id="a_0123456789abcdef/c1",
            field="certainty",
            before="asserted",
            after="hedged",
            reason="hedged wording",
            article_id="a_0123456789abcdef",
        )
        tx.put_correction("claim", "a_0123456789abcdef/c1", "certainty", "", "hedged", aid)
        tx.put_correction("claim", "a_0123456789abcdef/c1", "certainty", "", "hedged", aid)  # one row per key
        assert len(tx.active_corrections()) == 1
    for statement in ("UPDATE review_audit SET reason = 'edited'", "DELETE FROM review_audit"):
        with pytest.raises((SQLAlchemyError, StoreError), match="append-only"):
            with store.transaction() as tx:
                tx.conn.exec_driver_sql(statement)
    (entry,) = sql.audit_entries(store, article_id="a_0123456789abcdef")
    assert entry["reason"] == "hedged wording" and entry["before"] == "asserted" and entry["after"] == "hedged"
    assert sql.audit_entries(store, article_id="a_ffffffffffffffff") == []
    assert sql.active_audit_ids(store) == {aid} and sql.audit_count(store) == 1
