"""framing hits (narratives and techniques) as rows, for counts by outlet, side and month

Revision ID: 0003
Revises: 0002
"""

import json

import sqlalchemy as sa
from alembic import op

from claimledger.store.rows import framing_rows

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "framing_hits",
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("n", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),  # narrative | technique
        sa.Column("label", sa.String(80), nullable=False),
        sa.Column("voice", sa.String(16), nullable=False),
        sa.Column("speaker_side", sa.String(16)),
        sa.Column("speaker_type", sa.String(32)),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text),
    )
    op.create_index("ix_framing_label", "framing_hits", ["kind", "label"])
    # backfill from the stored ledgers
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, ledger_json FROM articles")).all()
    for article_id, doc in rows:
        hits = framing_rows(article_id, json.loads(doc))
        if hits:
            conn.execute(
                sa.text(
                    "INSERT INTO framing_hits (article_id, n, kind, label, voice, speaker_side, speaker_type, span_start, span_end, text) "
                    "VALUES (:article_id, :n, :kind, :label, :voice, :speaker_side, :speaker_type, :span_start, :span_end, :text)"
                ),
                hits,
            )


def downgrade() -> None:
    op.drop_table("framing_hits")
