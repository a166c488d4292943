"""The log is complete: what `simulate --reschedule` and the app's undo of a reset do is recorded so that a replay of
the log (`qkvstudy check`) gives every card as stored; and the review log's plain columns say what its snapshots say."""

from __future__ import annotations

from datetime import datetime

import pytest
from insight_helpers import wait_for
from sqlalchemy import select, text

from qkvstudy import config
from qkvstudy.cli import main
from qkvstudy.schedule.replay import check_cards
from qkvstudy.store.engine import make_engine, migrate
from qkvstudy.store.models import CardReset, ReviewLog, review_figures


def _check(library, monkeypatch) -> int:
    monkeypatch.setenv("QKVSTUDY_DB", str(library.db))
    monkeypatch.setenv("QKVSTUDY_NOTES", str(library.notes))
    return main(["check"])


def test_check_is_clean_after_simulate_reschedule_and_grades_after_it(library, monkeypatch, capsys):
    config.settings_path().parent.mkdir(parents=True, exist_ok=True)
    config.settings_path().write_text("desired_retention = 0.8\nenable_fuzzing = false\n", encoding="utf-8")
    monkeypatch.setenv("QKVSTUDY_DB", str(library.db))
    monkeypatch.setenv("QKVSTUDY_NOTES", str(library.notes))
    assert main(["simulate", "--reschedule"]) == 0
    study = library.open()
    try:
        with study.sessions() as s:
            records = list(s.scalars(select(CardReset).where(CardReset.kind == "reschedule")))
        assert records and all(r.state is not None for r in records)
        assert check_cards(study.sessions, study.scheduler) == []
        card = study.card(records[0].card_id)
        last = study.insight.card_memory(card.card_id).history[-1]  # card info lists the reschedule too
        assert (last.event, last.rating, last.stability) == ("reschedule", 0, card.stability)
        assert last.interval_days == (card.due - records[0].reset_at).total_seconds() / 86400
        monkeypatch.setenv(
            "QKVSTUDY_NOW", max(card.due, datetime.fromisoformat("2026-11-24T10:00:00+00:00")).isoformat()
        )
        study.grade(card.card_id, 3)  # a grade after the reschedule follows on from it
        assert check_cards(study.sessions, study.scheduler) == []
    finally:
        study.close()
    capsys.readouterr()
    assert _check(library, monkeypatch) == 0
    # Back to the retention the history was made with: every card is rebuilt again, and still replays.
    config.settings_path().write_text("enable_fuzzing = false\n", encoding="utf-8")
    assert main(["simulate", "--reschedule"]) == 0
    assert _check(library, monkeypatch) == 0


def test_a_reschedule_that_changes_nothing_records_nothing(library, monkeypatch, capsys):
    config.settings_path().parent.mkdir(parents=True, exist_ok=True)
    config.settings_path().write_text("enable_fuzzing = false\n", encoding="utf-8")  # as the history was made
    monkeypatch.setenv("QKVSTUDY_DB", str(library.db))
    monkeypatch.setenv("QKVSTUDY_NOTES", str(library.notes))
    assert main(["simulate", "--reschedule"]) == 0
    study = library.open()
    with study.sessions() as s:
        assert s.scalars(select(CardReset)).all() == []
    study.close()


async def test_check_is_clean_after_the_app_undoes_a_reset(make_app, library, monkeypatch):
    from qkvstudy.tui.screens.browse import BrowseScreen
    from qkvstudy.tui.screens.confirm import ConfirmScreen
    from qkvstudy.tui.screens.home import HomeScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
        card = app.study.search("tag:位置编码").cards[0]
        before = app.study.card(card.card_id)
        assert before.state != "new"
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, BrowseScreen))
        for key in "tag:位置编码":
            await pilot.press(key)
        await pilot.press("enter", "R")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.study.card(card.card_id).state == "new")
        assert check_cards(app.study.sessions, app.study.scheduler) == []  # the reset is logged
        assert app.study.insight.card_memory(card.card_id).history[-1].event == "reset"
        await pilot.press("u")
        await wait_for(pilot, lambda: app.study.card(card.card_id) == before)
        assert check_cards(app.study.sessions, app.study.scheduler) == []  # and its undo too
        assert [e.event for e in app.study.insight.card_memory(card.card_id).history] == ["review"] * len(
            app.study.history.review_logs(card.card_id)
        )
    assert _check(library, monkeypatch) == 0


def test_every_review_row_has_its_figures_from_its_snapshots(library):
    study = library.open()
    try:
        with study.sessions() as s:
            logs = list(s.scalars(select(ReviewLog)))
    finally:
        study.close()
    assert logs
    for log in logs:
        figures = review_figures(log.before, log.after, log.reviewed_at)
        assert figures == {
            "last_interval_days": log.last_interval_days,
            "interval_days": log.interval_days,
            "stability": log.stability,
            "difficulty": log.difficulty,
        }
        assert log.stability is not None and log.interval_days is not None and log.interval_days > 0
        if log.state_before == "review":
            assert log.last_interval_days is not None and log.last_interval_days >= 1


def test_migration_0006_fills_older_rows_as_a_new_row_is_filled(tmp_path):
    db = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{db}")
    migrate(engine, "0004")
    before = '{"state": "review", "due": "2026-01-30T04:00:00", "last_review": "2026-01-09T10:00:00.250000"}'
    after = '{"state": "review", "due": "2026-03-01T04:00:00", "stability": 31.5, "difficulty": 4.25}'
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO cards (id, kind, ordinal, state, due, reps, lapses, suspended)"
                " VALUES (1, 'drill', 0, 'review', '2026-03-01 04:00:00.000000', 2, 0, 0)"
            )
        )
        for i, (b, a) in enumerate(((before, after), ("{}", "{}"), ("not json", '{"stability": true}'))):
            conn.execute(
                text(
                    "INSERT INTO review_logs (uid, card_id, rating, reviewed_at, state_before, state_after, before,"
                    " after) VALUES (:uid, 1, 3, '2026-01-31 09:30:00.000000', 'review', 'review', :b, :a)"
                ),
                {"uid": f"u{i}", "b": b, "a": a},
            )
        conn.execute(text("INSERT INTO card_resets (uid, card_id, reset_at) VALUES ('r', 1, '2026-01-01 00:00:00')"))
    migrate(engine)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT last_interval_days, interval_days, stability, difficulty FROM review_logs ORDER BY id")
        ).all()
        assert conn.execute(text("SELECT kind, state FROM card_resets")).all() == [("reset", None)]
        indexes = {r[1] for r in conn.execute(text("PRAGMA index_list('review_logs')"))}
    engine.dispose()
    expected = review_figures(
        {"due": "2026-01-30T04:00:00", "last_review": "2026-01-09T10:00:00.250000"},
        {"due": "2026-03-01T04:00:00", "stability": 31.5, "difficulty": 4.25},
        datetime.fromisoformat("2026-01-31T09:30:00"),
    )
    assert rows[0] == tuple(expected.values())
    assert rows[0][0] == pytest.approx(20.75, abs=1e-5) and rows[0][1] == pytest.approx(28.77, abs=0.01)
    assert rows[1] == rows[2] == (None, None, None, None)  # broken snapshots: nothing made up
    assert "ix_review_logs_hour" in indexes


def test_the_stats_scan_of_the_log_reads_its_index(library):
    """The grouped scan must spell the hour exactly as the index does (literal numbers, not bound values)."""
    from qkvstudy.facade.insight import raw_sqlite
    from qkvstudy.schedule.stats import _review_groups

    study = library.open()
    captured: list[str] = []
    try:
        with study.sessions() as s:
            con = raw_sqlite(s)
            con.set_trace_callback(captured.append)  # the statement as sqlite3 runs it
            try:
                groups = _review_groups(con, None)
            finally:
                con.set_trace_callback(None)
            plan = con.execute("EXPLAIN QUERY PLAN " + captured[-1]).fetchall()
    finally:
        study.close()
    assert groups and "USING INDEX ix_review_logs_hour" in " ".join(str(row[-1]) for row in plan)
