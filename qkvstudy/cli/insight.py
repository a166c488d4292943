"""`qkvstudy stats | optimize | simulate`: registered here like every command; what they print is
`qkvstudy/cli_insight.py`'s (the insight area's), the work is in the schedule and the facade."""

from __future__ import annotations

import argparse

from qkvstudy.cli.command import Command
from qkvstudy.cli.opening import check_paths, check_topic, open_study, rescan
from qkvstudy.i18n import t


def _stats_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--topic", help=t("cli.opt.topic"))
    p.add_argument("--json", action="store_true", help=t("cli.stats.opt.json"))


def _optimize_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--reset", action="store_true", help=t("cli.optimize.opt.reset"))


def _simulate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--reschedule", action="store_true", help=t("cli.simulate.opt.reschedule"))


def _run(args: argparse.Namespace) -> int:
    from qkvstudy.cli_insight import print_stats, run

    if args.command == "stats":
        # The quick way (facade.quick_stats: sqlite3 alone, no SQLAlchemy to import) on a database at the
        # newest schema with the library indexed and the topic known; otherwise the Study, below.
        from qkvstudy.facade.quick_stats import quick_stats

        check_paths(args)
        stats = quick_stats(args.db, args.topic)
        if stats is not None:
            return print_stats(args, stats)

    # Stats read the review log and the cards as they are: the library is not rescanned for them (at
    # 10,000 notes the rescan would cost more than the stats), except on a first start, when nothing is
    # indexed yet. A topic not known yet rescans first too (check_topic).
    scan = args.command != "stats"
    study = open_study(args, scan=scan, quiet=True)
    try:
        if not scan and not study.insight.indexed():
            rescan(study, quiet=True)
            scan = True
        check_topic(study, getattr(args, "topic", None), scanned=scan)  # unknown, not "no reviews"
        return run(args, study)
    finally:
        study.close()


STATS = Command("stats", "cli.stats.help", _stats_arguments, _run)
OPTIMIZE = Command("optimize", "cli.optimize.help", _optimize_arguments, _run)
SIMULATE = Command("simulate", "cli.simulate.help", _simulate_arguments, _run)
