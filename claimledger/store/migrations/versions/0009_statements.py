"""statements: claims across articles and languages that assert the same content, their members and the
candidate index (issue 15)

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "statements",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("proposition_id", sa.String(32)),
        sa.Column("first_seen", sa.String(10)),
        sa.Column("origin_key", sa.Text, nullable=False),
        sa.Column("origin_label", sa.Text, nullable=False),
        sa.Column("origin_type", sa.String(32), nullable=False),
        sa.Column("origin_side", sa.String(16), nullable=False),
        sa.Column("origin_article_id", sa.String(32), nullable=False),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("n_origins", sa.Integer, nullable=False),
        sa.Column("laundered", sa.Boolean, nullable=False),
        sa.Column("drift_json", sa.Text, nullable=False),
    )
    op.create_index("ix_statements_first_seen", "statements", ["first_seen"])
    op.create_index("ix_statements_laundered", "statements", ["laundered", "first_seen"])
    op.create_table(
        "statement_members",
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("claim_id", sa.String(16), primary_key=True),
        sa.Column("statement_id", sa.String(32), nullable=False),
        sa.Column("voice", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("speaker_text", sa.Text),
        sa.Column("speaker_type", sa.String(32), nullable=False),
        sa.Column("speaker_side", sa.String(16), nullable=False),
        sa.Column("origin_key", sa.Text, nullable=False),
        sa.Column("origin_label", sa.Text, nullable=False),
        sa.Column("via_json", sa.Text, nullable=False),
        sa.Column("certainty", sa.String(16), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("published", sa.String(10)),
        sa.Column("claimed_date", sa.String(10)),
        sa.Column("outlet", sa.Text),
        sa.Column("outlet_type", sa.String(32)),
        sa.Column("outlet_side", sa.String(16)),
        sa.Column("duplicate_of", sa.String(32)),
        sa.Column("signature_json", sa.Text, nullable=False),
    )
    op.create_index("ix_statement_members_statement", "statement_members", ["statement_id", "published"])
    op.create_table(
        "statement_keys",
        sa.Column("key", sa.String(120), primary_key=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("claim_id", sa.String(16), primary_key=True),
        sa.Column("statement_id", sa.String(32), nullable=False),
        sa.Column("seen", sa.String(10), nullable=False),
    )
    op.create_index("ix_statement_keys_seen", "statement_keys", ["key", "seen"])


def downgrade() -> None:
    op.drop_table("statement_keys")
    op.drop_table("statement_members")
    op.drop_table("statements")
