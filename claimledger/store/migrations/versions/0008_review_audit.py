"""review: named users (tokens stored hashed), an append-only audit log of corrections, the corrections in effect

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_users",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "review_audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("user_name", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target_id", sa.Text, nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("scope", sa.String(32), nullable=False, server_default=""),
        sa.Column("before_json", sa.Text),
        sa.Column("after_json", sa.Text),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("article_id", sa.String(32)),
        sa.Column("proposition_id", sa.String(32)),
        sa.Column("replaces", sa.Integer),
        sa.Column("reverts", sa.Integer),
    )
    op.create_index("ix_review_audit_article", "review_audit", ["article_id"])
    op.create_index("ix_review_audit_proposition", "review_audit", ["proposition_id"])
    op.create_table(
        "review_corrections",
        sa.Column("target_kind", sa.String(16), primary_key=True),
        sa.Column("target_id", sa.Text, primary_key=True),
        sa.Column("field", sa.String(32), primary_key=True),
        sa.Column("scope", sa.String(32), primary_key=True),
        sa.Column("value_json", sa.Text, nullable=False),
        sa.Column("audit_id", sa.Integer, sa.ForeignKey("review_audit.id"), nullable=False),
    )
    op.create_table(
        "review_homes",
        sa.Column("article_id", sa.String(32), primary_key=True),
        sa.Column("event_id", sa.String(16), primary_key=True),
        sa.Column("claim_id", sa.String(16), primary_key=True),
        sa.Column("proposition_id", sa.String(32), nullable=False),
        sa.Column("proposition_json", sa.Text, nullable=False),
    )
    # the audit log is append-only: the database itself refuses to change or delete an entry
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER review_audit_no_{verb.lower()} BEFORE {verb} ON review_audit "
                "BEGIN SELECT RAISE(ABORT, 'the review audit log is append-only'); END"
            )
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION review_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'the review audit log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER review_audit_append_only BEFORE UPDATE OR DELETE ON review_audit "
            "FOR EACH ROW EXECUTE FUNCTION review_audit_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS review_audit_append_only ON review_audit")
        op.execute("DROP FUNCTION IF EXISTS review_audit_append_only()")
    op.drop_table("review_homes")
    op.drop_table("review_corrections")
    op.drop_index("ix_review_audit_proposition", "review_audit")
    op.drop_index("ix_review_audit_article", "review_audit")
    op.drop_table("review_audit")
    op.drop_table("review_users")
