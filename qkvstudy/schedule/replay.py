"""Rebuilding a card's state from its review log: the log is the record.

A card's events are its reviews in the order they were committed (their ids: two processes'
grade times can cross while one waits for the other's write lock), and its resets, each placed
after the newest review it followed. Logs merged from another device would be ordered by time. The replay starts from the state the first review found (`before`: a note
imported with a review history starts there, not at "new"), then for each review:

- while the chain holds (the review's `before` is the running state), the review's `after` is
  taken as it is: exact, whatever the settings were when it was made;
- where it does not (a review made from a stale card, a log merged from another device), the
  review is recomputed with FSRS from its rating and time, as grading does (fuzz seeded by card
  and review number, so a recomputation is deterministic).

A reset starts the card afresh at its time; a reschedule record (the state `simulate --reschedule`
gave the card) is taken as it is. `check_cards` compares the result with each stored card;
`repair_cards` writes the replayed state back, each card in its own write transaction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fsrs import Scheduler
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from qkvstudy.schedule import memory
from qkvstudy.store.models import Card, CardReset, ReviewLog

RESCHEDULE = "reschedule"  # CardReset.kind of a card rebuilt under new settings (simulate --reschedule)
MEMORY_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")
_TIMES = ("due", "last_review")


@dataclass
class Replayed:
    card_id: int
    state: dict[str, Any]  # MEMORY_FIELDS, times as naive-UTC ISO strings
    recomputed: int = 0  # reviews whose `before` broke the chain


@dataclass
class Divergence:
    card_id: int
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # name -> (stored, replayed)
    recomputed: int = 0


def _memory(snapshot: dict[str, Any]) -> dict[str, Any]:
    return {k: snapshot.get(k) for k in MEMORY_FIELDS}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return bool(a == b)


def same_memory(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two memory states alike (floats to rounding)."""
    return all(_same(a.get(k), b.get(k)) for k in MEMORY_FIELDS)


def _iso(value: datetime) -> str:
    """A time as the review log's snapshots hold it: naive UTC ISO 8601."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat()


def _aware(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def stored_memory(card: Card) -> dict[str, Any]:
    """The card's memory fields as a replay holds them (times as naive-UTC ISO text)."""
    out = {}
    for key in MEMORY_FIELDS:
        value = getattr(card, key)
        out[key] = _iso(value) if isinstance(value, datetime) else value
    return out


def _review(scheduler: Scheduler, card_id: int, running: dict[str, Any], log: ReviewLog) -> dict[str, Any]:
    when = _aware(log.reviewed_at.isoformat())
    due = _aware(running["due"]) if running["due"] else when
    last = _aware(running["last_review"]) if running["last_review"] else None
    fcard = memory.to_fsrs(
        card_id, running["state"], running["step"], running["stability"], running["difficulty"], due, last
    )
    new, _ = memory.review(scheduler, fcard, log.rating, when, running["reps"] or 0, log.duration_ms)
    out = dict(running)
    for key, value in memory.from_fsrs(new).items():
        out[key] = _iso(value) if isinstance(value, datetime) else value
    out["reps"] = (running["reps"] or 0) + 1
    out["lapses"] = (running["lapses"] or 0) + (1 if running["state"] == "review" and log.rating == 1 else 0)
    return out


def replay(
    scheduler: Scheduler,
    card_id: int,
    logs: list[ReviewLog],
    resets: list[CardReset],
    *,
    recompute: bool = False,
) -> Replayed | None:
    """The card's state rebuilt from its events; None when it has none (nothing to rebuild from).

    `recompute`: every review is recomputed with `scheduler` (a reschedule under new settings), and
    earlier reschedule records are passed over, since this replaces them."""
    if not logs and not resets:
        return None
    logs = sorted(logs, key=lambda log: log.id)
    events: list[ReviewLog | CardReset] = []
    pending = sorted(resets, key=lambda r: (r.after_log_id or 0, r.reset_at, r.id))
    for log in logs:
        while pending and (pending[0].after_log_id or 0) < log.id:
            events.append(pending.pop(0))
        events.append(log)
    events.extend(pending)
    running: dict[str, Any] | None = None
    recomputed = 0
    for event in events:
        if isinstance(event, CardReset):
            if event.kind == RESCHEDULE and event.state is not None:
                if not recompute:
                    running = _memory(event.state)
            else:
                running = dict(
                    state="new", step=None, stability=None, difficulty=None,
                    due=_iso(_aware(event.reset_at.isoformat())), last_review=None, reps=0, lapses=0,
                )  # fmt: skip
            continue
        before = _memory(event.before)
        if running is None or (recompute and before["state"] == "new" and running["state"] != "new"):
            running = before  # the first review, or a card re-introduced by a reset older than its record
        if not recompute and all(_same(running[k], before[k]) for k in MEMORY_FIELDS):
            running = _memory(event.after)
        else:
            running = _review(scheduler, card_id, running, event)
            recomputed += 1
    if running is None:  # only reschedule records, passed over: nothing to rebuild from
        return None
    return Replayed(card_id, running, recomputed)


def _events(session: Session, card_id: int) -> tuple[list[ReviewLog], list[CardReset]]:
    logs = list(session.scalars(select(ReviewLog).where(ReviewLog.card_id == card_id)))
    resets = list(session.scalars(select(CardReset).where(CardReset.card_id == card_id)))
    return logs, resets


def _divergence(card: Card, replayed: Replayed) -> Divergence | None:
    stored = stored_memory(card)
    diff = {k: (stored[k], replayed.state[k]) for k in MEMORY_FIELDS if not _same(stored[k], replayed.state[k])}
    if not diff:
        return None
    return Divergence(card.id, diff, replayed.recomputed)


def check_cards(sessions: sessionmaker[Session], scheduler: Scheduler) -> list[Divergence]:
    """Every card whose stored state differs from its replayed log."""
    found = []
    with sessions() as s:
        ids = set(s.scalars(select(ReviewLog.card_id).distinct())) | set(s.scalars(select(CardReset.card_id)))
        for card_id in sorted(ids):
            card = s.get(Card, card_id)
            replayed = replay(scheduler, card_id, *_events(s, card_id)) if card is not None else None
            if card is not None and replayed is not None:
                d = _divergence(card, replayed)
                if d is not None:
                    found.append(d)
    return found


def repair_cards(sessions: sessionmaker[Session], scheduler: Scheduler, card_ids: list[int]) -> int:
    """Write the replayed state into each card (under the write lock, replayed again there); how many changed."""
    fixed = 0
    for card_id in card_ids:
        with sessions.begin() as s:
            card = s.get(Card, card_id)
            replayed = replay(scheduler, card_id, *_events(s, card_id)) if card is not None else None
            if card is None or replayed is None or _divergence(card, replayed) is None:
                continue
            for key in MEMORY_FIELDS:
                value = replayed.state[key]
                setattr(card, key, _aware(value) if key in _TIMES and value else value)
            fixed += 1
    return fixed
