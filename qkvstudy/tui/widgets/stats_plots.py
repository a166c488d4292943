"""The stats screen's plots (textual-plotext): bars whose labels always fit.

Axis labels are chosen at render time, for the width the plot has then: counts on the y axis are whole
numbers (a few round steps), and when the bars are too narrow for every x label, every second (third…)
label is shown, so no label runs into the next at 80 columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import RenderResult
from textual_plotext import PlotextPlot

_Y_LABEL_ROOM = 8  # columns plotext keeps left of the bars for y labels, border and ticks (about)


def count_ticks(top: int, rows: int) -> list[int]:
    """Round whole-number ticks from 0 to at least `top`, at most one every two rows and no more than five."""
    wanted = max(1, min(4, rows // 2))
    if top <= 0:
        return [0, 1]
    raw = top / wanted
    magnitude = 10 ** (len(str(int(raw))) - 1)
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    ticks = list(range(0, top + step, step))
    return ticks if ticks[-1] >= top else [*ticks, ticks[-1] + step]


def shown_labels(labels: Sequence[str], width: int) -> list[str]:
    """Every label when each fits its bar's columns with a space to spare, else every k-th one (the others
    blank), chosen so that the shown ones never touch."""
    if not labels:
        return []
    room = max(1, width - _Y_LABEL_ROOM) / len(labels)
    longest = max(len(label) for label in labels) + 1
    every = 1
    while every < len(labels) and room * every < longest:
        every += 1
    return [label if i % every == 0 else "" for i, label in enumerate(labels)]


class BarPlot(PlotextPlot):
    """Bars with a label under each (thinned to fit) and whole-number counts up the side."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.labels: list[str] = []
        self.counts: list[int] = []

    def show_bars(self, labels: Sequence[str], counts: Sequence[int]) -> None:
        self.labels, self.counts = list(labels), [int(c) for c in counts]
        self.refresh()

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        if self.counts:
            xs = [float(i) for i in range(len(self.counts))]
            plt.bar(xs, self.counts, width=0.6)
            shown = shown_labels(self.labels, self.size.width)
            plt.xticks([x for x, label in zip(xs, shown) if label], [label for label in shown if label])
            ticks = count_ticks(max(self.counts), self.size.height - 4)
            plt.yticks([float(t) for t in ticks], [str(t) for t in ticks])
            plt.ylim(0, ticks[-1])
        return super().render()
