"""The four grades, each with the interval it would give (Anki style: 1m, 10m, 3d, 2.1mo)."""

from __future__ import annotations

from datetime import timedelta

from textual.content import Content
from textual.widgets import Static

from qkvstudy.i18n import t
from qkvstudy.tui.format import format_interval
from qkvstudy.views import AGAIN, EASY, GOOD, GRADE_NAMES, HARD


class GradeBar(Static):
    """Clickable: each grade runs the screen's `grade(n)` action, same as its key."""

    def show_preview(self, preview: dict[int, timedelta]) -> None:
        parts = []
        for rating in (AGAIN, HARD, GOOD, EASY):
            interval = preview.get(rating)
            parts.append(
                Content.from_markup(
                    f"[@click=screen.grade({rating})][b reverse] {rating} [/] $zh [b]$interval[/][/]",
                    zh=t(f"common.grade.{GRADE_NAMES[rating]}"),
                    interval=format_interval(interval) if interval is not None else "–",
                )
            )
        self.update(Content("   ").join(parts))
