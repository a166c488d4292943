"""The library's *.md files and their size and mtime: what every scan starts from.

A module of its own, importing only the standard library and the atomic-write helper, so that a
rescan finding nothing to do (facade.quick_scan) needs nothing heavier.
"""

from __future__ import annotations

import os
from pathlib import Path

from qkvstudy.notes.atomic import is_stale_temp


def walk_library(root: Path) -> dict[str, tuple[int, int]]:
    """Every *.md under root (hidden folders skipped) -> (size, mtime_ns), keyed by '/'-separated relative path.

    String paths throughout: a Path and a relative_to per file cost more than the stat.
    """
    found: dict[str, tuple[int, int]] = {}
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = os.scandir(folder)
        except OSError:
            continue
        with entries:
            for entry in entries:
                name = entry.name
                try:
                    if name.startswith("."):
                        if is_stale_temp(entry):  # left by a killed write-back or import
                            os.unlink(entry.path)
                    elif entry.is_dir(follow_symlinks=False):
                        stack.append((entry.path, prefix + name + "/"))
                    elif name.lower().endswith(".md") and entry.is_file():
                        st = entry.stat()
                        found[prefix + name] = (st.st_size, st.st_mtime_ns)
                except OSError:
                    continue  # vanished meanwhile, or not ours to remove
    return found
