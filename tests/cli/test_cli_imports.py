"""What a command imports, checked as structure (which modules), never as time: `grade`, `due` and
`--help` on an indexed, unchanged library load neither Alembic (the schema is at head), nor
markdown-it (no file to parse), nor multiprocessing (no pool for nothing), nor NumPy (Study.open
makes sure every drill type has its card from `drills.registry`, which has no NumPy), nor any
library only the app, the drills, stats or export use."""

import json
import subprocess
import sys

import pytest

HEAVY = (
    "alembic",
    "markdown_it",
    "mdit_py_plugins",
    "multiprocessing",
    "concurrent.futures.process",
    "numpy",
    "scipy",
    "textual",
    "rich",
    "plotext",
    "rjieba",
    "genanki",
    "watchfiles",
)

PROBE = """
import contextlib, io, json, sys
from qkvstudy.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "loaded": sorted(m for m in %r if m in sys.modules)}))
""" % (HEAVY + ("sqlalchemy",),)


def _loaded(*argv: str) -> tuple[int, set[str]]:
    proc = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return result["code"], set(result["loaded"])


def test_help_loads_nothing_heavy():
    assert _loaded("--help") == (0, set())
    assert _loaded("grade", "--help") == (0, set())


@pytest.mark.parametrize("command", ["grade", "due", "due --json"])
def test_grade_and_due_on_an_unchanged_library_load_nothing_heavy(tmp_path, lib, command, monkeypatch):
    common = ["--db", str(tmp_path / "q.db"), "--notes", str(lib)]
    first_code, first = _loaded(*common, "due")  # a new database: made, every note parsed
    assert first_code == 0 and "sqlalchemy" in first  # the probe sees imports when they happen
    argv = [*common, "grade", str(lib / "T" / "old.md"), "good"] if command == "grade" else [*common, *command.split()]
    code, loaded = _loaded(*argv)
    assert code == 0
    assert loaded & set(HEAVY) == set(), loaded
