"""A one-line header made of phrases: the phrases that fit are shown whole, the rest are left out.

A header that wraps breaks Chinese between any two characters (`回` / `忆概率`), so this widget
never wraps: it drops phrases from the end (the least important) until the line fits.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

SEPARATOR = " · "


def fit_phrases(first: str, rest: list[str], width: int) -> tuple[str, list[str]]:
    """`first` (bold in the header) and as many of `rest` as fit in `width` cells, in order."""
    kept: list[str] = []
    used = cell_len(first)
    for phrase in rest:
        needed = cell_len(SEPARATOR) + cell_len(phrase)
        if used + needed > width:
            break
        kept.append(phrase)
        used += needed
    return first, kept


class MetaLine(Static):
    DEFAULT_CSS = "MetaLine { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._first = ""
        self._rest: list[str] = []

    def show(self, first: str, rest: list[str]) -> None:
        self._first, self._rest = first, rest
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        width = self.content_size.width or self.size.width
        first, kept = fit_phrases(self._first, self._rest, width) if width else (self._first, self._rest)
        self.update(Content.from_markup("[b]$first[/b]$rest", first=first, rest="".join(SEPARATOR + p for p in kept)))
