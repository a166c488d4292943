"""Pure pieces of the TUI: formats, preferences, the text that reaches the screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from qkvstudy.tui import prefs
from qkvstudy.tui.format import format_due, format_duration, format_interval, format_memory
from qkvstudy.tui.render import note_markdown, plain_line


@pytest.mark.parametrize(
    "interval, text",
    [
        (timedelta(seconds=20), "<1 分钟"),
        (timedelta(minutes=1), "1 分钟"),
        (timedelta(minutes=10), "10 分钟"),
        (timedelta(hours=1, minutes=30), "1.5 小时"),
        (timedelta(hours=5), "5 小时"),
        (timedelta(days=3), "3 天"),
        (timedelta(days=29, hours=20), "30 天"),
        (timedelta(days=63), "2.1 个月"),
        (timedelta(days=438), "1.2 年"),
    ],
)
def test_format_interval_like_anki(interval, text):
    assert format_interval(interval) == text


def test_format_due_and_duration():
    now = datetime(2026, 11, 24, 10, tzinfo=UTC)
    assert format_due(now, now) == "现在"
    assert format_due(now + timedelta(days=3), now) == "3 天后"
    assert format_due(now - timedelta(minutes=10), now) == "10 分钟前"
    assert format_duration(59) == "59 秒"
    assert format_duration(61) == "1 分 01 秒"
    assert format_duration(3720) == "1 小时 02 分"


def test_formats_in_english(english):
    now = datetime(2026, 11, 24, 10, tzinfo=UTC)
    assert format_interval(timedelta(days=63)) == "2.1 mo"
    assert format_due(now + timedelta(days=3), now) == "in 3 d"
    assert format_duration(61) == "1 min 01 s"
    assert format_memory(3.25, 5.04, 0.873) == "stability 3.2 d · difficulty 5.0/10 · recall 87%"


def test_format_memory():
    assert "尚无记忆状态" in format_memory(None, None, None)
    assert format_memory(3.25, 5.04, 0.873) == "稳定性 3.2 天 · 难度 5.0/10 · 回忆概率 87%"


def test_prefs_live_in_the_config_dir_and_survive_garbage(tmp_path, monkeypatch):
    monkeypatch.setenv("QKVSTUDY_CONFIG_DIR", str(tmp_path / "cfg"))
    assert prefs.prefs_path() == tmp_path / "cfg" / "tui.json"
    assert prefs.saved_theme() == prefs.DARK_THEME
    assert prefs.remember_theme(prefs.LIGHT_THEME)
    assert prefs.saved_theme() == prefs.LIGHT_THEME
    prefs.prefs_path().write_text("{not json", encoding="utf-8")
    assert prefs.load_prefs() == {} and prefs.saved_theme() == prefs.DARK_THEME
    prefs.save_prefs({"keymap": {"review.good": "g", "bad": 3}})
    assert prefs.saved_keymap() == {"review.good": "g"}


def test_text_for_the_screen_converts_math():
    assert plain_line(r"为什么除以 $\sqrt{d_k}$") == "为什么除以 √dₖ"
    assert plain_line(r"\*不是强调\* 与 $W_Q$") == "*不是强调* 与 W_Q"
    # Section Markdown reaches NoteMarkdown as written: its parser finds the math (tests/tui/test_tui_math.py).
    assert note_markdown(r"$$\frac{QK^T}{\sqrt{d_k}}$$") == r"$$\frac{QK^T}{\sqrt{d_k}}$$"


def test_every_binding_has_a_unique_id():
    from qkvstudy.tui.keys import bindings, key_table, screen_classes

    ids = [b.id for cls in screen_classes() for b in bindings(cls)]
    assert all(ids), "a binding without an id cannot be remapped"
    assert len(ids) == len(set(ids))
    assert "`review.good` | `3`" in key_table()


def test_chinese_breaks_between_characters_not_before_punctuation():
    from rich._wrap import divide_line

    from qkvstudy.tui.cjk_wrap import CJK_WORD, install

    text = "注意力权重由 Q 与 K 的相似度决定，输出是 V 的加权和（weighted sum），这一段很长。"
    assert "".join(m.group(0) for m in CJK_WORD.finditer(text)) == text  # nothing lost
    assert install()
    lines, start = [], 0
    for end in [*divide_line(text, 20), len(text)]:
        lines.append(text[start:end])
        start = end
    assert all(len(line.rstrip()) >= 9 for line in lines[:-1])  # no ragged half-empty lines
    assert not any(line.startswith(("，", "。", "）")) or line.rstrip().endswith("（") for line in lines)
    assert divide_line("plain english words wrap as before", 12) == [6, 14, 25]  # as Rich alone
