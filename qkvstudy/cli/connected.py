"""`qkvstudy related` and `qkvstudy export`; the work is `qkvstudy/interop/commands.py`'s."""

from __future__ import annotations

import argparse
from pathlib import Path

from qkvstudy.cli.command import Command
from qkvstudy.cli.opening import open_study
from qkvstudy.i18n import t


def _related_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help=t("connected.cli.related.paths"))
    p.add_argument("--write", action="store_true", help=t("connected.cli.related.write"))
    p.add_argument("--top", type=int, default=5, metavar="K", help=t("connected.cli.related.top"))
    p.add_argument("--min", type=int, default=10, metavar="PERCENT", help=t("connected.cli.related.min"))


def _related(args: argparse.Namespace) -> int:
    from qkvstudy.interop.commands import run_related

    study = open_study(args, quiet=True)
    try:
        return run_related(study, args.paths, args.write, args.top, args.min)
    finally:
        study.close()


def _export_arguments(p: argparse.ArgumentParser) -> None:
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--anki", type=Path, metavar="FILE", help=t("connected.cli.export.anki"))
    out.add_argument("--csv", type=Path, metavar="FILE", help=t("connected.cli.export.csv"))


def _export(args: argparse.Namespace) -> int:
    from qkvstudy.interop.commands import run_export

    study = open_study(args, quiet=True)
    try:
        return run_export(study, args.anki, args.csv)
    finally:
        study.close()


def anki_text_import(args: argparse.Namespace) -> int:
    """`qkvstudy import deck.txt --topic T`: Anki "Notes in Plain Text" exports become notes under T."""
    from qkvstudy.interop.commands import run_anki_import

    study = open_study(args, quiet=True)
    try:
        return run_anki_import(study, args.paths, args.topic)
    finally:
        study.close()


RELATED = Command("related", "connected.cli.related.help", _related_arguments, _related)
EXPORT = Command("export", "connected.cli.export.help", _export_arguments, _export)
