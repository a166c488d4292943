"""Index a library of note files into the store, incrementally.

One scan: walk the library for *.md, skip every file whose size and mtime match the index
(no read, no parse), read and hash the rest, parse only those whose content changed (both cores
when there are many) and, while that goes on, store each run of results in a write transaction:
- new path, content seen at a path that has vanished -> moved (the note keeps its id and history);
- new path, new content -> added; known path, new content -> updated;
- indexed path no longer on disk -> marked missing, history kept, never deleted;
- same content as another file on disk -> rejected with a line naming the other file.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from qkvstudy.i18n import t
from qkvstudy.notes.library_files import POOL_THRESHOLD, Progress, Reading, parse_all
from qkvstudy.notes.reading import FileResult, check_drill_spec, display_path, read_and_parse
from qkvstudy.notes.walk import walk_library
from qkvstudy.store import search_index
from qkvstudy.store.engine import Sessions
from qkvstudy.store.models import Card, Note, Tag, UtcDateTime, naive, note_links, note_tags
from qkvstudy.store.sql_values import insert_rows
from qkvstudy.views import CardKind, Problem, ScanReport

# FileResult, read_and_parse, check_drill_spec and display_path live in notes.reading now; they are
# re-exported here, where callers have always found them.
__all__ = [
    "POOL_THRESHOLD",
    "FileResult",
    "Indexer",
    "Progress",
    "check_drill_spec",
    "display_path",
    "read_and_parse",
    "walk_library",
]


class Indexer:
    """Applies scan results to the store.

    `initial_card(values)` gives a new note's starting card state from its front-matter values;
    `user_edit(session, note_row, values)` lets the scheduler honour a hand-edited next_review.
    """

    BATCH = 1000

    def __init__(
        self,
        sessions: Sessions,
        root: Path,
        now: datetime,
        initial_card: Callable[[dict[str, Any]], dict[str, Any]],
        user_edit: Callable[[Session, Note, dict[str, Any]], None],
    ) -> None:
        self.sessions = sessions
        self.root = root
        self.now = now
        self.initial_card = initial_card
        self.user_edit = user_edit

    def scan(
        self, progress: Progress | None = None, workers: int | None = None, ahead: Reading | None = None
    ) -> ScanReport:
        """Read and parse outside any lock; store what was read in short write transactions meanwhile.

        Another process may scan or grade at the same time. Each run of `BATCH` results is stored in
        a transaction of its own that begins IMMEDIATE (the write lock from its first read), against
        the index as it is then: when another connection committed since our last transaction
        (SQLite's `data_version`), the index is looked at afresh; ids are handed out only inside the
        transaction. So two scans that find the same new notes never collide, a grade waits for one
        run at most, never for the whole library, and what was stored stays stored if the scan stops.
        """
        with self.sessions() as session:
            known = _known(session, first_look=True)
        # A reading started ahead walked the library moments ago: its walk serves if the reading is
        # taken over; otherwise the library is walked afresh, as if nothing had been started.
        walked = ahead.walk_of(self.root) if ahead is not None else None
        on_disk = walked if walked is not None else walk_library(self.root)
        report, todo, hashes, gone = _compare(on_disk, known)
        if ahead is not None and not ahead.reads(self.root, todo, hashes):
            ahead.close()
            ahead = None
            if walked is not None:
                on_disk = walk_library(self.root)
                report, todo, hashes, gone = _compare(on_disk, known)
        if not todo and all(row.missing for row in gone):
            report.missing = len(gone)  # nothing to write: no write lock, no second look
            return report
        if progress:
            progress(0, len(todo))
        results = (
            ahead.results(progress) if ahead is not None else parse_all(self.root, todo, hashes, progress, workers)
        )
        _Runs(self, known, on_disk, report).store(results)
        return report

    def recheck(self, res: FileResult, seen: Any, now: Any) -> FileResult:
        """A file read as 'touched, not changed' against a row another process has changed since: parse it."""
        changed = seen is None or now is None or _version(seen) != _version(now)
        if res.values is None and res.rejected is None and changed:
            return read_and_parse(str(self.root), res.rel, now.content_hash if now is not None else None)
        return res


class _Runs:
    """A scan's results stored run by run, each run in a write transaction of its own (see Indexer.scan)."""

    def __init__(
        self, indexer: Indexer, first_look: dict[str, Any], on_disk: dict[str, tuple[int, int]], report: ScanReport
    ) -> None:
        self.ix, self.first_look, self.on_disk, self.report = indexer, first_look, on_disk, report
        self.apply: _Apply | None = None
        self.version: Any = None

    def store(self, results: Generator[FileResult]) -> None:
        try:
            with self.ix.sessions.writer() as conn:  # one connection: data_version compares its own transactions
                run: list[FileResult] = []
                for res in results:
                    run.append(res)
                    if len(run) >= Indexer.BATCH:
                        self._transaction(conn, run)
                        run = []
                self._transaction(conn, run, last=True)
        finally:
            results.close()  # a store that failed stops the reading now (workers and all), not when collected

    def _transaction(self, conn: Connection, run: list[FileResult], last: bool = False) -> None:
        with conn.begin(), Session(bind=conn) as session:
            version = _data_version(conn)
            if self.apply is None or version is None or version != self.version:
                self.apply = _Apply(self.ix, session, _known(session), self.on_disk, self.report)
            self.version = version
            apply = self.apply
            apply.session = session
            fresh = apply.known
            apply.run(self.ix.recheck(res, self.first_look.get(res.rel), fresh.get(res.rel)) for res in run)
            if last:
                apply.finish()
            session.flush()


def _compare(
    on_disk: dict[str, tuple[int, int]], known: dict[str, Any]
) -> tuple[ScanReport, list[str], list[str | None], list[Any]]:
    """(report counting the unchanged, files to read in order, their known hashes, indexed rows gone from disk)."""
    report = ScanReport()
    todo = []
    for rel, (size, mtime_ns) in on_disk.items():
        row = known.get(rel)
        if row is not None and not row.missing and row.size == size and row.mtime_ns == mtime_ns:
            report.unchanged += 1
        else:
            todo.append(rel)
    gone = [row for path, row in known.items() if path not in on_disk]
    todo.sort()
    hashes = [known[rel].content_hash if rel in known and not known[rel].missing else None for rel in todo]
    return report, todo, hashes, gone


def _data_version(conn: Connection) -> int | None:
    """Changes when another connection commits to the database (SQLite); None: no way to tell."""
    if conn.dialect.name != "sqlite":
        return None
    return int(conn.exec_driver_sql("PRAGMA data_version").scalar_one())


def _known(session: Session, first_look: bool = False) -> dict[str, Any]:
    """Indexed notes by path, as plain rows. The first look (outside the lock) only decides what to
    read, so it leaves out the question, the one column that grows with the library's text."""
    notes = Note.__table__.c  # Core columns: plain rows, no ORM entities
    columns = [notes.id, notes.path, notes.size, notes.mtime_ns, notes.content_hash, notes.missing]
    if not first_look:
        columns.append(notes.question)
    return {row.path: row for row in session.connection().execute(select(*columns))}


def _version(row: Any) -> tuple[int, str, bool]:
    """What tells that another process re-indexed a note since the first look."""
    return row.id, row.content_hash, row.missing


class _Apply:
    """One scan's bookkeeping: which content is where, what vanished, ids to hand out."""

    def __init__(
        self,
        indexer: Indexer,
        session: Session,
        known: dict[str, Any],
        on_disk: dict[str, tuple[int, int]],
        report: ScanReport,
    ) -> None:
        self.ix, self.session, self.known, self.report = indexer, session, known, report
        self.vanished = {path: row for path, row in known.items() if path not in on_disk}
        self.vanished_by_hash: dict[str, Any] = {}
        self.vanished_by_question: dict[str, list[Any]] = {}
        for row in self.vanished.values():
            self.vanished_by_hash.setdefault(row.content_hash, row)
            self.vanished_by_question.setdefault(row.question, []).append(row)
        # Content on disk -> its path. Files skipped by size+mtime keep their indexed hash.
        self.present = {row.content_hash: path for path, row in known.items() if path in on_disk and not row.missing}
        self.next_note_id = (session.scalar(select(func.max(Note.id))) or 0) + 1
        self.next_card_id = (session.scalar(select(func.max(Card.id))) or 0) + 1
        self.tag_ids: dict[str, int] = dict(session.execute(select(Tag.name, Tag.id)).all())
        self.next_tag_id = max(self.tag_ids.values(), default=0) + 1
        self.touched: list[dict[str, Any]] = []

    def run(self, results: Iterator[FileResult]) -> None:
        batch: list[FileResult] = []
        for res in results:
            row = self.known.get(res.rel)
            if row is not None and self.present.get(row.content_hash) == res.rel:
                del self.present[row.content_hash]  # this file's old content is no longer on disk
            self.classify(res, batch)
            if len(batch) >= Indexer.BATCH:
                self.insert(batch)
                batch = []
        if batch:
            self.insert(batch)
        if self.touched:
            self.session.execute(
                update(cast(Table, Note.__table__))
                .where(Note.__table__.c.id == bindparam("nid"))
                .values(size=bindparam("nsize"), mtime_ns=bindparam("nmtime")),
                self.touched,
            )
            self.touched = []

    def finish(self) -> None:
        """After the last result: what vanished and was not found moved is marked missing (history kept)."""
        newly_missing = [row.id for row in self.vanished.values() if not row.missing]
        if newly_missing:
            self.session.execute(
                update(Note).where(Note.id.in_(newly_missing)).values(missing=True, missing_since=naive(self.ix.now))
            )
        self.report.missing = len(self.vanished)

    def classify(self, res: FileResult, batch: list[FileResult]) -> None:
        report = self.report
        if res.rejected:
            report.rejected += 1
            report.problems.append(res.rejected)
            return
        holder = self.present.get(res.digest)
        if holder is not None and holder != res.rel:
            report.rejected += 1
            report.problems.append(
                Problem(
                    display_path(self.ix.root / res.rel),
                    None,
                    t("core.note.duplicate", other=display_path(self.ix.root / holder)),
                )
            )
            return
        self.present[res.digest] = res.rel
        if res.problems:
            shown = display_path(self.ix.root / res.rel)
            report.problems.extend(Problem(shown, line, reason) for line, reason in res.problems)
        row = self.known.get(res.rel)
        if row is not None:
            if row.content_hash == res.digest and not row.missing:
                # Touched, not changed (a checkout, a copy): only the stat is new.
                self.touched.append({"nid": row.id, "nsize": res.size, "nmtime": res.mtime_ns})
                report.unchanged += 1
            else:
                self.update(row.id, res)
                report.updated += 1
            return
        moved_from = self.vanished_by_hash.get(res.digest) if res.digest is not None else None
        if moved_from is None:
            # Moved *and* edited: the same question, where exactly one vanished note had it.
            question = res.question or ""
            same = [r for r in self.vanished_by_question.get(question, ()) if r.path in self.vanished]
            moved_from = same[0] if len(same) == 1 else None
        if moved_from is not None and moved_from.path in self.vanished:
            self.vanished.pop(moved_from.path)
            self.vanished_by_hash.pop(moved_from.content_hash, None)
            self.update(moved_from.id, res)
            report.moved += 1
            return
        batch.append(res)
        report.added += 1

    def _row(self, res: FileResult) -> dict[str, Any]:
        return dict(
            _values(res),
            path=res.rel,
            size=res.size,
            mtime_ns=res.mtime_ns,
            content_hash=res.digest,
            missing=False,
            missing_since=None,
            indexed_at=naive(self.ix.now),
        )

    def _tags(self, names: list[str]) -> list[int]:
        new = [n for n in dict.fromkeys(names) if n not in self.tag_ids]
        if new:  # ids handed out here, under the write lock: one executemany, no RETURNING
            ids = range(self.next_tag_id, self.next_tag_id + len(new))
            self.next_tag_id += len(new)
            _plain_insert(self.session, cast(Table, Tag.__table__), ("id", "name"), list(zip(ids, new)))
            self.tag_ids.update(zip(new, ids))
        return [self.tag_ids[n] for n in dict.fromkeys(names)]

    def insert(self, batch: list[FileResult]) -> None:
        """New notes in bulk, with ids handed out here (a RETURNING per row costs more than parsing)."""
        notes: list[dict[str, Any]] = []
        cards: list[dict[str, Any]] = []
        links: list[tuple[int, int]] = []
        related: list[tuple[int, str]] = []
        self._tags([t for res in batch for t in res.tags or ()])  # create the batch's new tags in one statement
        for res in batch:
            note_id = self.next_note_id
            self.next_note_id += 1
            notes.append(dict(self._row(res), id=note_id))
            values = _values(res)
            card = self.ix.initial_card(dict(values, osr=res.osr) if res.osr else values)
            cards.append(
                dict(
                    card,
                    id=self._card_id(),
                    kind=CardKind.NOTE,
                    note_id=note_id,
                    ordinal=0,
                    drill_type=None,
                    drill_level=None,
                    drill_spec=None,
                    suspended=False,
                    buried_until=None,
                )
            )
            for ordinal, text, type_id, level in res.drills:
                cards.append(self._drill_card(note_id, ordinal, text, type_id, level))
            if res.tags:
                links.extend((note_id, self.tag_ids[t]) for t in dict.fromkeys(res.tags))  # created above
            related.extend((note_id, t) for t in res.links or ())
        # The body and its search document are stored apart from the narrow notes rows.
        bodies = [(row["id"], row["question"], row.pop("sections"), res.doc) for row, res in zip(notes, batch)]
        # Straight to the driver's executemany: SQLAlchemy's per-row parameter building cost more than
        # the inserts themselves (store.sql_values writes the same text for datetimes).
        conn = self.session.connection()
        insert_rows(conn, "notes", notes, datetimes=_NOTE_TIMES)
        search_index.add_notes(self.session, bodies)
        insert_rows(conn, "cards", cards, datetimes=_CARD_TIMES)
        _plain_insert(self.session, note_tags, ("note_id", "tag_id"), links)
        _plain_insert(self.session, note_links, ("note_id", "target_path"), related)

    def _card_id(self) -> int:
        self.next_card_id += 1
        return self.next_card_id - 1

    def _drill_card(self, note_id: int, ordinal: int, text: str, type_id: str, level: int) -> dict[str, Any]:
        return dict(
            id=self._card_id(),
            kind=CardKind.DRILL,
            note_id=note_id,
            ordinal=ordinal,
            drill_type=type_id,
            drill_level=level,
            drill_spec=text,
            suspended=False,
            buried_until=None,
            state="new",
            step=None,
            stability=None,
            difficulty=None,
            due=naive(self.ix.now),
            last_review=None,
            reps=0,
            lapses=0,
        )

    def update(self, note_id: int, res: FileResult) -> None:
        session = self.session
        note = session.get(Note, note_id)
        if note is not None:
            self.ix.user_edit(session, note, _values(res))  # before fm_* are overwritten
        row = self._row(res)
        search_index.replace_note(session, note_id, row, res.doc)  # takes the body out of row; reads the old one first
        session.execute(update(Note).where(Note.id == note_id).values(**row))
        session.execute(delete(note_tags).where(note_tags.c.note_id == note_id))
        if res.tags:
            session.execute(insert(note_tags), [{"note_id": note_id, "tag_id": t} for t in self._tags(res.tags)])
        session.execute(delete(note_links).where(note_links.c.note_id == note_id))
        if res.links:
            session.execute(insert(note_links), [{"note_id": note_id, "target_path": t} for t in res.links])
        existing = {
            c.ordinal: c
            for c in session.scalars(select(Card).where(Card.note_id == note_id, Card.kind == CardKind.DRILL))
        }
        wanted = {ordinal: (text, type_id, level) for ordinal, text, type_id, level in res.drills}
        for ordinal, card in existing.items():
            if ordinal not in wanted:
                session.delete(card)
        for ordinal, (text, type_id, level) in wanted.items():
            kept = existing.get(ordinal)
            if kept is None:
                session.execute(insert(Card), [self._drill_card(note_id, ordinal, text, type_id, level)])
            else:
                kept.drill_type, kept.drill_level, kept.drill_spec = type_id, level, text
        session.flush()


# The columns the bulk insert writes as the store's datetime text: every UtcDateTime column.
_NOTE_TIMES = tuple(c.name for c in Note.__table__.c if isinstance(c.type, UtcDateTime))
_CARD_TIMES = tuple(c.name for c in Card.__table__.c if isinstance(c.type, UtcDateTime))


def _values(res: FileResult) -> dict[str, Any]:
    """The Note columns of a parsed (not rejected, not merely touched) file."""
    if res.values is None:
        raise ValueError(f"{res.rel}: no parsed values")  # a bug: such results never get here
    return res.values


def _plain_insert(session: Session, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Rows of plain ints and strings, straight to the driver's executemany.

    For these tables SQLAlchemy would only build a parameter dict per row (most of an import's
    insert time once the notes themselves are in); nothing needs a type conversion.
    """
    if rows:
        names = ", ".join(table.c[c].name for c in columns)
        marks = ", ".join("?" for _ in columns)
        session.connection().exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", rows)
