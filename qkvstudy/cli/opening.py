"""Opening the library for a command: the paths checked first (a typo changes nothing), the
rescan with a progress bar, a topic checked against the library."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from qkvstudy import config
from qkvstudy.i18n import t

if TYPE_CHECKING:
    from qkvstudy.study import Study


def check_paths(args: argparse.Namespace) -> None:
    """A --notes that is not a folder, or a --db whose folder does not exist, is a usage error
    before anything is opened: a typo must not mark the whole library missing or create folders."""
    notes = args.notes or os.environ.get("QKVSTUDY_NOTES")
    if notes:
        root = Path(notes).expanduser()
        if not root.is_dir():
            key = "cli.notes.not_a_folder" if root.exists() else "cli.notes.no_such_folder"
            raise config.UsageError(t(key, path=notes))
    db = args.db or os.environ.get("QKVSTUDY_DB")
    if db and "://" not in db:
        path = Path(db).expanduser()
        if path.is_dir():
            raise config.UsageError(t("cli.db.is_a_folder", path=db))
        if not path.parent.is_dir():
            raise config.UsageError(t("cli.db.no_such_folder", path=db, folder=str(path.parent)))


def write_back_option(args: argparse.Namespace) -> bool | None:
    """--no-write-back turns it off; otherwise the `write_back` setting decides."""
    return False if args.no_write_back else None


def open_study(args: argparse.Namespace, *, scan: bool = True, quiet: bool = False) -> Study:
    from qkvstudy.study import Study

    check_paths(args)
    study = Study.open(db=args.db, notes=args.notes, write_back=write_back_option(args))
    if scan:
        rescan(study, quiet=quiet)
    return study


def rescan(study: Study, *, quiet: bool = False) -> None:
    report = study.scan(progress=None if quiet else progress_bar())
    if report.rejected and not quiet:
        print(t("cli.scan.rejected", n=report.rejected, root=str(study.root)), file=sys.stderr)


def check_topic(study: Study, topic: str | None, *, scanned: bool) -> None:
    """An unknown topic is named as unknown (exit 2), not taken for "nothing due". When the
    library has not been scanned in this run, a rescan comes first: the topic may be new."""
    if not topic or study.has_topic(topic):
        return
    if not scanned:
        rescan(study)
        if study.has_topic(topic):
            return
    known = sorted({c.topic for c in study.topics() if c.topic})
    raise config.UsageError(t("cli.topic.unknown", topic=topic, known=", ".join(known) or "—"))


def progress_bar() -> Callable[[int, int], None] | None:
    """A one-line progress bar on stderr, only on a terminal and only for long scans."""
    if not sys.stderr.isatty():
        return None
    label = t("cli.progress.indexing")

    def show(done: int, total: int) -> None:
        if total < 200:
            return
        cells = 30
        filled = int(cells * done / total) if total else cells
        end = "\n" if done >= total else ""
        print(
            f"\r{label} [{'#' * filled}{'.' * (cells - filled)}] {done}/{total}", end=end, file=sys.stderr, flush=True
        )

    return show
