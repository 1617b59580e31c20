"""initial ledger: articles, places, claims, events

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("language", sa.String(8)),
        sa.Column("source_path", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("analyzed_at", sa.String(32), nullable=False),
        sa.Column("pipeline_version", sa.String(32), nullable=False),
        sa.Column("ledger_json", sa.Text, nullable=False),
    )
    op.create_table(
        "places",
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("place_id", sa.String(16), primary_key=True),
        sa.Column("mention", sa.Text, nullable=False),
        sa.Column("geonameid", sa.Integer),
        sa.Column("name", sa.Text),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("admin1", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("resolved", sa.Boolean, nullable=False),
        sa.Column("spans_json", sa.Text, nullable=False),
    )
    op.create_index("ix_places_geonameid", "places", ["geonameid"])
    op.create_table(
        "claims",
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("claim_id", sa.String(16), primary_key=True),
        sa.Column("speaker_text", sa.Text),
        sa.Column("speaker_type", sa.String(32), nullable=False),
        sa.Column("speaker_side", sa.String(16), nullable=False),
        sa.Column("cue_text", sa.Text),
        sa.Column("content_text", sa.Text),
        sa.Column("certainty", sa.String(16), nullable=False),
        sa.Column("content_start", sa.Integer),
        sa.Column("content_end", sa.Integer),
        sa.Column("claim_json", sa.Text, nullable=False),
    )
    op.create_index("ix_claims_speaker", "claims", ["speaker_type", "speaker_side"])
    op.create_table(
        "events",
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("event_id", sa.String(16), primary_key=True),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("actor_side", sa.String(16), nullable=False),
        sa.Column("place_id", sa.String(16)),
        sa.Column("date_value", sa.String(32)),
        sa.Column("date_precision", sa.String(32)),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("event_json", sa.Text, nullable=False),
    )
    op.create_index("ix_events_type_place", "events", ["type", "place_id"])


def downgrade() -> None:
    for table in ("events", "claims", "places", "articles"):
        op.drop_table(table)
