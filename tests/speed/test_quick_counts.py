"""The counts read with sqlite3 alone (facade.quick_counts: what Study.counts answers on SQLite and what home
shows first) equal schedule.queue's SQLAlchemy Core count, over a generated sweep of libraries and review
histories: daily limits hit and not, buried, suspended, learning and relearning cards, missing notes, topics
(a folder, a tag, a folder with a LIKE wildcard, the drills), the study day's cut-off in several time zones,
tomorrow's counts."""

import dataclasses
import os
import random
import sqlite3
import sys
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from helpers import note_text, write

from qkvstudy import config
from qkvstudy.drills import DRILL_TYPES
from qkvstudy.facade import quick_counts
from qkvstudy.schedule.sql_text import db_time
from qkvstudy.study import Study
from qkvstudy.views import Counts

T0 = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
FOLDERS = ("T", "U", "V_1")  # "_" is a LIKE wildcard: the folder match must escape it
TOPICS = (None, "T", "V_1", "V_1/", "共享", "drills", "W", "nope")
STATES = ("new", "new", "learning", "relearning", "review", "review", "review")
ZONES = ("UTC", "Asia/Shanghai", "America/New_York")
SEEDS = range(36)


def _library(root):
    for i in range(40):
        folder = FOLDERS[i % 3]
        tags = (folder, "共享") if i % 4 == 0 else (folder,)
        write(root / folder / f"n{i}.md", note_text(f"问题{i}", tags=tags, next_review="2026-11-20"))
    write(root / "VX1" / "decoy.md", note_text("不在 V_1 里", tags=("W",), next_review="2026-11-20"))


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """One indexed library; every case rewrites its cards' schedule and its review log."""
    base = tmp_path_factory.mktemp("counts")
    _library(base / "notes")
    db = base / "c.db"
    keep = {k: os.environ.get(k) for k in ("QKVSTUDY_CONFIG_DIR", "QKVSTUDY_DATA_DIR")}
    os.environ.update(QKVSTUDY_CONFIG_DIR=str(base / "config"), QKVSTUDY_DATA_DIR=str(base / "data"))
    quick = Study.open(db=str(db), notes=base / "notes")
    quick.scan()
    core = Study.open(db=str(db), notes=base / "notes")
    core._ctx.sqlite = None  # schedule.queue's Core statements, as on a database other than SQLite
    yield db, quick, core
    quick.close()
    core.close()
    for k, v in keep.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def _edges(now: datetime, day_starts_at: int) -> list[datetime]:
    """The instants the counts compare with (under the zone in effect): a card due or buried exactly
    there tells `<` from `<=`."""
    day = config.day_start(now, day_starts_at)
    return [now, now + timedelta(minutes=20), day, *(day + timedelta(days=d) for d in (1, 2, 3))]


def _history(db, rng: random.Random, now: datetime, edges: list[datetime]) -> None:
    """A random schedule for every card and a random review log around the study day's boundaries."""
    with sqlite3.connect(db) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM cards ORDER BY id")]
        for card_id in ids:
            state = rng.choice(STATES)
            due = now + timedelta(minutes=rng.randint(-3 * 1440, 3 * 1440))
            due = rng.choice(edges) if rng.random() < 0.3 else due
            buried = rng.random() < 0.15
            buried_until = db_time(rng.choice((*edges, now - timedelta(hours=30)))) if buried else None
            con.execute(
                "UPDATE cards SET state = ?, due = ?, suspended = ?, buried_until = ? WHERE id = ?",
                (state, db_time(due), int(rng.random() < 0.12), buried_until, card_id),
            )
        for (note_id,) in con.execute("SELECT id FROM notes").fetchall():
            con.execute("UPDATE notes SET missing = ? WHERE id = ?", (int(rng.random() < 0.1), note_id))
        con.execute("DELETE FROM review_logs")
        for n in range(rng.randint(0, 60)):
            at = now - timedelta(minutes=rng.randint(0, 2 * 1440))
            at = edges[2] if rng.random() < 0.2 else at  # reviewed exactly at the day's start
            before = rng.choice(("new", "learning", "review", "relearning"))
            con.execute(
                "INSERT INTO review_logs (card_id, rating, reviewed_at, state_before, state_after, before, after, "
                "uid) VALUES (?, ?, ?, ?, 'review', '{}', '{}', ?)",
                (rng.choice(ids), rng.randint(1, 4), db_time(at), before, f"u{n}"),
            )


@contextmanager
def _clock(now: datetime, zone: str):
    keep = os.environ.get("QKVSTUDY_NOW"), os.environ.get("TZ")
    os.environ.update(QKVSTUDY_NOW=now.isoformat(), TZ=zone)
    try:
        yield
    finally:
        for key, value in zip(("QKVSTUDY_NOW", "TZ"), keep, strict=True):
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_the_quick_counts_equal_the_core_counts(library):
    db, quick, core = library
    seen = {"new limit hit": 0, "review limit hit": 0, "learning": 0, "suspended": 0, "several topics": 0}
    for seed in SEEDS:
        rng = random.Random(seed)
        # Minutes either side of the day's cut-off (04:00 local by default) as well as anywhere.
        now = T0 + timedelta(minutes=rng.choice((-1, 0, 1, rng.randint(-2880, 2880))))
        settings = dataclasses.replace(
            config.Settings(),
            new_per_day=rng.choice((0, 2, 5, 20)),
            reviews_per_day=rng.choice((0, 3, 8, 200)),
            day_starts_at=rng.choice((0, 4, 23)),
        )
        quick._ctx.settings = core._ctx.settings = settings
        with _clock(now, ZONES[seed % len(ZONES)]):
            _history(db, rng, now, _edges(now, settings.day_starts_at))
        with _clock(now, ZONES[seed % len(ZONES)]), sqlite3.connect(db) as con:
            for topic in TOPICS:
                for days_ahead in (0, 1, 2) if topic in (None, "V_1") else (0,):
                    expected = core.counts(topic, days_ahead)
                    got = quick_counts.counts(con, settings, config.now(), topic, days_ahead)
                    assert (got[0][1] if got else Counts(0, 0, 0, 0, 0)) == expected, (seed, topic, days_ahead)
                    assert quick.counts(topic, days_ahead) == expected, (seed, topic, days_ahead)
            topics = core.topics()
            assert quick.topics() == topics, seed
            file_counts = quick_counts.FileCounts(f"sqlite:///{db}")
            with _settings_file(settings):
                assert file_counts.counts() == core.counts() and file_counts.topics() == topics, seed
            raw = quick_counts.counts(con, dataclasses.replace(settings, new_per_day=10**6, reviews_per_day=10**6), now)
        counted = core.counts()
        unlimited = raw[0][1] if raw else Counts(0, 0, 0, 0, 0)
        seen["new limit hit"] += counted.new < unlimited.new
        seen["review limit hit"] += counted.due < unlimited.due
        seen["learning"] += counted.learning > 0
        seen["suspended"] += counted.suspended > 0
        seen["several topics"] += len(topics) > 2
    assert all(seen.values()), seen  # the sweep reached every case it claims to check


@contextmanager
def _settings_file(settings: config.Settings):
    """FileCounts reads the settings file, as the app does: write these there for the time being."""
    path = config.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"new_per_day = {settings.new_per_day}\nreviews_per_day = {settings.reviews_per_day}\n"
        f"day_starts_at = {settings.day_starts_at}\n",
        encoding="utf-8",
    )
    try:
        yield
    finally:
        path.unlink()


def test_the_file_counts_need_a_sqlite_file_at_the_schema_head(tmp_path):
    assert quick_counts.FileCounts("postgresql://h/db").counts() is None
    missing = tmp_path / "none.db"
    assert quick_counts.FileCounts(f"sqlite:///{missing}").counts() is None and not missing.exists()
    old = tmp_path / "old.db"
    study = Study.open(str(old), tmp_path)
    drills = study.counts()  # a card for each drill type
    study.close()
    assert drills.total == len(DRILL_TYPES) and quick_counts.FileCounts(f"sqlite:///{old}").counts() == drills
    with sqlite3.connect(old) as con:
        con.execute("UPDATE alembic_version SET version_num = '0004'")
    assert quick_counts.FileCounts(f"sqlite:///{old}").counts() is None  # the Study migrates first
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    assert quick_counts.FileCounts(f"sqlite:///{bad}").topics() is None
    assert bad.read_bytes() == b"not a database at all" * 100


def test_reading_the_counts_imports_no_sqlalchemy(tmp_path):
    """The point of the quick path: home's first numbers without SQLAlchemy (a fresh interpreter)."""
    import subprocess

    db = tmp_path / "q.db"
    Study.open(str(db), tmp_path).close()
    code = (
        "import sys; from qkvstudy.facade.quick_counts import FileCounts; "
        f"c = FileCounts({f'sqlite:///{db}'!r}); print(c.counts().total, len(c.topics())); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'numpy')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.splitlines() == [f"{len(DRILL_TYPES)} 1", "[]"]
