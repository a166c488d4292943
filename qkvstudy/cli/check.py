"""`qkvstudy check [--repair]`: registered here like every command; the work is `qkvstudy/check.py`'s."""

from __future__ import annotations

import argparse

from qkvstudy.cli.command import Command
from qkvstudy.i18n import t


def _arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--repair", action="store_true", help=t("trust.check.repair_help"))


def _run(args: argparse.Namespace) -> int:
    from qkvstudy.check import run_check

    return run_check(args)


CHECK = Command("check", "trust.check.help", _arguments, _run)
