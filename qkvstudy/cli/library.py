"""`qkvstudy import`: bring note files and folders into the library."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from qkvstudy import config
from qkvstudy.cli.command import Command
from qkvstudy.cli.opening import check_paths, open_study, progress_bar
from qkvstudy.i18n import t

if TYPE_CHECKING:
    from qkvstudy.notes.library_files import Reading
    from qkvstudy.views import ScanReport


def _arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", type=Path, help=t("cli.import.opt.paths"))
    p.add_argument("--topic", help=t("connected.cli.import.topic"))


def _import(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        raise config.UsageError(t("cli.import.no_such_path", path=str(missing[0])))
    if args.topic:
        from qkvstudy.cli.connected import anki_text_import

        return anki_text_import(args)
    report, ahead = _look_ahead(args)
    if report is None:
        try:
            study = open_study(args, scan=False)
            try:
                with _no_cycle_collection():
                    report = study.import_paths(args.paths, progress=progress_bar(), ahead=ahead)
            finally:
                study.close()
        finally:
            if ahead is not None:
                ahead.close()
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(
        t(
            "cli.import.summary",
            added=report.added,
            updated=report.updated,
            unchanged=report.unchanged,
            moved=report.moved,
            missing=report.missing,
            rejected=report.rejected,
        )
    )
    return 1 if report.rejected else 0


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """This process only imports while this runs, and what an import allocates is nearly all acyclic
    (rows, results; a few cycles per run of 1,000 notes, in its Session): Python's cycle collector,
    set off by their sheer number, spent about 0.1 s of a 10k-note cold import's storing process
    traversing them and every module's objects. Frozen and paused, it looks at none of them; the
    cycles left wait for it to run again, as usual, afterwards. (The app scans in a thread: it never
    pauses the collector of a process that is also drawing.)"""
    gc.freeze()
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
        gc.unfreeze()


def _look_ahead(args: argparse.Namespace) -> tuple[ScanReport | None, Reading | None]:
    """Importing the library (or folders in it): when nothing changed, the report, with sqlite3 alone
    (facade.quick_scan), without importing SQLAlchemy or opening a Study; when much changed, the
    files' reading started before the Study opens (the scan takes it over if it would read the same)."""
    from qkvstudy.facade.quick_scan import look_ahead

    check_paths(args)
    root = config.notes_root(args.notes).resolve()
    if not all(p.resolve().is_relative_to(root) for p in args.paths):
        return None, None  # files from elsewhere are copied in by the Study
    return look_ahead(config.database_url(args.db), root)


IMPORT = Command("import", "cli.import.help", _arguments, _import)
