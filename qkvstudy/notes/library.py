"""Index a library of note files into the store, incrementally.

One scan: walk the library for *.md, skip every file whose size and mtime match the index
(no read, no parse), read and hash the rest, parse only those whose content changed (both cores
when there are many), then apply everything in one transaction:
- new path, content seen at a path that has vanished -> moved (the note keeps its id and history);
- new path, new content -> added; known path, new content -> updated;
- indexed path no longer on disk -> marked missing, history kept, never deleted;
- same content as another file on disk -> rejected with a line naming the other file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from qkvstudy.notes.links import link_target_path
from qkvstudy.notes.parse import MAX_NOTE_BYTES, NoteRejected, ParsedNote, decode_note, parse_note
from qkvstudy.store.models import Card, Note, Tag, naive, note_links, note_tags
from qkvstudy.views import Problem, ScanReport

Progress = Callable[[int, int], None]
POOL_THRESHOLD = 400  # below this, a process pool costs more than it saves


@dataclass
class FileResult:
    """What a worker learned about one file: compact, ready-to-store values, or a rejection.

    Only what the index keeps crosses the process boundary (no body text), which keeps an
    import of thousands of notes small in memory and cheap to pickle.
    """

    rel: str
    size: int
    mtime_ns: int
    digest: str | None
    values: dict | None  # Note columns (see _note_values), without path/ids/times
    tags: list[str] | None
    problems: list[tuple[int | None, str]]  # field problems of an imported note
    drills: list[tuple[int, str, str, int]]  # (ordinal, spec YAML, type id, level) of valid qkvdrill blocks
    rejected: Problem | None = None
    links: list[str] | None = None  # library-relative targets of the related-notes section
    osr: dict | None = None  # the Obsidian Spaced Repetition plugin's keys (sr-due, ...), when present


def display_path(path: Path) -> str:
    """A path as the user can paste it: relative to the working directory when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_and_parse(root: str, rel: str, known_hash: str | None = None) -> FileResult:
    """Worker: read, hash and parse one file. Never raises for anything the file contains.

    A file whose hash is `known_hash` (touched, not changed) comes back unparsed (values None).
    """
    path = Path(root, rel)
    try:
        st = path.stat()
        if st.st_size > MAX_NOTE_BYTES:
            raise NoteRejected(f"file is {st.st_size / 1048576:.1f} MB; notes over 5 MB are not imported")
        raw = path.read_bytes()
    except NoteRejected as exc:
        return _rejected(path, rel, st, None, exc.line, exc.reason)
    except OSError as exc:
        return FileResult(
            rel,
            0,
            0,
            None,
            None,
            None,
            [],
            [],
            Problem(display_path(path), None, f"cannot read: {exc.strerror or exc}"),
        )
    digest = hashlib.sha256(raw).hexdigest()
    if digest == known_hash:
        return FileResult(rel, st.st_size, st.st_mtime_ns, digest, None, None, [], [])
    try:
        note = parse_note(decode_note(raw))
    except NoteRejected as exc:
        return _rejected(path, rel, st, digest, exc.line, exc.reason)
    problems = [(p.line, p.reason) for p in note.problems]
    drills = []
    for ordinal, (text, line) in enumerate(note.drills, start=1):
        type_id, level, problem = check_drill_spec(text)
        if problem is not None:
            problems.append((line + problem[0], f"qkvdrill block: {problem[1]}; drill ignored"))
        else:
            drills.append((ordinal, text, type_id, level))
    links = list(dict.fromkeys(link_target_path(t) for _title, t, _sim in note.related))
    osr = {k: note.extra[k] for k in ("sr-due", "sr-interval", "sr-ease") if k in note.extra} or None
    return FileResult(
        rel,
        st.st_size,
        st.st_mtime_ns,
        digest,
        _note_values(rel, note),
        note.tags,
        problems,
        drills,
        links=links,
        osr=osr,
    )


def _rejected(path: Path, rel: str, st, digest, line, reason) -> FileResult:
    return FileResult(
        rel, st.st_size, st.st_mtime_ns, digest, None, None, [], [], Problem(display_path(path), line, reason)
    )


def check_drill_spec(text: str) -> tuple[str | None, int | None, tuple[int, str] | None]:
    """A ```qkvdrill block -> (type id, level, None), or (None, None, (line inside the block, reason))."""
    from qkvstudy.drills.spec import DrillSpecError, parse_spec

    try:
        spec = parse_spec(text)
    except DrillSpecError as exc:
        return None, None, (exc.line or 0, str(exc))
    return spec.type_id, spec.level, None


def _note_values(rel: str, note: ParsedNote) -> dict:
    topic = note.tags[0] if note.tags else (rel.split("/")[0] if "/" in rel else "")
    return dict(
        question=note.question,
        topic=topic,
        difficulty=note.difficulty,
        sections_json=json.dumps(note.sections, ensure_ascii=False),
        answer_index=note.answer_index,
        related_json=json.dumps(note.related, ensure_ascii=False),
        search_text=(note.question + "\n" + note.body).lower(),
        fm_created=note.created,
        fm_last_reviewed=note.last_reviewed,
        fm_next_review=note.next_review,
        fm_review_count=note.review_count,
        fm_mastery=note.mastery_level,
    )


def _parse_all(
    root: Path, rels: list[str], hashes: list[str | None], progress: Progress | None, workers: int | None
) -> Iterator[FileResult]:
    """Results in order, streamed so the caller can store them while the pool keeps parsing."""
    total = len(rels)
    cpus = os.cpu_count() or 1
    if total >= POOL_THRESHOLD and cpus > 1 and workers != 1:
        # fork is fast, but unsafe once other threads exist (the TUI scans in a worker thread).
        ctx = get_context("fork" if threading.active_count() == 1 else "forkserver")
        n = workers or min(cpus, 4)
        chunk = max(16, min(256, total // (n * 8)))
        with ProcessPoolExecutor(max_workers=n, mp_context=ctx) as pool:
            for i, result in enumerate(pool.map(read_and_parse, [str(root)] * total, rels, hashes, chunksize=chunk), 1):
                yield result
                if progress and (i % 64 == 0 or i == total):
                    progress(i, total)
    else:
        for i, (rel, known) in enumerate(zip(rels, hashes), 1):
            yield read_and_parse(str(root), rel, known)
            if progress and (i % 16 == 0 or i == total):
                progress(i, total)


def walk_library(root: Path) -> dict[str, os.stat_result]:
    """Every *.md under root (hidden folders skipped) -> its stat, keyed by '/'-separated relative path."""
    found: dict[str, os.stat_result] = {}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif entry.name.lower().endswith(".md") and entry.is_file():
                rel = Path(entry.path).relative_to(root).as_posix()
                found[rel] = entry.stat()
    return found


class Indexer:
    """Applies scan results to the store.

    `initial_card(values)` gives a new note's starting card state from its front-matter values;
    `user_edit(session, note_row, values)` lets the scheduler honour a hand-edited next_review.
    """

    BATCH = 1000

    def __init__(
        self,
        sessions: sessionmaker,
        root: Path,
        now: datetime,
        initial_card: Callable[[dict], dict],
        user_edit: Callable[[Session, Note, dict], None],
    ):
        self.sessions = sessions
        self.root = root
        self.now = now
        self.initial_card = initial_card
        self.user_edit = user_edit

    def scan(self, progress: Progress | None = None, workers: int | None = None) -> ScanReport:
        report = ScanReport()
        on_disk = walk_library(self.root)
        with self.sessions.begin() as session:
            known = {
                row.path: row
                for row in session.execute(
                    select(Note.id, Note.path, Note.size, Note.mtime_ns, Note.content_hash, Note.missing, Note.question)
                )
            }
            todo = []
            for rel, st in on_disk.items():
                row = known.get(rel)
                if row is not None and not row.missing and row.size == st.st_size and row.mtime_ns == st.st_mtime_ns:
                    report.unchanged += 1
                else:
                    todo.append(rel)
            if progress:
                progress(0, len(todo))
            todo.sort()
            hashes = [known[rel].content_hash if rel in known and not known[rel].missing else None for rel in todo]
            _Apply(self, session, known, on_disk, report).run(_parse_all(self.root, todo, hashes, progress, workers))
        return report


class _Apply:
    """One scan's bookkeeping: which content is where, what vanished, ids to hand out."""

    def __init__(self, indexer: Indexer, session: Session, known: dict, on_disk: dict, report: ScanReport):
        self.ix, self.session, self.known, self.report = indexer, session, known, report
        self.vanished = {path: row for path, row in known.items() if path not in on_disk}
        self.vanished_by_hash: dict[str, object] = {}
        self.vanished_by_question: dict[str, list] = {}
        for row in self.vanished.values():
            self.vanished_by_hash.setdefault(row.content_hash, row)
            self.vanished_by_question.setdefault(row.question, []).append(row)
        # Content on disk -> its path. Files skipped by size+mtime keep their indexed hash.
        self.present = {row.content_hash: path for path, row in known.items() if path in on_disk and not row.missing}
        self.next_note_id = (session.scalar(select(func.max(Note.id))) or 0) + 1
        self.next_card_id = (session.scalar(select(func.max(Card.id))) or 0) + 1
        self.tag_ids: dict[str, int] = dict(session.execute(select(Tag.name, Tag.id)).all())
        self.touched: list[dict] = []

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
                update(Note.__table__)
                .where(Note.__table__.c.id == bindparam("nid"))
                .values(size=bindparam("nsize"), mtime_ns=bindparam("nmtime")),
                self.touched,
            )
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
                    f"same content as {display_path(self.ix.root / holder)}; not imported twice",
                )
            )
            return
        self.present[res.digest] = res.rel
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
        moved_from = self.vanished_by_hash.get(res.digest)
        if moved_from is None:
            # Moved *and* edited: the same question, where exactly one vanished note had it.
            same = [r for r in self.vanished_by_question.get(res.values["question"], ()) if r.path in self.vanished]
            moved_from = same[0] if len(same) == 1 else None
        if moved_from is not None and moved_from.path in self.vanished:
            self.vanished.pop(moved_from.path)
            self.vanished_by_hash.pop(moved_from.content_hash, None)
            self.update(moved_from.id, res)
            report.moved += 1
            return
        batch.append(res)
        report.added += 1

    def _row(self, res: FileResult) -> dict:
        return dict(
            res.values,
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
        if new:
            ids = self.session.scalars(
                insert(Tag).returning(Tag.id, sort_by_parameter_order=True), [{"name": n} for n in new]
            ).all()
            self.tag_ids.update(zip(new, ids))
        return [self.tag_ids[n] for n in dict.fromkeys(names)]

    def insert(self, batch: list[FileResult]) -> None:
        """New notes in bulk, with ids handed out here (a RETURNING per row costs more than parsing)."""
        notes, cards, links, related = [], [], [], []
        self._tags([t for res in batch for t in res.tags])  # create the batch's new tags in one statement
        for res in batch:
            note_id = self.next_note_id
            self.next_note_id += 1
            notes.append(dict(self._row(res), id=note_id))
            card = _naive_card(self.ix.initial_card(dict(res.values, osr=res.osr) if res.osr else res.values))
            cards.append(
                dict(
                    card,
                    id=self._card_id(),
                    kind="note",
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
            links.extend({"note_id": note_id, "tag_id": t} for t in self._tags(res.tags))
            related.extend({"note_id": note_id, "target_path": t} for t in res.links)
        self.session.execute(insert(Note), notes)
        self.session.execute(insert(Card), cards)
        if links:
            self.session.execute(insert(note_tags), links)
        if related:
            self.session.execute(insert(note_links), related)

    def _card_id(self) -> int:
        self.next_card_id += 1
        return self.next_card_id - 1

    def _drill_card(self, note_id: int, ordinal: int, text: str, type_id: str, level: int) -> dict:
        return dict(
            id=self._card_id(),
            kind="drill",
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
        self.ix.user_edit(session, session.get(Note, note_id), res.values)  # before fm_* are overwritten
        session.execute(update(Note).where(Note.id == note_id).values(**self._row(res)))
        session.execute(delete(note_tags).where(note_tags.c.note_id == note_id))
        if res.tags:
            session.execute(insert(note_tags), [{"note_id": note_id, "tag_id": t} for t in self._tags(res.tags)])
        session.execute(delete(note_links).where(note_links.c.note_id == note_id))
        if res.links:
            session.execute(insert(note_links), [{"note_id": note_id, "target_path": t} for t in res.links])
        existing = {
            c.ordinal: c for c in session.scalars(select(Card).where(Card.note_id == note_id, Card.kind == "drill"))
        }
        wanted = {ordinal: (text, type_id, level) for ordinal, text, type_id, level in res.drills}
        for ordinal, card in existing.items():
            if ordinal not in wanted:
                session.delete(card)
        for ordinal, (text, type_id, level) in wanted.items():
            card = existing.get(ordinal)
            if card is None:
                session.execute(insert(Card), [self._drill_card(note_id, ordinal, text, type_id, level)])
            else:
                card.drill_type, card.drill_level, card.drill_spec = type_id, level, text
        session.flush()


def _naive_card(card: dict) -> dict:
    return {k: naive(v) if isinstance(v, datetime) else v for k, v in card.items()}


# --- bringing outside files into the library ------------------------------------------------


def collect_markdown(paths: list[Path]) -> list[Path]:
    """Files and folders (recursive over *.md) -> files, in a stable order."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(
                sorted(
                    q
                    for q in p.rglob("*.md")
                    if q.is_file() and not any(part.startswith(".") for part in q.relative_to(p).parts)
                )
            )
        else:
            files.append(p)
    return files


def copy_into_library(source: Path, root: Path) -> tuple[Path | None, Problem | None]:
    """Copy an outside note to <root>/<first tag>/<file name>, never overwriting a different file.

    Returns the destination (an identical file already there counts), or the file's problem.
    """
    shown = display_path(source)
    result = read_and_parse(str(source.parent), source.name)
    if result.rejected:
        return None, Problem(shown, result.rejected.line, result.rejected.reason)
    tags = result.tags
    folder = _safe_folder(tags[0]) if tags else ""
    target_dir = root / folder if folder else root
    target_dir.mkdir(parents=True, exist_ok=True)
    raw = source.read_bytes()
    candidate = target_dir / source.name
    n = 2
    while candidate.exists():
        if candidate.read_bytes() == raw:
            return candidate, None
        candidate = target_dir / f"{source.stem} ({n}){source.suffix}"
        n += 1
    tmp = candidate.with_name(f".{candidate.name}.importing")
    shutil.copy2(source, tmp)
    os.replace(tmp, candidate)
    return candidate, None


def _safe_folder(tag: str) -> str:
    """A tag as a single folder name: no separators, no dot-dot, nothing hidden."""
    name = tag.replace("/", "_").replace("\\", "_").strip().strip(".")
    return name or "imported"
