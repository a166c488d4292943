"""`qkvstudy bench`: time qkvstudy as a user feels it (see `run.py`). Only the options live here, so
that building the command line costs no import of the benchmark itself."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sizes", default="1000,10000", help="library sizes, comma-separated (default 1000,10000)")
    p.add_argument("--repeats", type=int, default=5, help="runs of each whole-process figure (default 5)")
    p.add_argument("--grades", type=int, default=300, help="grades timed in-process (default 300)")
    p.add_argument(
        "--skip", action="append", default=[], choices=["import", "app", "schedule", "tui"], help="leave out a part"
    )
    p.add_argument("--dir", type=Path, help="work folder, kept between runs (default: a temporary one)")
    p.add_argument("--json", dest="json_out", type=Path, help="also write every measurement to this file")


def run_bench(args: argparse.Namespace) -> int:
    from qkvstudy.bench.run import run_bench as run

    return run(args)
