"""Keeping a note's front-matter in step with its card: write-back, change detection, the deferred index.

After a grade the four scheduling keys are patched in the note's file (atomically). The write-back
runs under the database's write lock and records the file's new size/mtime/hash in the same
transaction; if the process dies between the rename and the commit, the next scan re-reads the
file and sees that its next_review is the card's due date, so it is not mistaken for a hand edit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from qkvstudy.facade.context import Context
from qkvstudy.facade.frontmatter_file import SCHEDULE_KEYS, WRITE_TRIES, GaveUp, patch_file
from qkvstudy.i18n import t
from qkvstudy.notes.library import display_path
from qkvstudy.notes.writeback import WriteBackError, front_matter_head, swap_head, update_front_matter
from qkvstudy.schedule import memory
from qkvstudy.store.models import Card, Note, ReviewLog
from qkvstudy.views import CardKind

__all__ = ["SCHEDULE_KEYS", "FrontMatterSync"]


class _NotOurs(Exception):
    """The front-matter is no longer what the grade wrote: undo falls back to the values."""


class FrontMatterSync:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._pending: dict[int, dict[str, Any]] = {}  # note id -> what a write-back put on disk

    @property
    def has_pending(self) -> bool:
        """Write-backs not yet recorded in the index (the quick grade leaves those to the ORM path)."""
        return bool(self._pending)

    def knows_file(self, rel: str) -> bool:
        """Does the index, with the write-backs not recorded yet, know the file as it is on disk?

        The live library asks this to tell a write-back of ours from an outside edit."""
        try:
            st = (self.ctx.root / rel).stat()
        except OSError:
            return False
        with self.ctx.sessions() as s:
            row = s.execute(select(Note.id, Note.size, Note.mtime_ns).where(Note.path == rel)).first()
        if row is None:
            return False
        known = self._pending.get(row.id) or {"size": row.size, "mtime_ns": row.mtime_ns}
        return bool((known["size"], known["mtime_ns"]) == (st.st_size, st.st_mtime_ns))

    def changed_on_disk(self, path: str, size: int, mtime_ns: int) -> bool:
        """The note's file is not what was indexed (an edit the index has not seen yet)."""
        try:
            st = (self.ctx.root / path).stat()
        except OSError:
            return False
        return st.st_size != size or st.st_mtime_ns != mtime_ns

    def write(
        self,
        note_id: int,
        values: dict[str, Any],
        rel: str | None = None,
        reps: int | None = None,
        log_id: int | None = None,
    ) -> tuple[bool, str | None]:
        """Patch the scheduling values in the note's file; (written, the one-line problem if not).

        Runs under the database's write lock, so two processes' write-backs of one note never
        interleave; with `reps` (a grade's review count), a write-back that a newer grade has
        overtaken is skipped: that grade writes its own values. The file is replaced only if it
        still holds what was read (notes.atomic): a save that lands meanwhile is re-read and
        re-patched, a few times, else the note is left alone and the grade stays in the database.
        With `log_id`, the grade's review log keeps the front-matter as it was and as written, so
        undo can put the file back byte for byte.
        """
        return self._rewrite(note_id, lambda raw: update_front_matter(raw, values), values, rel, reps, log_id)

    def restore(self, note_id: int, heads: dict[str, str], values: dict[str, Any]) -> tuple[bool, str | None]:
        """Undo a grade's write-back: the front-matter exactly as it was (keys the grade added removed)
        when the file still holds what the grade wrote; otherwise (edited since) the old values patched in."""
        before, after = heads["before"].encode("utf-8"), heads["after"].encode("utf-8")

        def swap(raw: bytes) -> bytes:
            swapped = swap_head(raw, after, before)
            if swapped is None:
                raise _NotOurs
            return swapped

        try:
            return self._rewrite(note_id, swap, values)
        except _NotOurs:
            return self.write(note_id, {k: v for k, v in values.items() if v is not None or k == "last_reviewed"})

    def _rewrite(
        self,
        note_id: int,
        patch: Callable[[bytes], bytes],
        values: dict[str, Any],
        rel: str | None = None,
        reps: int | None = None,
        log_id: int | None = None,
    ) -> tuple[bool, str | None]:
        with self.ctx.sessions.begin() as s:
            self.flush(s)
            # Its path and hash only: loading the note object would read its whole body too.
            note = s.execute(select(Note.path, Note.content_hash).where(Note.id == note_id)).first()
            if note is None:
                return False, None  # the note is gone from the index: nothing on disk to keep in step
            if reps is not None:
                current = s.scalar(select(Card.reps).where(Card.note_id == note_id, Card.kind == CardKind.NOTE))
                if current is not None and current != reps:
                    return False, None
            path = self.ctx.root / (rel or note.path)
            try:
                data, first_read, patched = patch_file(path, patch)
                st = path.stat()
            except GaveUp:
                return False, t("trust.writeback.conflict", path=display_path(path), tries=WRITE_TRIES)
            except WriteBackError as exc:
                return False, t("core.writeback.failed", path=display_path(path), reason=exc)
            except OSError as exc:
                return False, t("core.writeback.failed", path=display_path(path), reason=exc.strerror or exc)
            if log_id is not None and data != patched:
                self._keep_heads(s, log_id, patched, data)
            if hashlib.sha256(first_read).hexdigest() == note.content_hash:
                # The file was what the index knew: the index now knows what we wrote. Otherwise an
                # edit it has not seen is in the file too, and the next scan must read it.
                fm = {"fm_mastery" if k == "mastery_level" else f"fm_{k}": v for k, v in values.items()}
                s.execute(
                    update(Note)
                    .where(Note.id == note_id)
                    .values(
                        size=st.st_size, mtime_ns=st.st_mtime_ns, content_hash=hashlib.sha256(data).hexdigest(), **fm
                    )
                )
        return True, None

    @staticmethod
    def _keep_heads(s: Session, log_id: int, before: bytes, after: bytes) -> None:
        found = s.execute(select(ReviewLog.frontmatter_before).where(ReviewLog.id == log_id)).first()
        if found is None:
            return
        kept = dict(found[0] or {})
        kept["_file"] = {
            "before": front_matter_head(before).decode("utf-8"),
            "after": front_matter_head(after).decode("utf-8"),
        }
        s.execute(update(ReviewLog).where(ReviewLog.id == log_id).values(frontmatter_before=kept))

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
        if memory.due_to_date(card.due, self.ctx.settings.day_starts_at) == day:
            return  # it says what we wrote (e.g. a write-back whose index update was interrupted)
        card.due = memory.date_to_due(day, self.ctx.settings.day_starts_at)
