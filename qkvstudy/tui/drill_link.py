"""Where the review and home screens meet the drills engineer's DrillScreen."""

from __future__ import annotations


def drill_screen_class():
    """DrillScreen(study, card=None) when it exists; None while it is still being written."""
    try:
        from qkvstudy.tui.screens.drill import DrillScreen
    except ModuleNotFoundError as error:
        if error.name != "qkvstudy.tui.screens.drill":
            raise  # a real bug inside the drill screen must show, not hide as "unavailable"
        return None
    return DrillScreen
