"""The column types: aware UTC times and JSON values, stored as the text older versions wrote."""

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select, text

from qkvstudy.store.engine import make_engine, migrate, session_factory
from qkvstudy.store.models import Card, DrillAttempt, ReviewLog


def test_times_are_stored_as_naive_utc_text_and_read_back_aware(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    migrate(engine)
    beijing = timezone(timedelta(hours=8))
    with session_factory(engine).begin() as s:
        s.add(Card(id=1, kind="drill", state="new", due=datetime(2026, 11, 24, 9, 30, tzinfo=beijing)))
        s.add(Card(id=2, kind="drill", ordinal=1, state="new", due=datetime(2026, 11, 24, 1, 30)))  # naive = UTC
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT due FROM cards ORDER BY id")).scalars().all()
    assert stored == ["2026-11-24 01:30:00.000000", "2026-11-24 01:30:00.000000"]
    with session_factory(engine)() as s:
        dues = s.scalars(select(Card.due).order_by(Card.id)).all()
        assert dues == [datetime(2026, 11, 24, 1, 30, tzinfo=UTC)] * 2
        assert all(d.tzinfo is UTC for d in dues)
        # Comparisons with aware values are converted the same way.
        since = datetime(2026, 11, 24, 9, 29, tzinfo=beijing)
        assert s.scalars(select(Card.id).where(Card.due > since)).all() == [1, 2]


def test_json_values_are_stored_as_json_text(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'j.db'}")
    migrate(engine)
    when = datetime(2026, 11, 24, tzinfo=UTC)
    with session_factory(engine).begin() as s:
        for answer in ([[0.5, 0.5], [1, 0]], "是", None):
            s.add(DrillAttempt(drill_type="weights", level=1, seed=3, answer=answer, score=1.0, attempted_at=when))
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT answer FROM drill_attempts ORDER BY id")).scalars().all()
    assert stored == ["[[0.5, 0.5], [1, 0]]", '"是"', "null"]  # as json.dumps(answer, ensure_ascii=False)
    with session_factory(engine)() as s:
        assert s.scalars(select(DrillAttempt.answer).order_by(DrillAttempt.id)).all() == [
            [[0.5, 0.5], [1, 0]],
            "是",
            None,
        ]


def test_a_review_without_front_matter_keeps_sql_null(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    migrate(engine)
    when = datetime(2026, 11, 24, tzinfo=UTC)
    with session_factory(engine).begin() as s:
        s.add(Card(id=1, kind="drill", state="new", due=when))
        s.add(
            ReviewLog(
                card_id=1,
                rating=3,
                reviewed_at=when,
                state_before="new",
                state_after="learning",
                before={"state": "new"},
                after={"state": "learning"},
                frontmatter_before=None,
            )
        )
    with engine.connect() as conn:
        row = conn.execute(text("SELECT before, frontmatter_before FROM review_logs")).one()
    assert tuple(row) == ('{"state": "new"}', None)


def test_a_naive_time_assigned_reads_back_aware_before_any_reload():
    card = Card(kind="drill", state="new", due=datetime(2026, 11, 24, 1, 30))
    assert card.due == datetime(2026, 11, 24, 1, 30, tzinfo=UTC)
    card.last_review = datetime(2026, 11, 24, 9, 30, tzinfo=timezone(timedelta(hours=8)))
    assert card.last_review == datetime(2026, 11, 24, 1, 30, tzinfo=UTC) and card.last_review.tzinfo is UTC
