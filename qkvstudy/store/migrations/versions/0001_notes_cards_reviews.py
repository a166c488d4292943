"""notes, tags, cards and review logs (the first released schema)

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
        "notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("path", sa.String, nullable=False, unique=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("mtime_ns", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, index=True),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("topic", sa.String, nullable=False),
        sa.Column("difficulty", sa.String(8)),
        sa.Column("sections_json", sa.Text, nullable=False),
        sa.Column("answer_index", sa.Integer),
        sa.Column("related_json", sa.Text, nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("fm_created", sa.String(10)),
        sa.Column("fm_last_reviewed", sa.String(10)),
        sa.Column("fm_next_review", sa.String(10)),
        sa.Column("fm_review_count", sa.Integer),
        sa.Column("fm_mastery", sa.Float),
        sa.Column("missing", sa.Boolean, nullable=False),
        sa.Column("missing_since", sa.DateTime),
        sa.Column("indexed_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False, unique=True),
    )
    op.create_table(
        "note_tags",
        sa.Column("note_id", sa.Integer, sa.ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("tag_id", sa.Integer, sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_table(
        "cards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("note_id", sa.Integer, sa.ForeignKey("notes.id", ondelete="CASCADE")),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("drill_type", sa.String(32)),
        sa.Column("drill_level", sa.Integer),
        sa.Column("drill_spec", sa.Text),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("step", sa.Integer),
        sa.Column("stability", sa.Float),
        sa.Column("difficulty", sa.Float),
        sa.Column("due", sa.DateTime, nullable=False),
        sa.Column("last_review", sa.DateTime),
        sa.Column("reps", sa.Integer, nullable=False),
        sa.Column("lapses", sa.Integer, nullable=False),
        sa.Column("suspended", sa.Boolean, nullable=False),
        sa.UniqueConstraint("note_id", "kind", "ordinal", name="uq_card_note_kind_ordinal"),
    )
    op.create_index("ix_cards_due", "cards", ["suspended", "due"])
    op.create_table(
        "review_logs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("card_id", sa.Integer, sa.ForeignKey("cards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("reviewed_at", sa.DateTime, nullable=False),
        sa.Column("duration_ms", sa.Integer),
        sa.Column("state_before", sa.String(10), nullable=False),
        sa.Column("state_after", sa.String(10), nullable=False),
        sa.Column("before", sa.Text, nullable=False),
        sa.Column("after", sa.Text, nullable=False),
        sa.Column("frontmatter_before", sa.Text),
    )
    op.create_index("ix_review_logs_card_id", "review_logs", ["card_id"])
    op.create_index("ix_review_logs_reviewed_at", "review_logs", ["reviewed_at"])


def downgrade() -> None:
    for table in ("review_logs", "cards", "note_tags", "tags", "notes"):
        op.drop_table(table)
