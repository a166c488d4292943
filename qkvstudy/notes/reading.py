"""Reading one note file: only a regular file, only up to the size limit, never blocking; then hashing and parsing.

`read_and_parse` runs in the import's worker processes; it never raises for anything a file holds.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from qkvstudy.i18n import t
from qkvstudy.notes.links import link_target_path
from qkvstudy.notes.parse import MAX_NOTE_BYTES, NoteRejected, ParsedNote, one_line, read_note
from qkvstudy.notes.yamlsafe import YamlBudgetError, load_bounded
from qkvstudy.store.note_text import pack_sections, search_text
from qkvstudy.store.search_document import document
from qkvstudy.views import Problem


def file_kind(mode: int) -> str | None:
    """What a non-regular file is, for the user's line; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def read_regular(path: str | Path) -> tuple[os.stat_result, bytes]:
    """(stat, bytes) of a regular file up to the size limit; NoteRejected for anything else, OSError for I/O.

    Opened non-blocking and checked again on the open descriptor: a FIFO, a device or a socket
    (or one swapped in between the check and the open) is never read, so it can never hang.
    """
    kind = file_kind(os.stat(path).st_mode)
    if kind is not None:
        raise NoteRejected(t("trust.import.not_regular", kind=kind))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        kind = file_kind(st.st_mode)
        if kind is not None:
            raise NoteRejected(t("trust.import.not_regular", kind=kind))
        if st.st_size > MAX_NOTE_BYTES:
            raise NoteRejected(t("core.note.too_big", mb=f"{st.st_size / 1048576:.1f}"))
        raw = _read_to_limit(fd, st.st_size)
    finally:
        os.close(fd)
    if len(raw) > MAX_NOTE_BYTES:
        raise NoteRejected(t("core.note.over_limit", mb=MAX_NOTE_BYTES // 1048576))
    return st, raw


def _read_to_limit(fd: int, size: int) -> bytes:
    """Up to MAX_NOTE_BYTES + 1 bytes, to the end of the file.

    The first read asks for the size fstat gave (and one byte more, to see a file that grew):
    asking for the limit itself made every read set up a 5 MB buffer, which cost five times
    the read.
    """
    limit = MAX_NOTE_BYTES + 1
    chunks: list[bytes] = []
    total = 0
    ask = min(size + 1, limit)
    while total < limit:
        chunk = os.read(fd, min(ask, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        ask = 65536  # it grew since the stat, or the read was short: go on in modest steps
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


@dataclass(slots=True)
class FileResult:
    """What a worker learned about one file: compact, ready-to-store values, or a rejection.

    Only what the index keeps crosses the process boundary, once: the body packed, and the search
    index's document built in the worker, so the scan's own process only stores them.
    """

    rel: str
    size: int
    mtime_ns: int
    digest: str | None
    values: dict[str, Any] | None  # Note columns (see _note_values), without path/ids/times
    tags: list[str] | None
    problems: list[tuple[int | None, str]]  # field problems of an imported note
    drills: list[tuple[int, str, str, int]]  # (ordinal, spec YAML, type id, level) of valid qkvdrill blocks
    rejected: Problem | None = None
    links: list[str] | None = None  # library-relative targets of the related-notes section
    osr: dict[str, Any] | None = None  # the Obsidian Spaced Repetition plugin's keys (sr-due, ...), when present
    question: str | None = None  # a moved-and-edited note is found by it
    doc: str | None = None  # the search index's document (store.search_index.document)

    def __reduce__(self) -> tuple[type[FileResult], tuple[Any, ...]]:
        """Pickled as its fields in order (rebuilt by __init__): every result crosses the process
        boundary, and this pickles in 3.5 us a note where the slots' default state took 6."""
        return FileResult, (
            self.rel,
            self.size,
            self.mtime_ns,
            self.digest,
            self.values,
            self.tags,
            self.problems,
            self.drills,
            self.rejected,
            self.links,
            self.osr,
            self.question,
            self.doc,
        )


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
    try:  # a plain string path: a Path is made only for a rejection's line
        st, raw = read_regular(os.path.join(root, rel))
    except NoteRejected as exc:
        shown = display_path(Path(root, rel))
        return FileResult(rel, 0, 0, None, None, None, [], [], Problem(shown, exc.line, exc.reason))
    except OSError as exc:
        shown = display_path(Path(root, rel))
        reason = t("core.note.cannot_read", reason=exc.strerror or exc)
        return FileResult(rel, 0, 0, None, None, None, [], [], Problem(shown, None, reason))
    digest = hashlib.sha256(raw).hexdigest()
    if digest == known_hash:
        return FileResult(rel, st.st_size, st.st_mtime_ns, digest, None, None, [], [])
    try:
        note = read_note(raw)
    except NoteRejected as exc:
        return _rejected(root, rel, st, digest, exc.line, exc.reason)
    problems = [(p.line, p.reason) for p in note.problems]
    drills: list[tuple[int, str, str, int]] = []
    for ordinal, (text, line) in enumerate(note.drills, start=1):
        type_id, level, problem = check_drill_spec(text)
        if problem is not None or type_id is None or level is None:
            reason = problem[1] if problem else "?"
            problems.append((line + (problem[0] if problem else 0), t("core.note.drill_ignored", reason=reason)))
        else:
            drills.append((ordinal, text, type_id, level))
    links = list(dict.fromkeys(link_target_path(t) for _title, t, _sim in note.related))
    osr: dict[str, Any] | None = {
        k: note.extra[k] for k in ("sr-due", "sr-interval", "sr-ease") if k in note.extra
    } or None
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
        question=note.question,
        doc=document(search_text(note.question, note.sections)),
    )


def _rejected(root: str, rel: str, st: os.stat_result, digest: str | None, line: int | None, reason: str) -> FileResult:
    shown = display_path(Path(root, rel))
    return FileResult(rel, st.st_size, st.st_mtime_ns, digest, None, None, [], [], Problem(shown, line, reason))


def check_drill_spec(text: str) -> tuple[str | None, int | None, tuple[int, str] | None]:
    """A ```qkvdrill block -> (type id, level, None), or (None, None, (line inside the block, reason))."""
    from qkvstudy.drills.spec import DrillSpecError, parse_spec

    try:  # the drill parser loads with PyYAML's pure-Python loader: measure the block first
        load_bounded(text, "qkvdrill")
    except YamlBudgetError as exc:
        return None, None, (0, t("trust.drill.yaml_budget", reason=str(exc)))
    except yaml.YAMLError:
        pass  # invalid YAML: the drill parser says where
    try:
        spec = parse_spec(text)
    except DrillSpecError as exc:
        return None, None, (exc.line or 0, one_line(str(exc)))
    except (Exception, RecursionError) as exc:  # one drill block must never stop an import
        return None, None, (0, t("trust.parse.failed", error=type(exc).__name__))
    return spec.type_id, spec.level, None


# What json.dumps(related, ensure_ascii=False) returns, without building an encoder for every note.
_RELATED_JSON = json.JSONEncoder(ensure_ascii=False)


def _note_values(rel: str, note: ParsedNote) -> dict[str, Any]:
    """Note columns, plus `sections`: the packed body, which goes to note_bodies (store.search_index)."""
    topic = note.tags[0] if note.tags else (rel.split("/")[0] if "/" in rel else "")
    return {  # a literal: dict(key=...) is a call with keywords, slower for every note
        "question": note.question,
        "topic": topic,
        "difficulty": note.difficulty,
        "sections": pack_sections(note.sections),  # the body's one copy, packed here in the worker
        "answer_index": note.answer_index,
        "related_json": _RELATED_JSON.encode(note.related),
        "fm_created": note.created,
        "fm_last_reviewed": note.last_reviewed,
        "fm_next_review": note.next_review,
        "fm_review_count": note.review_count,
        "fm_mastery": note.mastery_level,
    }
