"""Opening a note in the user's $EDITOR from inside the TUI."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SuspendNotSupported

from qkvstudy.i18n import t

if TYPE_CHECKING:
    from textual.screen import Screen

    from qkvstudy.study import Study
    from qkvstudy.tui.prepared import PreparedCard


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


def edit_and_reread(screen: Screen[Any], study: Study, current: PreparedCard, note_id: int) -> PreparedCard | None:
    """Open the note in $EDITOR, then re-index it and prepare its card again; every problem is a toast
    (None when the note could not be read back)."""
    from qkvstudy.tui.prepared import prepare_card
    from qkvstudy.tui.screens.review_state import USER_ERRORS

    problem = edit_file(screen.app, study.note_file(note_id))
    if problem:
        screen.notify(problem, severity="warning")
    try:
        problems = study.reindex_note(note_id)
        refreshed = prepare_card(study, study.card(current.card.card_id))
    except USER_ERRORS as error:
        screen.notify(t("app.review.cannot_reread", error=error), severity="error")
        return None
    for found in problems[:3]:
        screen.notify(str(found), severity="warning", timeout=8)
    return refreshed
