"""`qkvstudy grade PATH RATING` the quick way: the grade and its write-back through sqlite3 alone.

Importing SQLAlchemy costs about ten times an empty Python's start-up on its own, and a grade from an
editor or a script should feel instant. So when the database is a SQLite file already at the newest
schema, the note is indexed and its file unchanged since, this module grades it with the standard
library's sqlite3: the same statements the ORM path (facade.reviewing, facade.frontmatter_sync)
issues, in the same two write transactions, each begun IMMEDIATE so it holds the write lock from its
first read. tests/speed/test_quick_grade.py grades the same notes both ways and compares every row
and byte. Anything else (another database, an older schema, a new or edited note, no write-back)
returns None and the command opens the whole Study.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fsrs import Rating

from qkvstudy import config
from qkvstudy.facade.frontmatter_file import WRITE_TRIES, GaveUp, patch_file
from qkvstudy.i18n import t
from qkvstudy.notes.writeback import WriteBackError, front_matter_head, update_front_matter
from qkvstudy.schedule import memory
from qkvstudy.store import health, revision
from qkvstudy.store.busy import busy_timeout_ms
from qkvstudy.store.review_figures import review_figures
from qkvstudy.store.sql_values import db_datetime
from qkvstudy.views import REVIEW, CardKind, CardState, CardView, GradeOutcome

# The card columns a review log snapshots (facade.reviewing.CARD_FIELDS), in that order.
CARD_FIELDS: tuple[str, ...] = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")
CARD_FIELDS += ("suspended", "buried_until")
_TIMES = ("due", "last_review", "buried_until")
_NOTE_FIELDS: tuple[str, ...] = ("path", "size", "mtime_ns", "question", "topic", "difficulty", "missing")
_NOTE_FIELDS += ("fm_last_reviewed", "fm_next_review", "fm_review_count", "fm_mastery")


@dataclass
class _Card:
    id: int
    note_id: int
    values: dict[str, Any]  # CARD_FIELDS, times aware UTC, suspended a bool
    note: dict[str, Any]  # _NOTE_FIELDS


def grade_note(path: str, rating: int, db: str | None, notes: str | None) -> GradeOutcome | None:
    """Grade the note at `path` (as the user typed it) and write it back; None: use the Study."""
    url = config.database_url(db)
    if not url.startswith("sqlite:///"):
        return None
    db_file = Path(url.removeprefix("sqlite:///"))
    settings = config.load_settings()
    if not settings.write_back or not db_file.is_file():
        return None  # without write-back a hand edit goes unseen by a grade: the Study rescans first
    root = config.notes_root(notes)
    health.check_file(db_file)
    try:
        con = sqlite3.connect(db_file, timeout=busy_timeout_ms() / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise _one_line(db_file, exc) from exc
    try:
        return SqliteGrader(con, root, settings, memory.make_scheduler(settings)).grade(db_file, path, rating)
    except sqlite3.Error as exc:
        raise _one_line(db_file, exc) from exc
    finally:
        con.close()


def _one_line(db: Path, exc: sqlite3.Error) -> Exception:
    return health.describe(db, exc) or exc


def from_db(value: str | None) -> datetime | None:
    """SQLAlchemy's SQLite DateTime text (naive UTC) -> aware UTC."""
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


def to_db(value: datetime | None) -> str | None:
    """Aware -> the text SQLAlchemy's SQLite DateTime stores (store.sql_values)."""
    return db_datetime(value)


def _snapshot(values: dict[str, Any]) -> dict[str, Any]:
    """As facade.reviewing.snapshot: times as naive UTC ISO 8601."""
    out = dict(values)
    for key in _TIMES:
        if out[key] is not None:
            out[key] = out[key].astimezone(UTC).replace(tzinfo=None).isoformat()
    return out


def _became_leech(lapses: int, threshold: int) -> bool:
    """schedule.leech.became_leech (that module imports SQLAlchemy); a test checks they agree."""
    if lapses < threshold:
        return False
    return (lapses - threshold) % max(1, threshold // 2) == 0


@dataclass
class Graded:
    """A grade committed by `SqliteGrader.grade_card`, its write-back still to do."""

    card: _Card
    view: CardView
    log_id: int
    leech: bool


class SqliteGrader:
    """A note card's grade and write-back on a sqlite3 connection (see the module docstring).

    The CLI opens its own connection; the Study lends one of its engine's (pragmas already set)."""

    def __init__(
        self,
        con: sqlite3.Connection,
        root: Path,
        settings: config.Settings,
        scheduler: Any,
        *,
        set_pragmas: bool = True,
    ) -> None:
        self.con = con
        self.root = root
        self.settings = settings
        self.scheduler = scheduler
        if set_pragmas:
            con.execute("PRAGMA foreign_keys=ON")
            con.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")

    @contextmanager
    def _write(self) -> Iterator[None]:
        """A write transaction that holds the write lock from its first read (store.engine's rule)."""
        self.con.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def grade(self, db: Path, path: str, rating: int) -> GradeOutcome | None:
        """The CLI's grade of the note at `path`; None: the Study must do it."""
        if revision.stamp(self.con) != revision.HEAD:
            return None  # a migration is due: Alembic, through the Study
        health.backup_if_due(db)  # what opening the Study does at head
        rel = self._relative(path)
        if rel is None:
            return None
        found = self.con.execute(
            "SELECT cards.id FROM cards JOIN notes ON notes.id = cards.note_id WHERE notes.path = ? AND cards.kind = ?",
            (rel, CardKind.NOTE.value),
        ).fetchone()
        if found is None:
            return None  # a file the index has not seen: the Study rescans
        now = config.now()
        graded = self.grade_card(found[0], Rating(rating), now, None)
        if graded is None:
            return None
        wrote, message = self.write_back(graded, now)
        view = graded.view
        return GradeOutcome(
            card=view, rating=Rating(rating), interval=view.due - now, wrote_back=wrote, message=message,
            leech=graded.leech,
        )  # fmt: skip

    def grade_card(self, card_id: int, rating: Rating, now: datetime, duration_ms: int | None) -> Graded | None:
        """One write transaction: the card's new state and its review log. None, with nothing
        written, for a card that is not a note's or whose file changed since it was indexed."""
        with self._write():
            card = self._card(card_id)
            if card is None or self._changed_on_disk(card.note):
                return None
            view, log_id, leech = self._record(card, rating, now, duration_ms)
        return Graded(card, view, log_id, leech)

    def write_back(self, graded: Graded, now: datetime) -> tuple[bool, str | None]:
        view = graded.view
        values = {
            "last_reviewed": config.study_day(now, self.settings.day_starts_at).isoformat(),
            "next_review": memory.due_to_date(view.due, self.settings.day_starts_at).isoformat(),
            "review_count": view.reviews,
            "mastery_level": memory.mastery(self.scheduler, view.stability),
        }
        card = graded.card
        return self._write_back(card.note_id, values, card.note["path"], view.reviews, graded.log_id)

    def _relative(self, path: str) -> str | None:
        """As facade.cards.card_for_path: relative to the working directory, then to the library."""
        p = Path(path)
        tried = [p.resolve()] if p.is_absolute() else [(Path.cwd() / p).resolve(), (self.root / p).resolve()]
        root = self.root.resolve()
        for candidate in tried:
            if candidate.is_relative_to(root):
                rel = candidate.relative_to(root).as_posix()
                if self.con.execute("SELECT 1 FROM notes WHERE path = ?", (rel,)).fetchone():
                    return rel
        return None

    def _card(self, card_id: int) -> _Card | None:
        columns = ", ".join([*(f"cards.{c}" for c in CARD_FIELDS), "cards.note_id"])
        columns += ", " + ", ".join(f"notes.{c}" for c in _NOTE_FIELDS)
        row = self.con.execute(
            f"SELECT {columns} FROM cards JOIN notes ON notes.id = cards.note_id WHERE cards.id = ?", (card_id,)
        ).fetchone()
        if row is None:
            return None
        values = dict(zip(CARD_FIELDS, row[: len(CARD_FIELDS)], strict=True))
        for key in _TIMES:
            values[key] = from_db(values[key])
        values["suspended"] = bool(values["suspended"])
        note = dict(zip(_NOTE_FIELDS, row[len(CARD_FIELDS) + 1 :], strict=True))
        return _Card(card_id, row[len(CARD_FIELDS)], values, note)

    def _changed_on_disk(self, note: dict[str, Any]) -> bool:
        try:
            st = (self.root / note["path"]).stat()
        except OSError:
            return False
        return bool(st.st_size != note["size"] or st.st_mtime_ns != note["mtime_ns"])

    def _record(
        self, card: _Card, rating: Rating, now: datetime, duration_ms: int | None
    ) -> tuple[CardView, int, bool]:
        """The card's new state and its review log, as facade.reviewing._grade records them."""
        before = card.values
        fcard = memory.to_fsrs(
            card.id, before["state"], before["step"], before["stability"], before["difficulty"], before["due"],
            before["last_review"],
        )  # fmt: skip
        scheduler = self.scheduler
        fcard, _log = memory.review(scheduler, fcard, rating, now, before["reps"], duration_ms)
        after = {**before, **memory.from_fsrs(fcard), "buried_until": None}
        after["reps"] = before["reps"] + 1
        lapsed = before["state"] == REVIEW and rating == Rating.Again
        after["lapses"] = before["lapses"] + lapsed
        leech = lapsed and _became_leech(after["lapses"], self.settings.leech_threshold)
        if leech and self.settings.leech_action == "suspend":
            after["suspended"] = True
        note = card.note
        fm_before = {
            "last_reviewed": note["fm_last_reviewed"],
            "next_review": note["fm_next_review"],
            "review_count": note["fm_review_count"],
            "mastery_level": note["fm_mastery"],
        }
        device = self.con.execute("SELECT value FROM store_meta WHERE key = 'device_id'").fetchone()
        self.con.execute(
            "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?, "
            "reps = ?, lapses = ?, suspended = ?, buried_until = ? WHERE id = ?",
            (*(to_db(after[k]) if k in _TIMES else after[k] for k in CARD_FIELDS), card.id),
        )
        snapshots = _snapshot(before), _snapshot(after)
        figures = review_figures(*snapshots, now)  # the log's plain columns, as the ORM's defaults fill them
        log_id = self.con.execute(
            "INSERT INTO review_logs (uid, device_id, card_id, rating, reviewed_at, duration_ms, state_before, "
            "state_after, before, after, frontmatter_before, last_interval_days, interval_days, stability, "
            "difficulty) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                uuid.uuid4().hex,
                None if device is None else device[0],
                card.id,
                int(rating),
                to_db(now),
                duration_ms,
                before["state"],
                after["state"],
                json.dumps(snapshots[0], ensure_ascii=False),
                json.dumps(snapshots[1], ensure_ascii=False),
                json.dumps(fm_before, ensure_ascii=False),
                figures["last_interval_days"],
                figures["interval_days"],
                figures["stability"],
                figures["difficulty"],
            ),
        ).lastrowid
        assert log_id is not None
        view = CardView(
            card_id=card.id,
            kind=CardKind.NOTE,
            title=note["question"],
            topic=note["topic"],
            state=CardState(after["state"]),
            due=after["due"],
            stability=after["stability"],
            difficulty=after["difficulty"],
            retrievability=memory.retrievability(scheduler, after["stability"], after["last_review"], now),
            reviews=after["reps"],
            lapses=after["lapses"],
            suspended=after["suspended"],
            buried=False,
            note_id=card.note_id,
            path=note["path"],
            note_difficulty=note["difficulty"],
            missing=bool(note["missing"]),
        )
        return view, log_id, leech

    def _write_back(
        self, note_id: int, values: dict[str, Any], rel: str, reps: int, log_id: int
    ) -> tuple[bool, str | None]:
        """As FrontMatterSync.write: under the write lock, skipped when a newer grade overtook it."""
        with self._write():
            row = self.con.execute("SELECT content_hash FROM notes WHERE id = ?", (note_id,)).fetchone()
            if row is None:
                return False, None
            current = self.con.execute(
                "SELECT reps FROM cards WHERE note_id = ? AND kind = ?", (note_id, CardKind.NOTE.value)
            ).fetchone()
            if current is not None and current[0] != reps:
                return False, None
            path = self.root / rel
            try:
                data, first_read, patched = patch_file(path, lambda raw: update_front_matter(raw, values))
                st = path.stat()
            except GaveUp:
                return False, t("trust.writeback.conflict", path=_display(path), tries=WRITE_TRIES)
            except WriteBackError as exc:
                return False, t("core.writeback.failed", path=_display(path), reason=exc)
            except OSError as exc:
                return False, t("core.writeback.failed", path=_display(path), reason=exc.strerror or exc)
            if data != patched:
                self._keep_heads(log_id, patched, data)
            if hashlib.sha256(first_read).hexdigest() == row[0]:
                self.con.execute(
                    "UPDATE notes SET size = ?, mtime_ns = ?, content_hash = ?, fm_last_reviewed = ?, "
                    "fm_next_review = ?, fm_review_count = ?, fm_mastery = ? WHERE id = ?",
                    (
                        st.st_size,
                        st.st_mtime_ns,
                        hashlib.sha256(data).hexdigest(),
                        values["last_reviewed"],
                        values["next_review"],
                        values["review_count"],
                        values["mastery_level"],
                        note_id,
                    ),
                )
        return True, None

    def _keep_heads(self, log_id: int, before: bytes, after: bytes) -> None:
        row = self.con.execute("SELECT frontmatter_before FROM review_logs WHERE id = ?", (log_id,)).fetchone()
        if row is None:
            return
        kept = json.loads(row[0]) if row[0] is not None else {}
        kept = dict(kept or {})
        kept["_file"] = {
            "before": front_matter_head(before).decode("utf-8"),
            "after": front_matter_head(after).decode("utf-8"),
        }
        self.con.execute(
            "UPDATE review_logs SET frontmatter_before = ? WHERE id = ?", (json.dumps(kept, ensure_ascii=False), log_id)
        )


def _display(path: Path) -> str:
    from qkvstudy.notes.library import display_path  # only for a problem's line

    return display_path(path)
