"""The stats screen's text panes, as Rich renderables: tables whose long titles end in an ellipsis
rather than wrap, and a year's calendar. Built from the plain `Stats` value; every label from the catalog."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.style import Style
from rich.table import Table
from rich.text import Text

from qkvstudy.i18n import t

if TYPE_CHECKING:
    from qkvstudy.schedule.stats import Retention, Stats

_BLOCK = "■"
# Few reviews to many: a ramp from dark blue to yellow (readable on dark and light themes alike).
_RAMP = ((0.0, (59, 76, 192)), (0.5, (38, 166, 154)), (1.0, (253, 231, 37)))
LEECHES_SHOWN = 10


def heat(value: float) -> tuple[int, int, int]:
    """The calendar colour of a value scaled to 0..1 (clamped)."""
    value = min(1.0, max(0.0, value))
    for (t0, c0), (t1, c1) in zip(_RAMP, _RAMP[1:]):
        if value <= t1:
            f = (value - t0) / (t1 - t0)
            r, g, b = (round(a + (z - a) * f) for a, z in zip(c0, c1))
            return r, g, b
    return _RAMP[-1][1]


def calendar(reviews: dict[date, int], today: date, weeks: int = 53) -> Text:
    """A GitHub-style year: one column a week (Monday on top), colour by the day's reviews."""
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    top = max(reviews.values(), default=0)
    text = Text()
    for weekday in range(7):
        for week in range(weeks):
            day = start + timedelta(days=7 * week + weekday)
            if day > today:
                text.append(" ")
                continue
            n = reviews.get(day, 0)
            if n == 0:
                text.append("·", style=Style(dim=True))
            else:
                r, g, b = heat(0.15 + 0.85 * n / top)
                text.append(_BLOCK, style=Style(color=f"rgb({r},{g},{b})"))
        text.append("\n")
    text.rstrip()
    return text


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _ret(r: Retention) -> str:
    return f"{_pct(r.rate)} ({r.passed + r.failed})"


def _table(*headers: str) -> Table:
    """Numbers right-aligned and never cut; the first column gives way when the screen is narrow."""
    table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False, header_style="bold")
    for i, header in enumerate(headers):
        table.add_column(header, justify="left" if i == 0 else "right", no_wrap=i > 0)
    return table


def _cut(text: str) -> Text:
    """A title on one line, ending in "…" when its column is narrower."""
    return Text(text, no_wrap=True, overflow="ellipsis")


class SideBySide:
    """Two renderables side by side when there is room for both, else one above the other."""

    def __init__(self, left: RenderableType, right: RenderableType, min_width: int) -> None:
        self.left, self.right, self.min_width = left, right, min_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= self.min_width:
            grid = Table.grid(padding=(0, 4))
            grid.add_row(self.left, self.right)
            yield grid
        else:
            yield Group(self.left, Text(""), self.right)


def overview(stats: Stats) -> RenderableType:
    """True retention by period (young/mature) and answer buttons by kind."""
    retention = _table(t("insight.stats.retention"), t("insight.stats.kind.young"), t("insight.stats.kind.mature"))
    for period, r in stats.retention.items():
        retention.add_row(t(f"insight.stats.period.{period}"), _ret(r["young"]), _ret(r["mature"]))
    buttons = _table(t("insight.screen.buttons"), *(t(f"insight.screen.grade.{g}") for g in range(1, 5)))
    for kind, counts in stats.buttons.items():
        buttons.add_row(t(f"insight.stats.kind.{kind}"), *map(str, counts))
    return SideBySide(retention, buttons, min_width=100)


def topics(stats: Stats) -> RenderableType:
    """One row a topic; then each topic's weakest notes, one line each, cut to the width."""
    table = _table(
        t("insight.stats.topics"),
        t("insight.screen.col.notes"),
        t("insight.screen.col.recall"),
        t("insight.screen.col.stability"),
        t("insight.screen.col.due"),
    )
    for tp in stats.topics:
        s = "—" if tp.avg_stability is None else t("common.unit.days", n=f"{tp.avg_stability:.0f}")
        table.add_row(_cut(tp.topic or "-"), str(tp.notes), _pct(tp.avg_retrievability), s, str(tp.due))
    weakest = _table(t("insight.screen.weakest"), t("insight.screen.col.recall"))
    for tp in stats.topics:
        for w in tp.weakest:
            weakest.add_row(_cut(f"{tp.topic or '-'} · {w.title}"), _pct(w.retrievability))
    parts: list[RenderableType] = [table]
    if any(tp.weakest for tp in stats.topics):
        parts += [Text(""), weakest]
    return Group(*parts)


def drills_and_leeches(stats: Stats) -> RenderableType:
    parts: list[RenderableType] = []
    if stats.drills:
        drills = _table(
            t("insight.stats.drills"),
            t("insight.screen.col.attempts"),
            t("insight.screen.col.accuracy"),
            t("insight.screen.col.seconds"),
        )
        for d in stats.drills:
            secs = "—" if d.avg_seconds is None else f"{d.avg_seconds:.0f} s"
            drills.add_row(d.type, str(d.attempts), f"{d.accuracy:.0%}", secs)
        parts.append(drills)
        if stats.mistakes:
            items = ", ".join(f"{m.type} L{m.level} ×{m.wrong}" for m in stats.mistakes)
            parts.append(_cut(t("insight.stats.mistakes", items=items)))
        parts.append(Text(""))
    if not stats.leeches:
        parts.append(Text(t("insight.stats.leeches", n=0), style="bold"))
        return Group(*parts)
    leeches = _table(t("insight.stats.leeches", n=len(stats.leeches)), t("insight.screen.col.lapses"))
    for lc in stats.leeches[:LEECHES_SHOWN]:
        suspended = t("insight.screen.suspended") if lc.suspended else ""
        leeches.add_row(_cut(lc.title + suspended), str(lc.lapses))
    parts.append(leeches)
    return Group(*parts)
