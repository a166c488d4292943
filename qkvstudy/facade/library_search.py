"""Running a browse search: the parsed terms as SQL over the search index, a page of cards and the count.

Words go through the index (store.search_index), all of them in one FTS5 query. The index's answer
for a word of up to three characters is exact (two characters are the OR of the terms that begin with them). A longer word is narrowed by the index and then checked
against each candidate's text, in the page's order, only as far as the page needs: with at most
`CHECK_ALL` candidates every one is checked and the count is exact; beyond that the count is the
index's less the candidates found not to hold the word so far (an upper bound, exact unless a
note holds all of a word's trigrams but never the word itself) and `Found.count_exact` says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, column, false, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from qkvstudy.facade.search import Is, Term
from qkvstudy.schedule import queue
from qkvstudy.store import bodies as stored
from qkvstudy.store.models import Card, Note, Tag, note_tags
from qkvstudy.store.search_index import TABLE, Needle, needle, note_holds, session_vocabulary
from qkvstudy.views import LEARNING, NEW, RELEARNING, CardKind

CHECK_ALL = 500  # candidates of a long word checked one by one for an exact count (~20-60 µs each)
_CHUNK = 256  # candidates whose text is read at once


class Plan:
    """The WHERE of one search, plus the long words every row must still be checked against."""

    def __init__(self, session: Session, leech_threshold: int, now: datetime, tomorrow: datetime) -> None:
        self.session, self.leech, self.now, self.tomorrow = session, leech_threshold, now, tomorrow
        self.where: list[ColumnElement[bool]] = []  # besides "a note card" (see `statement`)
        self.checks: list[Needle] = []  # positive long words: every row is checked against them
        self.exact = True  # False: a "-longword" over too many candidates left some out unchecked
        self._with: list[str] = []  # FTS5 queries every match holds
        self._without: list[str] = []  # FTS5 queries no match holds
        self._only_words = True  # nothing but indexed words: the index alone counts the matches
        self.needs_note = False  # a condition on the notes' own columns
        self._vocabulary = session_vocabulary(session)  # a two-character word's terms

    def add(self, term: Term) -> None:
        if term.kind == "word":
            self._word(needle(term.value, self._vocabulary), term.negated)
            return
        self._only_words = False
        self.needs_note = self.needs_note or (term.kind == "is" and term.value in (Is.DUE, Is.MISSING))
        cond = self.condition(term)
        self.where.append(~cond if term.negated else cond)

    def _word(self, word: Needle, negated: bool) -> None:
        if word.impossible:  # no note holds it
            if not negated:
                self.where.append(false())
                self._only_words = False
            return
        if word.query is None:  # not in the index: every note is a candidate
            self._only_words = False
            if not negated:
                self.checks.append(word)
            else:
                self._leave_out(word, select(Note.id))
            return
        if not negated:
            self._with.append(word.query)
            if not word.exact:
                self.checks.append(word)
        elif word.exact:
            self._without.append(word.query)
        else:
            self._leave_out(word, _matching(word.query), word.query)

    def _leave_out(self, word: Needle, candidates: Any, query: str | None = None) -> None:
        """A negated long word: leave out the candidates that truly hold it, or all of them when there are
        more than `CHECK_ALL` (the count then says it is not exact)."""
        found = select(Note.id).where(Note.id.in_(candidates))
        ids = self.session.scalars(found if query is None else found.limit(CHECK_ALL + 1)).all()
        if query is not None and len(ids) > CHECK_ALL:
            self.exact = False
            self._without.append(query)
            return
        self._only_words = False
        held = set(holding(self.session, ids, [word]))
        self.where.append(Card.note_id.not_in([i for i in ids if i in held]))

    def match(self) -> str | None:
        """One FTS5 query for every indexed word, or None when there is no positive one to start from."""
        if not self._with:
            return None
        query = " AND ".join(f"({q})" for q in self._with)
        return query + "".join(f" NOT ({q})" for q in self._without)

    def statement(self, join: bool = True, by_due: bool = False) -> Any:
        """(card id, note id) of every candidate, unordered.

        Nearly every card is a note card, so ix_cards_kind_due only pays when the page walks it in due
        order; otherwise `+cards.kind` keeps SQLite from reading the cards through it (3-10x slower).
        """
        kind = Card.kind if by_due else literal_column("+cards.kind")
        where = [kind == CardKind.NOTE, *self.where]
        query = self.match()
        if query is not None:
            where.append(Card.note_id.in_(_matching(query)))
        elif self._without:
            where.extend(Card.note_id.not_in(_matching(q)) for q in self._without)
        found = select(Card.id, Card.note_id)
        # The notes' own columns are needed only by is:due/is:missing and by sorting on them.
        return found.join(Note, Card.note_id == Note.id).where(*where) if join else found.where(*where)

    def count(self) -> int:
        every = select(func.count(Card.id)).where(Card.kind == CardKind.NOTE)
        if not self.where and not self._with and not self._without:  # no terms: every note card
            return int(self.session.scalar(every) or 0)
        if self._only_words:  # one note card per indexed note: the index counts
            query = self.match()
            if query is not None:
                return self._index_count(query)
            return int(self.session.scalar(every) or 0) - self._index_count(
                " OR ".join(f"({q})" for q in self._without)
            )
        counted = self.statement(join=self.needs_note).subquery()
        return int(self.session.scalar(select(func.count()).select_from(counted)) or 0)

    def _index_count(self, query: str) -> int:
        found = self.session.execute(text(f"SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH :q"), {"q": query})
        return int(found.scalar() or 0)

    def condition(self, term: Term) -> ColumnElement[bool]:
        if term.kind == "tag":
            return _in_topic(term.value)
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


def _in_topic(topic: str) -> ColumnElement[bool]:
    """`queue.in_topic` for note cards, as one set of note ids built once: not a subquery per card."""
    if topic == queue.DRILL_TOPIC:
        drills: ColumnElement[bool] = queue.in_topic(topic)
        return drills
    tag_id = select(Tag.id).where(Tag.name == topic).scalar_subquery()
    tagged = select(note_tags.c.note_id).where(note_tags.c.tag_id == tag_id)
    placed = select(Note.id).where(
        or_(Note.topic == topic, Note.path.startswith(topic.rstrip("/") + "/", autoescape=True))
    )
    return Card.note_id.in_(placed.union(tagged))


def _matching(query: str) -> Any:
    """Note ids the index finds for an FTS5 query."""
    return (
        text(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :q").bindparams(q=query).columns(column("rowid", Integer))
    )


def holding(session: Session, note_ids: Sequence[int], words: list[Needle]) -> Iterator[int]:
    """The ids (in the given order) of the notes whose text holds every word; read in chunks."""
    for start in range(0, len(note_ids), 500):  # SQLite's limit on bound values
        chunk = note_ids[start : start + 500]
        questions = dict(session.execute(select(Note.id, Note.question).where(Note.id.in_(chunk))).all())
        packed = stored.of(session, chunk)
        for note_id in chunk:
            question = questions.get(note_id)
            if question is not None and note_holds(question, packed.get(note_id), words):
                yield note_id


@dataclass
class Walk:
    """How far a search with long words has got through its candidates, in its order: kept for the
    next page (the caller keys it by query and order, and drops it when notes or cards change)."""

    kept: list[int] = field(default_factory=list)  # card ids that passed, in order
    consumed: int = 0  # candidates looked at
    rejected: int = 0  # of which did not hold the words


def run(
    plan: Plan,
    order: Sequence[Any],  # ORDER BY clauses
    limit: int | None,
    offset: int,
    load: Callable[[list[int]], list[Any]],
    walk: Walk | None = None,
    by_due: bool = False,  # ordered by due date first
    on_notes: bool = True,  # ordered by a column of the notes
) -> tuple[list[Any], int, bool]:
    """(the page's rows as `load` makes them from card ids, the count, whether the count is exact)."""
    s = plan.session
    total = plan.count()
    if total == 0:  # not even a candidate
        return load([]), 0, plan.exact
    ordered = plan.statement(join=plan.needs_note or on_notes, by_due=by_due).order_by(*order)
    if not plan.checks:
        stmt = ordered.offset(offset or None)
        if limit:
            stmt = stmt.limit(limit)
        return load([card_id for card_id, _note in s.execute(stmt)]), total, plan.exact
    walk = Walk() if walk is None else walk
    want = None if total <= CHECK_ALL or not limit else offset + limit
    if want is None or len(walk.kept) < want:
        # Candidates stream in the page's order from where the last page stopped; texts are read a chunk at a time.
        size = _CHUNK if want is None else min(_CHUNK, want - len(walk.kept) + want // 8 + 8)
        rest = s.execute(ordered.offset(walk.consumed or None).execution_options(yield_per=size))
        for chunk in rest.partitions():
            held = set(holding(s, [note_id for _card, note_id in chunk], plan.checks))
            passed = [card_id for card_id, note_id in chunk if note_id in held]
            walk.kept.extend(passed)
            walk.consumed += len(chunk)
            walk.rejected += len(chunk) - len(passed)
            if want is not None and len(walk.kept) >= want:
                break
        rest.close()
    complete = walk.consumed >= total
    page = walk.kept[offset : offset + limit] if limit else walk.kept[offset:]
    return load(page), (len(walk.kept) if complete else total - walk.rejected), plan.exact and complete
