"""covering index on the statements' candidate index: the per-key lookup at save time (``claimledger.store.statements``:
``key = :k AND seen <= :until ORDER BY seen DESC LIMIT 40``, reading article_id, claim_id, seen) is answered from
the index alone, never from one table row per hit (measured in docs/performance-statements.md: 5–10 % warm, more
on a cold cache); it replaces 0009's ``(key, seen)`` index, of which it is an extension (the same lookups in the
same order, so keeping both would only cost writes and space).  Both dialects.

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COVER_COLUMNS = ["key", "seen", "article_id", "claim_id"]


def upgrade() -> None:
    op.create_index("ix_statement_keys_cover", "statement_keys", COVER_COLUMNS)
    op.drop_index("ix_statement_keys_seen", "statement_keys")


def downgrade() -> None:
    op.create_index("ix_statement_keys_seen", "statement_keys", ["key", "seen"])
    op.drop_index("ix_statement_keys_cover", "statement_keys")
