"""The commands that open the study app: none (home), `review`, `drill`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from qkvstudy import config
from qkvstudy.cli.command import Command
from qkvstudy.cli.opening import check_paths, check_topic, rescan, write_back_option
from qkvstudy.i18n import t

if TYPE_CHECKING:
    from qkvstudy.study import Study


def _review_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--topic", help=t("cli.opt.topic"))


def _drill_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--list", action="store_true", help=t("cli.drill.opt.list"))
    p.add_argument("--type", dest="drill_type", metavar="TYPE", help=t("cli.drill.opt.type"))
    p.add_argument("--level", type=int, choices=[1, 2, 3], help=t("cli.drill.opt.level"))
    p.add_argument("--seed", type=int, help=t("cli.drill.opt.seed"))
    p.add_argument("--json", action="store_true", help=t("drills.cli.opt.json"))
    p.add_argument("--answer", metavar="ANSWER", help=t("drills.cli.opt.answer"))


def run_home(args: argparse.Namespace) -> int:
    return _open_app(args, "home")


def _review(args: argparse.Namespace) -> int:
    return _open_app(args, "review", topic=args.topic)


def _drill(args: argparse.Namespace) -> int:
    from qkvstudy.drills import DRILL_TYPES

    if args.list:
        for d in DRILL_TYPES.values():
            print(f"{d.id:<18} {d.title} — {d.description}")
        return 0
    if args.json or args.answer is not None:  # scripts: no app, JSON out (drills/script.py)
        from qkvstudy.drills.script import run as drill_script

        if not args.drill_type:
            raise config.UsageError(t("drills.cli.needs_type"))
        return drill_script(args.drill_type, args.level, args.seed, args.answer)
    if args.drill_type and args.drill_type not in DRILL_TYPES:
        raise config.UsageError(t("cli.drill.unknown_type", type=args.drill_type))
    drill = {
        k: v for k, v in (("drill_type", args.drill_type), ("level", args.level), ("seed", args.seed)) if v is not None
    }
    return _open_app(args, "drill", drill=drill)


def _open_app(
    args: argparse.Namespace, start: str, topic: str | None = None, drill: dict[str, object] | None = None
) -> int:
    check_paths(args)  # usage errors before the screen opens
    db, notes = config.database_url(args.db), config.notes_root(args.notes)
    write_back = write_back_option(args)
    if start != "home" or not _ready_for_home(db):
        _prepare(db, notes, write_back, start, topic)

    from qkvstudy.facade.quick_counts import FileCounts
    from qkvstudy.tui.app import run_app

    def study_factory() -> Study:
        # One per thread (the app's reader and its rescan have their own). Imported here: on a
        # ready database SQLAlchemy then loads in the app's reader thread, after the first frame.
        from qkvstudy.study import Study

        return Study.open(db, notes, write_back, settings=config.load_settings())

    # Home's first counts from the file with sqlite3 alone, in the reader's thread before its Study opens.
    file_counts = FileCounts(db) if start == "home" else None
    run_app(study_factory=study_factory, start=start, topic=topic, drill=drill, file_counts=file_counts)  # type: ignore[arg-type]
    return 0


def _ready_for_home(db: str) -> bool:
    """Home may open its Study after its first frame (in the app's reader thread) when the database
    is already a healthy SQLite file at the newest schema: nothing to migrate, nothing to say first.
    Importing SQLAlchemy and opening the Study before the app cost more than the whole first frame."""
    from qkvstudy.store import health, revision

    if not db.startswith("sqlite:///") or not Path(db.removeprefix("sqlite:///")).is_file():
        return False
    health.check_file(Path(db.removeprefix("sqlite:///")))  # a damaged file: one line, before any screen
    return revision.file_at_head(db)


def _prepare(db: str, notes: Path, write_back: bool | None, start: str, topic: str | None) -> None:
    """Open the Study once before the app: migrate, index a fresh database before a review, check the topic."""
    from qkvstudy.study import Study

    study = Study.open(db, notes, write_back, settings=config.load_settings())  # migrate before the app starts
    try:
        scanned = False
        if start == "review" and not study.search(limit=1).cards:
            # A fresh database: the review would start while the app's first scan is still
            # running and say nothing is due. Index first, in the foreground, with progress.
            print(t("cli.review.first_scan", root=str(notes)), file=sys.stderr)
            rescan(study)
            scanned = True
        check_topic(study, topic, scanned=scanned)
    finally:
        study.close()


REVIEW = Command("review", "cli.review.help", _review_arguments, _review)
DRILL = Command("drill", "cli.drill.help", _drill_arguments, _drill)
