"""Day boundaries follow the local zone's real rules across daylight saving; settings that are not finite are refused."""

import time
from datetime import date, datetime, timedelta

import pytest
from conftest import run_cli
from helpers import note_text, write

from qkvstudy import config
from qkvstudy.schedule import memory
from qkvstudy.study import Study

ZONES = {
    # zone: (a winter moment, its local study day; a summer moment, its local study day) at a 04:00 boundary
    "America/New_York": ("2026-01-15T09:30:00Z", date(2026, 1, 15), "2026-07-01T08:30:00Z", date(2026, 7, 1)),
    "Europe/Berlin": ("2026-01-15T03:30:00Z", date(2026, 1, 15), "2026-07-01T02:30:00Z", date(2026, 7, 1)),
}
CHANGES = {
    "America/New_York": (date(2026, 3, 8), date(2026, 11, 1)),
    "Europe/Berlin": (date(2026, 3, 29), date(2026, 10, 25)),
}


@pytest.fixture(params=sorted(ZONES))
def zone(request, monkeypatch):
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def test_study_day_uses_the_offset_of_that_day_not_of_today(zone):
    winter, winter_day, summer, summer_day = ZONES[zone]
    assert config.study_day(datetime.fromisoformat(winter), 4) == winter_day
    assert config.study_day(datetime.fromisoformat(summer), 4) == summer_day
    # half an hour earlier is still the day before: the boundary is 04:00 local in both seasons
    assert config.study_day(datetime.fromisoformat(winter) - timedelta(hours=1), 4) == winter_day - timedelta(days=1)
    assert config.study_day(datetime.fromisoformat(summer) - timedelta(hours=1), 4) == summer_day - timedelta(days=1)


def test_days_across_a_change_are_23_and_25_hours_long(zone):
    spring, autumn = CHANGES[zone]
    starts = {
        d: memory.date_to_due(d, 4) for d in (spring, spring + timedelta(days=1), autumn, autumn + timedelta(days=1))
    }
    assert starts[spring + timedelta(days=1)] - starts[spring] == timedelta(hours=24)  # 04:00 is after the change
    before_spring = memory.date_to_due(spring - timedelta(days=1), 4)
    assert starts[spring] - before_spring == timedelta(hours=23)
    before_autumn = memory.date_to_due(autumn - timedelta(days=1), 4)
    assert starts[autumn] - before_autumn == timedelta(hours=25)
    for d, start in starts.items():
        local = start.astimezone(config.local_tz())
        assert (local.date(), local.hour) == (d, 4)
        assert config.day_start(start + timedelta(hours=1), 4) == start


def test_a_grade_in_summer_writes_the_summer_dates(zone, tmp_path, monkeypatch):
    _w, _wd, summer, summer_day = ZONES[zone]
    root = tmp_path / "notes"
    note = write(root / "T" / "a.md", note_text("夏天的问题", tags=("T",)))
    monkeypatch.setenv("QKVSTUDY_NOW", summer)
    study = Study.open(db=str(tmp_path / "q.db"), notes=root)
    study.scan()
    outcome = study.grade(study.card_for_path(note).card_id, 4)
    study.close()
    text = note.read_text(encoding="utf-8")
    assert f"last_reviewed: '{summer_day.isoformat()}'" in text
    due_day = config.study_day(outcome.card.due, 4)
    assert f"next_review: '{due_day.isoformat()}'" in text
    local_due = outcome.card.due.astimezone(config.local_tz())
    assert local_due.hour == 4 or outcome.card.state != "review"


@pytest.mark.parametrize(
    "line",
    [
        "learning_steps_minutes = [1.0, inf]",
        "desired_retention = nan",
        "drill_tolerance = -inf",
        "maximum_interval_days = 9223372036854775807",
        "new_per_day = 9223372036854775807",
        "relearning_steps_minutes = [1e300]",
    ],
)
def test_settings_that_are_not_finite_or_out_of_range_are_one_line_exit_2(tmp_path, line):
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "settings.toml").write_text(line + "\n", encoding="utf-8")
    root = tmp_path / "notes"
    write(root / "T" / "a.md", note_text("问题", tags=("T",)))
    result = run_cli("due", "--db", str(tmp_path / "q.db"), "--notes", str(root), env={"QKVSTUDY_CONFIG_DIR": str(cfg)})
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr


def test_a_clock_out_of_range_is_a_usage_error(monkeypatch):
    monkeypatch.setenv("QKVSTUDY_NOW", "0001-01-01T00:00:00+14:00")
    with pytest.raises(config.UsageError):
        config.now()
