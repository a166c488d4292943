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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Callable

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from qkvstudy.notes.parse import MAX_NOTE_BYTES, NoteRejected, ParsedNote, decode_note, parse_note
from qkvstudy.store.models import Card, Note, Tag, naive, note_tags
from qkvstudy.views import Problem, ScanReport

Progress = Callable[[int, int], None]
POOL_THRESHOLD = 400  # below this, a process pool costs more than it saves


@dataclass
class FileResult:
    """What a worker learned about one file: its identity, and a parse or a rejection."""

    rel: str
    size: int
    mtime_ns: int
    digest: str | None
    note: ParsedNote | None
    rejected: Problem | None
    drill_problems: list | None = None


def display_path(path: Path) -> str:
    """A path as the user can paste it: relative to the working directory when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_and_parse(root: str, rel: str) -> FileResult:
    """Worker: read, hash and parse one file. Never raises for anything the file contains."""
    path = Path(root, rel)
    shown = display_path(path)
    try:
        st = path.stat()
        if st.st_size > MAX_NOTE_BYTES:
            raise NoteRejected(f"file is {st.st_size / 1048576:.1f} MB; notes over 5 MB are not imported")
        raw = path.read_bytes()
    except NoteRejected as exc:
        return FileResult(rel, st.st_size, st.st_mtime_ns, None, None, Problem(shown, exc.line, exc.reason))
    except OSError as exc:
        return FileResult(rel, 0, 0, None, None, Problem(shown, None, f"cannot read: {exc.strerror or exc}"))
    digest = hashlib.sha256(raw).hexdigest()
    try:
        note = parse_note(decode_note(raw))
    except NoteRejected as exc:
        return FileResult(rel, st.st_size, st.st_mtime_ns, digest, None, Problem(shown, exc.line, exc.reason))
    return FileResult(rel, st.st_size, st.st_mtime_ns, digest, note, None, _check_drills(note))


def _check_drills(note: ParsedNote) -> list:
    """Validate each ```qkvdrill block; returns [(ordinal, spec_text | None, problem | None)]."""
    if not note.drills:
        return []
    from qkvstudy.drills.spec import DrillSpecError, parse_spec

    out = []
    for ordinal, (text, line) in enumerate(note.drills, start=1):
        try:
            spec = parse_spec(text)
            out.append((ordinal, text, spec.type_id if hasattr(spec, "type_id") else spec.type, spec.level, None))
        except DrillSpecError as exc:
            out.append((ordinal, None, None, None, (line + (getattr(exc, "line", None) or 0), f"qkvdrill block: {exc}")))
    return out


def _parse_all(root: Path, rels: list[str], progress: Progress | None, workers: int | None) -> list[FileResult]:
    total = len(rels)
    results: list[FileResult] = []
    cpus = os.cpu_count() or 1
    if total >= POOL_THRESHOLD and cpus > 1 and workers != 1:
        # fork is fast, but unsafe once other threads exist (the TUI scans in a worker thread).
        ctx = get_context("fork" if threading.active_count() == 1 else "forkserver")
        n = workers or min(cpus, 4)
        chunk = max(16, total // (n * 8))
        with ProcessPoolExecutor(max_workers=n, mp_context=ctx) as pool:
            for i, result in enumerate(pool.map(read_and_parse, [str(root)] * total, rels, chunksize=chunk), 1):
                results.append(result)
                if progress and (i % 64 == 0 or i == total):
                    progress(i, total)
    else:
        for i, rel in enumerate(rels, 1):
            results.append(read_and_parse(str(root), rel))
            if progress and (i % 16 == 0 or i == total):
                progress(i, total)
    return results


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
    """Applies scan results to the store. `on_new_card(note, parsed)` gives the starting card state."""

    def __init__(self, sessions: sessionmaker, root: Path, now: datetime,
                 initial_card: Callable[[ParsedNote], dict], user_edit: Callable[[Session, Note, ParsedNote], None]):
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
                    select(Note.id, Note.path, Note.size, Note.mtime_ns, Note.content_hash, Note.missing)
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
            results = _parse_all(self.root, sorted(todo), progress, workers) if todo else []
            self._apply(session, known, on_disk, results, report)
        return report

    # --- applying results ---------------------------------------------------------------

    def _apply(self, session: Session, known: dict, on_disk: dict, results: list[FileResult], report: ScanReport) -> None:
        vanished = {path: row for path, row in known.items() if path not in on_disk}
        by_hash_vanished = {}
        for row in vanished.values():
            by_hash_vanished.setdefault(row.content_hash, row)
        # Content present on disk (this scan) -> path: unchanged files keep their indexed hash.
        present_hash = {row.content_hash: path for path, row in known.items() if path in on_disk and not row.missing}
        changed_paths = {r.rel for r in results}
        for path in changed_paths:
            row = known.get(path)
            if row is not None and present_hash.get(row.content_hash) == path:
                del present_hash[row.content_hash]

        new_rows: list[tuple[FileResult, ParsedNote]] = []
        for res in results:
            if res.rejected:
                report.rejected += 1
                report.problems.append(res.rejected)
                continue
            row = known.get(res.rel)
            holder = present_hash.get(res.digest)
            if holder is not None and holder != res.rel:
                report.rejected += 1
                report.problems.append(Problem(display_path(self.root / res.rel), None,
                                               f"same content as {display_path(self.root / holder)}; not imported twice"))
                continue
            present_hash[res.digest] = res.rel
            self._report_field_problems(res, report)
            if row is not None:
                if row.content_hash == res.digest and not row.missing:
                    session.execute(update(Note).where(Note.id == row.id).values(size=res.size, mtime_ns=res.mtime_ns))
                    report.unchanged += 1
                else:
                    self._update_note(session, row.id, res)
                    report.updated += 1
                continue
            moved_from = by_hash_vanished.pop(res.digest, None)
            if moved_from is not None:
                vanished.pop(moved_from.path, None)
                session.execute(update(Note).where(Note.id == moved_from.id).values(path=res.rel))
                self._update_note(session, moved_from.id, res)
                report.moved += 1
                continue
            new_rows.append((res, res.note))
        if new_rows:
            self._insert_notes(session, new_rows)
            report.added += len(new_rows)
        newly_missing = [row.id for row in vanished.values() if not row.missing]
        if newly_missing:
            session.execute(update(Note).where(Note.id.in_(newly_missing))
                            .values(missing=True, missing_since=naive(self.now)))
        report.missing = sum(1 for row in vanished.values())

    def _report_field_problems(self, res: FileResult, report: ScanReport) -> None:
        shown = display_path(self.root / res.rel)
        for p in res.note.problems:
            report.problems.append(Problem(shown, p.line, p.reason))
        for _ordinal, _text, _type, _level, problem in res.drill_problems or ():
            if problem:
                report.problems.append(Problem(shown, problem[0], problem[1]))

    def _note_values(self, res: FileResult) -> dict:
        note = res.note
        topic = note.tags[0] if note.tags else (res.rel.split("/")[0] if "/" in res.rel else "")
        return dict(
            path=res.rel, size=res.size, mtime_ns=res.mtime_ns, content_hash=res.digest,
            question=note.question, topic=topic, difficulty=note.difficulty,
            sections_json=json.dumps(note.sections, ensure_ascii=False), answer_index=note.answer_index,
            related_json=json.dumps(note.related, ensure_ascii=False),
            search_text=(note.question + "\n" + note.body).lower(),
            fm_created=note.created, fm_last_reviewed=note.last_reviewed, fm_next_review=note.next_review,
            fm_review_count=note.review_count, fm_mastery=note.mastery_level,
            missing=False, missing_since=None, indexed_at=naive(self.now),
        )

    def _insert_notes(self, session: Session, rows: list[tuple[FileResult, ParsedNote]]) -> None:
        values = [self._note_values(res) for res, _ in rows]
        ids = session.scalars(insert(Note).returning(Note.id, sort_by_parameter_order=True), values).all()
        cards, links = [], []
        tag_ids = self._tag_ids(session, {t for _, note in rows for t in note.tags})
        for note_id, (res, note) in zip(ids, rows):
            card = self.initial_card(note)
            cards.append(dict(kind="note", note_id=note_id, ordinal=0, suspended=False, **_naive_card(card)))
            cards.extend(self._drill_cards(note_id, res, card))
            links.extend({"note_id": note_id, "tag_id": tag_ids[t]} for t in note.tags)
        session.execute(insert(Card), cards)
        if links:
            session.execute(insert(note_tags), links)

    def _drill_cards(self, note_id: int, res: FileResult, note_card: dict) -> list[dict]:
        out = []
        for ordinal, text, type_id, level, problem in res.drill_problems or ():
            if problem is None:
                out.append(dict(kind="drill", note_id=note_id, ordinal=ordinal, drill_type=type_id,
                                drill_level=level, drill_spec=text, suspended=False,
                                state="new", due=naive(self.now), reps=0, lapses=0))
        return out

    def _tag_ids(self, session: Session, names: set[str]) -> dict[str, int]:
        if not names:
            return {}
        have = dict(session.execute(select(Tag.name, Tag.id).where(Tag.name.in_(names))).all())
        missing = sorted(names - have.keys())
        if missing:
            new = session.scalars(insert(Tag).returning(Tag.id, sort_by_parameter_order=True),
                                  [{"name": n} for n in missing]).all()
            have.update(zip(missing, new))
        return have

    def _update_note(self, session: Session, note_id: int, res: FileResult) -> None:
        note_row = session.get(Note, note_id)
        self.user_edit(session, note_row, res.note)  # before the fm_* columns are overwritten
        session.execute(update(Note).where(Note.id == note_id).values(**self._note_values(res)))
        session.execute(delete(note_tags).where(note_tags.c.note_id == note_id))
        tag_ids = self._tag_ids(session, set(res.note.tags))
        if res.note.tags:
            session.execute(insert(note_tags), [{"note_id": note_id, "tag_id": tag_ids[t]} for t in res.note.tags])
        self._sync_drill_cards(session, note_id, res)

    def _sync_drill_cards(self, session: Session, note_id: int, res: FileResult) -> None:
        existing = {c.ordinal: c for c in session.scalars(select(Card).where(Card.note_id == note_id, Card.kind == "drill"))}
        wanted = {ordinal: (text, type_id, level) for ordinal, text, type_id, level, problem in res.drill_problems or () if not problem}
        for ordinal, card in existing.items():
            if ordinal not in wanted:
                session.delete(card)
        for ordinal, (text, type_id, level) in wanted.items():
            card = existing.get(ordinal)
            if card is None:
                session.add(Card(kind="drill", note_id=note_id, ordinal=ordinal, drill_type=type_id, drill_level=level,
                                 drill_spec=text, state="new", due=naive(self.now), reps=0, lapses=0, suspended=False))
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
            files.extend(sorted(q for q in p.rglob("*.md") if q.is_file() and not any(part.startswith(".") for part in q.relative_to(p).parts)))
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
    tags = result.note.tags
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
