"""Cards and notes as the screens see them: plain values built from the store's rows."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from qkvstudy.facade.context import Context, StudyError
from qkvstudy.i18n import t
from qkvstudy.notes.library import display_path
from qkvstudy.notes.links import link_target_path
from qkvstudy.schedule import memory
from qkvstudy.schedule.queue import DRILL_TOPIC
from qkvstudy.store import bodies as stored
from qkvstudy.store.models import Card, Note
from qkvstudy.store.note_text import unpack_sections
from qkvstudy.views import CardKind, CardState, CardView, NoteContent, RelatedLink, Section


def card_view(ctx: Context, card: Card, note: Note | None, now: datetime) -> CardView:
    kind = CardKind(card.kind)
    if kind == CardKind.DRILL:
        title = drill_title(card.drill_type)
        topic = note.topic if note is not None else DRILL_TOPIC
    else:
        assert note is not None  # a note card always has its note (foreign key, cascade)
        title, topic = note.question, note.topic
    return CardView(
        card_id=card.id,
        kind=kind,
        title=title,
        topic=topic,
        state=CardState(card.state),
        due=card.due,
        stability=card.stability,
        difficulty=card.difficulty,
        retrievability=memory.retrievability(ctx.scheduler, card.stability, card.last_review, now),
        reviews=card.reps,
        lapses=card.lapses,
        suspended=card.suspended,
        buried=card.buried_until is not None and card.buried_until > now,
        note_id=card.note_id,
        path=note.path if note is not None else None,
        note_difficulty=note.difficulty if note is not None else None,
        drill_type=card.drill_type,
        drill_level=card.drill_level,
        drill_spec=card.drill_spec,
        missing=bool(note is not None and note.missing),
    )


# The columns a card's view needs, and nothing more (no note body): lists of many cards select these.
VIEW_COLUMNS = (
    Card.id,
    Card.kind,
    Card.state,
    Card.due,
    Card.stability,
    Card.difficulty,
    Card.last_review,
    Card.reps,
    Card.lapses,
    Card.suspended,
    Card.buried_until,
    Card.note_id,
    Card.drill_type,
    Card.drill_level,
    Card.drill_spec,
    Note.question,
    Note.topic,
    Note.path,
    Note.difficulty.label("note_difficulty"),
    Note.missing,
)


def row_view(ctx: Context, row: Any, now: datetime) -> CardView:
    """`card_view` from a row of VIEW_COLUMNS (card outer-joined to its note), unpacked by position:
    a long list (`due --json` at 100,000 cards) pays for every attribute looked up by name."""
    (
        card_id,
        kind,
        state,
        due,
        stability,
        difficulty,
        last_review,
        reps,
        lapses,
        suspended,
        buried_until,
        note_id,
        drill_type,
        drill_level,
        drill_spec,
        question,
        topic,
        path,
        note_difficulty,
        missing,
    ) = row
    has_note = note_id is not None and path is not None
    if kind == CardKind.DRILL:
        title = drill_title(drill_type)
        topic = topic if has_note else DRILL_TOPIC
    else:
        title = question
    return CardView(
        card_id=card_id,
        kind=_KINDS[kind],
        title=title,
        topic=topic,
        state=_STATES[state],
        due=due,
        stability=stability,
        difficulty=difficulty,
        retrievability=memory.retrievability(ctx.scheduler, stability, last_review, now),
        reviews=reps,
        lapses=lapses,
        suspended=suspended,
        buried=buried_until is not None and buried_until > now,
        note_id=note_id,
        path=path if has_note else None,
        note_difficulty=note_difficulty if has_note else None,
        drill_type=drill_type,
        drill_level=drill_level,
        drill_spec=drill_spec,
        missing=bool(has_note and missing),
    )


_KINDS = {k.value: k for k in CardKind}
_STATES = {s.value: s for s in CardState}


def drill_title(type_id: str | None) -> str:
    from qkvstudy.drills import DRILL_TYPES  # the registry: no NumPy

    known = DRILL_TYPES.get(type_id) if type_id is not None else None
    return known.title if known else t("core.study.drill_card", type=type_id)


class Cards:
    """Looking cards and notes up by id, path or drill type."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def card(self, card_id: int) -> CardView:
        with self.ctx.sessions() as s:
            card = s.get(Card, card_id)
            if card is None:
                raise StudyError(t("core.study.no_card", id=card_id))
            return card_view(self.ctx, card, card.note, self.ctx.now())

    def card_for_path(self, path: str | Path) -> CardView:
        """The note card of a file given as the user typed it (relative to cwd or the library)."""
        p = Path(path)
        tried = [p.resolve()] if p.is_absolute() else [(Path.cwd() / p).resolve(), (self.ctx.root / p).resolve()]
        root = self.ctx.root.resolve()
        with self.ctx.sessions() as s:
            for c in tried:
                if c.is_relative_to(root):
                    rel = c.relative_to(root).as_posix()
                    card = s.scalars(
                        select(Card).join(Note).where(Note.path == rel, Card.kind == CardKind.NOTE)
                    ).first()
                    if card is not None:
                        return card_view(self.ctx, card, card.note, self.ctx.now())
        raise StudyError(t("core.study.not_in_library", path=path, root=display_path(self.ctx.root)))

    def note_file(self, note_id: int) -> Path:
        with self.ctx.sessions() as s:
            note = s.get(Note, note_id)
            if note is None:
                raise StudyError(t("core.study.no_note", id=note_id))
            return self.ctx.root / note.path

    def note_content(self, note_id: int) -> NoteContent:
        with self.ctx.sessions() as s:
            note = s.get(Note, note_id)
            if note is None:
                raise StudyError(t("core.study.no_note", id=note_id))
            packed = stored.of(s, [note_id]).get(note_id)
            sections = [Section(t, md) for t, md in unpack_sections(packed)]
            answer = sections[note.answer_index] if note.answer_index is not None and sections else None
            details = tuple(sec for i, sec in enumerate(sections) if i != note.answer_index)
            links = json.loads(note.related_json)
            targets = {link_target_path(t) for _title, t, _sim in links}
            ids = dict(s.execute(select(Note.path, Note.id).where(Note.path.in_(targets))).all()) if targets else {}
            related = tuple(RelatedLink(title, t, sim, ids.get(link_target_path(t))) for title, t, sim in links)
            return NoteContent(
                note_id=note.id,
                path=note.path,
                question=note.question,
                answer=answer,
                details=details,
                related=related,
                tags=tuple(t.name for t in note.tags),
                difficulty=note.difficulty,
            )

    def drill_card(self, drill_type: str) -> CardView:
        with self.ctx.sessions() as s:
            card = s.scalars(
                select(Card).where(Card.kind == CardKind.DRILL, Card.note_id.is_(None), Card.drill_type == drill_type)
            ).first()
            if card is None:
                raise StudyError(t("core.study.unknown_drill", type=repr(drill_type)))
            return card_view(self.ctx, card, None, self.ctx.now())

    def ensure_drill_cards(self) -> None:
        """One card per drill type (not attached to a note), created on first use of a database."""
        from qkvstudy.drills import DRILL_TYPES

        now = self.ctx.now()
        wanted = select(Card.drill_type).where(Card.kind == CardKind.DRILL, Card.note_id.is_(None))
        with self.ctx.sessions() as s:  # a read first: opening a Study never waits for another's write lock
            if set(DRILL_TYPES) <= set(s.scalars(wanted)):
                return
        with self.ctx.sessions.begin() as s:  # missing ones: looked at again under the write lock
            have = set(s.scalars(wanted))
            for ordinal, type_id in enumerate(DRILL_TYPES, start=1):
                if type_id not in have:
                    s.add(
                        Card(
                            kind=CardKind.DRILL,
                            note_id=None,
                            ordinal=ordinal,
                            drill_type=type_id,
                            drill_level=1,
                            state=CardState.NEW,
                            due=now,
                            reps=0,
                            lapses=0,
                            suspended=False,
                        )
                    )
