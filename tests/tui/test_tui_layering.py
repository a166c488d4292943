"""The core never imports Textual: checked in a fresh interpreter with `textual` blocked."""

from __future__ import annotations

import subprocess
import sys

CORE = ("qkvstudy.notes", "qkvstudy.store", "qkvstudy.schedule", "qkvstudy.drills", "qkvstudy.study", "qkvstudy.views")

PROBE = f"""
import importlib, pkgutil, sys

class BlockTextual:
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError("the core imported " + name)
        return None

sys.meta_path.insert(0, BlockTextual())
for name in {CORE!r}:
    module = importlib.import_module(name)
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), name + "."):
        if ".migrations" not in info.name:  # Alembic scripts run only under Alembic
            importlib.import_module(info.name)
assert not any(m == "textual" or m.startswith("textual.") for m in sys.modules)
print("core ok")
"""


def test_core_imports_without_textual():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "core ok" in result.stdout


def test_the_probe_does_catch_textual():
    probe = PROBE.replace(f"for name in {CORE!r}:", "for name in ('qkvstudy.tui.app',):")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "imported textual" in result.stderr
