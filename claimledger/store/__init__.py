"""Store: the ledger database (SQLite by default).  Only this package speaks SQL."""

from claimledger.store.repository import LedgerStore, default_db_url  # noqa: F401
