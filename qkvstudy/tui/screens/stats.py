"""The stats screen: where the learner stands, in tabs that each fit 80×24 — overview (totals, streaks,
true retention, answer buttons, the year's calendar), forecast, memory (recall, stability, difficulty),
topics and drills (with leeches) — and the two decisions it informs: fitting personal parameters (`o`)
and choosing a desired retention (`m`), whose results show in the parameters tab.

The first frame is drawn at once with the panes empty; the numbers come from the facade as plain
values, computed in a worker with its own Study, and fill every pane when they arrive."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.console import RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, Static, TabbedContent, TabPane

from qkvstudy.i18n import t
from qkvstudy.tui.widgets.stats_text import calendar, drills_and_leeches, overview, topics

if TYPE_CHECKING:
    from qkvstudy.schedule.stats import Histogram, Stats
    from qkvstudy.tui.app import QkvApp
    from qkvstudy.tui.widgets.stats_plots import BarPlot

TABS = ("stats-overview", "stats-forecast-tab", "stats-memory", "stats-topics-tab", "stats-tune-tab")
TALL = 36  # rows from which the memory tab's three plots share the height instead of scrolling


class StatsLoaded(Message):
    def __init__(self, stats: Stats | None, error: str | None = None) -> None:
        super().__init__()
        self.stats = stats
        self.error = error


class TuneDone(Message):
    def __init__(self, result: RenderableType) -> None:
        super().__init__()
        self.result = result


def bin_labels(hist: Histogram, kind: str) -> list[str]:
    """A label per bin, its lower edge: percent for recall, days for stability (the last one open)."""
    lower = hist.edges[:-1]
    if kind == "retrievability":
        return [f"{e:.0%}" for e in lower]
    labels = [f"{e:g}" for e in lower]
    if kind == "stability":
        labels[-1] += "+"
    return labels


class StatsScreen(Screen[None]):
    DEFAULT_CSS = """
    StatsScreen TabbedContent { height: 1fr; }
    StatsScreen TabPane { padding: 0 1; }
    StatsScreen .stats-pane { height: 1fr; }
    StatsScreen .stats-heading { text-style: bold; margin-top: 1; }
    StatsScreen #stats-calendar { height: 7; }
    StatsScreen #stats-drills { margin-top: 1; }
    StatsScreen .stats-plot { height: 10; }
    StatsScreen #stats-forecast-box, StatsScreen.-tall .stats-plot { height: 1fr; }
    """
    BINDINGS = [
        Binding("left", "tab(-1)", t("insight.screen.tabs_key"), key_display="←→", priority=True, id="stats.tabs"),
        Binding("right", "tab(1)", t("insight.screen.tabs_key"), show=False, priority=True, id="stats.next_tab"),
        Binding("o", "optimize", t("insight.screen.optimize_key"), id="stats.optimize"),
        Binding("m", "simulate", t("insight.screen.simulate_key"), id="stats.simulate"),
        Binding("escape,q", "close", t("insight.screen.close_key"), id="stats.close"),
    ]

    def __init__(self, topic: str | None = None) -> None:
        super().__init__()
        self.topic = topic
        self.stats: Stats | None = None
        self.loaded = False  # the numbers are on screen (tests and the benchmark wait for this)
        self.tuned = False  # an optimize / simulate result is on screen

    @property
    def qkv(self) -> QkvApp:
        return cast("QkvApp", self.app)

    def compose(self) -> ComposeResult:
        with TabbedContent(id="stats-tabs"):
            with TabPane(t("insight.screen.tab.overview"), id="stats-overview"), VerticalScroll(classes="stats-pane"):
                yield Static(t("insight.screen.loading"), id="stats-summary")
                yield Static("", id="stats-retention")
                yield Label(t("insight.screen.heatmap"), classes="stats-heading")
                yield Static("", id="stats-calendar")
            with TabPane(t("insight.screen.tab.forecast"), id="stats-forecast-tab"):
                yield Static("", id="stats-load")
                yield Vertical(id="stats-forecast-box")
            with TabPane(t("insight.screen.tab.memory"), id="stats-memory"), VerticalScroll(classes="stats-pane"):
                yield Label(t("insight.screen.retrievability"), classes="stats-heading")
                yield Vertical(id="stats-retrievability-box", classes="stats-plot")
                yield Label(t("insight.screen.stability"), classes="stats-heading")
                yield Vertical(id="stats-stability-box", classes="stats-plot")
                yield Label(t("insight.screen.difficulty"), classes="stats-heading")
                yield Vertical(id="stats-difficulty-box", classes="stats-plot")
            with TabPane(t("insight.screen.tab.topics"), id="stats-topics-tab"), VerticalScroll(classes="stats-pane"):
                yield Static("", id="stats-topics")
                yield Static("", id="stats-drills")
            with TabPane(t("insight.screen.tab.tune"), id="stats-tune-tab"), VerticalScroll(classes="stats-pane"):
                yield Static(t("insight.screen.tune_hint"), id="stats-tune")
        yield Footer()

    def on_mount(self) -> None:
        self._focus_pane()
        if self.qkv.study_factory is None:
            self._show(self.qkv.study.insight.stats(self.topic))  # tests with one in-process Study
        else:
            self._load()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height >= TALL, "-tall")

    def on_tabbed_content_tab_activated(self, _event: TabbedContent.TabActivated) -> None:
        self._focus_pane()

    def _focus_pane(self) -> None:
        """Up/down and page keys scroll the tab in view."""
        tabs = self.query_one("#stats-tabs", TabbedContent)
        panes = self.query(f"#{tabs.active} .stats-pane") if tabs.active else None
        if panes:
            panes.first().focus()

    def action_tab(self, step: int) -> None:
        tabs = self.query_one("#stats-tabs", TabbedContent)
        index = TABS.index(tabs.active) if tabs.active in TABS else 0
        tabs.active = TABS[(index + step) % len(TABS)]

    @work(thread=True, exclusive=True, group="stats")
    def _load(self) -> None:
        try:
            factory = self.qkv.study_factory
            assert factory is not None
            study = factory()
            try:
                stats = study.insight.stats(self.topic)
            finally:
                study.close()
            import qkvstudy.tui.widgets.stats_plots  # noqa: F401  # plotext loaded here, off the UI thread
        except Exception as error:  # a locked or broken database: one line, the screen stays
            self.post_message(StatsLoaded(None, f"{type(error).__name__}: {error}"))
            return
        self.post_message(StatsLoaded(stats))

    def on_stats_loaded(self, message: StatsLoaded) -> None:
        if message.stats is None:
            self.query_one("#stats-summary", Static).update(message.error or "")
            return
        self._show(message.stats)

    def _show(self, stats: Stats) -> None:
        self.stats = stats
        self.call_after_refresh(setattr, self, "loaded", True)
        self.query_one("#stats-summary", Static).update(
            Text(
                t(
                    "insight.stats.total",
                    total=stats.total_reviews,
                    current=stats.streak_current,
                    longest=stats.streak_longest,
                )
            )
        )
        self.query_one("#stats-retention", Static).update(overview(stats))
        self.query_one("#stats-calendar", Static).update(calendar(stats.reviews_per_day, stats.today))
        today = stats.forecast.get(stats.today, 0)
        self.query_one("#stats-load", Static).update(t("insight.screen.daily_load", load=stats.daily_load, today=today))
        days = list(stats.forecast)
        self._plot("forecast").show_bars([d.strftime("%m-%d") for d in days], list(stats.forecast.values()))
        for kind in ("retrievability", "stability", "difficulty"):
            hist = cast("Histogram", getattr(stats, kind))
            self._plot(kind).show_bars(bin_labels(hist, kind), hist.counts)
        self.query_one("#stats-topics", Static).update(topics(stats))
        self.query_one("#stats-drills", Static).update(drills_and_leeches(stats))

    def _plot(self, name: str) -> BarPlot:
        """The plot in its box, made when the numbers first arrive: plotext is not imported for the first frame."""
        from qkvstudy.tui.widgets.stats_plots import BarPlot

        box = self.query_one(f"#stats-{name}-box", Vertical)
        if not box.children:
            box.mount(BarPlot(id=f"stats-{name}"))
        return cast(BarPlot, box.children[0])

    # Decisions: fit parameters, choose a retention. Both run in a worker with a Study of their own.

    def action_optimize(self) -> None:
        self._start_tuning(t("insight.screen.optimizing"), "optimize")

    def action_simulate(self) -> None:
        self._start_tuning(t("insight.screen.simulating"), "simulate")

    def _start_tuning(self, text: str, what: str) -> None:
        self.tuned = False
        self.query_one("#stats-tabs", TabbedContent).active = "stats-tune-tab"
        self.query_one("#stats-tune", Static).update(text)
        self._tune(what)

    @work(thread=True, exclusive=True, group="tune")
    def _tune(self, what: str) -> None:
        factory = self.qkv.study_factory
        try:
            study = factory() if factory is not None else self.qkv.study
            try:
                result: RenderableType = _optimize_text(study) if what == "optimize" else _simulate_table(study)
            finally:
                if factory is not None:
                    study.close()
        except Exception as error:  # one line, as the user's text (never read as markup)
            result = Text(f"{type(error).__name__}: {error}")
        self.post_message(TuneDone(result))

    def on_tune_done(self, message: TuneDone) -> None:
        if self.qkv.study_factory is not None and self.qkv._study is not None:
            self.qkv.study.insight.reload_parameters()  # a worker may have saved new ones
        self.query_one("#stats-tabs", TabbedContent).active = "stats-tune-tab"
        self.query_one("#stats-tune", Static).update(message.result)
        self.tuned = True

    def action_close(self) -> None:
        self.app.pop_screen()


def _optimize_text(study: Any) -> Text:
    result = study.insight.optimize()
    if result.status == "too_little":
        return Text(
            t(
                "insight.optimize.too_little",
                have=result.reviews,
                need=result.needed,
                missing=max(0, result.needed - result.reviews),
            )
        )
    lines = [t("insight.optimize.split", train=result.train, test=result.test)]
    for name, ev in (("default", result.default), ("fitted", result.fitted)):
        lines.append(
            "  " + t("insight.optimize.row", name=t(f"insight.optimize.{name}"), loss=ev.log_loss, rmse=ev.rmse_bins)
        )
    from qkvstudy import config

    path = config.settings_path()
    lines.append(
        t("insight.optimize.saved", path=path) if result.status == "saved" else t("insight.optimize.not_better")
    )
    return Text("\n".join(lines))


def _simulate_table(study: Any) -> RenderableType:
    """Desired retention → reviews and minutes a day, cards remembered after a year; the current one marked."""
    from rich.console import Group
    from rich.table import Table

    choices = study.insight.retention_table()
    s = study.settings
    deck = choices[0].deck_size if choices else 0
    table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False, header_style="bold")
    for i, key in enumerate(("retention", "reviews", "minutes", "kept")):
        table.add_column(t(f"insight.screen.sim.{key}"), justify="right", no_wrap=i > 0)
    for row in choices:
        mark = "* " if abs(row.retention - s.desired_retention) < 1e-9 else ""
        table.add_row(
            f"{mark}{row.retention:.2f}",
            f"{row.reviews_per_day:.1f}",
            f"{row.minutes_per_day:.1f}",
            f"{row.remembered:.0f}",
            style="bold" if mark else None,
        )
    return Group(
        Text(t("insight.simulate.header", deck=deck, new=s.new_per_day, reviews=s.reviews_per_day)),
        table,
        Text(t("insight.simulate.hint")),
    )
