"""Grading and the other changes to a card: one write transaction each, then the front-matter.

A grade stores the FSRS update and a review log holding JSON snapshots of the card before and
after (and the note's scheduling keys before), so undo restores the exact previous state.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Rating
from sqlalchemy import func, select

from qkvstudy import config
from qkvstudy.facade.cards import card_view
from qkvstudy.facade.context import Context, StudyError
from qkvstudy.facade.frontmatter_sync import FrontMatterSync
from qkvstudy.facade.queries import Queries
from qkvstudy.facade.quick_grade import SqliteGrader
from qkvstudy.i18n import t
from qkvstudy.schedule import memory
from qkvstudy.schedule.leech import after_grade
from qkvstudy.store import health
from qkvstudy.store.engine import sqlite_path
from qkvstudy.store.models import Card, CardReset, Note, ReviewLog
from qkvstudy.views import CardKind, CardState, CardView, GradeOutcome

# The card columns a review log snapshots, so undo restores them exactly.
CARD_FIELDS = (
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
    "suspended",
    "buried_until",
)
_TIME_FIELDS = ("due", "last_review", "buried_until")


class _ChangedOnDisk(Exception):
    """The note's file changed since it was indexed: re-index before grading."""


class Reviewing:
    def __init__(self, ctx: Context, sync: FrontMatterSync, queries: Queries, rescan: Callable[[], object]) -> None:
        self.ctx = ctx
        self.sync = sync
        self.queries = queries
        self.rescan = rescan
        self._graded: list[int] = []  # ids of the review logs this facade made, newest last

    def preview(self, card_id: int) -> dict[int, timedelta]:
        """The interval each grade would give now (what the grade buttons show)."""
        now = self.ctx.now()
        with self.ctx.sessions() as s:
            card = s.get(Card, card_id)
            if card is None:
                raise StudyError(t("core.study.no_card", id=card_id))
            fcard = _fsrs(card)
            return {r: memory.review(self.ctx.scheduler, fcard, r, now, card.reps)[0].due - now for r in Rating}

    def grade(self, card_id: int, rating: int, duration_s: float | None = None) -> GradeOutcome:
        """One transaction (card state + review log), committed at once; then the write-back."""
        if rating not in tuple(Rating):
            raise StudyError(t("core.study.bad_grade", rating=repr(rating)))
        try:
            return self._grade(card_id, Rating(rating), duration_s, None)
        except _ChangedOnDisk:
            self.rescan()  # re-index first so a write-back never overwrites what the user just edited
            return self._grade(card_id, Rating(rating), duration_s, t("core.study.changed_on_disk"))

    def _grade(self, card_id: int, rating: Rating, duration_s: float | None, message: str | None) -> GradeOutcome:
        now = self.ctx.now()
        settings = self.ctx.settings
        duration_ms = int(duration_s * 1000) if duration_s is not None else None
        if self.ctx.sqlite is not None and message is None and not self.sync.has_pending:
            quick = self._grade_on_sqlite(card_id, rating, now, duration_ms)
            if quick is not None:
                return quick
        with self.ctx.sessions.begin() as s:
            self.sync.flush(s)
            row = s.execute(
                select(Card, Note).outerjoin(Note, Card.note_id == Note.id).where(Card.id == card_id)
            ).first()
            if row is None:
                raise StudyError(t("core.study.no_card", id=card_id))
            card, note = row
            note_card = note if note is not None and card.kind == CardKind.NOTE else None
            if (
                note_card is not None
                and self.ctx.write_back
                and message is None
                and self.sync.changed_on_disk(note_card.path, note_card.size, note_card.mtime_ns)
            ):
                raise _ChangedOnDisk  # rolls back; nothing was written yet
            before = snapshot(card)
            fcard, _log = memory.review(self.ctx.scheduler, _fsrs(card), rating, now, card.reps, duration_ms)
            for key, value in memory.from_fsrs(fcard).items():
                setattr(card, key, value)
            card.reps += 1
            if before["state"] == CardState.REVIEW and rating == Rating.Again:
                card.lapses += 1
            leech = after_grade(card, rating, before["state"], settings.leech_threshold, settings.leech_action)
            card.buried_until = None
            fm_before = None
            if note_card is not None:
                fm_before = {
                    "last_reviewed": note_card.fm_last_reviewed,
                    "next_review": note_card.fm_next_review,
                    "review_count": note_card.fm_review_count,
                    "mastery_level": note_card.fm_mastery,
                }
            log = ReviewLog(
                card_id=card.id,
                rating=int(rating),
                reviewed_at=now,
                duration_ms=duration_ms,
                state_before=before["state"],
                state_after=card.state,
                before=before,
                after=snapshot(card),
                frontmatter_before=fm_before,
            )
            s.add(log)
            s.flush()
            log_id = log.id
            view = card_view(self.ctx, card, note, now)
        self._graded.append(log_id)  # committed: undo may take it back
        # No forget_order(): the queue drops graded cards from its cached order by itself.
        if card.note_id is not None:
            self.queries.last_note_id = card.note_id
        wrote = False
        if note_card is not None and self.ctx.write_back:
            values = {
                "last_reviewed": config.study_day(now, settings.day_starts_at).isoformat(),
                "next_review": memory.due_to_date(view.due, settings.day_starts_at).isoformat(),
                "review_count": view.reviews,
                "mastery_level": memory.mastery(self.ctx.scheduler, view.stability),
            }
            wrote, problem = self.sync.write(note_card.id, values, note_card.path, reps=view.reviews, log_id=log_id)
            message = problem or message
        return GradeOutcome(
            card=view, rating=rating, interval=view.due - now, wrote_back=wrote, message=message, leech=leech
        )

    def _grade_on_sqlite(
        self, card_id: int, rating: Rating, now: datetime, duration_ms: int | None
    ) -> GradeOutcome | None:
        """A note card's grade and write-back through the engine's sqlite3 connection (the same rows
        and bytes as the ORM path below, tests/speed/test_quick_grade.py); None: the ORM path, for a
        drill card or a file changed since it was indexed (nothing written then)."""
        assert self.ctx.sqlite is not None
        raw = self.ctx.sqlite.raw_connection()  # from the pool: the engine's pragmas are set
        try:
            con = raw.driver_connection
            assert con is not None
            grader = SqliteGrader(con, self.ctx.root, self.ctx.settings, self.ctx.scheduler, set_pragmas=False)
            try:
                graded = grader.grade_card(card_id, rating, now, duration_ms)
                if graded is None:
                    return None
                self._graded.append(graded.log_id)  # committed: undo may take it back
                if graded.card.note_id is not None:
                    self.queries.last_note_id = graded.card.note_id
                wrote, message = grader.write_back(graded, now) if self.ctx.write_back else (False, None)
            except sqlite3.Error as exc:  # one line when it is the file's or another process's doing
                found = health.describe(sqlite_path(self.ctx.sqlite), exc)
                if found is None:
                    raise
                raise found from exc
        finally:
            raw.close()
        view = graded.view
        return GradeOutcome(
            card=view, rating=rating, interval=view.due - now, wrote_back=wrote, message=message, leech=graded.leech
        )

    def undo(self) -> CardView | None:
        """Undo the last grade: the card's exact previous state, its log removed, front-matter restored.

        The last grade made here, when there is one (another process's grade is never undone from
        this window), else the newest in the database; and only while it is its card's newest
        review: restoring the state before it would drop a later grade.
        """
        self.queries.forget_order()
        with self.ctx.sessions.begin() as s:
            self.sync.flush(s)
            if self._graded:
                log = s.get(ReviewLog, self._graded.pop())
            else:
                log = s.scalars(select(ReviewLog).order_by(ReviewLog.id.desc()).limit(1)).first()
            if log is None:
                return None
            newest = s.scalar(select(func.max(ReviewLog.id)).where(ReviewLog.card_id == log.card_id))
            if newest != log.id:
                raise StudyError(t("trust.undo.graded_since"))
            reset_since = s.scalar(
                select(func.count())
                .select_from(CardReset)
                .where(CardReset.card_id == log.card_id, CardReset.after_log_id >= log.id)
            )
            if reset_since:  # the reset is the newer act: the state before the grade is not the card's to take
                raise StudyError(t("trust.undo.reset_since"))
            card = log.card
            restore(card, log.before)
            fm_before = dict(log.frontmatter_before) if log.frontmatter_before else None
            heads = fm_before.pop("_file", None) if fm_before else None
            s.delete(log)
            s.flush()
            view = card_view(self.ctx, card, card.note, self.ctx.now())
        if fm_before is not None and self.ctx.write_back and view.note_id is not None:
            if heads is not None:  # the file back byte for byte, keys the grade added removed
                self.sync.restore(view.note_id, heads, fm_before)
            else:
                self.sync.write(
                    view.note_id, {k: v for k, v in fm_before.items() if v is not None or k == "last_reviewed"}
                )
        return view

    def _set(self, card_id: int, reset_at: datetime | None = None, **values: Any) -> CardView:
        self.queries.forget_order()
        with self.ctx.sessions.begin() as s:
            card = s.get(Card, card_id)
            if card is None:
                raise StudyError(t("core.study.no_card", id=card_id))
            for key, value in values.items():
                setattr(card, key, value)
            if reset_at is not None:  # the log records it, so a replay starts the card afresh here
                last = s.scalar(select(func.max(ReviewLog.id)).where(ReviewLog.card_id == card.id))
                s.add(CardReset(card_id=card.id, reset_at=reset_at, after_log_id=last))
            s.flush()
            return card_view(self.ctx, card, card.note, self.ctx.now())

    def suspend(self, card_id: int) -> CardView:
        return self._set(card_id, suspended=True)

    def unsuspend(self, card_id: int) -> CardView:
        return self._set(card_id, suspended=False)

    def bury(self, card_id: int) -> CardView:
        """Hide the card until the next study day begins."""
        _start, tomorrow = self.ctx.day_bounds(self.ctx.now())
        return self._set(card_id, buried_until=tomorrow)

    def reset(self, card_id: int) -> CardView:
        """Forget the card's memory state (history kept): new again, due today."""
        now = self.ctx.now()
        view = self._set(
            card_id,
            reset_at=now,
            state=CardState.NEW,
            step=None,
            stability=None,
            difficulty=None,
            due=now,
            last_review=None,
            reps=0,
            lapses=0,
            buried_until=None,
        )
        if view.kind == CardKind.NOTE and view.note_id is not None and self.ctx.write_back:
            self.sync.write(
                view.note_id,
                {
                    "last_reviewed": None,
                    "review_count": 0,
                    "mastery_level": 0.0,
                    "next_review": config.study_day(now, self.ctx.settings.day_starts_at).isoformat(),
                },
            )
        return view


def _fsrs(card: Card) -> FsrsCard:
    return memory.to_fsrs(card.id, card.state, card.step, card.stability, card.difficulty, card.due, card.last_review)


def snapshot(card: Card) -> dict[str, Any]:
    """The card's schedule as JSON-ready values; times as naive UTC ISO 8601, as logs always held them."""
    out: dict[str, Any] = {}
    for key in CARD_FIELDS:
        value = getattr(card, key)
        if isinstance(value, datetime):
            value = value.astimezone(UTC).replace(tzinfo=None).isoformat()
        out[key] = value
    return out


def restore(card: Card, snap: dict[str, Any]) -> None:
    for key in CARD_FIELDS:
        value = snap.get(key)
        if key in _TIME_FIELDS and value is not None:
            value = datetime.fromisoformat(value).replace(tzinfo=UTC)
        setattr(card, key, value)
