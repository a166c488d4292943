"""The next card's reads on sqlite3 (facade.quick_queue) answer what schedule.queue's Core statements
answer: today's counts, the view columns of any card, the related notes; and a whole study session
picks the same cards with them as without."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from helpers import note_text, write
from sqlalchemy import select

from qkvstudy.facade import quick_queue
from qkvstudy.facade.cards import VIEW_COLUMNS
from qkvstudy.schedule import queue
from qkvstudy.store.models import Card, Note
from qkvstudy.study import Study

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _library(root):
    for i in range(15):
        folder = ("T", "U", "V_1")[i % 3]  # "_" is a LIKE wildcard: the folder match must escape it
        tags = (folder, "共享") if i % 4 == 0 else (folder,)
        links = f"\n## 相关笔记\n<!-- 自动生成 -->\n\n- [n{(i + 1) % 15}](notes/T/n{(i + 1) % 15}.md) - 相似度: 30%\n"
        reviewed = dict(last_reviewed="2026-11-10", review_count=2) if i % 2 else {}
        text = note_text(f"问题{i}", tags=tags, next_review=f"2026-11-2{i % 5}", **reviewed, extra_body=links)
        write(root / folder / f"n{i}.md", text)
    write(root / "VX1" / "decoy.md", note_text("不在 V_1 里", tags=("W",), next_review="2026-11-20"))


TOPICS = (None, "T", "drills", "共享", "V_1", "V_1/", "W", "nope")


def _session(tmp_path, monkeypatch, side: str, quick: bool) -> list[int]:
    root = tmp_path / side
    _library(root)
    monkeypatch.setenv("QKVSTUDY_NOW", T0.isoformat())
    study = Study.open(db=str(tmp_path / f"{side}.db"), notes=root)
    if not quick:
        study._ctx.sqlite = None
    study.scan()
    rng = random.Random(7)
    shown = []
    try:
        for step in range(80):
            monkeypatch.setenv("QKVSTUDY_NOW", (T0 + timedelta(minutes=7 * step)).isoformat())
            card = study.next_card(topic=TOPICS[step % len(TOPICS)] if step % 5 else None)
            if card is None:
                continue
            shown.append(card)
            study.grade(card.card_id, rng.choice((1, 2, 3, 3, 4)))
    finally:
        study.close()
    return shown


def test_a_session_picks_the_same_cards_with_the_quick_reads(tmp_path, monkeypatch):
    quick = _session(tmp_path, monkeypatch, "quick", True)
    core = _session(tmp_path, monkeypatch, "core", False)
    assert len(quick) > 40
    assert [(c.card_id, c.state, c.due, c.title) for c in quick] == [(c.card_id, c.state, c.due, c.title) for c in core]
    assert quick == core


@pytest.fixture
def studied(tmp_path, monkeypatch):
    _session(tmp_path, monkeypatch, "s", True)
    study = Study.open(db=str(tmp_path / "s.db"), notes=tmp_path / "s")
    yield study
    study.close()


def test_the_reads_equal_the_core_statements(studied):
    with studied.sessions() as s:
        raw = s.connection().connection.driver_connection
        ids = list(s.scalars(select(Card.id)))
        core = {r.id: tuple(r) for r in s.execute(select(*VIEW_COLUMNS).outerjoin(Note, Card.note_id == Note.id))}
        assert {i: tuple(r) for i, r in quick_queue.view_rows(raw, ids).items()} == core
        assert quick_queue.ViewRow._fields == tuple(c.key for c in VIEW_COLUMNS)
        for hours in (-48, 0, 3, 12, 48):
            start = T0 + timedelta(hours=hours)
            assert quick_queue.done_today(raw, start) == queue.done_today(s, start)
        now, tomorrow = T0 + timedelta(hours=30), T0 + timedelta(days=3)
        for topic in TOPICS:
            for exclude in ((), tuple(ids[:5])):
                order = queue.review_order(s, now, tomorrow, topic)
                core = queue.candidates(s, now, tomorrow, topic, exclude, 100, 100, list(order))
                assert quick_queue.candidates(raw, now, tomorrow, topic, exclude, 100, 100, list(order)) == core
                assert quick_queue.candidates(raw, now, tomorrow, topic, exclude, 0, 2, list(order)) == (
                    queue.candidates(s, now, tomorrow, topic, exclude, 0, 2, list(order))
                )
        for note_id in s.scalars(select(Note.id)):
            assert quick_queue.related_ids(raw, note_id) == queue.related_ids(s, note_id)
        assert any(quick_queue.related_ids(raw, n) for n in s.scalars(select(Note.id)))
