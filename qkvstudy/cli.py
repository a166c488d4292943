"""`qkvstudy` command line: argument parsing only, then calls into the core.

Exit status: 0 success, 1 when a file was rejected (or a command could not do what was asked),
2 for a usage error. Problems the user can cause are printed as one line each, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from qkvstudy import config
from qkvstudy.errors import QkvError

GRADES = {"again": 1, "hard": 2, "good": 3, "easy": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH_OR_URL", help="database file or SQLAlchemy URL (env QKVSTUDY_DB)")
    common.add_argument("--notes", metavar="DIR", help="notes library folder (env QKVSTUDY_NOTES)")
    common.add_argument(
        "--no-write-back", action="store_true", help="never update the scheduling keys in the notes' front-matter"
    )

    parser = argparse.ArgumentParser(
        prog="qkvstudy",
        parents=[common],
        description="Spaced-repetition review of ML-interview notes, with attention drills. "
        "With no command, opens the study app.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("review", parents=[common], help="open the app straight into a review session")
    p.add_argument("--topic", help="only this topic (a tag or a folder)")

    p = sub.add_parser("import", parents=[common], help="import note files and folders into the library")
    p.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    p.add_argument("--topic", help='the files are Anki "Notes in Plain Text" exports; one note per row under TOPIC')

    p = sub.add_parser("due", parents=[common], help="list what is due today")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--topic", help="only this topic (a tag or a folder)")

    p = sub.add_parser("grade", parents=[common], help="grade one note without the app (for editors and scripts)")
    p.add_argument("path", metavar="PATH", help="the note's file")
    p.add_argument("rating", choices=["again", "hard", "good", "easy", "1", "2", "3", "4"])

    p = sub.add_parser("drill", parents=[common], help="attention drills")
    p.add_argument("--list", action="store_true", help="list the drill types")
    p.add_argument("--type", dest="drill_type", help="drill type id (see --list)")
    p.add_argument("--level", type=int, choices=[1, 2, 3])
    p.add_argument("--seed", type=int)

    p = sub.add_parser("related", parents=[common], help="generate the notes' auto-generated related-notes sections")
    p.add_argument("paths", nargs="*", metavar="PATH", help="only these notes (default: every note)")
    p.add_argument("--write", action="store_true", help="write the sections (default: print a diff)")
    p.add_argument("--top", type=int, default=5, metavar="K", help="links per note (default 5)")
    p.add_argument("--min", type=int, default=10, metavar="PERCENT", help="least similarity linked (default 10)")

    p = sub.add_parser("export", parents=[common], help="export the library to Anki (.apkg) or a CSV file")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--anki", type=Path, metavar="FILE", help="an Anki package (.apkg), one deck per topic")
    out.add_argument("--csv", type=Path, metavar="FILE", help="one row per note with its schedule")

    sub.add_parser("config", parents=[common], help="show settings and where things are")

    from qkvstudy.check import add_parser as add_check_parser

    add_check_parser(sub, common)
    from qkvstudy.cli_insight import add_parsers as add_insight_parsers

    add_insight_parsers(sub, common)

    p = sub.add_parser("bench", help="time every command as a whole process on synthetic libraries")
    from qkvstudy.bench import add_arguments as bench_arguments

    bench_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except config.UsageError as exc:
        print(f"qkvstudy: {exc}", file=sys.stderr)
        return 2
    except QkvError as exc:  # the user's database or files: one line, never a traceback
        print(f"qkvstudy: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _open(args, scan: bool = True, quiet: bool = False):
    from qkvstudy.study import Study

    study = Study.open(db=args.db, notes=args.notes, write_back=False if args.no_write_back else None)
    if scan:
        report = study.scan(progress=_progress_bar() if not quiet else None)
        if report.rejected and not quiet:
            print(
                f"qkvstudy: {report.rejected} file(s) in the library could not be imported; "
                f"`qkvstudy import {study.root}` lists them",
                file=sys.stderr,
            )
    return study


def _run(args) -> int:
    cmd = args.command
    if cmd == "bench":
        from qkvstudy.bench import run_bench

        return run_bench(args)
    if cmd == "check":
        from qkvstudy.check import run_check

        return run_check(args)
    if cmd == "config":
        return _config(args)
    if cmd == "drill" and args.list:
        from qkvstudy.drills import DRILL_TYPES

        for t in DRILL_TYPES.values():
            print(f"{t.id:<18} {t.title} — {t.description}")
        return 0
    if cmd == "import" and args.topic:
        from qkvstudy.interop.commands import run_anki_import

        if not all(p.is_file() for p in args.paths):
            raise config.UsageError(next(f"{p}: no such file" for p in args.paths if not p.is_file()))
        return run_anki_import(_open(args, quiet=True), args.paths, args.topic)
    if cmd == "import":
        return _import(args)
    if cmd == "due":
        return _due(args)
    if cmd == "grade":
        return _grade(args)
    if cmd == "export":
        from qkvstudy.interop.commands import run_export

        return run_export(_open(args, quiet=True), args.anki, args.csv)
    if cmd == "related":
        from qkvstudy.interop.commands import run_related

        return run_related(_open(args, quiet=True), args.paths, args.write, args.top, args.min)
    if cmd in ("stats", "optimize", "simulate"):
        from qkvstudy.cli_insight import run as run_insight

        return run_insight(args, _open(args, quiet=True))
    # The app: no command, review, drill.
    if cmd == "drill" and args.drill_type:
        from qkvstudy.drills import DRILL_TYPES

        if args.drill_type not in DRILL_TYPES:
            raise config.UsageError(f"unknown drill type {args.drill_type!r}; `qkvstudy drill --list` shows them")
    from qkvstudy.study import Study
    from qkvstudy.tui.app import run_app

    db, notes = config.database_url(args.db), config.notes_root(args.notes)  # usage errors before the screen opens
    config.load_settings()
    write_back = False if args.no_write_back else None

    def study_factory() -> Study:  # the app opens one per thread (its background rescan has its own)
        return Study.open(db, notes, write_back, settings=config.load_settings())

    Study.open(db, notes, write_back, settings=config.load_settings()).close()  # migrate before the app starts
    drill = None
    if cmd == "drill":
        drill = {
            k: v
            for k, v in (("drill_type", args.drill_type), ("level", args.level), ("seed", args.seed))
            if v is not None
        }
    run_app(
        study_factory=study_factory,
        start={"review": "review", "drill": "drill"}.get(cmd, "home"),
        topic=getattr(args, "topic", None),
        drill=drill,
    )
    return 0


def _progress_bar():
    """A one-line progress bar on stderr, only on a terminal and only for long imports."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total < 200:
            return
        width = 30
        filled = int(width * done / total) if total else width
        end = "\n" if done >= total else ""
        print(
            f"\rindexing [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", end=end, file=sys.stderr, flush=True
        )

    return show


def _import(args) -> int:
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        raise config.UsageError(f"{missing[0]}: no such file or folder")
    study = _open(args, scan=False)
    report = study.import_paths(args.paths, progress=_progress_bar())
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(report.summary())
    return 1 if report.rejected else 0


def _due(args) -> int:
    study = _open(args, quiet=args.json)
    cards = study.due(topic=args.topic)
    if args.json:
        out = [
            dict(
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
            for c in cards
        ]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not cards:
        print("nothing due")
        return 0
    for c in cards:
        where = c.path or f"drill:{c.drill_type}"
        r = f"R={c.retrievability:.2f}" if c.retrievability is not None else ""
        print(f"{c.due.astimezone(config.local_tz()):%Y-%m-%d %H:%M}  {c.state:<10} {r:<7} {where}  {c.title}")
    return 0


def _grade(args) -> int:
    from qkvstudy.study import StudyError

    study = _open(args)
    try:
        card = study.card_for_path(args.path)
        outcome = study.grade(card.card_id, GRADES[args.rating])
    except StudyError as exc:
        print(f"qkvstudy: {exc}", file=sys.stderr)
        return 1
    if outcome.message:
        print(outcome.message, file=sys.stderr)
    c = outcome.card
    print(
        f"{args.rating}: {c.path} due {c.due.astimezone(config.local_tz()):%Y-%m-%d %H:%M} "
        f"(state {c.state}, stability {c.stability:.2f} d, difficulty {c.difficulty:.2f})"
        + ("" if outcome.wrote_back else " [front-matter not written]")
    )
    return 0


def _config(args) -> int:
    settings = config.load_settings()
    print(
        f"# settings file: {config.settings_path()}"
        + ("" if config.settings_path().is_file() else " (absent: defaults)")
    )
    print(settings.to_toml(), end="")
    print(f"# database: {config.database_url(args.db)}")
    print(f"# notes library: {config.notes_root(args.notes)}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
