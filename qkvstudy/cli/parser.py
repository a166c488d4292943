"""The argument parser: in the current language, one line per usage error, options before or after
the subcommand meaning the same."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator, Sequence
from typing import NoReturn

from qkvstudy import __version__, config
from qkvstudy.cli.command import LIBRARY_OPTIONS, Command, add_language_option, add_library_options
from qkvstudy.cli.text import wrap
from qkvstudy.i18n import t

# argparse's own words (its gettext message ids) -> our catalog, so `--help` and its errors are in
# the same language as everything else.
_ARGPARSE_MESSAGES = {
    "usage: ": "cli.argparse.usage",
    "positional arguments": "cli.argparse.positionals",
    "options": "cli.argparse.options",
    "show this help message and exit": "cli.argparse.help",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "the following arguments are required: %s": "cli.argparse.required",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "expected one argument": "cli.argparse.expected_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "ignored explicit argument %r": "cli.argparse.ignored_explicit",
    "not allowed with argument %s": "cli.argparse.not_allowed_with",
    "one of the arguments %s is required": "cli.argparse.one_required",
}


def _gettext(message: str) -> str:
    key = _ARGPARSE_MESSAGES.get(message)
    return t(key) if key else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return t("cli.argparse.expected_n")
    return singular if n == 1 else plural


@contextlib.contextmanager
def argparse_in_current_language() -> Iterator[None]:
    """argparse looks its words up through its module-level `_`/`ngettext` at call time."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Wraps help by display width, so Chinese help lines are not twice as wide as the terminal."""

    def _split_lines(self, text: str, width_: int) -> list[str]:
        return wrap(" ".join(text.split()), width_)


class Parser(argparse.ArgumentParser):
    """A usage error is one line (what is wrong, and where the help is), exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message}{t('cli.see_help', prog=self.prog)}\n")


def build_parser(commands: Sequence[Command]) -> Parser:
    columns = _columns()
    parser = Parser(
        prog="qkvstudy",
        description="\n".join(wrap(t("cli.description"), columns)),
        epilog="\n".join(wrap(t("cli.exit_codes"), columns)),
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"qkvstudy {__version__}", help=t("cli.opt.version"))
    add_library_options(parser, suppress=False)
    add_language_option(parser, suppress=False)
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", title=t("cli.commands"), help=t("cli.commands.help"), parser_class=Parser
    )
    for command in commands:
        p = sub.add_parser(
            command.name,
            help=t(command.help),
            description=t(command.help),
            formatter_class=_Formatter,
        )
        command.arguments(p)
        if command.library:
            add_library_options(p, suppress=True)
        add_language_option(p, suppress=True)
    return parser


def check_options_apply(args: argparse.Namespace, command: Command | None) -> None:
    """An option given before a subcommand that does not take it is an error, never ignored."""
    if command is None or command.library:
        return
    for name in LIBRARY_OPTIONS:
        if getattr(args, name, None):
            option = "--" + name.replace("_", "-")
            raise config.UsageError(t("cli.option_not_for_command", option=option, command=command.name))


def language_option(argv: Sequence[str]) -> str | None:
    """The last `--lang X` or `--lang=X` before `--` (after the subcommand wins, as for every common
    option): the help must be in that language, so it is read before the parser is built."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def _columns() -> int:
    try:
        columns = int(os.environ.get("COLUMNS", "")) if os.environ.get("COLUMNS") else os.get_terminal_size().columns
    except (OSError, ValueError):
        columns = 80
    return max(40, min(columns, 100)) - 2
