"""The SQLite schema: notes and their tags, cards (a note or a drill), review logs, drill attempts.

Times are stored as naive UTC text (SQLite has no time zones) through `UtcDateTime`, so Python
code only ever sees aware UTC values. JSON values go through `JsonText`: the same text json.dumps
always wrote, in TEXT columns.
Changing a model means adding an Alembic revision in store/migrations/versions.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any, overload

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    func,
    literal_column,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from qkvstudy.store.review_figures import figure_default, review_figures

__all__ = ["review_figures"]  # re-exported: the review log's figures are part of its model


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime, stored as SQLAlchemy's naive DateTime text (the format is unchanged).

    A naive value given to it is taken as UTC already (what older code stored).
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class JsonText(TypeDecorator[Any]):
    """A JSON value in a TEXT column, serialised as json.dumps does (the stored format is unchanged).

    Not `sqlalchemy.JSON`: on SQLite that declares a column type `JSON`, whose affinity is NUMERIC
    (text such as '3' would be stored as a number), and Alembic would see every existing TEXT
    column as a type change. As with sqlalchemy.JSON, Python None is the JSON text 'null' unless
    `none_as_null` (then SQL NULL); SQL NULL reads back as None either way.
    """

    impl = Text
    cache_ok = True

    def __init__(self, none_as_null: bool = False) -> None:
        super().__init__()
        self.none_as_null = none_as_null

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None and self.none_as_null:
            return None
        return json.dumps(value, ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)


class Base(DeclarativeBase):
    pass


def _aware(target: object, value: Any, oldvalue: Any, initiator: object) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


@event.listens_for(Base, "mapper_configured", propagate=True)
def _aware_on_assignment(mapper: Mapper[Any], cls: type) -> None:
    """A time assigned to a UtcDateTime attribute reads back aware UTC at once, not only after a
    reload: code that still assigns naive UTC never compares naive with aware in memory."""
    for prop in mapper.column_attrs:
        if any(isinstance(column.type, UtcDateTime) for column in prop.columns):
            event.listen(prop.class_attribute, "set", _aware, retval=True)


@overload
def utc(value: datetime) -> datetime: ...
@overload
def utc(value: None) -> None: ...
def utc(value: datetime | None) -> datetime | None:
    """Deprecated: columns are aware UTC already (UtcDateTime). Kept for code not yet moved over."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@overload
def naive(value: datetime) -> datetime: ...
@overload
def naive(value: None) -> None: ...
def naive(value: datetime | None) -> datetime | None:
    """Deprecated: UtcDateTime converts on the way in. Kept for code not yet moved over."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


note_tags = Table(
    "note_tags",
    Base.metadata,
    Column("note_id", ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_note_tags_tag_id", "tag_id"),  # the notes of a tag (tag: searches, topics), without a scan
)


class Note(Base):
    """One Markdown file of the library, as last indexed."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String, unique=True)  # relative to the library root, '/'-separated
    size: Mapped[int] = mapped_column(Integer)
    mtime_ns: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)  # sha256 of the raw bytes
    question: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String, default="")
    difficulty: Mapped[str | None] = mapped_column(String(8))
    # The answer is sections[answer_index]; the sections themselves are in `NoteBody`.
    answer_index: Mapped[int | None] = mapped_column(Integer)
    related_json: Mapped[str] = mapped_column(Text, default="[]")  # JSON list (see notes.parse)
    # The scheduling keys as last read from (or written to) the file: a change here that we did not
    # write is a hand edit, and the user wins.
    fm_created: Mapped[str | None] = mapped_column(String(10))
    fm_last_reviewed: Mapped[str | None] = mapped_column(String(10))
    fm_next_review: Mapped[str | None] = mapped_column(String(10))
    fm_review_count: Mapped[int | None] = mapped_column(Integer)
    fm_mastery: Mapped[float | None] = mapped_column(Float)
    missing: Mapped[bool] = mapped_column(Boolean, default=False)
    missing_since: Mapped[datetime | None] = mapped_column(UtcDateTime)
    indexed_at: Mapped[datetime] = mapped_column(UtcDateTime)

    tags: Mapped[list[Tag]] = relationship(secondary=note_tags, back_populates="notes")
    cards: Mapped[list[Card]] = relationship(back_populates="note", cascade="all, delete-orphan")


class NoteBody(Base):
    """A note's sections, the one copy of its body in the database, packed (store.note_text) and
    cut in parts (store.bodies) that fill pages.

    A table of its own: `notes` stays narrow, so browsing, counting and the queue read a few
    pages, not every body. The search index (store.search_index) is built from these.
    """

    __tablename__ = "note_bodies"

    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True)
    part: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


note_links = Table(
    "note_links",
    Base.metadata,
    Column("note_id", ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True),
    # Library-relative path a `## 相关笔记` line points at (the file may not exist).
    Column("target_path", String, primary_key=True, index=True),
)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    notes: Mapped[list[Note]] = relationship(secondary=note_tags, back_populates="tags")


class Card(Base):
    """A schedulable item: a note, a drill type, or a drill attached to a note (```qkvdrill)."""

    __tablename__ = "cards"
    __table_args__ = (
        UniqueConstraint("note_id", "kind", "ordinal", name="uq_card_note_kind_ordinal"),
        # The queue asks "state X, not suspended, due before T": one range scan per state.
        Index("ix_cards_queue", "state", "suspended", "due"),
        # Browse's default order: a page of notes by due date walks this and stops (no sort of every card).
        Index("ix_cards_kind_due", "kind", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # "note" | "drill"
    note_id: Mapped[int | None] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer, default=0)  # n-th qkvdrill block of its note
    drill_type: Mapped[str | None] = mapped_column(String(32), unique=False)
    drill_level: Mapped[int | None] = mapped_column(Integer)
    drill_spec: Mapped[str | None] = mapped_column(Text)
    # FSRS memory state (py-fsrs Card fields) plus our "new" flag.
    state: Mapped[str] = mapped_column(String(10), default="new")
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(UtcDateTime)
    last_review: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    buried_until: Mapped[datetime | None] = mapped_column(UtcDateTime)

    note: Mapped[Note | None] = relationship(back_populates="cards")
    logs: Mapped[list[ReviewLog]] = relationship(back_populates="card", cascade="all, delete-orphan")


def new_uid() -> str:
    return uuid.uuid4().hex


class ReviewLog(Base):
    """One grade: the record a card's state is rebuilt from (schedule.replay).

    `uid` is unique across every database and `device_id` names the database that made the review,
    so logs from several devices can later be merged without clashes. `before`/`after` are JSON
    snapshots of the card (undo is exact; a replay follows them while the chain holds and
    recomputes with FSRS from `rating` and `reviewed_at` where it does not).
    """

    __tablename__ = "review_logs"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    device_id: Mapped[str | None] = mapped_column(String(32))
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    state_before: Mapped[str] = mapped_column(String(10))
    state_after: Mapped[str] = mapped_column(String(10))
    before: Mapped[dict[str, Any]] = mapped_column(JsonText)  # card snapshot (reviewing.snapshot)
    after: Mapped[dict[str, Any]] = mapped_column(JsonText)
    # The four scheduling key values before write-back; SQL NULL (not JSON null) for drills.
    frontmatter_before: Mapped[dict[str, Any] | None] = mapped_column(JsonText(none_as_null=True))
    # What the stats and card info ask of every review, as plain columns: 100,000 reviews are then
    # aggregated in SQL instead of 100,000 snapshots parsed in Python. Filled from the snapshots when
    # the row is inserted, whoever inserts it (a context default); migration 0006 filled older rows.
    last_interval_days: Mapped[float | None] = mapped_column(Float, default=figure_default("last_interval_days"))
    interval_days: Mapped[float | None] = mapped_column(Float, default=figure_default("interval_days"))
    stability: Mapped[float | None] = mapped_column(Float, default=figure_default("stability"))
    difficulty: Mapped[float | None] = mapped_column(Float, default=figure_default("difficulty"))

    card: Mapped[Card] = relationship(back_populates="logs")


# The stats' one grouped scan of the log (by UTC hour, rating and kind) reads this index alone, in its
# order: no table rows and no sort. Queries must spell the hour exactly so (REVIEW_HOUR, literal numbers).
REVIEW_HOUR = func.substr(ReviewLog.reviewed_at, literal_column("1"), literal_column("13"))
Index(
    "ix_review_logs_hour",
    REVIEW_HOUR,
    ReviewLog.rating,
    ReviewLog.state_before,
    ReviewLog.last_interval_days,
    ReviewLog.duration_ms,
    ReviewLog.card_id,
)


class CardReset(Base):
    """A card's memory set outside grading, logged so that a replay follows it (history kept):

    - kind "reset": forgotten on purpose; a replay starts the card afresh here;
    - kind "reschedule": rebuilt under new settings (`simulate --reschedule`); `state` holds the memory
      fields it was given (schedule.replay.MEMORY_FIELDS, times as naive-UTC ISO text) and a replay
      takes them as they are.
    """

    __tablename__ = "card_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    device_id: Mapped[str | None] = mapped_column(String(32))
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    reset_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The card's newest review log when it was reset: the reset comes after it in a replay (a clock
    # that stands still or steps back cannot reorder them).
    after_log_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12), default="reset", server_default="reset")
    state: Mapped[dict[str, Any] | None] = mapped_column(JsonText(none_as_null=True))


class StoreMeta(Base):
    """Facts about this database: its device id."""

    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def _device_id(connection: Connection) -> str | None:
    value = connection.exec_driver_sql("SELECT value FROM store_meta WHERE key = 'device_id'").scalar()
    return None if value is None else str(value)


@event.listens_for(ReviewLog, "before_insert")
@event.listens_for(CardReset, "before_insert")
def _stamp_device(_mapper: Mapper[Any], connection: Connection, target: ReviewLog | CardReset) -> None:
    """Every review and reset says which database made it, without its maker having to know."""
    if target.device_id is None:
        target.device_id = _device_id(connection)


class DrillAttempt(Base):
    """Every answer to a drill, right or wrong."""

    __tablename__ = "drill_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id", ondelete="SET NULL"), index=True)
    drill_type: Mapped[str] = mapped_column(String(32))
    level: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(Integer)
    answer: Mapped[Any] = mapped_column(JsonText)  # the matrix (or value) as the user gave it
    score: Mapped[float] = mapped_column(Float)
    seconds: Mapped[float | None] = mapped_column(Float)
    attempted_at: Mapped[datetime] = mapped_column(UtcDateTime)
