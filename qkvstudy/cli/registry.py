"""Every subcommand, in the order `qkvstudy --help` lists them: the one place a command is added.

To add a command: in a module of `qkvstudy/cli/` (a new one for a new group), write
`def arguments(parser)`, `def run(args) -> int` (heavy imports inside `run`), their help in
the catalog (`qkvstudy/i18n/messages/<area>.py`), and `NAME = Command("name", "cli.name.help", arguments, run)`;
then add `NAME` below. The common options (--db, --notes, --no-write-back, --lang) come with it.
"""

from __future__ import annotations

from qkvstudy.cli import app, bench, check, connected, insight, library, schedule, settings
from qkvstudy.cli.command import Command

COMMANDS: tuple[Command, ...] = (
    app.REVIEW,
    library.IMPORT,
    schedule.DUE,
    schedule.GRADE,
    app.DRILL,
    settings.CONFIG,
    check.CHECK,
    insight.STATS,
    insight.OPTIMIZE,
    insight.SIMULATE,
    connected.RELATED,
    connected.EXPORT,
    bench.BENCH,
)
