"""The library out to other tools: an Anki package (genanki) and a CSV of notes with their schedule.

Facade level: it reads notes and cards from the store. In the package each note is an Anki note
(Question, Answer, Details, Topic) whose Markdown is rendered to HTML by markdown-it, with `$..$`
and `$$..$$` handed to Anki's MathJax as `\\(..\\)` / `\\[..\\]` and code blocks kept as <pre><code>;
the deck is `qkvstudy::<topic>`; tags keep their names (spaces, which Anki splits on, become `_`).
Note ids (guids) come from the note's path, so exporting again updates the same Anki notes.
"""

from __future__ import annotations

import csv
import hashlib
import html
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import genanki
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from qkvstudy.store import bodies as stored
from qkvstudy.store.models import Card, Note, Tag, note_tags, utc
from qkvstudy.store.note_text import unpack_sections

CSV_COLUMNS = ("question", "topic", "tags", "due", "stability", "difficulty", "reviews", "lapses", "state", "path")
MODEL_ID = 1_607_392_319  # fixed: Anki recognises the note type on every later import
CSS = ".card { font-family: sans-serif; font-size: 18px; text-align: left; } pre { background: #f4f4f4; }"


@dataclass(frozen=True)
class ExportedNote:
    path: str
    question: str
    answer: str  # Markdown
    details: tuple[tuple[str, str], ...]  # (section title, Markdown)
    topic: str
    tags: tuple[str, ...]
    due: datetime | None
    stability: float | None
    difficulty: float | None
    reviews: int
    lapses: int
    state: str


def library_notes(sessions: sessionmaker[Session]) -> list[ExportedNote]:
    with sessions() as s:
        tags: dict[int, list[str]] = defaultdict(list)
        for note_id, name in s.execute(
            select(note_tags.c.note_id, Tag.name).join(Tag, Tag.id == note_tags.c.tag_id).order_by(Tag.id)
        ):
            tags[note_id].append(name)
        rows = s.execute(
            select(Note, Card)
            .join(Card, (Card.note_id == Note.id) & (Card.kind == "note"))
            .where(Note.missing.is_(False))
            .order_by(Note.path)
        ).all()
        out = []
        packed = stored.of(s, [note.id for note, _card in rows])
        for note, card in rows:
            sections = unpack_sections(packed.get(note.id))
            answer = sections[note.answer_index][1] if note.answer_index is not None and sections else ""
            details = tuple((t, md) for i, (t, md) in enumerate(sections) if i != note.answer_index)
            out.append(
                ExportedNote(
                    note.path,
                    note.question,
                    answer,
                    details,
                    note.topic,
                    tuple(tags.get(note.id, ())),
                    utc(card.due),
                    card.stability,
                    card.difficulty,
                    card.reps,
                    card.lapses,
                    card.state,
                )
            )
    return out


def write_csv(notes: list[ExportedNote], file: Path) -> None:
    with open(file, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for n in notes:
            writer.writerow(
                [
                    n.question,
                    n.topic,
                    ", ".join(n.tags),
                    n.due.isoformat() if n.due else "",
                    "" if n.stability is None else round(n.stability, 4),
                    "" if n.difficulty is None else round(n.difficulty, 4),
                    n.reviews,
                    n.lapses,
                    n.state,
                    n.path,
                ]
            )


def _math(content: str, options: dict[str, Any]) -> str:
    body = html.escape(content, quote=False)
    return f"\\[{body}\\]" if options.get("display_mode") else f"\\({body}\\)"


def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table").use(dollarmath_plugin, renderer=_math)


def _stable_id(text: str) -> int:
    return (1 << 30) + int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big") % (1 << 30)


def _model() -> genanki.Model:
    return genanki.Model(
        MODEL_ID,
        "qkvstudy note",
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Details"}, {"name": "Topic"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Question}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}{{#Details}}<hr>{{Details}}{{/Details}}',
            }
        ],
        css=CSS,
    )


def write_apkg(notes: list[ExportedNote], file: Path) -> None:
    md = _renderer()
    model = _model()
    decks: dict[str, genanki.Deck] = {}
    for n in notes:
        name = f"qkvstudy::{n.topic}" if n.topic else "qkvstudy"
        deck = decks.setdefault(name, genanki.Deck(_stable_id(name), name))
        details = "".join(f"<h2>{html.escape(title)}</h2>{md.render(body)}" for title, body in n.details)
        fields = [md.render(n.question).strip(), md.render(n.answer), details, html.escape(n.topic)]
        tags = ["_".join(tag.split()) for tag in n.tags]
        deck.add_note(genanki.Note(model=model, fields=fields, tags=tags, guid=genanki.guid_for("qkvstudy", n.path)))
    genanki.Package(list(decks.values()) or [genanki.Deck(_stable_id("qkvstudy"), "qkvstudy")]).write_to_file(str(file))
