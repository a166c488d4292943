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

    def show_preview(self, preview: dict[int, timedelta], proposed: int | None = None) -> None:
        """The four grades; `proposed` (a drill's suggested grade, taken with enter) stands out."""
        parts = []
        for rating in (AGAIN, HARD, GOOD, EASY):
            interval = preview.get(rating)
            markup = (
                f"[@click=screen.grade({rating})][b $accent]▶[/][b reverse $accent] {rating} [/] "
                "[b $accent]$zh $interval[/][/]"
                if rating == proposed
                else f"[@click=screen.grade({rating})][b reverse] {rating} [/] $zh [b]$interval[/][/]"
            )
            parts.append(
                Content.from_markup(
                    markup,
                    zh=t(f"common.grade.{GRADE_NAMES[rating]}"),
                    interval=format_interval(interval) if interval is not None else "–",
                )
            )
        self.update(Content("   " if proposed is None else "  ").join(parts))

    def show_done(self, rating: int, interval: timedelta | None) -> None:
        """After a drill's standalone grade: what was recorded, when it comes back, what next."""
        after = t("drills.screen.again_in", interval=format_interval(interval)) if interval is not None else ""
        grade = t(f"common.grade.{ {int(r): name for r, name in GRADE_NAMES.items()}[int(rating)] }")
        self.update(Content(t("drills.screen.graded", rating=rating, grade=grade, after=after)))

    def show_practice(self) -> None:
        """A practice variant: nothing to grade."""
        self.update(Content(t("drills.screen.practice_keys")))
