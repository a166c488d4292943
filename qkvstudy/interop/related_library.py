"""Related notes for a whole library: the index's text in, new `## 相关笔记` sections out.

Facade level (it reads the store and writes notes). The text of each note comes from the index
(question, sections without the related section, tags), which a scan keeps current, so nothing is
parsed twice; the files are read only to rewrite their section.
"""

from __future__ import annotations

import difflib
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from qkvstudy.i18n import t
from qkvstudy.notes.batch_write import Replacement, replace_notes
from qkvstudy.notes.related import Document, Neighbour, RelatedIndex
from qkvstudy.notes.related_section import LeftAlone, Link, rewrite_related
from qkvstudy.store import bodies as stored
from qkvstudy.store.models import Note, Tag, note_tags
from qkvstudy.store.note_text import unpack_sections
from qkvstudy.views import Problem, RelatedLink

DEFAULT_TOP = 5
DEFAULT_MIN_PERCENT = 10


def library_documents(sessions: sessionmaker[Session]) -> list[Document]:
    """Every note present in the library, as the similarity model reads it."""
    with sessions() as s:
        tags: dict[int, list[str]] = defaultdict(list)
        for note_id, name in s.execute(
            select(note_tags.c.note_id, Tag.name).join(Tag, Tag.id == note_tags.c.tag_id).order_by(Tag.id)
        ):
            tags[note_id].append(name)
        rows = s.execute(select(Note.id, Note.path, Note.question).where(Note.missing.is_(False))).all()
        packed = stored.of(s, [row[0] for row in rows])
    documents = []
    for note_id, path, question in rows:
        sections = unpack_sections(packed.get(note_id))
        text = "\n".join(f"{title}\n{body}" for title, body in sections)
        documents.append(Document(path, question, tuple(tags.get(note_id, ())), text))
    return documents


def library_version(sessions: sessionmaker[Session]) -> tuple[Any, ...]:
    """Changes whenever a scan adds, updates, moves or loses a note: the cache key of an index."""
    with sessions() as s:
        return tuple(s.execute(select(func.count(Note.id), func.max(Note.indexed_at), func.sum(Note.size))).one())


def links_of(found: list[Neighbour]) -> list[Link]:
    return [Link(n.title, n.path, n.percent, n.tags) for n in found]


@dataclass(frozen=True)
class SectionChange:
    path: str  # library-relative
    before: bytes
    after: bytes

    def diff(self) -> str:
        before = self.before.decode("utf-8", "replace").splitlines(keepends=True)
        after = self.after.decode("utf-8", "replace").splitlines(keepends=True)
        lines = difflib.unified_diff(before, after, f"a/{self.path}", f"b/{self.path}", n=2)
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def plan_sections(
    root: Path,
    index: RelatedIndex,
    top: int = DEFAULT_TOP,
    min_percent: int = DEFAULT_MIN_PERCENT,
    only: list[str] | None = None,
) -> tuple[list[SectionChange], list[Problem]]:
    """The section each note (or each of `only`) would get; notes whose section is unchanged are left out."""
    changes: list[SectionChange] = []
    problems: list[Problem] = []
    for path, found in index.all_neighbours(top, min_percent, only).items():
        file = root / path
        try:
            before = file.read_bytes()
            after = rewrite_related(before, links_of(found))
        except OSError as exc:
            problems.append(Problem(str(file), None, t("connected.related.unreadable", reason=exc.strerror or exc)))
            continue
        except UnicodeDecodeError:
            problems.append(Problem(str(file), None, t("connected.related.not_utf8")))
            continue
        except LeftAlone as exc:
            problems.append(Problem(str(file), None, t(exc.key)))
            continue
        if after is not before:
            changes.append(SectionChange(path, before, after))
    return changes, problems


def write_sections(root: Path, changes: list[SectionChange]) -> list[Problem]:
    failed = replace_notes([Replacement(root / c.path, c.before, c.after) for c in changes])
    return [Problem(str(path), None, reason) for path, reason in failed]


# --- for the facade: one index per Study, rebuilt when the library changed ---------------------

# One index, for the last library asked about (an index of 10,000 notes holds up to a few hundred
# MB): keyed by the database, so the Study a worker opens finds what the last one built.
_cache: dict[object, tuple[tuple[Any, ...], RelatedIndex]] = {}
_cache_lock = threading.Lock()


def cached_index(owner: object, sessions: sessionmaker[Session]) -> RelatedIndex:
    version = library_version(sessions)
    key = str(sessions.kw["bind"].url) if "bind" in sessions.kw else id(owner)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
        index = RelatedIndex(library_documents(sessions))
        _cache.clear()
        _cache[key] = (version, index)
        return index


def suggestions(
    owner: object, sessions: sessionmaker[Session], note_id: int, top: int = DEFAULT_TOP
) -> tuple[RelatedLink, ...]:
    """What `related --write` would list for this note, as links the screens already show."""
    with sessions() as s:
        path = s.scalar(select(Note.path).where(Note.id == note_id))
    if path is None:
        return ()
    found = cached_index(owner, sessions).neighbours(path, top, DEFAULT_MIN_PERCENT)
    with sessions() as s:
        ids = dict(s.execute(select(Note.path, Note.id).where(Note.path.in_([n.path for n in found]))).all())
    return tuple(RelatedLink(n.title, "notes/" + n.path, n.percent, ids.get(n.path)) for n in found)


def resolve_paths(root: Path, paths: list[str]) -> tuple[list[str], list[str]]:
    """Paths as the user typed them (relative to the working folder or the library) -> (library paths, unknown)."""
    root = root.resolve()
    found, unknown = [], []
    for typed in paths:
        p = Path(typed)
        tries = [p.resolve()] if p.is_absolute() else [(Path.cwd() / p).resolve(), (root / p).resolve()]
        rel = next((c.relative_to(root).as_posix() for c in tries if c.is_relative_to(root) and c.is_file()), None)
        if rel is None:
            unknown.append(typed)
        else:
            found.append(rel)
    return found, unknown


def write_all(
    owner: object,
    sessions: sessionmaker[Session],
    root: Path,
    top: int = DEFAULT_TOP,
    min_percent: int = DEFAULT_MIN_PERCENT,
) -> tuple[int, list[Problem]]:
    """`related --write` for the app: (sections rewritten, problems)."""
    changes, problems = plan_sections(root, cached_index(owner, sessions), top, min_percent)
    failed = write_sections(root, changes)
    return len(changes) - len(failed), problems + failed


class RelatedNotes:
    """The Study's related-notes part (`study.related`): the library's similarity model, what it
    suggests for one note, and the regeneration of every marked `## 相关笔记` section."""

    def __init__(self, owner: object, sessions: sessionmaker[Session], root: Path) -> None:
        self.owner, self.sessions, self.root = owner, sessions, root

    def index(self) -> RelatedIndex:
        """The similarity model of the library, rebuilt only after a scan changed it."""
        return cached_index(self.owner, self.sessions)

    def suggested(self, note_id: int, top: int = DEFAULT_TOP) -> tuple[RelatedLink, ...]:
        """The notes `related --write` would link from this one, best first."""
        return suggestions(self.owner, self.sessions, note_id, top)

    def write(self, top: int = DEFAULT_TOP, min_percent: int = DEFAULT_MIN_PERCENT) -> tuple[int, list[Problem]]:
        """Regenerate every marked section: (notes rewritten, one problem per note left alone)."""
        return write_all(self.owner, self.sessions, self.root, top, min_percent)
