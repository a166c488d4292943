"""Taking back a suspend, a bury or a reset: the card's schedule (and its note's scheduling keys)
as they were just before, restored exactly. (A grade is taken back through its review log.)"""

from __future__ import annotations

from sqlalchemy import select

from qkvstudy.facade.cards import card_view
from qkvstudy.facade.context import Context, StudyError
from qkvstudy.facade.frontmatter_sync import FrontMatterSync
from qkvstudy.facade.queries import Queries
from qkvstudy.facade.reviewing import restore, snapshot
from qkvstudy.i18n import t
from qkvstudy.store.models import Card, CardReset
from qkvstudy.views import CardKind, CardSnapshot, CardView


class Snapshots:
    def __init__(self, ctx: Context, sync: FrontMatterSync, queries: Queries) -> None:
        self.ctx = ctx
        self.sync = sync
        self.queries = queries

    def take(self, card_id: int) -> CardSnapshot:
        with self.ctx.sessions.begin() as s:
            self.sync.flush(s)  # the index knows what the last write-back put in the file
            card = s.get(Card, card_id)
            if card is None:
                raise StudyError(t("core.study.no_card", id=card_id))
            note = card.note if card.kind == CardKind.NOTE else None
            front_matter: dict[str, object] | None = None
            if note is not None:
                front_matter = {
                    "last_reviewed": note.fm_last_reviewed,
                    "next_review": note.fm_next_review,
                    "review_count": note.fm_review_count,
                    "mastery_level": note.fm_mastery,
                }
            return CardSnapshot(card_id, snapshot(card), front_matter)

    def restore(self, snap: CardSnapshot, *, reset: bool = False) -> CardView:
        """The card as `snap` holds it. `reset`: this takes back a reset, whose record goes too (the
        card's newest), so that a replay of the log (`qkvstudy check`) gives the card restored here."""
        self.queries.forget_order()
        with self.ctx.sessions.begin() as s:
            self.sync.flush(s)
            card = s.get(Card, snap.card_id)
            if card is None:
                raise StudyError(t("core.study.no_card", id=snap.card_id))
            restore(card, dict(snap.card))
            if reset:
                record = s.scalars(
                    select(CardReset)
                    .where(CardReset.card_id == card.id, CardReset.kind == "reset")
                    .order_by(CardReset.id.desc())
                    .limit(1)
                ).first()
                if record is not None:
                    s.delete(record)
            s.flush()
            view = card_view(self.ctx, card, card.note, self.ctx.now())
        if snap.front_matter is not None and self.ctx.write_back and view.note_id is not None:
            # As undo does: a key that was absent stays as the action left it, except last_reviewed.
            values = {k: v for k, v in snap.front_matter.items() if v is not None or k == "last_reviewed"}
            self.sync.write(view.note_id, values)
        return view
