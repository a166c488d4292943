"""Opening a note in the user's $EDITOR from inside the TUI."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from textual.app import App, SuspendNotSupported


def editor_command() -> list[str] | None:
    """$VISUAL, else $EDITOR, split like a shell would (so "code -w" works); None when unset."""
    value = os.environ.get("VISUAL") or os.environ.get("EDITOR") or ""
    try:
        parts = shlex.split(value)
    except ValueError:
        return None
    return parts or None


def edit_file(app: App, path: Path) -> str | None:
    """Run the editor on `path` with the terminal handed over; returns a one-line problem or None."""
    command = editor_command()
    if command is None:
        return "请先设置 $EDITOR（或 $VISUAL）再编辑笔记，例如 export EDITOR=nano"
    try:
        try:
            with app.suspend():
                result = subprocess.run([*command, str(path)])
        except SuspendNotSupported:  # headless (tests) or a web driver: nothing to hand over
            result = subprocess.run([*command, str(path)], stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        return f"找不到编辑器：{command[0]}"
    except OSError as error:
        return f"无法启动编辑器：{error}"
    if result.returncode != 0:
        return f"编辑器退出，状态码 {result.returncode}"
    return None
