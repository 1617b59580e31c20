"""index on proposition members by publication date: statuses "as of a date" without scanning every member

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_members_prop_known", "proposition_members", ["proposition_id", "published", "article_id"])


def downgrade() -> None:
    op.drop_index("ix_members_prop_known", "proposition_members")
