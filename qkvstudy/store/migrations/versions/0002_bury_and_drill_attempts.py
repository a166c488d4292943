"""bury until tomorrow; store every drill attempt

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
    with op.batch_alter_table("cards") as batch:
        batch.add_column(sa.Column("buried_until", sa.DateTime))
    op.create_table(
        "drill_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("card_id", sa.Integer, sa.ForeignKey("cards.id", ondelete="SET NULL")),
        sa.Column("drill_type", sa.String(32), nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("seconds", sa.Float),
        sa.Column("attempted_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_drill_attempts_card_id", "drill_attempts", ["card_id"])


def downgrade() -> None:
    op.drop_index("ix_drill_attempts_card_id", "drill_attempts")
    op.drop_table("drill_attempts")
    with op.batch_alter_table("cards") as batch:
        batch.drop_column("buried_until")
