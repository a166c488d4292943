"""The live library: a file watcher (watchfiles) owned by the App, feeding the home screen's rescan;
and the app's "regenerate related notes" action, run the same way in a worker.

A thread worker waits on watchfiles for note files added, changed, moved or deleted. Changes come
in batches (watchfiles waits `DEBOUNCE_MS` of quiet first) and go to the UI thread, which drops
those the index already knows as they are on disk: a write-back of qkvstudy's own is recorded by
the Study that wrote it, so it starts no rescan (and a rescan never writes, so nothing can loop).
Anything else starts the App's usual background scan (one at a time; changes seen
during a rescan start one more afterwards); when it ends, the counts follow and a review screen
refreshes the note on screen if that note changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import watchfiles
from textual.worker import Worker, get_current_worker

if TYPE_CHECKING:
    from qkvstudy.tui.app import QkvApp

DEBOUNCE_MS = 150  # a save is often several writes in a row; well inside the one second we promise
STEP_MS = 50


class _Cancelled:
    """watchfiles polls `stop_event.is_set()`; the worker's cancellation is that event."""

    def __init__(self, worker: Worker[None]) -> None:
        self.worker = worker

    def is_set(self) -> bool:
        return self.worker.is_cancelled


def _note_or_folder(change: watchfiles.Change, path: str) -> bool:
    name = Path(path).name
    if name.startswith("."):  # temporary files of an atomic write, editor swap files, .git
        return False
    return name.endswith(".md") or "." not in name  # a folder moved or deleted takes its notes along


class LibraryWatcher:
    def __init__(self, app: QkvApp, root: Path) -> None:
        self.app = app
        self.root = root
        self.rescans = 0  # rescans this watcher started (tests read it)
        self.pending = False  # changes arrived while a rescan ran
        self.worker: Worker[None] | None = None

    def start(self) -> None:
        self.worker = self.app.run_worker(self._watch, thread=True, group="watch", exit_on_error=False)

    def _watch(self) -> None:
        worker = get_current_worker()
        stop = _Cancelled(worker)
        try:
            for changes in watchfiles.watch(
                self.root,
                watch_filter=_note_or_folder,
                debounce=DEBOUNCE_MS,
                step=STEP_MS,
                stop_event=stop,
                rust_timeout=500,
                yield_on_timeout=True,
            ):
                if worker.is_cancelled:
                    return
                if changes:
                    paths = sorted({path for _change, path in changes})
                    self.app.call_from_thread(self.changed, paths)
        except (OSError, RuntimeError):  # the library folder vanished, or the app is closing
            return

    def changed(self, paths: list[str]) -> None:
        """On the UI thread: rescan unless every change is one the index already knows."""
        root = self.root.resolve()
        rels = []
        for path in paths:
            p = Path(path).resolve()
            if p.is_relative_to(root):
                rels.append(p.relative_to(root).as_posix())
        if all(self.app.study.file_is_indexed(rel) for rel in rels):
            return  # our own write-back
        self.rescan()

    def rescan(self) -> None:
        if self.app.scanning:
            self.pending = True
            return
        self.rescans += 1
        self.app.start_scan()

    def scan_finished(self) -> None:
        if self.pending:
            self.pending = False
            self.rescan()


def write_related(app: QkvApp) -> None:
    """Worker: `related --write` with a Study of its own, then one line on screen and a rescan."""
    from qkvstudy.i18n import t

    assert app.study_factory is not None
    try:
        study = app.study_factory()
        try:
            study.scan()
            changed, problems = study.related.write()
            total = len(study.related.index())
        finally:
            study.close()
    except Exception as error:  # one line on screen; the app goes on
        app.call_from_thread(app.notify, f"{type(error).__name__}: {error}", severity="error")
        return
    lines = [t("connected.related.summary_write", changed=changed, total=total)] + [str(p) for p in problems[:3]]
    app.call_from_thread(app.notify, "\n".join(lines), severity="warning" if problems else "information")
    if changed and app.watcher is None:  # the watcher, when on, sees the files change by itself
        app.call_from_thread(_rescan, app)


def _rescan(app: QkvApp) -> None:
    if not app.scanning:
        app.start_scan()
