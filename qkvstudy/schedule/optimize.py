"""Personal FSRS-6 parameters, fitted to the learner's own review log with fsrs-rs (the Rust crate Anki
uses, through fsrs-rs-python: no PyTorch).

The log is turned into fsrs-rs training items the way Anki does: one card's reviews from its last
introduction (a review of a new card), a day's delta counted in study days; an item per review that
falls on a later day than the one before it. Cards whose history starts outside the log (a schedule
taken over from a note's front-matter) are left out: their first interval is unknown.

Honest evaluation: a time-series split. Items whose last review falls before the cut-off (the first
80 % of the items in time) train the parameters; the later ones are held out, and both the default
and the fitted parameters are scored on them (log loss, RMSE over bins). The fitted parameters are
saved only when their held-out log loss is lower. fsrs-rs and py-fsrs implement the same FSRS-6
model with the same 21 weights (identical defaults); the fitted weights are clamped into py-fsrs's
bounds so the scheduler accepts them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import fsrs_rs_python as fsrs_rs
from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS
from sqlalchemy import select
from sqlalchemy.orm import Session

from qkvstudy.schedule.stats import StudyDays, hour_bucket
from qkvstudy.store.models import ReviewLog
from qkvstudy.views import NEW

DEFAULT_PARAMETERS: tuple[float, ...] = tuple(float(w) for w in fsrs_rs.DEFAULT_PARAMETERS)
MIN_REVIEWS = 400  # training items (reviews on a later day than the card's previous one)
HELD_OUT_SHARE = 0.2
SETTING = "fsrs_parameters"


@dataclass(frozen=True)
class Evaluation:
    log_loss: float
    rmse_bins: float


@dataclass(frozen=True)
class OptimizeResult:
    status: str  # "saved" | "not_better" | "too_little"
    reviews: int  # usable training items in the whole log
    needed: int  # MIN_REVIEWS
    train: int = 0
    test: int = 0
    default: Evaluation | None = None
    fitted: Evaluation | None = None
    parameters: tuple[float, ...] | None = None  # the fitted weights (saved or not)


@dataclass(frozen=True)
class _Review:
    card_id: int
    day: date
    rating: int
    new: bool


def training_items(session: Session, day_starts_at: int) -> list[tuple[date, fsrs_rs.FSRSItem]]:
    """(study day of the item's last review, item), oldest first."""
    hour = hour_bucket(ReviewLog.reviewed_at)
    rows = session.execute(
        select(ReviewLog.card_id, hour, ReviewLog.rating, ReviewLog.state_before).order_by(
            ReviewLog.card_id, ReviewLog.reviewed_at, ReviewLog.id
        )
    ).all()
    days = StudyDays(day_starts_at)
    by_card: dict[int, list[_Review]] = {}
    for card_id, bucket, rating, state_before in rows:
        by_card.setdefault(card_id, []).append(_Review(card_id, days(bucket), int(rating), state_before == NEW))
    items: list[tuple[date, fsrs_rs.FSRSItem]] = []
    for history in by_card.values():
        starts = [i for i, r in enumerate(history) if r.new]
        if not starts:
            continue  # schedule inherited from front-matter: no known start
        items.extend(_card_items(history[starts[-1] :]))
    items.sort(key=lambda pair: pair[0])
    return items


def _card_items(history: list[_Review]) -> list[tuple[date, fsrs_rs.FSRSItem]]:
    reviews: list[fsrs_rs.FSRSReview] = []
    out: list[tuple[date, fsrs_rs.FSRSItem]] = []
    last = history[0].day
    for r in history:
        delta = (r.day - last).days
        reviews.append(fsrs_rs.FSRSReview(r.rating, delta))
        if delta > 0:
            item = fsrs_rs.FSRSItem(list(reviews))
            if item.long_term_review_cnt() > 0:
                out.append((r.day, item))
        last = r.day
    return out


def evaluate(parameters: Sequence[float], items: Sequence[fsrs_rs.FSRSItem]) -> Evaluation:
    result = fsrs_rs.FSRS(list(parameters)).evaluate(list(items))
    return Evaluation(log_loss=float(result.log_loss), rmse_bins=float(result.rmse_bins))


def fit(items: Sequence[fsrs_rs.FSRSItem], relearning_steps: int) -> tuple[float, ...]:
    raw = fsrs_rs.FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(
        list(items), enable_short_term=True, num_relearning_steps=relearning_steps
    )
    return clamp(raw)


def clamp(parameters: Sequence[float]) -> tuple[float, ...]:
    """Into py-fsrs's bounds (its scheduler refuses anything outside them)."""
    return tuple(
        min(max(float(w), lo), hi) for w, lo, hi in zip(parameters, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS)
    )


def optimize(
    session: Session, *, day_starts_at: int, relearning_steps: int, current: Sequence[float] | None = None
) -> OptimizeResult:
    """Fit on the earlier reviews, score default and fitted parameters on the later ones."""
    dated = training_items(session, day_starts_at)
    if len(dated) < MIN_REVIEWS:
        return OptimizeResult(status="too_little", reviews=len(dated), needed=MIN_REVIEWS)
    cut = dated[int(len(dated) * (1 - HELD_OUT_SHARE))][0]
    train = [item for day, item in dated if day < cut]
    test = [item for day, item in dated if day >= cut]
    if not train or not test:  # every review on one day: nothing later to hold out
        return OptimizeResult(status="too_little", reviews=len(dated), needed=MIN_REVIEWS)
    fitted = fit(train, relearning_steps)
    baseline = evaluate(current or DEFAULT_PARAMETERS, test)
    score = evaluate(fitted, test)
    status = "saved" if score.log_loss < baseline.log_loss else "not_better"
    return OptimizeResult(
        status=status,
        reviews=len(dated),
        needed=MIN_REVIEWS,
        train=len(train),
        test=len(test),
        default=baseline,
        fitted=score,
        parameters=fitted,
    )


# --- the settings file: one line `fsrs_parameters = [...]`, every other byte left alone ----------------

_LINE = re.compile(rf"^{SETTING}\s*=.*(?:\r?\n|$)", re.MULTILINE)


def save_parameters(settings_file: Path, parameters: Sequence[float] | None) -> None:
    """Write (or, with None, remove) the fitted parameters in settings.toml, atomically."""
    text = settings_file.read_bytes().decode("utf-8") if settings_file.is_file() else ""
    text = _LINE.sub("", text)
    if parameters is not None:
        newline = "\r\n" if "\r\n" in text else "\n"  # the file's own line endings
        if text and not text.endswith("\n"):
            text += newline
        text += f"{SETTING} = [{', '.join(f'{w:.4f}' for w in parameters)}]{newline}"
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = settings_file.with_name(f".{settings_file.name}.tmp")
    tmp.write_bytes(text.encode("utf-8"))
    tmp.replace(settings_file)
