"""The one object the CLI and the TUI talk to: a library of notes and its SQLite schedule.

    study = Study.open(db=None, notes=None, write_back=None)   # runs migrations; does not scan
    study.scan(progress)            -> ScanReport   incremental rescan; progress(done, total)
    study.next_card(topic, exclude) -> CardView | None
    study.preview(card_id)          -> {rating: interval}
    study.grade(card_id, rating)    -> GradeOutcome  committed at once, then written back
    study.undo()                    -> CardView | None
    ...

Everything returned is a plain value (views.py). A Study holds one engine; it is not shared
across threads (open another one in a worker: opening is cheap).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import case, func, or_, select, update
from sqlalchemy.orm import Session

from qkvstudy import config
from qkvstudy.notes.library import Indexer, copy_into_library, display_path
from qkvstudy.notes.links import link_target_path
from qkvstudy.notes.writeback import WriteBackError, update_front_matter, write_note_atomically
from qkvstudy.schedule import memory
from qkvstudy.schedule.queue import DRILL_TOPIC, candidates, done_today, eligible, related_ids, review_order
from qkvstudy.store.engine import make_engine, migrate, session_factory
from qkvstudy.store.models import Card, DrillAttempt, Note, ReviewLog, naive, utc
from qkvstudy.views import (
    LEARNING,
    NEW,
    RELEARNING,
    REVIEW,
    CardView,
    DayStats,
    GradeOutcome,
    NoteContent,
    Problem,
    RelatedLink,
    ScanReport,
    Section,
    TopicCount,
)

SCHEDULE_KEYS = ("last_reviewed", "next_review", "review_count", "mastery_level")
_CARD_FIELDS = (
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


class _ChangedOnDisk(Exception):
    """The note's file changed since it was indexed: re-index before grading."""


class StudyError(Exception):
    """Something the user asked for that cannot be done (unknown card, nothing to undo): one line."""


class Study:
    def __init__(self, db_url: str, notes_root: Path, settings: config.Settings, write_back: bool | None = None):
        self.db_url = db_url
        self.root = notes_root
        self.settings = settings
        self.write_back = settings.write_back if write_back is None else write_back
        self.engine = make_engine(db_url)
        migrate(self.engine)
        self.sessions = session_factory(self.engine)
        self.scheduler = memory.make_scheduler(settings)
        self._last_note_id: int | None = None
        self._reviews: tuple[tuple, list[int]] | None = None  # (topic, day) -> cached review order
        self._pending_index: dict[int, dict] = {}  # note id -> what a write-back put on disk
        self._ensure_drill_cards()

    @classmethod
    def open(
        cls,
        db: str | None = None,
        notes: str | Path | None = None,
        write_back: bool | None = None,
        settings: config.Settings | None = None,
    ) -> Study:
        return cls(
            config.database_url(db),
            config.notes_root(str(notes) if notes else None),
            settings or config.load_settings(),
            write_back,
        )

    def close(self) -> None:
        if self._pending_index:
            with self.sessions.begin() as s:
                self._flush_index(s)
        self.engine.dispose()

    # --- time ---------------------------------------------------------------------------

    def clock(self) -> datetime:
        return config.now()

    def _day_bounds(self, now: datetime) -> tuple[datetime, datetime]:
        start = config.day_start(now, self.settings.day_starts_at)
        return start, start + timedelta(days=1)

    # --- library --------------------------------------------------------------------------

    def scan(self, progress: Callable[[int, int], None] | None = None, workers: int | None = None) -> ScanReport:
        self._reviews = None  # edits may have rescheduled notes
        if self._pending_index:
            with self.sessions.begin() as s:
                self._flush_index(s)
        return self._indexer(self.clock()).scan(progress, workers)

    def import_paths(self, paths: list[Path], progress=None) -> ScanReport:
        """Bring files and folders into the library (outside ones are copied), then rescan."""
        from qkvstudy.notes.library import collect_markdown

        problems: list[Problem] = []
        root = self.root.resolve()
        for source in collect_markdown(paths):
            resolved = source.resolve()
            if resolved.is_relative_to(root):
                continue  # indexed in place by the scan
            _dest, problem = copy_into_library(resolved, root)
            if problem:
                problems.append(problem)
        report = self.scan(progress)
        report.problems[:0] = problems
        report.rejected += len(problems)
        return report

    def _indexer(self, now: datetime) -> Indexer:
        def initial(values: dict) -> dict:
            if values.get("osr") and not (values["fm_review_count"] and values["fm_last_reviewed"]):
                from qkvstudy.schedule import osr  # a schedule from Obsidian's SR plugin, unless ours has one

                state = osr.initial_state(
                    values["osr"], values["fm_review_count"], self.scheduler, self.settings.day_starts_at
                )
                if state is not None:
                    return state
            return memory.initial_state(
                created=values["fm_created"],
                last_reviewed=values["fm_last_reviewed"],
                next_review=values["fm_next_review"],
                review_count=values["fm_review_count"],
                author_difficulty=values["difficulty"],
                now=now,
                scheduler=self.scheduler,
                day_starts_at=self.settings.day_starts_at,
            )

        return Indexer(self.sessions, self.root, now, initial, self._user_edit)

    def _user_edit(self, session: Session, note: Note, values: dict) -> None:
        """A `next_review` the user changed by hand reschedules the note: the user wins."""
        next_review = values["fm_next_review"]
        if next_review is None or next_review == note.fm_next_review:
            return
        card = session.scalars(select(Card).where(Card.note_id == note.id, Card.kind == "note")).first()
        if card is None:
            return
        day = datetime.fromisoformat(next_review).date()
        if memory.due_to_date(utc(card.due), self.settings.day_starts_at) == day:
            return  # it says what we wrote (e.g. a write-back whose index update was interrupted)
        card.due = naive(memory.date_to_due(day, self.settings.day_starts_at))

    def reindex_note(self, note_id: int) -> list[Problem]:
        """After an outside edit ($EDITOR): a rescan is cheap since only changed files are read."""
        return self.scan().problems

    def note_file(self, note_id: int) -> Path:
        with self.sessions() as s:
            note = s.get(Note, note_id)
            if note is None:
                raise StudyError(f"no note with id {note_id}")
            return self.root / note.path

    def _ensure_drill_cards(self) -> None:
        """One card per drill type (not attached to a note), created on first use of a database."""
        from qkvstudy.drills import DRILL_TYPES  # here, not at the top: NumPy is slow to import

        now = naive(self.clock())
        with self.sessions.begin() as s:
            have = set(s.scalars(select(Card.drill_type).where(Card.kind == "drill", Card.note_id.is_(None))))
            for ordinal, type_id in enumerate(DRILL_TYPES, start=1):
                if type_id not in have:
                    s.add(
                        Card(
                            kind="drill",
                            note_id=None,
                            ordinal=ordinal,
                            drill_type=type_id,
                            drill_level=1,
                            state=NEW,
                            due=now,
                            reps=0,
                            lapses=0,
                            suspended=False,
                        )
                    )

    # --- views -----------------------------------------------------------------------------

    def _view(self, card: Card, note: Note | None, now: datetime) -> CardView:
        if card.kind == "drill":
            title = _drill_title(card.drill_type)
            topic = note.topic if note is not None else DRILL_TOPIC
        else:
            title, topic = note.question, note.topic
        return CardView(
            card_id=card.id,
            kind=card.kind,
            title=title,
            topic=topic,
            state=card.state,
            due=utc(card.due),
            stability=card.stability,
            difficulty=card.difficulty,
            retrievability=memory.retrievability(self.scheduler, card.stability, utc(card.last_review), now),
            reviews=card.reps,
            lapses=card.lapses,
            suspended=card.suspended,
            buried=bool(card.buried_until and utc(card.buried_until) > now),
            note_id=card.note_id,
            path=note.path if note is not None else None,
            note_difficulty=note.difficulty if note is not None else None,
            drill_type=card.drill_type,
            drill_level=card.drill_level,
            drill_spec=card.drill_spec,
            missing=bool(note is not None and note.missing),
        )

    def card(self, card_id: int) -> CardView:
        with self.sessions() as s:
            card = s.get(Card, card_id)
            if card is None:
                raise StudyError(f"no card with id {card_id}")
            return self._view(card, card.note, self.clock())

    def card_for_path(self, path: str | Path) -> CardView:
        """The note card of a file given as the user typed it (relative to cwd or the library)."""
        p = Path(path)
        candidates_ = [p.resolve()] if p.is_absolute() else [(Path.cwd() / p).resolve(), (self.root / p).resolve()]
        root = self.root.resolve()
        with self.sessions() as s:
            for c in candidates_:
                if c.is_relative_to(root):
                    rel = c.relative_to(root).as_posix()
                    card = s.scalars(select(Card).join(Note).where(Note.path == rel, Card.kind == "note")).first()
                    if card is not None:
                        return self._view(card, card.note, self.clock())
        raise StudyError(f"{path}: not a note in the library {display_path(self.root)}")

    def note_content(self, note_id: int) -> NoteContent:
        with self.sessions() as s:
            note = s.get(Note, note_id)
            if note is None:
                raise StudyError(f"no note with id {note_id}")
            sections = [Section(t, md) for t, md in json.loads(note.sections_json)]
            answer = sections[note.answer_index] if note.answer_index is not None and sections else None
            details = tuple(sec for i, sec in enumerate(sections) if i != note.answer_index)
            links = json.loads(note.related_json)
            targets = {link_target_path(t) for _title, t, _sim in links}
            ids = dict(s.execute(select(Note.path, Note.id).where(Note.path.in_(targets))).all()) if targets else {}
            related = tuple(RelatedLink(title, t, sim, ids.get(link_target_path(t))) for title, t, sim in links)
            return NoteContent(
                note_id=note.id,
                path=note.path,
                question=note.question,
                answer=answer,
                details=details,
                related=related,
                tags=tuple(t.name for t in note.tags),
                difficulty=note.difficulty,
            )

    # --- the queue ------------------------------------------------------------------------------

    def next_card(
        self, topic: str | None = None, exclude: tuple[int, ...] = (), after: CardView | None = None
    ) -> CardView | None:
        """The next card of the queue.

        `after` is a card on screen that is about to be graded (a screen preparing the next card
        in advance): it is left out, counts against today's limits, and its note's related notes
        are not picked right after it.
        """
        now = self.clock()
        start, tomorrow = self._day_bounds(now)
        last_note = self._last_note_id
        if after is not None:
            exclude = (*exclude, after.card_id)
            last_note = after.note_id if after.note_id is not None else last_note
        with self.sessions() as s:
            reviewed, introduced = done_today(s, start)
            if after is not None:
                reviewed += after.state != NEW
                introduced += after.state == NEW
            key = (topic, tomorrow)
            if self._reviews is None or self._reviews[0] != key:
                self._reviews = (key, review_order(s, now, tomorrow, topic))
            ids = candidates(
                s,
                now,
                tomorrow,
                topic,
                tuple(exclude),
                self.settings.new_per_day - introduced,
                self.settings.reviews_per_day - reviewed,
                self._reviews[1],
            )
            if not ids:
                return None
            rows = {
                c.id: (c, n)
                for c, n in s.execute(
                    select(Card, Note).outerjoin(Note, Card.note_id == Note.id).where(Card.id.in_(ids))
                )
            }
            chosen = ids[0]
            if last_note is not None and len(ids) > 1:
                avoid = related_ids(s, last_note) | {last_note}
                chosen = next((i for i in ids if rows[i][0].note_id not in avoid), ids[0])
            card, note = rows[chosen]
            return self._view(card, note, now)

    def queue_size(self, topic: str | None = None) -> int:
        now = self.clock()
        start, tomorrow = self._day_bounds(now)
        with self.sessions() as s:
            reviewed, introduced = done_today(s, start)
            base = eligible(now, topic)
            counts = dict(
                s.execute(
                    select(Card.state, func.count())
                    .where(
                        base,
                        or_(
                            Card.state.in_((LEARNING, RELEARNING)) & (Card.due <= naive(now + timedelta(minutes=20))),
                            Card.state.in_((NEW, REVIEW)) & (Card.due < naive(tomorrow)),
                        ),
                    )
                    .group_by(Card.state)
                ).all()
            )
        return (
            counts.get(LEARNING, 0)
            + counts.get(RELEARNING, 0)
            + min(counts.get(REVIEW, 0), max(0, self.settings.reviews_per_day - reviewed))
            + min(counts.get(NEW, 0), max(0, self.settings.new_per_day - introduced))
        )

    def due(self, topic: str | None = None, include_new: bool = True) -> list[CardView]:
        """Everything due by the end of today's study day (learning cards: due now), queue order aside."""
        now = self.clock()
        _start, tomorrow = self._day_bounds(now)
        with self.sessions() as s:
            states = (REVIEW, LEARNING, RELEARNING, NEW) if include_new else (REVIEW, LEARNING, RELEARNING)
            rows = s.scalars(
                select(Card)
                .where(eligible(now, topic), Card.state.in_(states), Card.due < naive(tomorrow))
                .order_by(Card.due, Card.id)
            ).all()
            notes = {
                n.id: n for n in s.scalars(select(Note).where(Note.id.in_({c.note_id for c in rows if c.note_id})))
            }
            return [self._view(c, notes.get(c.note_id), now) for c in rows]

    def topics(self) -> list[TopicCount]:
        now = self.clock()
        _start, tomorrow = self._day_bounds(now)
        topic = case((Card.note_id.is_(None), DRILL_TOPIC), else_=Note.topic)
        due_now = Card.due < naive(tomorrow)
        stmt = (
            select(
                topic.label("topic"),
                func.sum(case(((Card.state == NEW) & due_now, 1), else_=0)),
                func.sum(case((Card.state.in_((LEARNING, RELEARNING)), 1), else_=0)),
                func.sum(case(((Card.state == REVIEW) & due_now, 1), else_=0)),
                func.count(),
            )
            .select_from(Card)
            .outerjoin(Note, Card.note_id == Note.id)
            .where(eligible(now, None))
            .group_by(topic)
            .order_by(topic)
        )
        with self.sessions() as s:
            return [
                TopicCount(t or "", int(n), int(lrn), int(d), int(total)) for t, n, lrn, d, total in s.execute(stmt)
            ]

    def day_stats(self) -> DayStats:
        now = self.clock()
        start, tomorrow = self._day_bounds(now)
        with self.sessions() as s:
            reviewed, again, new_seen, ms = s.execute(
                select(
                    func.count(),
                    func.sum(case((ReviewLog.rating == 1, 1), else_=0)),
                    func.sum(case((ReviewLog.state_before == NEW, 1), else_=0)),
                    func.sum(ReviewLog.duration_ms),
                ).where(ReviewLog.reviewed_at >= naive(start))
            ).one()
            base = eligible(now, None)
            due_left = s.scalar(
                select(func.count()).where(
                    base,
                    or_(
                        Card.state.in_((LEARNING, RELEARNING)) & (Card.due <= naive(now)),
                        (Card.state == REVIEW) & (Card.due < naive(tomorrow)),
                    ),
                )
            )
            new_avail = s.scalar(select(func.count()).where(base, Card.state == NEW, Card.due < naive(tomorrow)))
        return DayStats(
            reviewed=reviewed or 0,
            again=again or 0,
            new_seen=new_seen or 0,
            seconds=(ms or 0) / 1000,
            due_left=min(due_left or 0, max(0, self.settings.reviews_per_day - (reviewed or 0) + (new_seen or 0))),
            new_left=min(new_avail or 0, max(0, self.settings.new_per_day - (new_seen or 0))),
        )

    def browse(
        self, text: str = "", sort: str = "due", descending: bool = False, limit: int | None = None
    ) -> list[CardView]:
        """Every note (not drills) with its card, filtered by title and body, sorted."""
        order = {
            "title": Note.question,
            "topic": Note.topic,
            "state": Card.state,
            "due": Card.due,
            "stability": Card.stability,
            "reviews": Card.reps,
            "path": Note.path,
        }.get(sort, Card.due)
        stmt = select(Card, Note).join(Note, Card.note_id == Note.id).where(Card.kind == "note")
        needle = text.strip().lower()
        if needle:
            for word in needle.split():
                stmt = stmt.where(Note.search_text.contains(word, autoescape=True))
        stmt = stmt.order_by(order.desc() if descending else order, Card.id)
        if limit:
            stmt = stmt.limit(limit)
        now = self.clock()
        with self.sessions() as s:
            return [self._view(c, n, now) for c, n in s.execute(stmt)]

    # --- grading ----------------------------------------------------------------------------------

    def preview(self, card_id: int) -> dict[int, timedelta]:
        """The interval each grade would give now (what the grade buttons show)."""
        now = self.clock()
        with self.sessions() as s:
            card = s.get(Card, card_id)
            if card is None:
                raise StudyError(f"no card with id {card_id}")
            fcard = self._fsrs(card)
            return {r: memory.review(self.scheduler, fcard, r, now, card.reps)[0].due - now for r in (1, 2, 3, 4)}

    def _fsrs(self, card: Card):
        return memory.to_fsrs(
            card.id, card.state, card.step, card.stability, card.difficulty, utc(card.due), utc(card.last_review)
        )

    def grade(self, card_id: int, rating: int, duration_s: float | None = None) -> GradeOutcome:
        """Grade a card: one transaction (card state + review log), committed at once; then the
        note's front-matter is written back (if enabled)."""
        if rating not in (1, 2, 3, 4):
            raise StudyError(f"grade must be 1–4 (again, hard, good, easy), not {rating!r}")
        try:
            return self._grade(card_id, rating, duration_s, None)
        except _ChangedOnDisk:
            self.scan()  # re-index first so a write-back never overwrites what the user just edited
            return self._grade(card_id, rating, duration_s, "the note changed on disk; re-indexed before grading")

    def _grade(self, card_id: int, rating: int, duration_s: float | None, message: str | None) -> GradeOutcome:
        now = self.clock()
        duration_ms = int(duration_s * 1000) if duration_s is not None else None
        with self.sessions.begin() as s:
            self._flush_index(s)
            row = s.execute(
                select(Card, Note).outerjoin(Note, Card.note_id == Note.id).where(Card.id == card_id)
            ).first()
            if row is None:
                raise StudyError(f"no card with id {card_id}")
            card, note = row
            is_note = note is not None and card.kind == "note"
            if (
                is_note
                and self.write_back
                and message is None
                and self._changed_on_disk(note.path, note.size, note.mtime_ns)
            ):
                raise _ChangedOnDisk  # rolls back; nothing was written yet
            before = _snapshot(card)
            fcard, _log = memory.review(self.scheduler, self._fsrs(card), rating, now, card.reps, duration_ms)
            for key, value in memory.from_fsrs(fcard).items():
                setattr(card, key, naive(value) if isinstance(value, datetime) else value)
            card.reps += 1
            if before["state"] == REVIEW and rating == 1:
                card.lapses += 1
            card.buried_until = None
            fm_before = None
            if is_note:
                fm_before = json.dumps(
                    {
                        "last_reviewed": note.fm_last_reviewed,
                        "next_review": note.fm_next_review,
                        "review_count": note.fm_review_count,
                        "mastery_level": note.fm_mastery,
                    }
                )
            s.add(
                ReviewLog(
                    card_id=card.id,
                    rating=rating,
                    reviewed_at=naive(now),
                    duration_ms=duration_ms,
                    state_before=before["state"],
                    state_after=card.state,
                    before=json.dumps(before),
                    after=json.dumps(_snapshot(card)),
                    frontmatter_before=fm_before,
                )
            )
            view = self._view(card, note, now)
        if card.note_id is not None:
            self._last_note_id = card.note_id
        wrote = False
        if is_note and self.write_back:
            values = {
                "last_reviewed": config.study_day(now, self.settings.day_starts_at).isoformat(),
                "next_review": memory.due_to_date(view.due, self.settings.day_starts_at).isoformat(),
                "review_count": view.reviews,
                "mastery_level": memory.mastery(self.scheduler, view.stability),
            }
            wrote, problem = self._write_front_matter(note.id, values, note.path)
            message = problem or message
        return GradeOutcome(card=view, rating=rating, interval=view.due - now, wrote_back=wrote, message=message)

    def _changed_on_disk(self, path: str, size: int, mtime_ns: int) -> bool:
        try:
            st = (self.root / path).stat()
        except OSError:
            return False
        return st.st_size != size or st.st_mtime_ns != mtime_ns

    def _write_front_matter(self, note_id: int, values: dict, rel: str | None = None) -> tuple[bool, str | None]:
        """Patch the scheduling values in the note's file (atomically) and remember what we wrote.

        The index learns the file's new size/mtime/hash with the next transaction (`_flush_index`),
        not in a commit of its own: if the process dies first, the next scan re-reads the file and
        sees that its next_review is the card's due date, so it is not mistaken for a hand edit.
        """
        if rel is None:
            with self.sessions() as s:
                rel = s.scalar(select(Note.path).where(Note.id == note_id))
        path = self.root / rel
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
        self._pending_index[note_id] = dict(
            size=st.st_size, mtime_ns=st.st_mtime_ns, content_hash=hashlib.sha256(data).hexdigest(), **fm
        )
        return True, None

    def _flush_index(self, session: Session) -> None:
        """Record in the index what the last write-backs put on disk."""
        pending, self._pending_index = self._pending_index, {}
        for note_id, values in pending.items():
            session.execute(update(Note).where(Note.id == note_id).values(**values))

    def undo(self) -> CardView | None:
        """Undo the last grade: the card's exact previous state, its log removed, front-matter restored."""
        self._reviews = None
        with self.sessions.begin() as s:
            self._flush_index(s)
            log = s.scalars(select(ReviewLog).order_by(ReviewLog.id.desc()).limit(1)).first()
            if log is None:
                return None
            card = s.get(Card, log.card_id)
            _restore(card, json.loads(log.before))
            fm_before = json.loads(log.frontmatter_before) if log.frontmatter_before else None
            s.delete(log)
            s.flush()
            view = self._view(card, card.note, self.clock())
        if fm_before is not None and self.write_back and view.note_id is not None:
            self._write_front_matter(
                view.note_id, {k: v for k, v in fm_before.items() if v is not None or k == "last_reviewed"}
            )
        return view

    def _set(self, card_id: int, **values) -> CardView:
        self._reviews = None
        with self.sessions.begin() as s:
            card = s.get(Card, card_id)
            if card is None:
                raise StudyError(f"no card with id {card_id}")
            for key, value in values.items():
                setattr(card, key, value)
            s.flush()
            return self._view(card, card.note, self.clock())

    def suspend(self, card_id: int) -> CardView:
        return self._set(card_id, suspended=True)

    def unsuspend(self, card_id: int) -> CardView:
        return self._set(card_id, suspended=False)

    def bury(self, card_id: int) -> CardView:
        """Hide the card until the next study day begins."""
        _start, tomorrow = self._day_bounds(self.clock())
        return self._set(card_id, buried_until=naive(tomorrow))

    def reset(self, card_id: int) -> CardView:
        """Forget the card's memory state (history kept): new again, due today."""
        now = self.clock()
        view = self._set(
            card_id,
            state=NEW,
            step=None,
            stability=None,
            difficulty=None,
            due=naive(now),
            last_review=None,
            reps=0,
            lapses=0,
            buried_until=None,
        )
        if view.kind == "note" and view.note_id is not None and self.write_back:
            self._write_front_matter(
                view.note_id,
                {
                    "last_reviewed": None,
                    "review_count": 0,
                    "mastery_level": 0.0,
                    "next_review": config.study_day(now, self.settings.day_starts_at).isoformat(),
                },
            )
        return view

    # --- drills ---------------------------------------------------------------------------------------

    def drill_card(self, drill_type: str) -> CardView:
        with self.sessions() as s:
            card = s.scalars(
                select(Card).where(Card.kind == "drill", Card.note_id.is_(None), Card.drill_type == drill_type)
            ).first()
            if card is None:
                raise StudyError(f"unknown drill type {drill_type!r}")
            return self._view(card, None, self.clock())

    def record_drill_attempt(
        self, card_id: int | None, drill_type: str, level: int, seed: int, answer, score: float, seconds: float | None
    ) -> None:
        with self.sessions.begin() as s:
            s.add(
                DrillAttempt(
                    card_id=card_id,
                    drill_type=drill_type,
                    level=level,
                    seed=int(seed),
                    answer=json.dumps(answer, ensure_ascii=False),
                    score=float(score),
                    seconds=seconds,
                    attempted_at=naive(self.clock()),
                )
            )

    def drill_attempts(self, limit: int = 50) -> list[dict]:
        with self.sessions() as s:
            rows = s.scalars(select(DrillAttempt).order_by(DrillAttempt.id.desc()).limit(limit)).all()
            return [
                dict(
                    card_id=r.card_id,
                    drill_type=r.drill_type,
                    level=r.level,
                    seed=r.seed,
                    answer=json.loads(r.answer),
                    score=r.score,
                    seconds=r.seconds,
                    attempted_at=utc(r.attempted_at),
                )
                for r in rows
            ]

    def review_logs(self, card_id: int | None = None) -> list[dict]:
        with self.sessions() as s:
            stmt = select(ReviewLog).order_by(ReviewLog.id)
            if card_id is not None:
                stmt = stmt.where(ReviewLog.card_id == card_id)
            return [
                dict(
                    card_id=r.card_id,
                    rating=r.rating,
                    reviewed_at=utc(r.reviewed_at),
                    duration_ms=r.duration_ms,
                    state_before=r.state_before,
                    state_after=r.state_after,
                )
                for r in s.scalars(stmt)
            ]

    def file_is_indexed(self, rel: str) -> bool:
        """Does the index (with this Study's write-backs not yet recorded) know the file as it is on disk?"""
        try:
            st = (self.root / rel).stat()
        except OSError:
            return False
        with self.sessions() as s:
            row = s.execute(select(Note.id, Note.size, Note.mtime_ns).where(Note.path == rel)).first()
        if row is None:
            return False
        known = self._pending_index.get(row.id, {"size": row.size, "mtime_ns": row.mtime_ns})
        return (known["size"], known["mtime_ns"]) == (st.st_size, st.st_mtime_ns)

    # --- related notes (qkvstudy.interop.related_library) -----------------------------------------

    def related_index(self):
        """The similarity model of the library, rebuilt only after a scan changed it."""
        from qkvstudy.interop.related_library import cached_index

        return cached_index(self, self.sessions)

    def suggested_related(self, note_id: int, top: int = 5) -> tuple[RelatedLink, ...]:
        """The notes `related --write` would link from this one, best first."""
        from qkvstudy.interop.related_library import suggestions

        return suggestions(self, self.sessions, note_id, top)


def _drill_title(type_id: str | None) -> str:
    from qkvstudy.drills import DRILL_TYPES

    known = DRILL_TYPES.get(type_id)
    return known.title if known else f"drill: {type_id}"


def _snapshot(card: Card) -> dict:
    out = {}
    for key in _CARD_FIELDS:
        value = getattr(card, key)
        out[key] = value.isoformat() if isinstance(value, datetime) else value
    return out


def _restore(card: Card, snap: dict) -> None:
    for key in _CARD_FIELDS:
        value = snap.get(key)
        if key in ("due", "last_review", "buried_until") and value is not None:
            value = datetime.fromisoformat(value)
        setattr(card, key, value)
