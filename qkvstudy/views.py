"""Plain values handed from the core to the screens and commands.

Screens never see ORM objects: everything here is a frozen dataclass that can cross
threads and outlive the database session that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from fsrs import Rating

from qkvstudy.i18n import t


class CardKind(StrEnum):
    NOTE = "note"  # a note's question and answer
    DRILL = "drill"  # a drill type, or a ```qkvdrill block attached to a note


class CardState(StrEnum):
    """Card states as the user sees them. py-fsrs has no "new" state (a new card is Learning
    with no stability); we keep it separate because users think in those terms."""

    NEW = "new"
    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"


NEW, LEARNING, REVIEW, RELEARNING = CardState.NEW, CardState.LEARNING, CardState.REVIEW, CardState.RELEARNING
STATES = tuple(CardState)

# Grades are py-fsrs's Rating (an IntEnum: Rating.Good == 3); these names are kept for callers.
AGAIN, HARD, GOOD, EASY = Rating.Again, Rating.Hard, Rating.Good, Rating.Easy
GRADE_NAMES = {AGAIN: "again", HARD: "hard", GOOD: "good", EASY: "easy"}
GRADE_LABELS_ZH = {AGAIN: "重来", HARD: "困难", GOOD: "良好", EASY: "简单"}


@dataclass(frozen=True)
class RelatedLink:
    """One line of a note's `## 相关笔记` section."""

    title: str
    target: str  # link target as written, e.g. "notes/Transformer/QKV是什么.md"
    similarity: int | None  # percent, None when the line gives none
    note_id: int | None = None  # resolved note in the library, when found


@dataclass(frozen=True)
class Section:
    """An H2 section of a note: its heading and its Markdown body (H3+ kept inside)."""

    title: str
    markdown: str


@dataclass(frozen=True)
class NoteContent:
    """What the review and browse screens show of a note."""

    note_id: int
    path: str  # relative to the library root, '/'-separated
    question: str  # the H1
    answer: Section | None  # the answer section (面试标准答案 / 标准答案 / 答案 / Answer / first H2)
    details: tuple[Section, ...]  # every other H2 section, in file order, without 相关笔记
    related: tuple[RelatedLink, ...]
    tags: tuple[str, ...]
    difficulty: str | None  # easy | medium | hard, the author's judgement


@dataclass(frozen=True)
class CardView:
    """A schedulable card (a note, or a drill type / a drill attached to a note)."""

    card_id: int
    kind: CardKind
    title: str  # the question for a note; the drill type's title for a drill
    topic: str  # first tag, else the top folder, else ""
    state: CardState
    due: datetime  # UTC, aware
    stability: float | None  # days
    difficulty: float | None  # FSRS difficulty 1..10
    retrievability: float | None  # chance of recall now, 0..1; None for new cards
    reviews: int
    lapses: int
    suspended: bool
    buried: bool
    note_id: int | None = None
    path: str | None = None  # note path relative to the library
    note_difficulty: str | None = None  # easy|medium|hard from front-matter
    drill_type: str | None = None
    drill_level: int | None = None
    drill_spec: str | None = None  # YAML of a ```qkvdrill block, for note-attached drills
    missing: bool = False  # the note's file is gone (history kept)


@dataclass(frozen=True)
class GradeOutcome:
    card: CardView  # the card after the grade
    rating: Rating
    interval: timedelta  # from the review to the new due time
    wrote_back: bool  # front-matter updated on disk
    message: str | None = None  # e.g. "file changed on disk; re-indexed, not overwritten"
    leech: bool = False  # this grade made the card a leech (suspended if the settings say so)


@dataclass(frozen=True)
class Counts:
    """The one definition of the counts every screen and command shows (`Study.counts`):

    new        new cards that can still be introduced today (the daily new-card limit applied)
    learning   learning and relearning cards whose next step is due now (or within 20 minutes)
    due        reviews due before the next study day begins (the daily review limit applied)
    total      every card whose note is in the library: suspended and buried ones included
    suspended  how many of `total` are suspended (shown apart; never taken off the total)

    new + learning + due is what a review session would show today (`left`). Tomorrow's counts
    (`days_ahead=1`) are the same definitions one study day later, with nothing done yet.
    """

    new: int
    learning: int
    due: int
    total: int
    suspended: int = 0

    @property
    def left(self) -> int:
        return self.new + self.learning + self.due


@dataclass(frozen=True)
class TopicCount:
    """One topic's `Counts` (the limits are per day, not per topic: each row is what a session
    on that topic alone would show, so rows may add up to more than all topics together)."""

    topic: str
    new: int
    learning: int
    due: int
    total: int
    suspended: int = 0


@dataclass(frozen=True)
class Found:
    """What a browse search found, and the terms of the query it did not understand (as written)."""

    cards: list[CardView]
    problems: tuple[str, ...] = ()
    count: int = 0  # every match, not only this page's cards
    count_exact: bool = True  # False: an upper bound (a long word over very many notes, see facade.library_search)


@dataclass(frozen=True)
class CardSnapshot:
    """A card's schedule (and its note's scheduling keys) before an action, for undo."""

    card_id: int
    card: dict[str, object]  # JSON-ready column values
    front_matter: dict[str, object] | None  # the note's four scheduling keys, None for a drill


@dataclass(frozen=True)
class DayStats:
    """Today's progress (since the day boundary, default 04:00 local)."""

    reviewed: int
    again: int
    new_seen: int
    seconds: float
    due_left: int
    new_left: int


@dataclass(frozen=True)
class Problem:
    """A user-caused problem with a file: printed as `path:line: reason`."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}" if self.line else f"{self.path}: {self.reason}"


@dataclass
class ScanReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0
    missing: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        return t(
            "core.scan.summary",
            added=self.added,
            updated=self.updated,
            unchanged=self.unchanged,
            moved=self.moved,
            missing=self.missing,
            rejected=self.rejected,
        )
