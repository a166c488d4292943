"""The stats computed in SQL say what a plain Python count over the same cards says; `stats --json` stays light;
the plots' labels fit."""

from __future__ import annotations

import bisect
import json
import os
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from helpers import note_text, write
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from qkvstudy.cli import main
from qkvstudy.facade.insight import raw_sqlite
from qkvstudy.schedule.stats import (
    DIFFICULTY_EDGES,
    RETRIEVABILITY_EDGES,
    STABILITY_EDGES,
    WEAKEST_PER_TOPIC,
    compute_stats,
    recall,
)
from qkvstudy.store.models import Card
from qkvstudy.study import Study
from qkvstudy.tui.widgets.stats_plots import count_ticks, shown_labels

NOW = datetime(2026, 11, 24, 10, tzinfo=UTC)


def _bins(values: list[float], edges: tuple[float, ...]) -> tuple[int, ...]:
    """np.histogram's bins with values beyond the outer edges clipped in: [a, b) and the last [a, b]."""
    counts = [0] * (len(edges) - 1)
    for v in values:
        counts[min(max(bisect.bisect_right(edges, v) - 1, 0), len(counts) - 1)] += 1
    return tuple(counts)


def test_histograms_and_topics_match_a_plain_count(tmp_path):
    rng = random.Random(7)
    root = tmp_path / "notes"
    for i in range(120):
        topic = ("A", "B", "C")[i % 3]
        write(root / topic / f"n{i}.md", note_text(f"问题 {i}", tags=(topic,)))
    study = Study.open(db=str(tmp_path / "q.db"), notes=root, write_back=False)
    try:
        study.scan()
        with study.sessions.begin() as s:
            cards = list(s.scalars(select(Card).where(Card.kind == "note")))
            for card in cards[10:]:  # ten stay new; the rest get a memory, edges and extremes included
                card.state = rng.choice(("review", "review", "learning", "relearning"))
                card.stability = rng.choice([rng.uniform(0.05, 900), *STABILITY_EDGES[1:-1]])
                card.difficulty = rng.choice([rng.uniform(1, 10), *DIFFICULTY_EDGES])
                card.last_review = NOW - timedelta(days=rng.uniform(-1, 400))
                card.due = NOW + timedelta(days=rng.uniform(-3, 40))
        params = study.insight.parameters
        with study.sessions() as s:
            stats = compute_stats(raw_sqlite(s), NOW, day_starts_at=4, parameters=params)
            rows = s.execute(
                select(Card.id, Card.stability, Card.difficulty, Card.last_review, Card.state).where(
                    Card.state != "new", Card.stability > 0, Card.last_review.is_not(None)
                )
            ).all()
            notes = {c.card_id: c for c in study.search().cards}
    finally:
        study.close()
    elapsed = {i: (NOW - last).total_seconds() / 86400 for i, _s, _d, last, _st in rows}
    assert stats.stability.counts == _bins([s for _i, s, *_ in rows], STABILITY_EDGES)
    assert stats.difficulty.counts == _bins([d for _i, _s, d, *_ in rows], DIFFICULTY_EDGES)
    recalls = {i: recall(s, elapsed[i], params) for i, s, *_ in rows}
    assert stats.retrievability.counts == _bins(list(recalls.values()), RETRIEVABILITY_EDGES)
    for topic in stats.topics:
        mine = [i for i in recalls if notes[i].topic == topic.topic]
        assert topic.notes == 40
        assert abs(topic.avg_retrievability - sum(recalls[i] for i in mine) / len(mine)) < 1e-9
        weakest = sorted(mine, key=lambda i: (recalls[i], i))[:WEAKEST_PER_TOPIC]
        assert [w.path for w in topic.weakest] == [notes[i].path for i in weakest]


@pytest.mark.parametrize("argv", [["stats", "--json"], ["stats"], ["stats", "--json", "--topic", "Attention"]])
def test_stats_on_an_indexed_library_load_no_sqlalchemy_no_textual_no_plots(library, argv):
    """The script path (facade.quick_stats): the stats computed and printed with sqlite3 alone, without
    SQLAlchemy, NumPy, Textual, Rich or plotext in the process."""
    probe = (
        "import json, sys\n"
        "from qkvstudy.cli import main\n"
        f"code = main({argv!r})\n"
        "names = ('sqlalchemy', 'alembic', 'numpy', 'textual', 'textual_plotext', 'plotext', 'rich')\n"
        "heavy = sorted(m for m in names if m in sys.modules)\n"
        "print(json.dumps({'code': code, 'heavy': heavy}), file=sys.stderr)\n"
    )
    env = {**os.environ, "QKVSTUDY_DB": str(library.db), "QKVSTUDY_NOTES": str(library.notes)}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report == {"code": 0, "heavy": []}
    if "--json" in argv:
        assert json.loads(done.stdout)["total_reviews"] > 0
    else:
        assert done.stdout.count("\n") > 10


def test_stats_on_a_first_start_open_the_study(tmp_path):
    """The same probe sees SQLAlchemy when the quick way does not apply (nothing indexed yet): the test
    above would see it too."""
    root = tmp_path / "notes"
    write(root / "T" / "a.md", note_text("问题 a", tags=("T",)))
    probe = (
        "import json, sys\n"
        "from qkvstudy.cli import main\n"
        "code = main(['stats', '--json'])\n"
        "print(json.dumps({'code': code, 'sqlalchemy': 'sqlalchemy' in sys.modules}), file=sys.stderr)\n"
    )
    env = {**os.environ, "QKVSTUDY_DB": str(tmp_path / "q.db"), "QKVSTUDY_NOTES": str(root)}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert json.loads(done.stderr.strip().splitlines()[-1]) == {"code": 0, "sqlalchemy": True}


@given(
    st.lists(st.text(alphabet="0123456789.%+-", min_size=1, max_size=7), min_size=1, max_size=40), st.integers(10, 200)
)
def test_shown_plot_labels_never_touch(labels, width):
    shown = shown_labels(labels, width)
    assert len(shown) == len(labels) and shown[0] == labels[0]
    room = max(1, width - 8) / len(labels)
    kept = [i for i, label in enumerate(shown) if label]
    assert all(shown[i] == labels[i] for i in kept)
    longest = max(len(label) for label in labels) + 1
    assert all((b - a) * room >= longest for a, b in zip(kept, kept[1:])) or len(kept) == 1


@given(st.integers(0, 10**7), st.integers(1, 60))
def test_count_ticks_are_whole_round_and_reach_the_top(top, rows):
    ticks = count_ticks(top, rows)
    assert ticks[0] == 0 and ticks[-1] >= max(top, 1)
    steps = {b - a for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1 and len(ticks) <= 6
    step = steps.pop()
    assert str(step).rstrip("0") in {"1", "2", "5"}


def test_stats_index_a_first_start_and_after_that_read_the_database_as_it_is(tmp_path, monkeypatch, capsys):
    root = tmp_path / "notes"
    write(root / "T" / "a.md", note_text("问题 a", tags=("T",)))
    monkeypatch.setenv("QKVSTUDY_DB", str(tmp_path / "q.db"))
    monkeypatch.setenv("QKVSTUDY_NOTES", str(root))
    assert main(["stats", "--json"]) == 0  # a first start: nothing indexed, so the library is scanned
    assert [(t["topic"], t["notes"]) for t in json.loads(capsys.readouterr().out)["topics"]] == [("T", 1)]
    write(root / "T" / "b.md", note_text("问题 b", tags=("T",)))
    assert main(["stats", "--json"]) == 0  # no rescan: the stats report the database (the rescan cost more)
    assert [t["notes"] for t in json.loads(capsys.readouterr().out)["topics"]] == [1]
    assert main(["import", str(root)]) == 0  # an import (or the app) indexes it
    capsys.readouterr()
    assert main(["stats", "--json"]) == 0
    assert [t["notes"] for t in json.loads(capsys.readouterr().out)["topics"]] == [2]
