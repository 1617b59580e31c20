"""The store implements the linker's repository interface (``claimledger.link.repository``) in full: the save
transaction, its statements side and its review side — each call the protocols declare exists, and the sides
work inside the same transaction (a statement written through ``tx.statements()`` is rolled back with it)."""

import hashlib

import pytest

from claimledger.errors import StoreError
from claimledger.link import save_ledgers
from claimledger.link.repository import LedgerTransaction, ReviewTransaction, StatementTransaction
from claimledger.model import Article, ArticleLedger
from claimledger.store import LedgerStore
from claimledger.store.statements import statement_detail


def _calls(protocol) -> set[str]:
    names = set()
    for cls in protocol.__mro__:
        if cls.__name__ in ("Protocol", "Generic", "object"):
            continue
        names |= {n for n, v in vars(cls).items() if callable(v) and not n.startswith("_")}
    return names


def test_every_declared_call_is_implemented(db_url):
    store = LedgerStore(db_url)
    with store.transaction() as tx:
        missing = {n for n in _calls(LedgerTransaction) if not callable(getattr(tx, n, None))}
        assert not missing
        assert not {n for n in _calls(StatementTransaction) if not callable(getattr(tx.statements(), n, None))}
        assert not {n for n in _calls(ReviewTransaction) if not callable(getattr(tx.review(), n, None))}
        assert {"statements", "review", "active_corrections", "candidates"} <= (
            _calls(LedgerTransaction) | _calls(ReviewTransaction) | _calls(StatementTransaction)
        )
        assert tx.review().active_corrections() == []


def test_the_sides_share_the_transaction(db_url):
    store = LedgerStore(db_url)
    text = "The regional administration said the bridge at Siversk was destroyed."
    a = Article(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), outlet="Ukrinform", published="2023-01-05")
    save_ledgers(store, [ArticleLedger(article=a)])
    sid = "st_" + "7" * 16
    row = dict(
        id=sid, text="the bridge at Siversk was destroyed", language="en", proposition_id=None,
        first_seen="2023-01-05", origin_key="actor:regional administration", origin_label="regional administration",
        origin_type="official_party", origin_side="UA", origin_article_id=a.id, n_articles=1, n_origins=1,
        laundered=False, drift_json="[]",
    )  # fmt: skip
    with pytest.raises(StoreError), store.transaction() as tx:
        tx.statements().insert_statement(row)
        assert tx.statements().get_statement(sid)["text"] == row["text"]
        tx.statements().insert_statement(row)  # the same id again: the whole transaction is rolled back
    assert statement_detail(store, sid) is None
    with store.transaction() as tx:
        tx.statements().insert_statement(row)
    assert statement_detail(store, sid).origin.speaker == "regional administration"
