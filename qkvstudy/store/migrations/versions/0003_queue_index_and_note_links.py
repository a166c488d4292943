"""index cards by (state, suspended, due) for the queue; related-note links as rows, so back-links are a lookup

Revision ID: 0003
Revises: 0002
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _target_path(target: str) -> str:
    # Same rule as schedule.queue.link_target_path, frozen here as migrations must not change later.
    t = target.strip().replace("\\", "/")
    while t.startswith("./"):
        t = t[2:]
    return t[len("notes/") :] if t.startswith("notes/") else t


def upgrade() -> None:
    # (suspended, due) made "learning cards due now" walk every due card of any state.
    op.drop_index("ix_cards_due", "cards")
    op.create_index("ix_cards_queue", "cards", ["state", "suspended", "due"])
    links = op.create_table(
        "note_links",
        sa.Column("note_id", sa.Integer, sa.ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("target_path", sa.String, primary_key=True),
    )
    op.create_index("ix_note_links_target_path", "note_links", ["target_path"])
    conn = op.get_bind()
    rows = []
    for note_id, related in conn.execute(sa.text("SELECT id, related_json FROM notes")):
        for target in dict.fromkeys(_target_path(t) for _title, t, _sim in json.loads(related or "[]")):
            rows.append({"note_id": note_id, "target_path": target})
    if rows:
        op.bulk_insert(links, rows)


def downgrade() -> None:
    op.drop_index("ix_note_links_target_path", "note_links")
    op.drop_table("note_links")
    op.drop_index("ix_cards_queue", "cards")
    op.create_index("ix_cards_due", "cards", ["suspended", "due"])
