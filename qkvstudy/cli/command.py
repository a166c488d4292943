"""What a subcommand is: a name, its help, its arguments and what it runs.

Each command group module defines `Command` values; `qkvstudy/cli/registry.py` lists them, in the
order `--help` shows them. Command modules import nothing heavy at their top: the parser imports
every one of them to build `--help`, and `qkvstudy grade` should not pay for NumPy or Alembic.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from qkvstudy.i18n import t

# Options every command that uses the library takes, before or after the subcommand, with the same
# meaning: `qkvstudy --db x.db due` == `qkvstudy due --db x.db` (argparse attribute names).
LIBRARY_OPTIONS = ("db", "notes", "no_write_back")


@dataclass(frozen=True)
class Command:
    name: str
    help: str  # catalog key of the one-line help
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    library: bool = True  # takes --db, --notes, --no-write-back (every command takes --lang)


def no_arguments(parser: argparse.ArgumentParser) -> None:
    """For a command with only the common options."""


def add_library_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """--db, --notes, --no-write-back. On a subcommand their defaults are suppressed, so that an
    option given before the subcommand is not overwritten by the subcommand's default."""
    none = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", metavar="PATH_OR_URL", default=none, help=t("cli.opt.db"))
    parser.add_argument("--notes", metavar="DIR", default=none, help=t("cli.opt.notes"))
    parser.add_argument(
        "--no-write-back",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help=t("cli.opt.no_write_back"),
    )


def add_language_option(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    from qkvstudy.i18n import LANGUAGES

    parser.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS if suppress else None, help=t("cli.opt.lang")
    )
