"""`qkvstudy bench`: the benchmark on synthetic libraries (it makes its own, so it takes no --db/--notes)."""

from __future__ import annotations

import argparse
from pathlib import Path

from qkvstudy.cli.command import Command
from qkvstudy.i18n import t


def _arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("-n", "--notes-count", type=int, default=10_000, help=t("cli.bench.opt.notes_count"))
    p.add_argument("--repeats", type=int, default=3, help=t("cli.bench.opt.repeats"))
    p.add_argument("--grades", type=int, default=300, help=t("cli.bench.opt.grades"))
    p.add_argument(
        "--skip", action="append", default=[], choices=["import", "schedule", "tui"], help=t("cli.bench.opt.skip")
    )
    p.add_argument("--dir", type=Path, help=t("cli.bench.opt.dir"))


def _bench(args: argparse.Namespace) -> int:
    from qkvstudy.bench import run_bench

    return run_bench(args)


BENCH = Command("bench", "cli.bench.help", _arguments, _bench, library=False)
