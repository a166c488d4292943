"""Common options mean the same before or after the subcommand; nothing given is silently ignored."""

import argparse
import re

import pytest

from qkvstudy import __version__, i18n
from qkvstudy.cli import main
from qkvstudy.cli.parser import argparse_in_current_language, build_parser
from qkvstudy.cli.registry import COMMANDS

CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


@pytest.mark.parametrize("where", ["before", "after"])
def test_no_write_back_before_or_after_the_subcommand_leaves_the_note_alone(tmp_path, lib, where, capsys):
    note = lib / "T" / "old.md"
    before = note.read_bytes()
    common = ["--db", str(tmp_path / "q.db"), "--notes", str(lib), "--no-write-back"]
    tail = [str(note), "good"]
    argv = [*common, "grade", *tail] if where == "before" else ["grade", *tail, *common]
    assert main(argv) == 0
    assert note.read_bytes() == before
    assert main(["--db", str(tmp_path / "q.db"), "--notes", str(lib), "grade", str(note), "good"]) == 0
    assert note.read_bytes() != before  # without the option, the same command writes back
    capsys.readouterr()


@pytest.mark.parametrize("where", ["before", "after"])
def test_db_and_notes_before_or_after_mean_the_same(tmp_path, lib, where, capsys):
    other = tmp_path / "other.db"
    common = ["--db", str(other), "--notes", str(lib), "--lang", "en"]
    argv = [*common, "config"] if where == "before" else ["config", *common]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert f"# database: sqlite:///{other}" in out and f"# notes library: {lib}" in out
    assert "language = 'en'" in out


def test_an_option_after_the_subcommand_wins_over_the_same_before(tmp_path, lib, capsys):
    argv = ["--db", str(tmp_path / "a.db"), "config", "--db", str(tmp_path / "b.db"), "--notes", str(lib)]
    assert main(argv) == 0
    assert "b.db" in capsys.readouterr().out


def test_an_option_that_does_not_apply_is_an_error_not_ignored(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "q.db"), "bench", "--sizes", "5"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--db" in err and "bench" in err


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"qkvstudy {__version__}"


def _every_parser(parser: argparse.ArgumentParser):
    yield "", parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_command_and_option_has_help_in_the_current_language(language):
    i18n.set_language(language)
    try:
        with argparse_in_current_language():  # as main() builds it
            parser = build_parser(COMMANDS)
        for name, p in _every_parser(parser):
            assert p.description, name
            for action in p._actions:
                text = action.help
                assert text and text != argparse.SUPPRESS, (name, action.dest)
                if language == "en":
                    assert not CJK.search(text), (name, action.dest, text)
                elif not isinstance(action, argparse._SubParsersAction):
                    assert CJK.search(text), (name, action.dest, text)
    finally:
        i18n.set_language("zh")


@pytest.mark.parametrize("command", ["", *(c.name for c in COMMANDS)])
def test_help_is_in_one_language(command, capsys):
    argv = [command, "--help"] if command else ["--help"]
    assert main(argv) == 0
    zh = capsys.readouterr().out
    assert zh.startswith("用法：") and "选项" in zh and "usage" not in zh and "show this help" not in zh
    assert main([*argv, "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert en.startswith("usage: ") and not CJK.search(en)


def test_a_usage_error_is_one_line_in_the_current_language(capsys):
    assert main(["grade", "x.md", "superb"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "无效的值 'superb'" in err and "qkvstudy grade --help" in err
    assert main(["--lang", "en", "grade", "x.md", "superb"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid choice: 'superb'" in err and not CJK.search(err)
    assert main(["nonsense"]) == 2
    assert "nonsense" in capsys.readouterr().err


def test_the_entry_point_runs_as_a_process(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "qkvstudy", "--lang", "en", "grade", "x.md", "superb"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2 and "invalid choice" in proc.stderr and "Traceback" not in proc.stderr
