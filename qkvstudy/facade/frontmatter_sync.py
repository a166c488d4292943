"""Keeping a note's front-matter in step with its card: write-back, change detection, the deferred index.

After a grade the four scheduling keys are patched in the note's file (atomically). The index
learns the file's new size/mtime/hash with the next write transaction (`flush`), not in a commit
of its own: if the process dies first, the next scan re-reads the file and sees that its
next_review is the card's due date, so it is not mistaken for a hand edit.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from qkvstudy.facade.context import Context
from qkvstudy.notes.library import display_path
from qkvstudy.notes.writeback import WriteBackError, update_front_matter, write_note_atomically
from qkvstudy.schedule import memory
from qkvstudy.store.models import Card, Note, naive, utc
from qkvstudy.views import CardKind

SCHEDULE_KEYS = ("last_reviewed", "next_review", "review_count", "mastery_level")


class FrontMatterSync:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._pending: dict[int, dict[str, Any]] = {}  # note id -> what a write-back put on disk

    def changed_on_disk(self, path: str, size: int, mtime_ns: int) -> bool:
        """The note's file is not what was indexed (an edit the index has not seen yet)."""
        try:
            st = (self.ctx.root / path).stat()
        except OSError:
            return False
        return st.st_size != size or st.st_mtime_ns != mtime_ns

    def write(self, note_id: int, values: dict[str, Any], rel: str | None = None) -> tuple[bool, str | None]:
        """Patch the scheduling values in the note's file; (written, the one-line problem if not)."""
        if rel is None:
            with self.ctx.sessions() as s:
                rel = s.scalar(select(Note.path).where(Note.id == note_id))
        if rel is None:
            return False, None  # the note is gone from the index: nothing on disk to keep in step
        path = self.ctx.root / rel
        try:
            raw = path.read_bytes()
            data = update_front_matter(raw, values)
            if data is not raw and data != raw:
                write_note_atomically(path, data)
            st = path.stat()
        except WriteBackError as exc:
            return False, f"{display_path(path)}: front-matter not updated: {exc}"
        except OSError as exc:
            return False, f"{display_path(path)}: front-matter not updated: {exc.strerror or exc}"
        fm = {"fm_mastery" if k == "mastery_level" else f"fm_{k}": v for k, v in values.items()}
        self._pending[note_id] = dict(
            size=st.st_size, mtime_ns=st.st_mtime_ns, content_hash=hashlib.sha256(data).hexdigest(), **fm
        )
        return True, None

    def flush(self, session: Session) -> None:
        """Record in the index what the last write-backs put on disk (inside the caller's transaction)."""
        pending, self._pending = self._pending, {}
        for note_id, values in pending.items():
            session.execute(update(Note).where(Note.id == note_id).values(**values))

    def flush_now(self) -> None:
        if self._pending:
            with self.ctx.sessions.begin() as s:
                self.flush(s)

    def user_edit(self, session: Session, note: Note, values: dict[str, Any]) -> None:
        """A `next_review` the user changed by hand reschedules the note: the user wins."""
        next_review = values["fm_next_review"]
        if next_review is None or next_review == note.fm_next_review:
            return
        card = session.scalars(select(Card).where(Card.note_id == note.id, Card.kind == CardKind.NOTE)).first()
        if card is None:
            return
        day = datetime.fromisoformat(next_review).date()
        if memory.due_to_date(utc(card.due), self.ctx.settings.day_starts_at) == day:
            return  # it says what we wrote (e.g. a write-back whose index update was interrupted)
        card.due = naive(memory.date_to_due(day, self.ctx.settings.day_starts_at))
