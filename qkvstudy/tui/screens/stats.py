"""The stats screen: where the learner stands (reviews, streaks, retention, forecast, memory, topics, drills,
leeches), and the two decisions it informs: fitting personal parameters (`o`) and choosing a desired
retention (`m`). Numbers come from the facade as plain values, computed in a worker with its own Study."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, cast

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, Static
from textual_plotext import PlotextPlot

from qkvstudy.i18n import t
from qkvstudy.tui.widgets.heatmap import heat_rgb

if TYPE_CHECKING:
    from qkvstudy.schedule.stats import Histogram, Retention, Stats
    from qkvstudy.tui.app import QkvApp

_BLOCK = "■"


class StatsLoaded(Message):
    def __init__(self, stats: Stats | None, error: str | None = None) -> None:
        super().__init__()
        self.stats = stats
        self.error = error


class TuneDone(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


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
                r, g, b = heat_rgb(0.15 + 0.85 * n / top)
                text.append(_BLOCK, style=Style(color=f"rgb({r},{g},{b})"))
        text.append("\n")
    text.rstrip()
    return text


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _ret(r: Retention) -> str:
    return f"{_pct(r.rate)} ({r.passed + r.failed})"


def summary_text(stats: Stats) -> str:
    lines = [
        t("insight.stats.total", total=stats.total_reviews, current=stats.streak_current, longest=stats.streak_longest)
    ]
    lines.append(t("insight.stats.retention"))
    for period in ("today", "week", "month", "year"):
        r = stats.retention[period]
        lines.append(
            "  "
            + t(
                "insight.stats.retention_row",
                period=t(f"insight.stats.period.{period}"),
                young=_ret(r["young"]),
                mature=_ret(r["mature"]),
            )
        )
    lines.append(t("insight.stats.buttons"))
    for kind, counts in stats.buttons.items():
        lines.append(f"  {t(f'insight.stats.kind.{kind}')}: {' / '.join(map(str, counts))}")
    return "\n".join(lines)


def topics_text(stats: Stats) -> str:
    lines = [t("insight.stats.topics")]
    for tp in stats.topics:
        s = "—" if tp.avg_stability is None else t("common.unit.days", n=f"{tp.avg_stability:.0f}")
        lines.append(
            "  "
            + t(
                "insight.stats.topic_row",
                topic=tp.topic or "-",
                notes=tp.notes,
                r=_pct(tp.avg_retrievability),
                s=s,
                due=tp.due,
            )
        )
        if tp.weakest:
            lines.append("  " + t("insight.stats.weakest", notes=" · ".join(w.title for w in tp.weakest)))
    if stats.drills:
        lines.append(t("insight.stats.drills"))
        for d in stats.drills:
            secs = "—" if d.avg_seconds is None else f"{d.avg_seconds:.0f} s"
            lines.append(
                "  " + t("insight.stats.drill_row", type=d.type, attempts=d.attempts, accuracy=d.accuracy, seconds=secs)
            )
        if stats.mistakes:
            items = ", ".join(f"{m.type} L{m.level} ×{m.wrong}" for m in stats.mistakes)
            lines.append("  " + t("insight.stats.mistakes", items=items))
    lines.append(t("insight.stats.leeches", n=len(stats.leeches)))
    for lc in stats.leeches[:10]:
        suspended = t("insight.stats.suspended") if lc.suspended else ""
        lines.append(t("insight.stats.leech_row", title=lc.title, lapses=lc.lapses, suspended=suspended))
    return "\n".join(lines)


class StatsScreen(Screen[None]):
    DEFAULT_CSS = """
    StatsScreen .stats-heading { text-style: bold; margin-top: 1; }
    StatsScreen #stats-title { color: $accent; margin-top: 0; }
    StatsScreen .stats-plot { height: 10; }
    StatsScreen #stats-calendar { height: 7; }
    StatsScreen #stats-tune { margin-top: 1; }
    """
    BINDINGS = [
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
        with VerticalScroll(id="stats-body"):
            yield Label(t("insight.screen.title"), id="stats-title", classes="stats-heading")
            yield Static(t("insight.screen.loading"), id="stats-summary")
            yield Label(t("insight.screen.heatmap"), classes="stats-heading")
            yield Static("", id="stats-calendar")
            yield Label(t("insight.screen.forecast"), classes="stats-heading")
            yield PlotextPlot(id="stats-forecast", classes="stats-plot")
            yield Label(t("insight.screen.retrievability"), classes="stats-heading")
            yield PlotextPlot(id="stats-retrievability", classes="stats-plot")
            yield Label(t("insight.screen.stability"), classes="stats-heading")
            yield PlotextPlot(id="stats-stability", classes="stats-plot")
            yield Label(t("insight.screen.difficulty"), classes="stats-heading")
            yield PlotextPlot(id="stats-difficulty", classes="stats-plot")
            yield Static("", id="stats-topics")
            yield Static("", id="stats-tune")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stats-body").focus()
        if self.qkv.study_factory is None:
            self._show(self.qkv.study.insight.stats(self.topic))  # tests with one in-process Study
        else:
            self._load()

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
        self.query_one("#stats-summary", Static).update(summary_text(stats))
        self.query_one("#stats-calendar", Static).update(calendar(stats.reviews_per_day, stats.today))
        days = list(stats.forecast)
        forecast = self.query_one("#stats-forecast", PlotextPlot)
        plt = forecast.plt
        plt.clear_data()
        xs = [float(i) for i in range(len(days))]
        plt.bar(xs, list(stats.forecast.values()), width=0.6)
        plt.xticks(xs[::7], [d.strftime("%m-%d") for d in days][::7])
        plt.ylabel(t("insight.screen.cards_axis"))
        forecast.refresh()
        self._histogram("#stats-retrievability", stats.retrievability, "{:.1f}")
        self._histogram("#stats-stability", stats.stability, "{:.0f}")
        self._histogram("#stats-difficulty", stats.difficulty, "{:.0f}")
        self.query_one("#stats-topics", Static).update(topics_text(stats))

    def _histogram(self, selector: str, hist: Histogram, fmt: str) -> None:
        widget = self.query_one(selector, PlotextPlot)
        labels = [fmt.format(e) for e in hist.edges[:-1]]
        xs = [float(i) for i in range(len(labels))]
        widget.plt.clear_data()
        widget.plt.bar(xs, list(hist.counts), width=0.6)
        widget.plt.xticks(xs, labels)
        widget.refresh()

    # Decisions: fit parameters, choose a retention. Both run in a worker with a Study of their own.

    def action_optimize(self) -> None:
        self.tuned = False
        self.query_one("#stats-tune", Static).update(t("insight.screen.optimizing"))
        self._tune("optimize")

    def action_simulate(self) -> None:
        self.tuned = False
        self.query_one("#stats-tune", Static).update(t("insight.screen.simulating"))
        self._tune("simulate")

    @work(thread=True, exclusive=True, group="tune")
    def _tune(self, what: str) -> None:
        factory = self.qkv.study_factory
        try:
            study = factory() if factory is not None else self.qkv.study
            try:
                text = _optimize_text(study) if what == "optimize" else _simulate_text(study)
            finally:
                if factory is not None:
                    study.close()
        except Exception as error:
            text = f"{type(error).__name__}: {error}"
        self.post_message(TuneDone(text))

    def on_tune_done(self, message: TuneDone) -> None:
        if self.qkv.study_factory is not None and self.qkv._study is not None:
            self.qkv.study.insight.reload_parameters()  # a worker may have saved new ones
        tune = self.query_one("#stats-tune", Static)
        tune.update(message.text)
        self.tuned = True
        self.query_one("#stats-body", VerticalScroll).scroll_to_widget(tune)

    def action_close(self) -> None:
        self.app.pop_screen()


def _optimize_text(study: Any) -> str:
    result = study.insight.optimize()
    if result.status == "too_little":
        return t(
            "insight.optimize.too_little",
            have=result.reviews,
            need=result.needed,
            missing=max(0, result.needed - result.reviews),
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
    return "\n".join(lines)


def _simulate_text(study: Any) -> str:
    table = study.insight.retention_table()
    s = study.settings
    deck = table[0].deck_size if table else 0
    lines = [t("insight.simulate.header", deck=deck, new=s.new_per_day, reviews=s.reviews_per_day)]
    lines.append(t("insight.simulate.columns"))
    for row in table:
        mark = "*" if abs(row.retention - s.desired_retention) < 1e-9 else " "
        lines.append(
            t(
                "insight.simulate.row",
                mark=mark,
                retention=row.retention,
                reviews=row.reviews_per_day,
                minutes=row.minutes_per_day,
                kept=row.remembered,
            )
        )
    lines.append(t("insight.simulate.hint"))
    return "\n".join(lines)
