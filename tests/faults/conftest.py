"""The fault suite: each test reproduces one way real use or a hostile file broke qkvstudy's promises."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str, env: dict | None = None, timeout: float = 60, cwd: Path | None = None):
    """The real `qkvstudy` command in its own process (English messages, so tests can read them)."""
    full = {**os.environ, "QKVSTUDY_LANG": "en", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "qkvstudy.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full,
        cwd=cwd,
    )


@pytest.fixture
def english():
    from qkvstudy.i18n import language, set_language

    before = language()
    set_language("en")
    yield
    set_language(before)
