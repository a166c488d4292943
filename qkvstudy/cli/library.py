"""`qkvstudy import`: bring note files and folders into the library."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qkvstudy import config
from qkvstudy.cli.command import Command
from qkvstudy.cli.opening import open_study, progress_bar
from qkvstudy.i18n import t


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
    study = open_study(args, scan=False)
    try:
        report = study.import_paths(args.paths, progress=progress_bar())
    finally:
        study.close()
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


IMPORT = Command("import", "cli.import.help", _arguments, _import)
