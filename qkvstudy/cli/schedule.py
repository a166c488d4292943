"""`qkvstudy due` and `qkvstudy grade`: the schedule from a terminal, an editor or a script."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from qkvstudy import config
from qkvstudy.cli.command import Command
from qkvstudy.cli.opening import check_paths, check_topic, open_study, rescan
from qkvstudy.cli.text import table
from qkvstudy.i18n import t

if TYPE_CHECKING:
    from qkvstudy.views import CardView, GradeOutcome

GRADES = {"again": 1, "hard": 2, "good": 3, "easy": 4, "1": 1, "2": 2, "3": 3, "4": 4}
GRADE_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def _due_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help=t("cli.due.opt.json"))
    p.add_argument("--topic", help=t("cli.opt.topic"))


def _grade_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH", help=t("cli.grade.opt.path"))
    p.add_argument("rating", choices=list(GRADES), metavar="RATING", help=t("cli.grade.opt.rating"))


def _local(moment: datetime, tz: tzinfo | None = None) -> str:
    return f"{moment.astimezone(tz or config.local_tz()):%Y-%m-%d %H:%M}"


def state_name(state: str) -> str:
    return t(f"common.state.{state}")


def interval_text(delta: timedelta) -> str:
    """An interval in the unit a person would say it in: 10 分钟, 5 小时, 12 天, 2.5 个月, 1.2 年."""
    minutes = delta.total_seconds() / 60
    if minutes < 60:
        return t("common.unit.minutes", n=max(1, round(minutes)))
    if minutes < 24 * 60:
        return t("common.unit.hours", n=round(minutes / 60))
    days = minutes / (24 * 60)
    if days < 31:
        return t("common.unit.days", n=round(days))
    if days < 365:
        return t("common.unit.months", n=f"{days / 30.4:.1f}")
    return t("common.unit.years", n=f"{days / 365.25:.1f}")


def _due(args: argparse.Namespace) -> int:
    # The index as last scanned (the app, `import`, `review` rescan): walking 100,000 files would cost
    # more than the answer. A library never indexed is indexed first; an unknown topic rescans.
    study = open_study(args, scan=False)
    try:
        scanned = not study.has_notes()
        if scanned:
            rescan(study, quiet=args.json)
        check_topic(study, args.topic, scanned=scanned)
        if args.json:
            _print_json(study.iter_due(topic=args.topic))
            return 0
        cards = study.due(topic=args.topic)
        if not cards:
            print(t("cli.due.nothing_topic", topic=args.topic) if args.topic else t("cli.due.nothing"))
            return 0
        _print_table(cards)
        new = sum(c.state == "new" for c in cards)
        learning = sum(c.state in ("learning", "relearning") for c in cards)
        total = t("cli.due.total", total=len(cards), new=new, learning=learning, review=len(cards) - new - learning)
        new_left = max(0, study.settings.new_per_day - study.day_stats().new_seen)
        if new > new_left:
            total += t("cli.due.new_limit", left=new_left)
        print(total)
        return 0
    finally:
        study.close()


def _print_table(cards: list[CardView]) -> None:
    header = [t(k) for k in ("cli.due.col.due", "cli.due.col.state", "cli.due.col.stability")]
    header += [t(k) for k in ("cli.due.col.difficulty", "cli.due.col.recall", "cli.due.col.note", "cli.due.col.title")]
    tz = config.local_tz()  # once for the table, not per row
    rows = [
        [
            _local(c.due, tz),
            state_name(c.state),
            "—" if c.stability is None else f"{c.stability:.1f}",
            "—" if c.difficulty is None else f"{c.difficulty:.1f}",
            "—" if c.retrievability is None else f"{c.retrievability:.0%}",
            c.path or f"drill:{c.drill_type}",
            c.title,
        ]
        for c in cards
    ]
    for line in table(header, rows, right=frozenset({2, 3, 4})):
        print(line)


def _print_json(cards: Iterable[CardView]) -> None:
    """Stable English keys and raw values, whatever the language: this output is for programs.

    Written card by card as they are read, as the text `json.dump(list, indent=2)` gives. Each card
    is encoded by json's C encoder (no `indent`, which takes the pure-Python one): the separator
    between keys carries the line break and indent, the values being scalars."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",\n    ", ": ")).encode
    chunk: list[str] = []  # written a few hundred cards at a time: one write per card costs more than encoding it
    first = True
    for c in cards:
        item = dict(
            kind=c.kind,
            path=c.path,
            title=c.title,
            topic=c.topic,
            due=c.due.isoformat(),
            state=c.state,
            stability=c.stability,
            difficulty=c.difficulty,
            retrievability=c.retrievability,
            reviews=c.reviews,
            drill_type=c.drill_type,
        )
        chunk.append(("[\n  {\n    " if first else ",\n  {\n    ") + encode(item)[1:-1] + "\n  }")
        first = False
        if len(chunk) >= 500:
            sys.stdout.write("".join(chunk))
            chunk.clear()
    chunk.append("[]\n" if first else "\n]\n")
    sys.stdout.write("".join(chunk))


def _grade(args: argparse.Namespace) -> int:
    """Exit 1 when the note is not in the library, or when its front-matter could not be written
    (the grade itself is kept in the database: the line says so)."""
    # Grading one note checks that note, not the library. The quick way (facade.quick_grade: sqlite3
    # alone, no SQLAlchemy to import) takes an indexed note whose file is unchanged; otherwise the
    # Study: a note already indexed is graded at once (grade() re-indexes first if its file changed);
    # a new or moved file is found by a rescan. Without write-back a hand edit would not be caught by
    # grade(), so the library is rescanned.
    outcome = None
    if not args.no_write_back:
        from qkvstudy.facade.quick_grade import grade_note

        check_paths(args)
        outcome = grade_note(args.path, GRADES[args.rating], args.db, args.notes)
    if outcome is not None:
        failed = not outcome.wrote_back
    else:
        outcome, failed = _grade_with_study(args)
    if outcome.message:
        print(outcome.message, file=sys.stderr)
    c = outcome.card
    line = t(
        "cli.grade.done",
        grade=t(f"common.grade.{GRADE_NAMES[outcome.rating]}"),
        path=c.path or "",
        due=_local(c.due),
        interval=interval_text(outcome.interval),
        state=state_name(c.state),
        stability=f"{c.stability:.2f}" if c.stability is not None else "—",
        difficulty=f"{c.difficulty:.2f}" if c.difficulty is not None else "—",
    )
    if failed:
        line += t("cli.grade.not_written")
    elif not outcome.wrote_back:
        line += t("cli.grade.write_back_off")
    print(line)
    return 1 if failed else 0


def _grade_with_study(args: argparse.Namespace) -> tuple[GradeOutcome, bool]:
    from qkvstudy.study import StudyError

    study = open_study(args, scan=bool(args.no_write_back))
    try:
        try:
            card = study.card_for_path(args.path)
        except StudyError:
            if args.no_write_back:
                raise  # already rescanned: not a note of the library (exit 1 in main)
            rescan(study)
            card = study.card_for_path(args.path)
        outcome = study.grade(card.card_id, GRADES[args.rating])
        return outcome, study.write_back and not outcome.wrote_back
    finally:
        study.close()


DUE = Command("due", "cli.due.help", _due_arguments, _due)
GRADE = Command("grade", "cli.grade.help", _grade_arguments, _grade)
