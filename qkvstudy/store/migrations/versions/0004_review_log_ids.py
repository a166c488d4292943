"""the review log is the record: a global id and the device for every review; card resets logged; this database's id

Revision ID: 0004
Revises: 0003
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    meta = op.create_table(
        "store_meta",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    device = uuid.uuid4().hex
    op.bulk_insert(meta, [{"key": "device_id", "value": device}])
    with op.batch_alter_table("review_logs") as batch:
        batch.add_column(sa.Column("uid", sa.String(32)))
        batch.add_column(sa.Column("device_id", sa.String(32)))
    conn = op.get_bind()
    ids = [row[0] for row in conn.execute(sa.text("SELECT id FROM review_logs"))]
    for log_id in ids:  # reviews made before this revision: ids of their own, from this device
        conn.execute(
            sa.text("UPDATE review_logs SET uid = :uid, device_id = :dev WHERE id = :id"),
            {"uid": uuid.uuid4().hex, "dev": device, "id": log_id},
        )
    with op.batch_alter_table("review_logs") as batch:
        batch.alter_column("uid", existing_type=sa.String(32), nullable=False)
        batch.create_unique_constraint("uq_review_logs_uid", ["uid"])
    op.create_table(
        "card_resets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(32), nullable=False, unique=True),
        sa.Column("device_id", sa.String(32)),
        sa.Column("card_id", sa.Integer, sa.ForeignKey("cards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("reset_at", sa.DateTime, nullable=False),
        sa.Column("after_log_id", sa.Integer),
    )
    op.create_index("ix_card_resets_card_id", "card_resets", ["card_id"])


def downgrade() -> None:
    op.drop_index("ix_card_resets_card_id", "card_resets")
    op.drop_table("card_resets")
    with op.batch_alter_table("review_logs") as batch:
        batch.drop_constraint("uq_review_logs_uid", type_="unique")
        batch.drop_column("device_id")
        batch.drop_column("uid")
    op.drop_table("store_meta")
