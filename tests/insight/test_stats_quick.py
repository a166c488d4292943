"""`qkvstudy stats` without the Study (facade.quick_stats) says what the Study says, picks a topic's cards as
the queue does, and falls back to the Study whenever the quick way does not apply."""

from __future__ import annotations

import json

import pytest
from helpers import note_text, write
from sqlalchemy import select

from qkvstudy.cli import main
from qkvstudy.cli_insight import to_json
from qkvstudy.facade.insight import raw_sqlite
from qkvstudy.facade.quick_stats import quick_stats
from qkvstudy.schedule.queue import in_topic
from qkvstudy.schedule.sql_text import topic_sql
from qkvstudy.store.models import Card
from qkvstudy.study import Study


@pytest.mark.parametrize("topic", [None, "Attention", "位置编码", "drills"])
def test_quick_stats_print_what_the_study_computes(library, monkeypatch, capsys, topic):
    monkeypatch.setenv("QKVSTUDY_DB", str(library.db))
    monkeypatch.setenv("QKVSTUDY_NOTES", str(library.notes))
    study = library.open()
    try:
        expected = json.loads(json.dumps(to_json(study.insight.stats(topic=topic)), ensure_ascii=False))
    finally:
        study.close()
    assert quick_stats(str(library.db), topic) is not None  # the quick way applies here
    assert main(["stats", "--json", *(["--topic", topic] if topic else [])]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got == expected
    assert got["total_reviews"] > 0 or topic == "drills"


def test_quick_stats_step_aside_for_an_unknown_topic_and_a_first_start(library, tmp_path, monkeypatch, capsys):
    assert quick_stats(str(library.db), "no-such-topic") is None
    monkeypatch.setenv("QKVSTUDY_DB", str(library.db))
    monkeypatch.setenv("QKVSTUDY_NOTES", str(library.notes))
    assert main(["stats", "--topic", "no-such-topic"]) == 2  # the Study names it as unknown
    assert "no-such-topic" in capsys.readouterr().err
    assert quick_stats(str(tmp_path / "none.db"), None) is None  # no database yet
    Study.open(db=str(tmp_path / "empty.db"), notes=library.notes).close()  # migrated, nothing indexed
    assert quick_stats(str(tmp_path / "empty.db"), None) is None


def test_topic_sql_picks_the_cards_the_queue_picks(tmp_path):
    root = tmp_path / "notes"
    files = {
        "A/x.md": ("A",),
        "A/sub/y.md": ("B",),
        "a_b/z.md": (),
        "a%b/w.md": ("a_b",),
        "axb/v.md": (),
        "B/u.md": ("A",),
    }
    for i, (path, tags) in enumerate(files.items()):
        write(root / path, note_text(f"问题 {i}", tags=tags))
    study = Study.open(db=str(tmp_path / "q.db"), notes=root, write_back=False)
    try:
        study.scan()
        with study.sessions() as s:
            con = raw_sqlite(s)
            for topic in (None, "A", "A/", "A/sub", "B", "a_b", "a%b", "axb", "drills", "missing"):
                want = set(s.scalars(select(Card.id).where(in_topic(topic))))
                where, params = topic_sql(topic)
                got = {r[0] for r in con.execute(f"SELECT cards.id FROM cards WHERE {where}", params)}
                assert got == want, topic
                assert topic == "missing" or got, topic
    finally:
        study.close()
