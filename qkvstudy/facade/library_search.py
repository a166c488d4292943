"""Running a browse search: the parsed terms as SQL over the search index, a page of cards and the count.

Words go through the index (store.search_index). A word of up to three characters is one exact
term there. A longer word is narrowed by the index and then checked against each candidate's
text, in the page's order, only as far as the page needs: when there are at most `CHECK_ALL`
candidates every one is checked and the count is exact; beyond that the count is the index's
(an upper bound that is exact unless a note holds all of a word's trigrams but never the word
itself) and `Found.count_exact` says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, column, false, func, or_, select, text, true
from sqlalchemy.orm import Session

from qkvstudy.facade.search import Is, Term
from qkvstudy.schedule import queue
from qkvstudy.store.models import Card, Note
from qkvstudy.store.search_index import TABLE, Needle, holds, needle, note_search_text
from qkvstudy.views import LEARNING, NEW, RELEARNING, CardKind

CHECK_ALL = 2000  # candidates of a long word checked one by one for an exact count (~20 µs each)
_CHUNK = 256  # candidates whose text is read at once


class Plan:
    """The WHERE of one search, plus the long words every row must still be checked against."""

    def __init__(self, session: Session, leech_threshold: int, now: datetime, tomorrow: datetime) -> None:
        self.session, self.leech, self.now, self.tomorrow = session, leech_threshold, now, tomorrow
        self.where: list[ColumnElement[bool]] = [Card.kind == CardKind.NOTE]
        self.checks: list[Needle] = []
        self._params = 0

    def add(self, term: Term) -> None:
        if term.kind == "word":
            self.where.append(self._word(needle(term.value), term.negated))
            return
        cond = self.condition(term)
        self.where.append(~cond if term.negated else cond)

    def _candidates(self, word: Needle) -> Any:
        """Note ids the index finds for a word (a superset unless the word is exact)."""
        self._params += 1
        name = f"q{self._params}"
        return (
            text(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :{name}")
            .bindparams(**{name: word.query})
            .columns(column("rowid", Integer))
        )

    def _word(self, word: Needle, negated: bool) -> ColumnElement[bool]:
        if word.impossible:
            return true() if negated else false()
        if not negated:
            if not word.exact:
                self.checks.append(word)
            return Note.id.in_(self._candidates(word)) if word.query is not None else true()
        if word.exact and word.query is not None:
            return Note.id.not_in(self._candidates(word))
        # "-longword": leave out the candidates that truly hold it; the few that do not stay in.
        cands = self._candidates(word) if word.query is not None else select(Note.id)
        ids = self.session.scalars(select(Note.id).where(Note.id.in_(cands))).all()
        held = set(holding(self.session, ids, [word]))
        return or_(Note.id.not_in(cands), Note.id.in_([i for i in ids if i not in held]))

    def condition(self, term: Term) -> ColumnElement[bool]:
        if term.kind == "tag":
            topic: ColumnElement[bool] = queue.in_topic(term.value)
            return topic
        now = self.now
        present = Note.missing.is_(False)
        not_buried = or_(Card.buried_until.is_(None), Card.buried_until <= now)
        active = and_(present, Card.suspended.is_(False), not_buried)
        conditions: dict[str, ColumnElement[bool]] = {
            Is.DUE: and_(active, Card.state != NEW, Card.due < self.tomorrow),
            Is.NEW: Card.state == NEW,
            Is.LEARNING: Card.state.in_((LEARNING, RELEARNING)),
            Is.SUSPENDED: Card.suspended.is_(True),
            Is.BURIED: Card.buried_until > now,
            Is.MISSING: Note.missing.is_(True),
            Is.LEECH: Card.lapses >= self.leech,
        }
        return conditions[term.value]


def holding(session: Session, note_ids: Sequence[int], words: list[Needle]) -> Iterator[int]:
    """The ids (in the given order) of the notes whose text holds every word; read in chunks."""
    for start in range(0, len(note_ids), _CHUNK):
        chunk = note_ids[start : start + _CHUNK]
        texts = dict(
            (row[0], (row[1], row[2]))
            for row in session.execute(select(Note.id, Note.question, Note.sections).where(Note.id.in_(chunk)))
        )
        for note_id in chunk:
            found = texts.get(note_id)
            if found is not None and holds(note_search_text(*found), words):
                yield note_id


def run(
    plan: Plan,
    order: Sequence[Any],  # ORDER BY clauses
    limit: int | None,
    offset: int,
    load: Callable[[list[int]], list[Any]],
) -> tuple[list[Any], int, bool]:
    """(the page's rows as `load` makes them from card ids, the count, whether the count is exact)."""
    s = plan.session
    base = select(Card.id).join(Note, Card.note_id == Note.id).where(*plan.where)
    if not plan.checks:
        count = s.scalar(select(func.count()).select_from(base.subquery())) or 0
        stmt = base.order_by(*order).offset(offset or None)
        if limit:
            stmt = stmt.limit(limit)
        return load(list(s.scalars(stmt))), count, True
    pairs = s.execute(base.add_columns(Card.note_id).order_by(*order)).all()
    check_all = len(pairs) <= CHECK_ALL
    want = None if check_all or not limit else offset + limit
    card_of = {note_id: card_id for card_id, note_id in pairs}
    kept: list[int] = []
    checked = 0
    for start in range(0, len(pairs), _CHUNK):
        chunk = [note_id for _card, note_id in pairs[start : start + _CHUNK]]
        kept.extend(card_of[n] for n in holding(s, chunk, plan.checks))
        checked += len(chunk)
        if want is not None and len(kept) >= want:
            break
    complete = checked == len(pairs)
    count = len(kept) if complete else len(pairs) - (checked - len(kept))
    page = kept[offset : offset + limit] if limit else kept[offset:]
    return load(page), count, complete
