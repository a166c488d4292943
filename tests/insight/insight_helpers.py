"""Shared by the insight tests (a module of its own: every test folder has a `conftest`, so importing
from `conftest` depends on the order folders are collected in)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from qkvstudy.study import Study

PINNED_NOW = "2026-11-24T10:00:00+00:00"
START = datetime(2026, 10, 1, 9, tzinfo=UTC)


@dataclass
class Library:
    notes: Path
    db: Path

    def open(self) -> Study:
        return Study.open(db=str(self.db), notes=self.notes)


def grade_at(monkeypatch: pytest.MonkeyPatch, study: Study, card_id: int, rating: int, when: datetime) -> None:
    monkeypatch.setenv("QKVSTUDY_NOW", when.isoformat())
    study.grade(card_id, rating, duration_s=12)


async def wait_for(pilot, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.01)
    await pilot.pause()
