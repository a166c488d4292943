"""Stats, leeches, personal parameters and rescheduling, on real SQLite files and real notes."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from helpers import note_text, write
from hypothesis import given
from hypothesis import strategies as st
from insight_helpers import grade_at

from qkvstudy import config
from qkvstudy.cli import main
from qkvstudy.schedule.leech import became_leech, is_leech
from qkvstudy.schedule.optimize import DEFAULT_PARAMETERS, save_parameters
from qkvstudy.schedule.stats import _streaks
from qkvstudy.store.models import Card
from qkvstudy.study import Study

# These tests read the core's messages in English (the default language is Chinese).
pytestmark = pytest.mark.usefixtures("english")


def test_stats_count_what_the_log_holds(library):
    study = library.open()
    try:
        logs = study.history.review_logs()
        stats = study.insight.stats()
    finally:
        study.close()
    assert stats.total_reviews == len(logs) == sum(stats.reviews_per_day.values())
    assert Counter(config.study_day(log["reviewed_at"], 4) for log in logs) == Counter(stats.reviews_per_day)
    ratings = Counter(log["rating"] for log in logs)
    assert [sum(b[i] for b in stats.buttons.values()) for i in range(4)] == [ratings[r] for r in (1, 2, 3, 4)]
    learning = sum(1 for log in logs if log["state_before"] != "review")
    assert sum(stats.buttons["learning"]) == learning
    assert stats.seconds_per_day[date(2026, 10, 1)] == 12 * stats.reviews_per_day[date(2026, 10, 1)]
    assert sum(stats.retrievability.counts) == sum(stats.stability.counts) == 6  # every note was reviewed
    assert [t.topic for t in stats.topics] == ["Attention", "位置编码"]
    assert [t.notes for t in stats.topics] == [4, 2]
    assert all(0 < t.avg_retrievability <= 1 for t in stats.topics)
    assert len(stats.forecast) == 30 and min(stats.forecast) == stats.today == date(2026, 11, 24)


def test_stats_for_one_topic_and_json_keys(library, monkeypatch, capsys):
    monkeypatch.setenv("QKVSTUDY_DB", str(library.db))
    monkeypatch.setenv("QKVSTUDY_NOTES", str(library.notes))
    assert main(["stats", "--json", "--topic", "位置编码"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"reviews_per_day", "forecast", "true_retention", "topics", "drills"} <= set(data)
    assert [t["topic"] for t in data["topics"]] == ["位置编码"]
    assert set(data["true_retention"]) == {"young", "mature"}
    assert set(data["true_retention"]["young"]) >= {"passed", "failed"}
    study = library.open()
    ids = {c.card_id for c in study.search().cards if c.topic == "位置编码"}
    study.close()
    study = library.open()
    expected = sum(1 for log in study.history.review_logs() if log["card_id"] in ids)
    study.close()
    assert sum(data["reviews_per_day"].values()) == expected
    assert main(["stats"]) == 0
    assert "真实保持率" in capsys.readouterr().out


def test_true_retention_young_and_mature_by_interval(tmp_path, monkeypatch):
    """Two review-state cards taken over from front-matter: one with a 5-day, one with a 40-day interval."""
    root = tmp_path / "notes"
    write(
        root / "T/young.md",
        note_text("新近", tags=("T",), last_reviewed="2026-11-15", next_review="2026-11-20", review_count=3),
    )
    write(
        root / "T/mature.md",
        note_text("成熟", tags=("T",), last_reviewed="2026-10-10", next_review="2026-11-19", review_count=5),
    )
    monkeypatch.setenv("QKVSTUDY_NOW", "2026-11-20T09:00:00+00:00")
    study = Study.open(db=str(tmp_path / "q.db"), notes=root)
    try:
        study.scan()
        young, mature = study.card_for_path(root / "T/young.md"), study.card_for_path(root / "T/mature.md")
        now = datetime(2026, 11, 20, 9, tzinfo=UTC)
        grade_at(monkeypatch, study, young.card_id, 3, now)
        grade_at(monkeypatch, study, mature.card_id, 1, now + timedelta(minutes=1))
        stats = study.insight.stats()
    finally:
        study.close()
    assert (stats.retention["today"]["young"].passed, stats.retention["today"]["young"].failed) == (1, 0)
    assert (stats.retention["today"]["mature"].passed, stats.retention["today"]["mature"].failed) == (0, 1)
    assert stats.buttons["mature"] == (1, 0, 0, 0) and stats.buttons["young"] == (0, 0, 1, 0)


@given(st.sets(st.integers(min_value=0, max_value=60), max_size=40))
def test_streaks_match_a_day_by_day_count(offsets):
    today = date(2026, 11, 24)
    active = {today - timedelta(days=o) for o in offsets}
    current, longest = _streaks(active, today)
    run = best = 0
    for o in range(61, -1, -1):
        run = run + 1 if today - timedelta(days=o) in active else 0
        best = max(best, run)
    assert longest == best
    start = 0 if today in active else 1
    expected = 0
    while today - timedelta(days=start + expected) in active:
        expected += 1
    assert current == expected


def test_became_leech_at_the_threshold_then_every_half():
    assert [n for n in range(1, 20) if became_leech(n, 8)] == [8, 12, 16]
    assert [n for n in range(1, 5) if became_leech(n, 1)] == [1, 2, 3, 4]


@pytest.mark.parametrize("action", ["suspend", "mark"])
def test_a_card_forgotten_eight_times_becomes_a_leech(tmp_path, monkeypatch, action):
    root = tmp_path / "notes"
    path = write(root / "T/hard.md", note_text("难记", tags=("T",)))
    settings = config.Settings(leech_action=action)
    monkeypatch.setenv("QKVSTUDY_NOW", "2026-01-01T09:00:00+00:00")
    study = Study.open(db=str(tmp_path / "q.db"), notes=root, settings=settings, write_back=False)
    try:
        study.scan()
        card_id = study.card_for_path(path).card_id
        when = datetime(2026, 1, 1, 9, tzinfo=UTC)
        outcomes = []
        for _ in range(60):  # good until in review, then again: each again in review is a lapse
            card = study.card(card_id)
            if card.lapses >= 8:
                break
            when = max(when + timedelta(minutes=15), card.due)
            monkeypatch.setenv("QKVSTUDY_NOW", when.isoformat())
            outcomes.append(study.grade(card_id, 1 if card.state == "review" else 3))
        leech_moments = [o for o in outcomes if o.leech]
        assert len(leech_moments) == 1 and leech_moments[0].card.lapses == 8
        assert leech_moments[0].card.suspended is (action == "suspend")
        assert [lc.card_id for lc in study.insight.leeches()] == [card_id]
        with study.sessions() as s:
            assert s.query(Card.id).filter(is_leech(8)).all() == [(card_id,)]
            assert s.query(Card.id).filter(is_leech(9)).all() == []
        if action == "suspend":
            assert study.undo().suspended is False  # undo restores the card as it was
    finally:
        study.close()


def test_optimize_with_too_little_history_says_how_much_and_changes_nothing(library, monkeypatch, capsys):
    monkeypatch.setenv("QKVSTUDY_DB", str(library.db))
    monkeypatch.setenv("QKVSTUDY_NOTES", str(library.notes))
    assert main(["optimize"]) == 1
    out = capsys.readouterr().out
    assert "至少需要 400 次" in out and "参数未改变" in out
    assert not config.settings_path().exists()


def test_saving_parameters_keeps_every_other_byte(tmp_path):
    path = tmp_path / "settings.toml"
    original = "# my settings\r\ndesired_retention = 0.85   # tuned\r\n\r\nnew_per_day = 10"
    path.write_bytes(original.encode())
    save_parameters(path, DEFAULT_PARAMETERS)
    text = path.read_bytes().decode()
    assert text.startswith(original + "\r\n" + "fsrs_parameters = [0.2120, ") and text.endswith("]\r\n")
    save_parameters(path, [w * 1.01 for w in DEFAULT_PARAMETERS])  # replaced, not added twice
    assert path.read_bytes().decode().count("fsrs_parameters") == 1
    save_parameters(path, None)
    assert path.read_bytes().decode() == original + "\r\n"


def test_bad_parameters_in_settings_are_a_usage_error(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("fsrs_parameters = [1.0, 2.0]\n", encoding="utf-8")
    with pytest.raises(config.UsageError, match="21 FSRS-6 weights"):
        config.load_settings(path)
    path.write_text('leech_action = "delete"\n', encoding="utf-8")
    with pytest.raises(config.UsageError, match="leech_action"):
        config.load_settings(path)


def test_reschedule_follows_a_new_desired_retention_and_writes_front_matter(library, monkeypatch, capsys):
    monkeypatch.setenv("QKVSTUDY_DB", str(library.db))
    monkeypatch.setenv("QKVSTUDY_NOTES", str(library.notes))
    study = library.open()
    before = {c.card_id: c.due for c in study.search().cards}
    study.close()
    # Same settings as the history was made with (no fuzz: see conftest): replaying gives the same schedule.
    config.settings_path().parent.mkdir(parents=True, exist_ok=True)
    config.settings_path().write_text("enable_fuzzing = false\n", encoding="utf-8")
    assert main(["simulate", "--reschedule"]) == 0
    assert "0 张卡片" in capsys.readouterr().out
    config.settings_path().write_text("desired_retention = 0.8\nenable_fuzzing = false\n", encoding="utf-8")
    assert main(["simulate", "--reschedule"]) == 0
    study = library.open()
    after = {c.card_id: c for c in study.search().cards}
    study.close()
    moved = [i for i, due in before.items() if after[i].due != due]
    assert moved and all(after[i].due > before[i] for i in moved)  # lower retention: later reviews
    card = after[moved[0]]
    text = (library.notes / card.path).read_text(encoding="utf-8")
    assert f"next_review: '{config.study_day(card.due, 4).isoformat()}'" in text


def test_simulate_table_rows_grow_with_retention(library, monkeypatch, capsys):
    monkeypatch.setenv("QKVSTUDY_DB", str(library.db))
    monkeypatch.setenv("QKVSTUDY_NOTES", str(library.notes))
    study = library.open()
    table = study.insight.retention_table()
    study.close()
    assert [r.retention for r in table][0] == 0.70 and table[-1].retention == 0.97
    assert table[-1].reviews_per_day > table[0].reviews_per_day
    assert main(["simulate"]) == 0
    assert "*    0.90" in capsys.readouterr().out
