"""the review log's figures as columns (stats in SQL, not JSON per row); resets and reschedules alike logged

Revision ID: 0006
Revises: 0005

- review_logs gets last_interval_days, interval_days, stability and difficulty, filled here from each
  row's snapshots (the rule of store.review_figures, copied: a migration does not change when
  the code does), and the index the stats' grouped scan reads alone;
- card_resets gets `kind` ("reset" for every row so far) and `state` (the memory a reschedule set).
"""

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_BATCH = 5_000


def _days_between(later: Any, earlier: Any) -> float | None:
    if not later or not earlier:
        return None
    try:
        a = later if isinstance(later, datetime) else datetime.fromisoformat(str(later))
        b = earlier if isinstance(earlier, datetime) else datetime.fromisoformat(str(earlier))
        a = a.astimezone(UTC) if a.tzinfo else a.replace(tzinfo=UTC)
        b = b.astimezone(UTC) if b.tzinfo else b.replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return None
    return (a - b).total_seconds() / 86400


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _snapshot(text: Any) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else None
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def upgrade() -> None:
    for name in ("last_interval_days", "interval_days", "stability", "difficulty"):
        op.add_column("review_logs", sa.Column(name, sa.Float))
    conn = op.get_bind()
    last = 0
    while True:  # in batches of ids: a large log never sits in memory whole
        rows = conn.execute(
            sa.text("SELECT id, before, after, reviewed_at FROM review_logs WHERE id > :last ORDER BY id LIMIT :n"),
            {"last": last, "n": _BATCH},
        ).all()
        if not rows:
            break
        values = []
        for log_id, before_text, after_text, reviewed_at in rows:
            before, after = _snapshot(before_text), _snapshot(after_text)
            values.append(
                {
                    "id": log_id,
                    "last_interval_days": _days_between(before.get("due"), before.get("last_review")),
                    "interval_days": _days_between(after.get("due"), reviewed_at),
                    "stability": _number(after.get("stability")),
                    "difficulty": _number(after.get("difficulty")),
                }
            )
        conn.execute(
            sa.text(
                "UPDATE review_logs SET last_interval_days = :last_interval_days, interval_days = :interval_days,"
                " stability = :stability, difficulty = :difficulty WHERE id = :id"
            ),
            values,
        )
        last = rows[-1][0]
    op.execute(
        "CREATE INDEX ix_review_logs_hour ON review_logs"
        " (substr(reviewed_at, 1, 13), rating, state_before, last_interval_days, duration_ms, card_id)"
    )
    op.add_column("card_resets", sa.Column("kind", sa.String(12), nullable=False, server_default="reset"))
    op.add_column("card_resets", sa.Column("state", sa.Text))


def downgrade() -> None:
    op.drop_index("ix_review_logs_hour", "review_logs")
    with op.batch_alter_table("card_resets") as batch:
        batch.drop_column("state")
        batch.drop_column("kind")
    with op.batch_alter_table("review_logs") as batch:
        for name in ("difficulty", "stability", "interval_days", "last_interval_days"):
            batch.drop_column(name)
