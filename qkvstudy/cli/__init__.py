"""`qkvstudy` command line: argument parsing only, then calls into the layers below.

Exit status: 0 done; 1 the command could not do all it was asked (a file rejected by import, a note
not in the library, a grade whose front-matter could not be written: the grade is kept); 2 a usage
error (a bad option, path, topic or setting); 130 interrupted; 141 the output pipe was closed
(`qkvstudy due | head`). Problems the user can cause are one line each on stderr, never a traceback.

The commands are listed in `registry.py` (how to add one is said there).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

from qkvstudy import config, i18n
from qkvstudy.errors import QkvError


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    previous = i18n.language()
    from qkvstudy.cli.parser import argparse_in_current_language

    try:
        with argparse_in_current_language():
            return _main(argv)
    finally:
        i18n.set_language(previous)  # in-process callers (tests) get their language back


def _main(argv: list[str]) -> int:
    from qkvstudy.cli.app import run_home
    from qkvstudy.cli.language import start_language
    from qkvstudy.cli.parser import build_parser, check_options_apply, language_option
    from qkvstudy.cli.registry import COMMANDS

    try:
        start_language(language_option(argv))
        try:
            args = build_parser(COMMANDS).parse_args(argv)
        except SystemExit as exc:  # --help, --version, or a usage error already printed
            return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
        command = next((c for c in COMMANDS if c.name == args.command), None)
        check_options_apply(args, command)
        code = command.run(args) if command is not None else run_home(args)
        sys.stdout.flush()  # a closed pipe is found here, inside the handler below, not at exit
        return code
    except config.UsageError as exc:
        print(f"qkvstudy: {exc}", file=sys.stderr)
        return 2
    except QkvError as exc:  # something the user asked for could not be done (a locked database, …)
        print(f"qkvstudy: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `qkvstudy due | head`: the reader left; say nothing more (Python docs' recipe)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


def script() -> int:
    """The `qkvstudy` command (and `python -m qkvstudy`): `main`, in a process that ends with it.

    Nothing the command made needs the cycle collector again, and the interpreter's shutdown runs it
    over every object left (SQLAlchemy's among them): 65 ms of every command that loaded the Study,
    measured as whole processes. Frozen, they are skipped (8 ms remain); their memory goes with
    the process. Tests call `main` instead, many times in one process, and never freeze."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()
    return code


__all__ = ["main", "script"]
