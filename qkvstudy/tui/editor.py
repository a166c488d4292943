"""Opening a note in the user's $EDITOR from inside the TUI."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from textual.app import App, SuspendNotSupported

from qkvstudy.i18n import t


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
        return t("app.editor.unset")
    try:
        try:
            with app.suspend():
                result = subprocess.run([*command, str(path)])
        except SuspendNotSupported:  # headless (tests) or a web driver: nothing to hand over
            result = subprocess.run([*command, str(path)], stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        return t("app.editor.not_found", editor=command[0])
    except OSError as error:
        return t("app.editor.cannot_start", error=error)
    if result.returncode != 0:
        return t("app.editor.exit_status", status=result.returncode)
    return None
