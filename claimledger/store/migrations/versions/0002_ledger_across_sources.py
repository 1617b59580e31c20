"""the ledger across sources: outlets, duplicates, propositions, full-text search

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("outlet_type", sa.String(32)))
        batch.add_column(sa.Column("outlet_side", sa.String(16)))
        batch.add_column(sa.Column("duplicate_of", sa.String(32)))
        batch.add_column(sa.Column("duplicate_reason", sa.String(32)))
        batch.add_column(sa.Column("minhash", sa.Text))
    op.create_index("ix_articles_url", "articles", ["url"])
    op.create_table(
        "article_copies",  # every time the same text was met again (another file, feed entry, URL)
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("origin", sa.Text, primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("seen_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "article_bands",  # LSH bands of each article's MinHash: candidate near-duplicates by index lookup
        sa.Column("band", sa.Integer, primary_key=True),
        sa.Column("bucket", sa.String(16), primary_key=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_table(
        "propositions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("place_key", sa.String(80), nullable=False),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("place_name", sa.Text, nullable=False),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("date_min", sa.String(10)),
        sa.Column("date_max", sa.String(10)),
        sa.Column("first_claimed", sa.String(10)),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("status_reason", sa.Text, nullable=False),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("n_origins", sa.Integer, nullable=False),
        sa.Column("n_affirm_origins", sa.Integer, nullable=False),
        sa.Column("n_deny_origins", sa.Integer, nullable=False),
    )
    op.create_index("ix_propositions_key", "propositions", ["kind", "place_key", "side"])
    op.create_index("ix_propositions_place", "propositions", ["place_key"])
    op.create_table(
        "proposition_members",
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("event_id", sa.String(16), primary_key=True),
        sa.Column("claim_id", sa.String(16), primary_key=True),
        sa.Column("proposition_id", sa.String(32), sa.ForeignKey("propositions.id"), nullable=False),
        sa.Column("stance", sa.String(8), nullable=False),
        sa.Column("speaker_text", sa.Text),
        sa.Column("speaker_type", sa.String(32), nullable=False),
        sa.Column("speaker_side", sa.String(16), nullable=False),
        sa.Column("origin_key", sa.Text, nullable=False),
        sa.Column("origin_label", sa.Text, nullable=False),
        sa.Column("certainty", sa.String(16), nullable=False),
        sa.Column("event_date", sa.String(10)),
        sa.Column("claimed_date", sa.String(10)),
        sa.Column("published", sa.String(10)),
        sa.Column("outlet", sa.Text),
        sa.Column("outlet_type", sa.String(32)),
        sa.Column("outlet_side", sa.String(16)),
    )
    op.create_index("ix_members_proposition", "proposition_members", ["proposition_id"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE claims_fts USING fts5(content, article_id UNINDEXED, claim_id UNINDEXED)")
    else:
        op.execute(
            "CREATE INDEX ix_claims_content_fts ON claims USING gin (to_tsvector('simple', coalesce(content_text, '')))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE claims_fts")
    op.drop_table("proposition_members")
    op.drop_table("propositions")
    op.drop_table("article_bands")
    op.drop_table("article_copies")
    op.drop_index("ix_articles_url", "articles")
    with op.batch_alter_table("articles") as batch:
        for col in ("minhash", "duplicate_reason", "duplicate_of", "outlet_side", "outlet_type"):
            batch.drop_column(col)
