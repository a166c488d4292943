"""Tests for the safe front-matter write-back (qkvstudy.notes.writeback)."""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qkvstudy.notes import writeback
from qkvstudy.notes.writeback import WriteBackError, update_front_matter, write_note_atomically

SEED_PATH = Path(__file__).parents[1] / "fixtures" / "seed-note.md"  # the seed note, in the repository

# A copy of the seed note's opening (front-matter byte for byte, body abridged), used when the shared
# seed file is not on this machine.
SEED_FALLBACK = """\
---
created: '2025-10-19'
last_reviewed: null
next_review: '2025-10-19'
review_count: 0
difficulty: medium
mastery_level: 0.0
tags:
- Transformer
- Transformer/Query、Key、Value的概念来源和物理意义.md
related_outlines: []
---
# Query、Key、Value的概念来源和物理意义

## 面试标准答案

Query、Key、Value的概念来源于**信息检索系统**的数据库操作：
- **Query（查询）**：表示"我要找什么"，类似数据库查询语句

```python
# 数据库查询的向量化版本
attention_weights = softmax(Query @ Key.T / √d_k)  # 匹配过程
```

---

## 相关笔记
<!-- 自动生成 -->

- [QKV是什么](notes/Transformer/QKV是什么.md) - 相似度: 31% | 标签: Transformer, Transformer/QKV是什么.md
"""

REVIEW = {
    "last_reviewed": "2026-11-24",
    "next_review": "2026-11-27",
    "review_count": 1,
    "mastery_level": 0.47,
}


def seed_bytes() -> bytes:
    if SEED_PATH.is_file():
        return SEED_PATH.read_bytes()
    return SEED_FALLBACK.encode("utf-8")


def lines_of(data: bytes) -> list[bytes]:
    """Split on LF only, keeping the ending (so CRLF stays visible as b'\\r\\n')."""
    parts = data.split(b"\n")
    out = [p + b"\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def fm_load(data: bytes, final_break: bool = True) -> dict:
    """Load a note's front-matter independently of the module under test.

    ``final_break=False`` reads it the way markdown-it's front_matter plugin hands it over:
    without the line break before the closing delimiter.
    """
    text = data.decode("utf-8-sig")
    lines = text.split("\n")
    assert lines[0].rstrip("\r") == "---"
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip(" \t\r") in ("---", "..."))
    fm = "".join(line + "\n" for line in lines[1:end])
    if not final_break:
        fm = fm.removesuffix("\n").removesuffix("\r")
    return yaml.safe_load(fm) or {}


def loads_as(loaded: object, value: object) -> bool:
    if value is None:
        return loaded is None
    if isinstance(value, bool):
        return loaded is value
    if isinstance(value, int):
        return type(loaded) is int and loaded == value
    if isinstance(value, float):
        return type(loaded) is float and repr(loaded) == repr(value)
    if isinstance(value, str):
        if type(loaded) is dt.date:
            return loaded.isoformat() == value
        return type(loaded) is str and loaded == value
    raise AssertionError(value)


def upd(text: str, updates: dict, *, bom: bool = False) -> str:
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    out = update_front_matter(raw, updates)
    if bom:
        assert out.startswith(b"\xef\xbb\xbf")
        out = out[3:]
    return out.decode("utf-8")


# ------------------------------------------------------------------------ seed note


def test_seed_note_review_changes_exactly_the_four_scheduling_lines():
    raw = seed_bytes()
    out = update_front_matter(raw, REVIEW)
    before, after = lines_of(raw), lines_of(out)
    assert len(before) == len(after)
    changed = {i: (b, a) for i, (b, a) in enumerate(zip(before, after)) if b != a}
    assert [after[i] for i in sorted(changed)] == [
        b"last_reviewed: '2026-11-24'\n",
        b"next_review: '2026-11-27'\n",
        b"review_count: 1\n",
        b"mastery_level: 0.47\n",
    ]
    assert [before[i] for i in sorted(changed)] == [
        b"last_reviewed: null\n",
        b"next_review: '2025-10-19'\n",
        b"review_count: 0\n",
        b"mastery_level: 0.0\n",
    ]
    old, new = fm_load(raw), fm_load(out)
    assert {k: v for k, v in new.items() if k not in REVIEW} == {k: v for k, v in old.items() if k not in REVIEW}
    assert new["review_count"] == 1 and new["mastery_level"] == 0.47
    # the body (everything after the closing ---) is untouched
    assert raw.split(b"\n---\n", 1)[1] == out.split(b"\n---\n", 1)[1]


def test_seed_note_second_identical_review_is_a_no_op():
    once = update_front_matter(seed_bytes(), REVIEW)
    assert update_front_matter(once, REVIEW) is once


# ------------------------------------------------------------------ encodings & endings


def test_crlf_file_keeps_crlf_and_appended_line_uses_crlf():
    text = "---\r\nnext_review: '2025-10-19'\r\ntitle: x\r\n---\r\nbody line\r\nsecond\n"
    out = upd(text, {"next_review": "2026-01-02", "review_count": 3})
    assert out == ("---\r\nnext_review: '2026-01-02'\r\ntitle: x\r\nreview_count: 3\r\n---\r\nbody line\r\nsecond\n")


def test_bom_is_kept():
    out = upd("---\nreview_count: 0\n---\n# Q\n", {"review_count": 5}, bom=True)
    assert out == "---\nreview_count: 5\n---\n# Q\n"


def test_bom_with_crlf_and_chinese():
    text = "---\r\n标签: 注意力\r\nmastery_level: 0.0  # 掌握度\r\n---\r\n正文\r\n"
    out = upd(text, {"mastery_level": 0.75}, bom=True)
    assert out == "---\r\n标签: 注意力\r\nmastery_level: 0.75  # 掌握度\r\n---\r\n正文\r\n"


def test_invalid_utf8_is_an_error():
    with pytest.raises(WriteBackError, match="UTF-8"):
        update_front_matter(b"---\nreview_count: 0\nx: \xff\n---\n", {"review_count": 1})


# ------------------------------------------------------------------ value tokens


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("'2025-10-19'", "'2026-11-24'"),
        ('"2025-10-19"', '"2026-11-24"'),
        ("2025-10-19", "2026-11-24"),
        ("null", "'2026-11-24'"),
        ("~", "'2026-11-24'"),
        ("NULL", "'2026-11-24'"),
    ],
)
def test_date_keeps_the_quoting_style(old, new):
    out = upd(f"---\nnext_review: {old}\nz: 1\n---\n", {"next_review": "2026-11-24"})
    assert out == f"---\nnext_review: {new}\nz: 1\n---\n"


def test_date_object_is_written_as_iso_date():
    out = upd("---\nnext_review: '2025-10-19'\n---\n", {"next_review": dt.date(2026, 1, 5)})
    assert out == "---\nnext_review: '2026-01-05'\n---\n"


def test_empty_value_gets_a_single_quoted_date():
    assert upd("---\nlast_reviewed:\n---\n", {"last_reviewed": "2026-11-24"}) == (
        "---\nlast_reviewed: '2026-11-24'\n---\n"
    )
    assert upd("---\nlast_reviewed: # never\n---\n", {"last_reviewed": "2026-11-24"}) == (
        "---\nlast_reviewed: '2026-11-24' # never\n---\n"
    )
    assert upd("---\nlast_reviewed:   # never\n---\n", {"last_reviewed": "2026-11-24"}) == (
        "---\nlast_reviewed: '2026-11-24'  # never\n---\n"
    )


def test_comments_and_spacing_after_values_are_kept():
    text = (
        "---\n"
        "next_review:   '2025-10-19'  # my note: don't touch\n"
        "review_count: 4 # reviews # so far\n"
        "mastery_level:  0.5   # three spaces before comment\n"
        "---\n"
    )
    out = upd(text, {"next_review": "2026-11-24", "review_count": 5, "mastery_level": 0.6})
    assert out == (
        "---\n"
        "next_review:   '2026-11-24'  # my note: don't touch\n"
        "review_count: 5 # reviews # so far\n"
        "mastery_level:  0.6   # three spaces before comment\n"
        "---\n"
    )


def test_none_writes_null_and_keeps_tilde_or_empty():
    assert upd("---\nlast_reviewed: '2025-10-19'\n---\n", {"last_reviewed": None}) == "---\nlast_reviewed: null\n---\n"
    for spelling in ("~", "null", "Null", ""):
        text = f"---\nlast_reviewed:{' ' if spelling else ''}{spelling}\n---\n"
        raw = text.encode()
        assert update_front_matter(raw, {"last_reviewed": None}) is raw


@pytest.mark.parametrize(
    ("value", "token"),
    [(0.47, "0.47"), (1.0, "1.0"), (0.0, "0.0"), (1 / 3, repr(1 / 3)), (1e-05, "1.0e-05"), (7, "7"), (None, "null")],
)
def test_numbers_use_minimal_repr(value, token):
    out = upd("---\nmastery_level: 0.3\n---\n", {"mastery_level": value})
    assert out == f"---\nmastery_level: {token}\n---\n"
    assert loads_as(fm_load(out.encode())["mastery_level"], value)


def test_equal_number_spelled_differently_is_left_alone():
    raw = b"---\nmastery_level: 0.50\nreview_count: 0x10\n---\n"
    assert update_front_matter(raw, {"mastery_level": 0.5, "review_count": 16}) is raw


def test_int_where_float_was_is_rewritten():
    assert upd("---\nmastery_level: 1\n---\n", {"mastery_level": 1.0}) == "---\nmastery_level: 1.0\n---\n"


def test_strings_that_would_change_type_are_quoted():
    text = "---\ndifficulty: medium\n---\n"
    assert upd(text, {"difficulty": "hard"}) == "---\ndifficulty: hard\n---\n"
    assert upd(text, {"difficulty": "yes"}) == "---\ndifficulty: 'yes'\n---\n"
    assert upd(text, {"difficulty": "12"}) == "---\ndifficulty: '12'\n---\n"
    assert upd(text, {"difficulty": "a # b"}) == "---\ndifficulty: 'a # b'\n---\n"
    assert upd("---\nd: 'x'\n---\n", {"d": "it's"}) == "---\nd: 'it''s'\n---\n"
    assert upd('---\nd: "x"\n---\n', {"d": 'say "hi" \\'}) == '---\nd: "say \\"hi\\" \\\\"\n---\n'
    # a line break inside the value stays on one line, escaped
    out = upd("---\nd: 'x'\nz: 1\n---\n", {"d": "two\nlines"})
    assert out == '---\nd: "two\\nlines"\nz: 1\n---\n'
    assert fm_load(out.encode())["d"] == "two\nlines"


def test_unsupported_value_type_is_a_programming_error():
    with pytest.raises(TypeError):
        update_front_matter(b"---\na: 1\n---\n", {"a": [1, 2]})
    with pytest.raises(TypeError):
        update_front_matter(b"---\na: 1\n---\n", {"a": dt.datetime(2026, 1, 1)})


# ------------------------------------------------------------------ structure


def test_absent_key_is_appended_before_the_closing_line():
    text = "---\ncreated: '2025-10-19'\ntags:\n- a\n---\nbody\n---\nmore\n"
    out = upd(text, {"next_review": "2026-11-24", "review_count": 0, "last_reviewed": None})
    assert out == (
        "---\ncreated: '2025-10-19'\ntags:\n- a\n"
        "next_review: '2026-11-24'\nreview_count: 0\nlast_reviewed: null\n"
        "---\nbody\n---\nmore\n"
    )


def test_append_to_empty_front_matter_and_dot_closer():
    assert upd("---\n---\nbody\n", {"review_count": 1}) == "---\nreview_count: 1\n---\nbody\n"
    assert upd("---\na: 1\n...\n", {"review_count": 1}) == "---\na: 1\nreview_count: 1\n...\n"
    assert upd("---\na: 1\n---", {"review_count": 1}) == "---\na: 1\nreview_count: 1\n---"


def test_nested_same_named_key_is_untouched():
    text = "---\nhistory:\n  review_count: 9\n  next_review: '2020-01-01'\nreview_count: 2\n---\n"
    out = upd(text, {"review_count": 3, "next_review": "2026-11-24"})
    assert out == (
        "---\nhistory:\n  review_count: 9\n  next_review: '2020-01-01'\nreview_count: 3\n"
        "next_review: '2026-11-24'\n---\n"
    )


def test_key_inside_block_scalar_is_untouched():
    text = "---\nnotes: |\n  next_review: '2020-01-01'\n  ---\nreview_count: 1\n---\nbody\n"
    out = upd(text, {"next_review": "2026-11-24", "review_count": 2})
    assert out == (
        "---\nnotes: |\n  next_review: '2020-01-01'\n  ---\nreview_count: 2\nnext_review: '2026-11-24'\n---\nbody\n"
    )
    assert fm_load(out.encode())["notes"] == "next_review: '2020-01-01'\n---\n"


def test_append_after_trailing_block_scalar_goes_above_it():
    # markdown-it's front_matter plugin drops the final line break, so appending after a trailing
    # `|` scalar would turn "x" into "x\n" for the indexer; the new key goes above it instead.
    text = "---\na: 1\nnotes: |\n  x\n---\nbody"
    out = upd(text, {"review_count": 2})
    assert out == "---\na: 1\nreview_count: 2\nnotes: |\n  x\n---\nbody"
    for final_break in (True, False):
        assert fm_load(out.encode(), final_break)["notes"] == fm_load(text.encode(), final_break)["notes"]
    # with strip chomping the value cannot change, so the key goes at the end as usual
    text = "---\na: 1\nnotes: |-\n  x\n---\nbody"
    assert upd(text, {"review_count": 2}) == "---\na: 1\nnotes: |-\n  x\nreview_count: 2\n---\nbody"


def test_merge_keys_nan_and_recursive_aliases_survive():
    text = "---\nbase: &b\n  next_review: '2020-01-01'\n<<: *b\nx: .nan\nr: &r [*r]\nreview_count: 1\n---\n"
    out = upd(text, {"next_review": "2026-01-01", "review_count": 2})
    assert out == (
        "---\nbase: &b\n  next_review: '2020-01-01'\n<<: *b\nx: .nan\nr: &r [*r]\nreview_count: 2\n"
        "next_review: '2026-01-01'\n---\n"
    )


def test_explicit_key_syntax_is_an_error():
    with pytest.raises(WriteBackError, match="review_count"):
        update_front_matter(b"---\n? review_count\n: 1\n---\n", {"review_count": 2})


def test_quoted_key_is_updated_in_place():
    assert upd('---\n"review_count": 1\n---\n', {"review_count": 2}) == '---\n"review_count": 2\n---\n'


@pytest.mark.parametrize(
    "text",
    [
        "no front matter\n",
        "",
        "\n---\na: 1\n---\n",
        "--- a: 1\n---\n",
    ],
)
def test_missing_front_matter_is_an_error(text):
    with pytest.raises(WriteBackError, match="no front-matter"):
        update_front_matter(text.encode(), {"review_count": 1})


@pytest.mark.parametrize("text", ["---\nreview_count: 0\n", "---", "---\n", "---\na: 1\n  ---\n"])
def test_unclosed_front_matter_is_an_error(text):
    with pytest.raises(WriteBackError, match="not closed"):
        update_front_matter(text.encode(), {"review_count": 1})


@pytest.mark.parametrize(
    "value",
    [
        "\n  - 1\n  - 2",
        "\n- 1\n- 2",
        " [1, 2]",
        " {a: 1}",
        "\n  a: 1",
        " |\n  2025-10-19",
        " >-\n  2025-10-19",
        " '2025-10-19\n  more'",
        ' "2025-10-19\n  more"',
        " 2025-10-19\n  more",
        " [1,\n  2]",
        "\n  '2025-10-19'",
    ],
)
def test_block_or_multiline_target_is_an_error(value):
    raw = f"---\nnext_review:{value}\nz: 1\n---\n".encode()
    with pytest.raises(WriteBackError, match="next_review") as info:
        update_front_matter(raw, {"next_review": "2026-11-24"})
    assert "\n" not in str(info.value)


def test_anchor_alias_and_tag_targets_are_errors():
    for text in (
        "---\nbase: &d '2025-01-01'\nnext_review: *d\n---\n",
        "---\nnext_review: &d '2025-01-01'\nother: *d\n---\n",
        "---\nreview_count: !!int 3\n---\n",
    ):
        with pytest.raises(WriteBackError):
            update_front_matter(text.encode(), {"next_review": "2026-11-24", "review_count": 4})


def test_duplicate_top_level_key_is_an_error():
    with pytest.raises(WriteBackError, match="more than once"):
        update_front_matter(b"---\nreview_count: 1\na: 2\nreview_count: 3\n---\n", {"a": 5})


def test_indented_target_key_is_an_error():
    with pytest.raises(WriteBackError, match="top-level"):
        update_front_matter(b"---\n  review_count: 1\n  a: 2\n---\n", {"review_count": 2})


@pytest.mark.parametrize(
    "text", ["---\n- a\n- b\n---\n", "---\njust text\n---\n", "---\na: [\n---\n", "---\n{a: 1}\n---\n"]
)
def test_non_mapping_or_invalid_yaml_is_an_error(text):
    with pytest.raises(WriteBackError) as info:
        update_front_matter(text.encode(), {"review_count": 1})
    assert "\n" not in str(info.value)


def test_bad_token_is_caught_by_verification(monkeypatch):
    raw = b"---\nnext_review: '2025-10-19'\nz: 1\n---\nbody\n"
    for broken in ("'2026-11-24", "[1, 2]", "x\nz: 2", "'2026-11-24'\n---"):
        monkeypatch.setattr(writeback, "_format_value", lambda value, style, b=broken: b)
        with pytest.raises(WriteBackError, match="refusing"):
            update_front_matter(raw, {"next_review": "2026-11-24"})


def test_body_delimiters_and_fences_are_untouched():
    body = "```yaml\n---\nreview_count: 9\n---\n```\n...\nreview_count: 8\n"
    out = upd("---\nreview_count: 1\n---\n" + body, {"review_count": 2})
    assert out == "---\nreview_count: 2\n---\n" + body


# ------------------------------------------------------------------ property


SCHED = ("last_reviewed", "next_review", "review_count", "mastery_level")
DATE_KEYS = ("last_reviewed", "next_review")
NEW_KEY = "stability"
RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", NEW_KEY, *SCHED}

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)).map(dt.date.isoformat)
ident = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True).filter(lambda k: k not in RESERVED)
chinese_key = st.sampled_from(["标签", "难度", "备注", "来源", "相关笔记", "掌握程度"])
comment = st.one_of(
    st.just(""),
    st.builds(
        lambda lead, text: f"{lead}#{text}",
        st.sampled_from([" ", "  ", "   "]),
        st.text(alphabet=list("ab z中文注意力#:'\"-[]{}&*!|>"), max_size=12),
    ),
)
sep = st.sampled_from([" ", "  "])
qtext = st.text(alphabet=list("abc XYZ#:'\"\\中文标签注意力-_[]{},&*!|>%@`"), max_size=16)
word = st.text(alphabet=list("abcxz中文注意力"), min_size=1, max_size=6)
single_q = qtext.map(lambda s: "'" + s.replace("'", "''") + "'")
double_q = qtext.map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"')
scalar = st.one_of(st.integers(-5, 10**6).map(str), word, single_q, double_q)


@dataclass
class Entry:
    key: str
    lines: list[str]
    prefix: str = ""  # for scheduling keys: "key:<sep>"
    token: str = ""  # for scheduling keys: the value token as written
    comment: str = ""


@st.composite
def sched_entry(draw, key):
    s, c = draw(sep), draw(comment)
    if key in DATE_KEYS:
        d = draw(dates)
        token = draw(st.sampled_from([f"'{d}'", f'"{d}"', d, "null", "~", "NULL", ""]))
    elif key == "review_count":
        token = draw(st.sampled_from(["0", "1", "7", "120", "null"]))
    else:
        token = draw(st.sampled_from(["0.0", "0.5", "0.50", "1.0", "1", "0.25", "null"]))
    line = f"{key}:{c}" if token == "" else f"{key}:{s}{token}{c}"
    return Entry(key, [line], f"{key}:{s}", token, c)


@st.composite
def extra_entry(draw, key):
    kind = draw(st.sampled_from(["scalar", "flow", "block_list", "nested", "literal"]))
    s, c = draw(sep), draw(comment)
    if kind == "scalar":
        return Entry(key, [f"{key}:{s}{draw(scalar)}{c}"])
    if kind == "flow":
        items = draw(st.lists(scalar, max_size=4))
        return Entry(key, [f"{key}:{s}[{', '.join(items)}]{c}"])
    if kind == "block_list":
        indent = draw(st.sampled_from(["", "  "]))
        items = draw(st.lists(st.tuples(scalar, comment), min_size=1, max_size=4))
        return Entry(key, [f"{key}:{c}"] + [f"{indent}-{s}{v}{ic}" for v, ic in items])
    if kind == "nested":
        inner = draw(st.lists(st.sampled_from(SCHED), min_size=1, max_size=3, unique=True))
        lines = [f"{key}:{c}"]
        for k in inner:
            lines.append(f"  {k}: {draw(st.one_of(dates.map(repr), st.integers(0, 99).map(str)))}{draw(comment)}")
        return Entry(key, lines)
    header = draw(st.sampled_from(["|", "|-", ">", "|+"]))
    body = draw(
        st.lists(
            st.sampled_from(
                ["next_review: '2020-01-01'", "review_count: 99", "---", "...", "# not a comment", "中文 #", "x: [1"]
            ),
            min_size=1,
            max_size=4,
        )
    )
    return Entry(key, [f"{key}:{s}{header}{c}"] + [f"  {b}" for b in body])


body_line = st.one_of(
    st.sampled_from(
        ["", "---", "...", "```", "```yaml", "next_review: '1999-01-01'", "# 标题", "正文 $q_i = x_i W_Q$", "- item"]
        + ["  ---", "review_count: 3"]
    ),
    st.text(alphabet=list("ab 中文-#`:'"), max_size=10),
)


@st.composite
def documents(draw):
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.booleans())
    present = [k for k in SCHED if draw(st.booleans())]
    extra_keys = draw(st.lists(st.one_of(ident, chinese_key), max_size=5, unique=True))
    entries = [draw(sched_entry(k)) for k in present] + [draw(extra_entry(k)) for k in extra_keys]
    entries = draw(st.permutations(entries))
    fm: list[tuple[str, str | None]] = []  # (line, scheduling key that owns it)
    last_key_line = 0  # index into fm of the last top-level key's line
    for e in entries:
        last_key_line = len(fm)
        for i, line in enumerate(e.lines):
            fm.append((line, e.key if e.key in SCHED and i == 0 else None))
        for extra in draw(st.lists(st.sampled_from(["", "# 注释 comment", "#", "   "]), max_size=1)):
            fm.append((extra, None))
    closer = draw(st.sampled_from(["---", "..."]))
    body = eol.join(draw(st.lists(body_line, max_size=8)))
    text = "---" + eol + "".join(line + eol for line, _ in fm) + closer + eol + body
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    updates = {}
    for key in SCHED:
        action = draw(st.sampled_from(["skip", "value", "value", "null"]))
        if action == "null":
            updates[key] = None
        elif action == "value" and key in DATE_KEYS:
            updates[key] = draw(dates)
        elif action == "value" and key == "review_count":
            updates[key] = draw(st.integers(0, 10**6))
        elif action == "value":
            updates[key] = draw(st.one_of(st.floats(0, 1), st.sampled_from([0.0, 0.5, 1.0, 1e-05])))
    if draw(st.booleans()):
        updates[NEW_KEY] = draw(st.floats(0, 100))
    updates = dict(draw(st.permutations(list(updates.items()))))
    last_is_block = bool(entries) and entries[-1].lines[0].split("#")[0].rstrip().endswith(("|", ">", "|+"))
    return raw, eol, bom, fm, {e.key: e for e in entries}, updates, last_key_line, last_is_block


def token_for(value: object, old_token: str | None) -> str:
    """The documented formatting rules, written out independently of the module."""
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        r = repr(value)
        return f"{r.split('e')[0]}.0e{r.split('e')[1]}" if "e" in r and "." not in r else r
    if old_token and old_token[0] == '"':
        return f'"{value}"'
    if old_token and old_token[0].isdigit() and "-" in old_token:  # a bare date
        return value
    return f"'{value}'"


# QKVSTUDY_HYPOTHESIS_EXAMPLES=5000 for a long soak run
@settings(
    max_examples=int(os.environ.get("QKVSTUDY_HYPOTHESIS_EXAMPLES", "250")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(documents())
def test_property_only_updated_values_change(doc):
    raw, eol, bom, fm, entries, updates, last_key_line, last_is_block = doc
    original = fm_load(raw)  # the generator must produce valid YAML
    assert all(k in original for k in entries)

    out = update_front_matter(raw, updates)

    assert out.startswith(b"\xef\xbb\xbf") == bom
    before = (raw[3:] if bom else raw).decode("utf-8").split("\n")
    after = (out[3:] if bom else out).decode("utf-8").split("\n")
    appended = [k for k in updates if k not in entries]
    close = 1 + len(fm)  # index of the closing delimiter line
    cr = "\r" if eol == "\r\n" else ""

    # (a) same number of lines plus one per appended key; every line not holding an updated
    # key is byte-identical, and updated lines differ only in the value token
    assert len(after) == len(before) + len(appended)
    expected_fm = []
    for i, (line, owner) in enumerate(fm, start=1):
        assert before[i] == line + cr
        if owner is None or owner not in updates:
            expected_fm.append(before[i])
            continue
        e, value = entries[owner], updates[owner]
        if loads_as(original[owner], value):
            expected = line  # already says the same thing: untouched
        elif e.token == "":
            tail = e.comment[1:]
            expected = f"{owner}: {token_for(value, None)}" + (" " if tail.startswith("#") else "") + tail
        else:
            expected = e.prefix + token_for(value, e.token) + e.comment
        expected_fm.append(expected + cr)
    new_lines = [f"{key}: {token_for(updates[key], None)}{cr}" for key in appended]
    at_end = before[:1] + expected_fm + new_lines + before[close:]
    if after != at_end:
        # the one allowed alternative: above the last key, when that key holds a block scalar
        assert appended and last_is_block
        above_last = before[:1] + expected_fm[:last_key_line] + new_lines + expected_fm[last_key_line:] + before[close:]
        assert after == above_last

    # (d) the closing line and the body are byte-identical
    assert after[close + len(appended) :] == before[close:]
    body_start = len(raw) - len("\n".join(before[close:]).encode("utf-8"))
    assert out.endswith(raw[body_start:])

    # (b) the loaded YAML equals the original except for the updated keys, read either way
    for final_break in (True, False):
        old, new = fm_load(raw, final_break), fm_load(out, final_break)
        assert new.keys() == old.keys() | updates.keys()
        for key, value in old.items():
            if key not in updates:
                assert new[key] == value, key
        for key, value in updates.items():
            assert loads_as(new[key], value), (key, new[key], value)

    # (c) idempotent
    assert update_front_matter(out, updates) == out


# ------------------------------------------------------------------ atomic write


def test_write_replaces_content_keeps_mode_and_leaves_no_temp(tmp_path):
    note = tmp_path / "QKV是什么.md"
    note.write_bytes(b"old")
    os.chmod(note, 0o640)
    write_note_atomically(note, b"new \xe4\xb8\xad")
    assert note.read_bytes() == b"new \xe4\xb8\xad"
    assert stat.S_IMODE(note.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["QKV是什么.md"]


def test_write_creates_a_new_file_with_umask_default_mode(tmp_path):
    note = tmp_path / "new.md"
    mask = os.umask(0o022)
    os.umask(mask)
    write_note_atomically(note, b"x")
    assert note.read_bytes() == b"x"
    assert stat.S_IMODE(note.stat().st_mode) == 0o666 & ~mask


def test_write_through_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.md"
    real.write_bytes(b"old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_note_atomically(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


@pytest.mark.parametrize("failing", ["replace", "fsync", "fchmod", "write"])
def test_failed_write_leaves_original_and_no_temp(tmp_path, monkeypatch, failing):
    note = tmp_path / "n.md"
    note.write_bytes(b"original")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(WriteBackError, match="No space left") as info:
        write_note_atomically(note, b"new content")
    monkeypatch.undo()
    assert "\n" not in str(info.value)
    assert note.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["n.md"]


def test_update_then_write_round_trip(tmp_path):
    note = tmp_path / "seed.md"
    note.write_bytes(seed_bytes())
    expected = update_front_matter(note.read_bytes(), REVIEW)
    write_note_atomically(note, expected)
    assert note.read_bytes() == expected
    assert {k: fm_load(expected)[k] for k in REVIEW} == REVIEW
