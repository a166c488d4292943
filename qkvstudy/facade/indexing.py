"""Bringing files into the index: the incremental library scan, imports, one note after an edit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from qkvstudy.facade.context import Context, StudyError
from qkvstudy.facade.frontmatter_sync import FrontMatterSync
from qkvstudy.facade.queries import Queries
from qkvstudy.i18n import t
from qkvstudy.notes.importing import collect_markdown, copy_into_library
from qkvstudy.notes.library import Indexer, display_path
from qkvstudy.schedule import memory
from qkvstudy.store.models import Note
from qkvstudy.views import Problem, ScanReport

if TYPE_CHECKING:
    from qkvstudy.notes.library_files import Reading

Progress = Callable[[int, int], None]


class Indexing:
    def __init__(self, ctx: Context, sync: FrontMatterSync, queries: Queries) -> None:
        self.ctx = ctx
        self.sync = sync
        self.queries = queries

    def scan(
        self, progress: Progress | None = None, workers: int | None = None, ahead: Reading | None = None
    ) -> ScanReport:
        """Incremental rescan: files whose size and mtime match the index are not read."""
        self.queries.forget_order()  # edits may have rescheduled notes
        self.sync.flush_now()
        return self._indexer(self.ctx.now()).scan(progress, workers, ahead)

    def import_paths(
        self, paths: list[Path], progress: Progress | None = None, ahead: Reading | None = None
    ) -> ScanReport:
        """Bring files and folders into the library (outside ones are copied), then rescan."""
        problems: list[Problem] = []
        root = self.ctx.root.resolve()
        with self.ctx.sessions() as s:  # content already in the library is not copied twice
            present = dict(s.execute(select(Note.content_hash, Note.path).where(Note.missing.is_(False))).all())
        # A file or folder inside the library is indexed in place by the scan: no walk, no resolve per file.
        outside = [p for p in paths if not p.resolve().is_relative_to(root)]
        for source in collect_markdown(outside):
            resolved = source.resolve()
            if resolved.is_relative_to(root):
                continue  # a link from outside into the library: indexed in place by the scan
            _dest, problem = copy_into_library(resolved, root, present)
            if problem:
                problems.append(problem)
        report = self.scan(progress, ahead=ahead)
        report.problems[:0] = problems
        report.rejected += len(problems)
        return report

    def reindex_note(self, note_id: int) -> list[Problem]:
        """After an outside edit ($EDITOR): the note's problems, if its file changed.

        Only changed files are read by a scan, so re-indexing goes through it (a rename of the
        file is then recognised too); other files' problems are left for the next scan to report.
        """
        with self.ctx.sessions() as s:
            row = s.execute(select(Note.path, Note.size, Note.mtime_ns).where(Note.id == note_id)).first()
        if row is None:
            raise StudyError(t("core.study.no_note", id=note_id))
        path, size, mtime_ns = row
        if not self.sync.changed_on_disk(path, size, mtime_ns) and (self.ctx.root / path).exists():
            return []
        shown = display_path(self.ctx.root / path)
        return [p for p in self.scan().problems if p.path == shown]

    def _indexer(self, now: datetime) -> Indexer:
        ctx = self.ctx

        def initial(values: dict[str, Any]) -> dict[str, Any]:
            if values.get("osr") and not (values["fm_review_count"] and values["fm_last_reviewed"]):
                from qkvstudy.schedule import osr  # a schedule from Obsidian's SR plugin, unless ours has one

                state = osr.initial_state(
                    values["osr"], values["fm_review_count"], ctx.scheduler, ctx.settings.day_starts_at
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
                scheduler=ctx.scheduler,
                day_starts_at=ctx.settings.day_starts_at,
            )

        return Indexer(ctx.sessions, ctx.root, now, initial, self.sync.user_edit)
