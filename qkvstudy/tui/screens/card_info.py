"""Card info (`i` in review and browse): the card's review history, its forgetting curve with the desired
retention line, and the chance of recall now and at its due date."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static
from textual_plotext import PlotextPlot

from qkvstudy.config import local_tz
from qkvstudy.i18n import t

if TYPE_CHECKING:
    from qkvstudy.schedule.card_info import CardMemory
    from qkvstudy.tui.app import QkvApp
    from qkvstudy.views import CardView

_GRADES = {1: "common.grade.again", 2: "common.grade.hard", 3: "common.grade.good", 4: "common.grade.easy"}
_EVENTS = {"reset": "insight.info.event.reset", "reschedule": "insight.info.event.reschedule"}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _days(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 1:
        return t("common.unit.minutes", n=f"{value * 1440:.0f}")
    return t("common.unit.days", n=f"{value:.1f}" if value < 10 else f"{value:.0f}")


def summary(card: CardView, memory: CardMemory) -> str:
    if memory.stability is None:
        return t("insight.info.never")
    due = memory.due.astimezone(local_tz()).strftime("%Y-%m-%d")
    return t(
        "insight.info.summary",
        s=_days(memory.stability),
        d="—" if card.difficulty is None else f"{card.difficulty:.1f}",
        now=_pct(memory.retrievability_now),
        due=due,
        at_due=_pct(memory.retrievability_at_due),
    )


class CardInfoScreen(Screen[None]):
    DEFAULT_CSS = """
    CardInfoScreen #info-title { text-style: bold; color: $accent; }
    CardInfoScreen #info-curve { height: 12; }
    CardInfoScreen #info-history { height: auto; max-height: 20; }
    CardInfoScreen .info-heading { text-style: bold; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,q,i", "close", t("insight.screen.close_key"), id="card_info.close")]

    def __init__(self, card_id: int) -> None:
        super().__init__()
        self.card_id = card_id

    @property
    def qkv(self) -> QkvApp:
        return cast("QkvApp", self.app)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="info-body"):
            yield Label("", id="info-title")
            yield Static("", id="info-summary")
            yield Label("", id="info-curve-title", classes="info-heading")
            yield Static("", id="info-legend")
            yield PlotextPlot(id="info-curve")
            yield DataTable(id="info-history", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        study = self.qkv.study
        card = study.card(self.card_id)
        memory = study.insight.card_memory(self.card_id)
        self.query_one("#info-title", Label).update(card.title)
        self.query_one("#info-summary", Static).update(summary(card, memory))
        self.query_one("#info-curve-title", Label).update(t("insight.info.curve", dr=memory.desired_retention))
        self.query_one("#info-legend", Static).update(
            f"x: {t('insight.info.days')} · y: {t('insight.info.recall')} % · "
            f"[green]│ {t('insight.info.now')}[/] · [dark_orange]│ {t('insight.info.due')}[/] · "
            f"[red]─ {memory.desired_retention:.0%}[/]"
        )
        self._curve(memory)
        table = self.query_one("#info-history", DataTable)
        for key in ("date", "grade", "interval", "stability", "difficulty", "time"):
            table.add_column(t(f"insight.info.col.{key}"), key=key)
        for entry in reversed(memory.history):
            table.add_row(
                entry.reviewed_at.astimezone(local_tz()).strftime("%Y-%m-%d %H:%M"),
                t(_GRADES.get(entry.rating, "common.grade.again"))
                if entry.event == "review"
                else t(_EVENTS[entry.event]),
                _days(entry.interval_days),
                _days(entry.stability),
                "—" if entry.difficulty is None else f"{entry.difficulty:.1f}",
                "—" if entry.seconds is None else f"{entry.seconds:.0f} s",
            )
        self.query_one("#info-body").focus()

    def _curve(self, memory: CardMemory) -> None:
        widget = self.query_one("#info-curve", PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        if not memory.curve:
            widget.display = False
            return
        xs = [x for x, _ in memory.curve]
        plt.plot(xs, [y * 100 for _, y in memory.curve], marker="braille")
        plt.horizontal_line(memory.desired_retention * 100, color="red")
        if memory.days_now is not None:
            plt.vertical_line(memory.days_now, color="green")
        if memory.days_due is not None:
            plt.vertical_line(memory.days_due, color="orange")
        plt.ylim(0, 100)
        plt.yticks(sorted({0, 25, 50, 75, 100, round(memory.desired_retention * 100)}))
        widget.refresh()

    def action_close(self) -> None:
        self.app.pop_screen()
