"""A note's sections as Markdown, one widget per section, mounted one after another.

Textual's Markdown grows faster than linearly with the number of blocks, so one widget per
section keeps each render small and lets the first section appear before the rest is ready.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.widgets import Label

from qkvstudy.tui.widgets.math_markdown import NoteMarkdown


class NoteSections(Vertical):
    # As tall as the sections: a Vertical is 1fr by default, which cut a long note off in the note view.
    DEFAULT_CSS = "NoteSections { height: auto; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.loaded = False

    async def show_sections(self, sections: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> None:
        await self.remove_children()
        self.loaded = False
        for title, markdown in sections:
            label = Label(title, classes="section-title", markup=False)
            body = NoteMarkdown(classes="section-body", open_links=False)
            await self.mount_all([label, body])
            await body.update(markdown)
        self.loaded = True
