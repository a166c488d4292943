"""One language per run: --lang > QKVSTUDY_LANG > the `language` setting > Chinese."""

import pytest

from qkvstudy import i18n
from qkvstudy.cli import main


def _settings(isolated_dirs, text: str) -> None:
    cfg = isolated_dirs / "config"
    cfg.mkdir(parents=True, exist_ok=True)
    (cfg / "settings.toml").write_text(text, encoding="utf-8")


def test_chinese_by_default_english_from_the_setting(run, isolated_dirs):
    assert run("due", "--topic", "U")[1].strip() == "主题 U 今天没有到期的卡片"
    _settings(isolated_dirs, 'language = "en"\n')
    assert run("due", "--topic", "U")[1].strip() == "nothing due today in U"


def test_env_beats_the_setting_and_the_option_beats_both(run, isolated_dirs, monkeypatch):
    _settings(isolated_dirs, 'language = "zh"\n')
    monkeypatch.setenv("QKVSTUDY_LANG", "en_US.UTF-8")
    assert run("due", "--topic", "U")[1].strip() == "nothing due today in U"
    assert run("due", "--topic", "U", "--lang", "zh")[1].strip() == "主题 U 今天没有到期的卡片"
    assert run("--lang=zh", "due", "--topic", "U")[1].strip() == "主题 U 今天没有到期的卡片"
    assert run("--lang", "zh", "due", "--topic", "U", "--lang=en")[1].strip() == "nothing due today in U"


@pytest.mark.parametrize(
    "setting, env, needle",
    [('language = "fr"\n', None, "language"), ("language = 1\n", None, "language"), (None, "klingon", "QKVSTUDY_LANG")],
)
def test_a_bad_language_is_one_line_and_exit_2(run, isolated_dirs, monkeypatch, setting, env, needle):
    if setting:
        _settings(isolated_dirs, setting)
    if env:
        monkeypatch.setenv("QKVSTUDY_LANG", env)
    code, out, err = run("due")
    assert code == 2 and out == "" and err.count("\n") == 1 and needle in err


def test_help_still_shows_with_a_broken_settings_file(isolated_dirs, capsys):
    _settings(isolated_dirs, "desired_retention = 5\n")
    assert main(["--help"]) == 0
    assert "用法" in capsys.readouterr().out


def test_main_gives_the_caller_its_language_back(run):
    assert i18n.language() == "zh"
    run("due", "--lang", "en")
    assert i18n.language() == "zh"
