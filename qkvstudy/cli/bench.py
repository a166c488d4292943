"""`qkvstudy bench`: the benchmark on synthetic libraries (it makes its own, so it takes no --db/--notes).

Its options are defined by the benchmark (`qkvstudy.bench.add_arguments`, a light module); their help
is taken from the catalog here so that `bench --help` is in the language of the run like the rest.
"""

from __future__ import annotations

import argparse

from qkvstudy.cli.command import Command
from qkvstudy.i18n import keys, t


def _arguments(p: argparse.ArgumentParser) -> None:
    from qkvstudy.bench import add_arguments

    add_arguments(p)
    catalog = keys()
    for action in p._actions:
        key = f"cli.bench.opt.{action.dest}"
        if key in catalog:
            action.help = t(key)


def _bench(args: argparse.Namespace) -> int:
    from qkvstudy.bench import run_bench

    return run_bench(args)


BENCH = Command("bench", "cli.bench.help", _arguments, _bench, library=False)
