"""What was done: the review log and every drill attempt, as plain dicts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from qkvstudy.facade.context import Context
from qkvstudy.store.models import DrillAttempt, ReviewLog


class History:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def record_drill_attempt(
        self,
        card_id: int | None,
        drill_type: str,
        level: int,
        seed: int,
        answer: Any,
        score: float,
        seconds: float | None,
    ) -> None:
        with self.ctx.sessions.begin() as s:
            s.add(
                DrillAttempt(
                    card_id=card_id,
                    drill_type=drill_type,
                    level=level,
                    seed=int(seed),
                    answer=answer,
                    score=float(score),
                    seconds=seconds,
                    attempted_at=self.ctx.now(),
                )
            )

    def drill_attempts(self, limit: int = 50) -> list[dict[str, Any]]:
        with self.ctx.sessions() as s:
            rows = s.scalars(select(DrillAttempt).order_by(DrillAttempt.id.desc()).limit(limit)).all()
            return [
                dict(
                    card_id=r.card_id,
                    drill_type=r.drill_type,
                    level=r.level,
                    seed=r.seed,
                    answer=r.answer,
                    score=r.score,
                    seconds=r.seconds,
                    attempted_at=r.attempted_at,
                )
                for r in rows
            ]

    def review_logs(self, card_id: int | None = None) -> list[dict[str, Any]]:
        with self.ctx.sessions() as s:
            stmt = select(ReviewLog).order_by(ReviewLog.id)
            if card_id is not None:
                stmt = stmt.where(ReviewLog.card_id == card_id)
            return [
                dict(
                    card_id=r.card_id,
                    rating=r.rating,
                    reviewed_at=r.reviewed_at,
                    duration_ms=r.duration_ms,
                    state_before=r.state_before,
                    state_after=r.state_after,
                )
                for r in s.scalars(stmt)
            ]
