"""A note, read-only: question, tags, and every section (math converted), rendered one by one."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from qkvstudy.i18n import t
from qkvstudy.study import StudyError
from qkvstudy.tui.format import note_difficulty_label
from qkvstudy.tui.render import note_markdown, plain_line
from qkvstudy.tui.widgets.note_sections import NoteSections
from qkvstudy.tui.words import Translated

if TYPE_CHECKING:
    from qkvstudy.tui.app import QkvApp


class NoteViewScreen(Translated, Screen[None]):
    BINDINGS = [
        Binding("q,escape", "close", "app.key.back", id="note.close"),
        Binding("question_mark", "app.help", "app.key.help", id="note.help"),
    ]

    def __init__(self, note_id: int) -> None:
        super().__init__()
        self.note_id = note_id

    def compose(self) -> ComposeResult:
        yield Static("", id="note-meta")
        yield Static("", id="question")
        with VerticalScroll(id="card-body"):
            yield NoteSections(id="note-sections")
        yield Footer()

    async def on_mount(self) -> None:
        try:
            content = cast("QkvApp", self.app).study.note_content(self.note_id)
        except (OSError, ValueError, LookupError, StudyError) as error:
            self.notify(t("app.note.cannot_show", error=error), severity="error")
            self.dismiss(None)
            return
        self.query_one("#note-meta", Static).update(
            Content.from_markup(
                "[b]$tags[/b] · $difficulty · [dim]$path[/]",
                tags=", ".join(tag for tag in content.tags if not tag.endswith(".md")) or t("app.note.no_tags"),
                difficulty=note_difficulty_label(content.difficulty) if content.difficulty else "–",
                path=content.path,
            )
        )
        self.query_one("#question", Static).update(Content(plain_line(content.question)))
        sections = []
        if content.answer is not None:
            sections.append((plain_line(content.answer.title), note_markdown(content.answer.markdown)))
        sections += [(plain_line(s.title), note_markdown(s.markdown)) for s in content.details]
        self.query_one("#card-body").focus()
        await self.query_one(NoteSections).show_sections(sections)

    def action_close(self) -> None:
        self.dismiss(None)
