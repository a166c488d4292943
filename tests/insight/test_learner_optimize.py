"""A simulated learner with known memory parameters studies for a year; the optimizer, fitted on the
earlier reviews, must predict the later ones better than FSRS's defaults, and stats must count what the log
holds. The first grades go through the real `qkvstudy grade` command with QKVSTUDY_NOW; the bulk of the
year goes through the same facade in-process, to keep the test short."""

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta

from helpers import note_text, write

from qkvstudy import config
from qkvstudy.cli import main
from qkvstudy.schedule.learner import Learner
from qkvstudy.study import Study

NOTES = 100
NEW_PER_DAY = 5
DAY0 = datetime(2025, 1, 1, 9, tzinfo=UTC)
CLI_GRADES = 3


def _cli(args, env, cwd):
    return subprocess.run(
        [sys.executable, "-m", "qkvstudy.cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_year_of_a_simulated_learner_fits_better_parameters(tmp_path, monkeypatch, capsys):
    lib, db = tmp_path / "lib", tmp_path / "q.db"
    for i in range(NOTES):
        write(lib / "T" / f"n{i:03d}.md", note_text(f"问题 {i}", tags=("T",), created="2025-01-01"))
    settings_file = config.settings_path()
    settings_file.parent.mkdir(parents=True)
    # No same-day learning steps: every grade is a day apart, as the learner's own memory model assumes.
    settings_file.write_text(
        "# mine\nlearning_steps_minutes = []\nrelearning_steps_minutes = []\nnew_per_day = 5\n", encoding="utf-8"
    )
    learner = Learner()
    env = {**os.environ, "QKVSTUDY_DB": str(db), "QKVSTUDY_NOTES": str(lib), "PYTHONPATH": os.getcwd()}

    # Day 0, through the command line: the learner answers three new notes.
    for k in range(CLI_GRADES):
        when = DAY0 + timedelta(seconds=20 * k)
        rating = learner.answer(-1 - k, when)  # placeholder ids until the card ids are known
        done = _cli(
            ["grade", "--lang", "en", str(lib / "T" / f"n{k:03d}.md"), str(rating)],
            {**env, "QKVSTUDY_NOW": when.isoformat()},
            tmp_path,
        )
        assert done.returncode == 0, done.stderr
        assert f"T/n{k:03d}.md due" in done.stdout
    study = Study(f"sqlite:///{db}", lib, config.load_settings(), write_back=False)
    for k in range(CLI_GRADES):  # the learner's memory of those three, under their real card ids
        learner.cards[study.card_for_path(lib / "T" / f"n{k:03d}.md").card_id] = learner.cards.pop(-1 - k)

    # The rest of the year, in-process: every day, the due reviews and up to five new notes.
    grades = CLI_GRADES
    for day in range(365):
        now = DAY0 + timedelta(days=day, minutes=5)
        monkeypatch.setenv("QKVSTUDY_NOW", now.isoformat())
        due = study.due()
        reviews = [c for c in due if c.state != "new"]
        new = [c for c in due if c.state == "new"][: max(0, NEW_PER_DAY - (CLI_GRADES if day == 0 else 0))]
        for k, card in enumerate(reviews + new):
            when = now + timedelta(seconds=20 * k)
            monkeypatch.setenv("QKVSTUDY_NOW", when.isoformat())
            study.grade(card.card_id, learner.answer(card.card_id, when), duration_s=8 + k % 5)
            grades += 1

    # Stats count exactly what the log holds.
    logs = study.history.review_logs()
    assert len(logs) == grades > 1000
    stats = study.insight.stats()
    assert stats.total_reviews == grades
    assert sum(sum(b) for b in stats.buttons.values()) == grades
    by_rating = Counter(log["rating"] for log in logs)
    assert [sum(b[i] for b in stats.buttons.values()) for i in range(4)] == [by_rating[r] for r in (1, 2, 3, 4)]
    by_day = Counter(config.study_day(log["reviewed_at"], 4) for log in logs)
    first = stats.today - timedelta(days=364)
    assert stats.reviews_per_day == {d: n for d, n in sorted(by_day.items()) if d >= first}
    reviews_of_review_cards = sum(1 for log in logs if log["state_before"] == "review")
    all_time = stats.retention["all"]
    assert sum(r.passed + r.failed for r in all_time.values()) == reviews_of_review_cards
    assert all_time["young"].failed + all_time["mature"].failed == sum(
        1 for log in logs if log["state_before"] == "review" and log["rating"] == 1
    )
    study.close()

    # Personal parameters beat the defaults on the held-out later reviews, and are then used.
    monkeypatch.setenv("QKVSTUDY_DB", str(db))
    monkeypatch.setenv("QKVSTUDY_NOTES", str(lib))
    assert main(["optimize", "--no-write-back"]) == 0
    out = capsys.readouterr().out
    with capsys.disabled():  # the log loss before and after, for the closing note (pytest -s shows it)
        print("\n" + out)
    assert "fsrs_parameters = [" in out
    saved = config.load_settings()
    assert len(saved.fsrs_parameters) == 21
    reopened = Study.open()
    assert reopened.insight.parameters == saved.fsrs_parameters
    with reopened.sessions() as s:
        from qkvstudy.schedule.optimize import optimize

        result = optimize(s, day_starts_at=4, relearning_steps=0)
    reopened.close()
    assert result.status == "saved"
    assert result.fitted.log_loss < result.default.log_loss
    assert result.fitted.rmse_bins < result.default.rmse_bins
    assert settings_file.read_text(encoding="utf-8").startswith("# mine\nlearning_steps_minutes = []\n")

    # `config` shows them; `--reset` returns to the defaults and leaves the rest of the file alone.
    assert main(["config"]) == 0
    assert "fsrs_parameters = [" in capsys.readouterr().out
    assert main(["optimize", "--reset"]) == 0
    assert config.load_settings().fsrs_parameters == ()
    assert settings_file.read_text(encoding="utf-8") == (
        "# mine\nlearning_steps_minutes = []\nrelearning_steps_minutes = []\nnew_per_day = 5\n"
    )
    capsys.readouterr()
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sum(data["reviews_per_day"].values()) == grades
    assert data["topics"][0]["topic"] == "T" and data["topics"][0]["notes"] == NOTES
