"""A note's related notes (its `## 相关笔记` links); enter opens one read-only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from qkvstudy.i18n import t
from qkvstudy.tui.render import plain_line
from qkvstudy.tui.words import Translated
from qkvstudy.views import NoteContent, RelatedLink

if TYPE_CHECKING:
    from textual.screen import Screen

    from qkvstudy.study import Study
    from qkvstudy.tui.app import QkvApp


def show_related(screen: Screen[Any], study: Study, content: NoteContent) -> None:
    """The note's `## 相关笔记` links; for a note without that section, the ranking `qkvstudy related`
    would write, built in a worker thread with a Study of its own (Study objects are not thread-safe)."""
    app = cast("QkvApp", screen.app)
    factory = app.study_factory
    if content.related or factory is None:
        app.push_screen(RelatedScreen(content.related or study.related.suggested(content.note_id)))
        return

    def suggest() -> None:
        try:
            own = factory()
            try:
                links = own.related.suggested(content.note_id)
            finally:
                own.close()
        except Exception as error:  # one line on screen; the review goes on
            app.call_from_thread(app.notify, f"{type(error).__name__}: {error}", severity="error")
            return
        app.call_from_thread(app.push_screen, RelatedScreen(links))

    screen.run_worker(suggest, thread=True, exclusive=True, group="related")


class RelatedScreen(Translated, ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,o", "close", "app.key.close", id="related.close"),
    ]

    def __init__(self, links: tuple[RelatedLink, ...]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(id="related-box", classes="dialog"):
            yield Label(t("app.related.title"), classes="dialog-title")
            if not self.links:
                yield Label(t("app.related.none"), classes="dialog-note")
            options = []
            for index, link in enumerate(self.links):
                similarity = f"{link.similarity}%" if link.similarity is not None else ""
                missing = "" if link.note_id is not None else "  " + t("app.related.not_in_library")
                options.append(
                    Option(
                        Content.from_markup(
                            "$title [dim]$similarity$missing[/]",
                            title=plain_line(link.title),
                            similarity=similarity,
                            missing=missing,
                        ),
                        id=str(index),
                        disabled=link.note_id is None,
                    )
                )
            yield OptionList(*options, id="related-list")
            yield Label(t("app.related.hint"), classes="dialog-hint")

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        link = self.links[int(event.option.id or 0)]  # every option is given its index as id
        if link.note_id is not None:
            cast("QkvApp", self.app).open_note(link.note_id)

    def action_close(self) -> None:
        self.dismiss(None)
