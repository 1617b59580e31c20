"""per-proposition origin aggregates, so linking one article costs the same however large the ledger grows

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "proposition_origins",
        sa.Column("proposition_id", sa.String(32), sa.ForeignKey("propositions.id"), primary_key=True),
        sa.Column("origin_key", sa.Text, primary_key=True),
        sa.Column("origin_label", sa.Text, nullable=False),
        sa.Column("speaker_type", sa.String(32), nullable=False),
        sa.Column("speaker_side", sa.String(16), nullable=False),
        sa.Column("stance", sa.String(8), nullable=False),
        sa.Column("stance_date", sa.String(10), nullable=False),
        sa.Column("n_members", sa.Integer, nullable=False),
    )
    op.create_index("ix_members_prop_article", "proposition_members", ["proposition_id", "article_id"])
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT proposition_id, origin_key, origin_label, speaker_type, speaker_side, stance, "
            "COALESCE(claimed_date, published, '') AS d FROM proposition_members"
        )
    ).all()
    agg: dict = {}
    for pid, key, label, typ, side, stance, d in sorted(rows, key=lambda r: (r[6], r[5] == "deny")):
        o = agg.get((pid, key))
        if o is None:
            agg[(pid, key)] = dict(
                proposition_id=pid,
                origin_key=key,
                origin_label=label,
                speaker_type=typ,
                speaker_side=side,
                stance=stance,
                stance_date=d,
                n_members=1,
            )
        else:
            o.update(stance=stance, stance_date=d, n_members=o["n_members"] + 1)
    if agg:
        conn.execute(
            sa.text(
                "INSERT INTO proposition_origins (proposition_id, origin_key, origin_label, speaker_type, speaker_side, "
                "stance, stance_date, n_members) VALUES (:proposition_id, :origin_key, :origin_label, :speaker_type, "
                ":speaker_side, :stance, :stance_date, :n_members)"
            ),
            list(agg.values()),
        )


def downgrade() -> None:
    op.drop_index("ix_members_prop_article", "proposition_members")
    op.drop_table("proposition_origins")
