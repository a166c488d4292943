"""`review` checks what it can before the app opens: a fresh library is indexed first, an unknown
topic is named. The app itself is replaced by a recorder: the Pilot journeys test the screens."""

import pytest


@pytest.fixture
def opened(monkeypatch):
    """What run_app was given, instead of opening a terminal app."""
    import qkvstudy.tui.app

    calls: list[dict] = []
    monkeypatch.setattr(qkvstudy.tui.app, "run_app", lambda **kwargs: calls.append(kwargs))
    return calls


def test_review_on_a_fresh_database_indexes_first_so_the_topic_has_cards(run, opened):
    code, _, err = run("review", "--topic", "T")
    assert code == 0 and len(opened) == 1
    assert opened[0]["start"] == "review" and opened[0]["topic"] == "T" and "首次索引" in err
    study = opened[0]["study_factory"]()
    try:
        assert {c.path for c in study.due(topic="T")} == {"T/new.md", "T/old.md"}  # before the app's own scan
    finally:
        study.close()


def test_review_of_an_unknown_topic_does_not_open_the_app(run, opened):
    code, _, err = run("review", "--topic", "Nope", "--lang", "en")
    assert code == 2 and opened == [] and "unknown topic 'Nope'" in err


def test_drill_of_an_unknown_type_does_not_open_the_app(run, opened):
    code, _, err = run("drill", "--type", "nope")
    assert code == 2 and opened == [] and "nope" in err


def test_options_before_the_subcommand_reach_the_app(run, opened, tmp_path, lib):
    common = ["--db", str(tmp_path / "q.db"), "--notes", str(lib), "--no-write-back"]
    code, _, _ = run(*common, "drill", "--type", "scores", "--level", "2", common=False)
    assert code == 0
    assert opened[0]["start"] == "drill" and opened[0]["drill"] == {"drill_type": "scores", "level": 2}
    study = opened[0]["study_factory"]()
    try:
        assert study.write_back is False
    finally:
        study.close()


@pytest.mark.parametrize("command", [[], ["review"], ["drill"]])
def test_a_mistyped_notes_folder_does_not_open_the_app(run, opened, tmp_path, command):
    code, _, err = run("--db", str(tmp_path / "q.db"), "--notes", str(tmp_path / "ntoes"), *command, common=False)
    assert code == 2 and opened == [] and "ntoes" in err and not (tmp_path / "ntoes").exists()
