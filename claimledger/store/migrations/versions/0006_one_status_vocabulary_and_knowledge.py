"""one status vocabulary (propositions: claimed_by_one_party -> claimed_by_one_side, as events spell it) and the
knowledge files each article was analysed with (articles.knowledge_json)

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OLD, NEW = "claimed_by_one_party", "claimed_by_one_side"


def upgrade() -> None:
    op.execute(sa.text("UPDATE propositions SET status = :new WHERE status = :old").bindparams(new=NEW, old=OLD))
    op.add_column("articles", sa.Column("knowledge_json", sa.Text, nullable=True))


def downgrade() -> None:
    op.drop_column("articles", "knowledge_json")
    op.execute(sa.text("UPDATE propositions SET status = :old WHERE status = :new").bindparams(new=NEW, old=OLD))
