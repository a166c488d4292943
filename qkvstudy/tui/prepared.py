"""A card made ready for the screen: everything slow done once, ideally before it is needed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from qkvstudy.tui.render import note_markdown, plain_line
from qkvstudy.views import CardKind, CardView, NoteContent

if TYPE_CHECKING:
    from qkvstudy.study import Study


@dataclass(frozen=True)
class PreparedCard:
    card: CardView
    content: NoteContent | None  # None for a drill card or a note whose file is gone
    preview: dict[int, timedelta]
    question: str  # plain text, math converted
    answer_title: str
    answer_markdown: str  # math converted; "" when the note has no answer section
    details: tuple[tuple[str, str], ...]  # (section title, math-converted markdown)


def prepare_card(study: Study, card: CardView) -> PreparedCard:
    content = None
    if card.kind == CardKind.NOTE and card.note_id is not None and not card.missing:
        content = study.note_content(card.note_id)
    preview = study.preview(card.card_id)
    if content is None:
        return PreparedCard(card, None, preview, plain_line(card.title), "", "", ())
    answer = content.answer
    return PreparedCard(
        card=card,
        content=content,
        preview=preview,
        question=plain_line(content.question or card.title),
        answer_title=plain_line(answer.title) if answer else "",
        answer_markdown=note_markdown(answer.markdown) if answer else "",
        details=tuple((plain_line(s.title), note_markdown(s.markdown)) for s in content.details),
    )
