"""A real Study on a SQLite file in tmp_path over a copy of a small hand-written library."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from qkvstudy.study import Study

FIXTURE_NOTES = Path(__file__).parent / "fixtures" / "notes"
PINNED_NOW = "2026-11-24T10:00:00+00:00"


@dataclass
class Library:
    notes: Path
    db: Path

    def open(self) -> Study:
        return Study.open(db=str(self.db), notes=self.notes)

    @property
    def factory(self) -> Callable[[], Study]:
        return self.open


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.setenv("QKVSTUDY_NOW", PINNED_NOW)
    monkeypatch.setenv("QKVSTUDY_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("QKVSTUDY_DATA_DIR", str(tmp_path / "data"))
    for name in ("EDITOR", "VISUAL", "QKVSTUDY_DB", "QKVSTUDY_NOTES"):
        monkeypatch.delenv(name, raising=False)
    lib = Library(notes=tmp_path / "notes", db=tmp_path / "study.db")
    shutil.copytree(FIXTURE_NOTES, lib.notes)
    study = lib.open()
    try:
        report = study.scan()
        assert not report.problems, report.problems
    finally:
        study.close()
    return lib


@pytest.fixture
def english():
    """The whole process in English for one test (the catalog's language is process-wide)."""
    from qkvstudy import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("zh")


@pytest.fixture
def make_app(library: Library):
    from qkvstudy.tui.app import QkvApp

    def make(**kwargs) -> QkvApp:
        kwargs.setdefault("scan", False)
        return QkvApp(study_factory=library.factory, cursor_blink=False, freeze_gc=False, **kwargs)

    return make


async def wait_for(pilot, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    """Let the app run until `predicate()` holds (async loads, workers), then one more refresh."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.01)
    await pilot.pause()


async def settle(pilot, predicate: Callable[[], bool] = lambda: True, rounds: int = 50) -> None:
    """Let every worker finish (and the messages they sent be handled) until `predicate()` holds.

    Waits on the app's workers, not on flags the screens set for tests; bounded in rounds.
    """
    from textual.worker import WorkerCancelled, WorkerState

    app = pilot.app
    for _ in range(rounds):
        for worker in list(app.workers):
            if worker.state is WorkerState.RUNNING and worker.group != "watch":  # the watcher never ends
                try:
                    await worker.wait()
                except WorkerCancelled:  # an exclusive worker replaced by a newer one
                    pass
        await pilot.pause()
        busy = any(not w.is_finished for w in app.workers)
        if not busy and predicate():
            await pilot.pause()
            return
    states = [(w.name, w.state.name) for w in app.workers]
    raise AssertionError(f"the app did not settle: {states}, screen {app.screen!r}")
