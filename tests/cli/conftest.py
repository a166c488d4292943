"""CLI tests: a small library, a fixed clock, and the language left to each test."""

from datetime import UTC, datetime

import pytest
from helpers import note_text, write

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def no_language_from_outside(monkeypatch):
    monkeypatch.delenv("QKVSTUDY_LANG", raising=False)
    monkeypatch.setenv("QKVSTUDY_NOW", T0.isoformat())
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture
def lib(tmp_path):
    root = tmp_path / "notes"
    write(root / "T" / "new.md", note_text("新笔记", tags=("T",), next_review="2026-11-20"))
    write(
        root / "T" / "old.md",
        note_text("复习过的笔记", tags=("T",), last_reviewed="2026-11-10", next_review="2026-11-24", review_count=3),
    )
    write(root / "U" / "later.md", note_text("以后的笔记", tags=("U", "共享标签"), next_review="2026-12-30"))
    return root


@pytest.fixture
def run(tmp_path, lib, capsys):
    """main(...) with this test's database and library; returns (exit status, stdout, stderr)."""
    from qkvstudy.cli import main

    def go(*argv: str, common: bool = True) -> tuple[int, str, str]:
        extra = ["--db", str(tmp_path / "q.db"), "--notes", str(lib)] if common else []
        code = main([*extra, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return go
