"""Fixtures: a small library with a few weeks of history: every review made through the facade at pinned times."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from helpers import note_text, write
from insight_helpers import PINNED_NOW, START, Library, grade_at


def _build(lib: Library, mp: pytest.MonkeyPatch) -> None:
    """Six notes in two topics; for eight weeks, whatever is due is graded (a fixed pattern of grades)."""
    for i in range(6):
        topic = "Attention" if i < 4 else "位置编码"
        write(lib.notes / topic / f"n{i}.md", note_text(f"问题 {i}", tags=(topic,), created="2026-10-01"))
    mp.setenv("QKVSTUDY_NOW", START.isoformat())
    study = lib.open()
    try:
        study.scan()
        pattern = [3, 3, 1, 3, 4, 2, 3]
        k = 0
        for day in range(54):
            now = START + timedelta(days=day)
            mp.setenv("QKVSTUDY_NOW", now.isoformat())
            for card in study.due():
                if card.kind != "note":
                    continue
                for step in range(4):  # through the learning steps, ten minutes apart
                    grade_at(mp, study, card.card_id, pattern[k % len(pattern)], now + timedelta(minutes=11 * step))
                    k += 1
                    if study.card(card.card_id).state == "review":
                        break
    finally:
        study.close()


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """Built once per run (the grading is the slow part); each test gets its own copy."""
    base = tmp_path_factory.mktemp("insight-template")
    lib = Library(notes=base / "notes", db=base / "study.db")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QKVSTUDY_CONFIG_DIR", str(base / "config"))
        mp.setenv("QKVSTUDY_DATA_DIR", str(base / "data"))
        mp.setenv("TZ", "UTC")
        # No interval fuzz while the history is made: fuzz is seeded by card id, and ids move whenever
        # a drill type is added (its card is created first), which would move every due date.
        (base / "config").mkdir(parents=True, exist_ok=True)
        (base / "config" / "settings.toml").write_text("enable_fuzzing = false\n", encoding="utf-8")
        _build(lib, mp)
    return lib


@pytest.fixture
def library(_template: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    lib = Library(notes=tmp_path / "notes", db=tmp_path / "study.db")
    shutil.copytree(_template.notes, lib.notes, copy_function=shutil.copy2)  # same mtimes: nothing to rescan
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(_template.db) + suffix)
        if source.exists():
            shutil.copy2(source, str(lib.db) + suffix)
    monkeypatch.setenv("QKVSTUDY_NOW", PINNED_NOW)
    return lib


@pytest.fixture
def make_app(library: Library):
    from qkvstudy.tui.app import QkvApp

    def make(**kwargs) -> QkvApp:
        kwargs.setdefault("scan", False)
        return QkvApp(study_factory=library.open, cursor_blink=False, freeze_gc=False, **kwargs)

    return make
