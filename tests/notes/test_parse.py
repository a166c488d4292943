import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qkvstudy.notes import parse
from qkvstudy.notes.parse import NoteRejected, _as_date, _related_links, decode_note, parse_note, read_note

# These tests read the core's messages in English (the default language is Chinese).
pytestmark = pytest.mark.usefixtures("english")

SEED = Path(__file__).resolve().parents[2] / "notes" / "Transformer" / "Query、Key、Value的概念来源和物理意义.md"
SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed-note.md"
BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"


def seed_bytes() -> bytes:
    for p in (SEED, SHARED_SEED):
        if p.is_file():
            return p.read_bytes()
    pytest.skip("seed note not available")


def test_seed_note_parts():
    note = parse_note(decode_note(seed_bytes()))
    assert note.question == "Query、Key、Value的概念来源和物理意义"
    assert [t for t, _ in note.sections] == ["面试标准答案", "详细技术解析"]
    assert note.answer_index == 0
    answer = note.sections[0][1]
    assert answer.startswith("Query、Key、Value的概念来源于**信息检索系统**")
    assert "内容寻址的存储器" in answer
    details = note.sections[1][1]
    assert details.startswith("### 1. 概念起源")
    assert "```python\n# 1. 计算相似度" in details  # a '#' line inside a fence stays inside the section
    assert details.rstrip().endswith("连续向量检索的优雅转换。")  # the rule before 相关笔记 is not content
    assert note.related == [("QKV是什么", "notes/Transformer/QKV是什么.md", 31)]
    assert note.tags == ["Transformer", "Transformer/Query、Key、Value的概念来源和物理意义.md"]
    assert (note.created, note.last_reviewed, note.next_review) == ("2025-10-19", None, "2025-10-19")
    assert (note.review_count, note.difficulty, note.mastery_level) == (0, "medium", 0.0)
    assert note.extra == {"related_outlines": []}
    assert note.problems == []


def test_hash_line_in_fence_is_not_a_heading():
    text = "---\ntags: x\n---\n```python\n# not the question\n```\n# 真正的问题\n\n## Answer\n\n答\n"
    note = parse_note(text)
    assert note.question == "真正的问题"
    assert note.tags == ["x"]  # a single string is a one-tag list
    assert note.sections == [("Answer", "答")]


@pytest.mark.parametrize("title", ["面试标准答案", "标准答案", "答案", "Answer"])
def test_answer_section_names(title):
    note = parse_note(f"# Q\n\n## 背景\n\nctx\n\n## {title}\n\nthe answer\n")
    assert note.sections[note.answer_index] == (title, "the answer")


def test_first_h2_is_the_answer_when_none_is_named():
    note = parse_note("# Q\n\n## 概述\n\n第一段\n\n## 更多\n\n第二段\n")
    assert note.answer_index == 0 and note.sections[0] == ("概述", "第一段")


def test_yaml_dates_and_string_dates():
    note = parse_note(
        "---\ncreated: 2025-10-01\nnext_review: '2025-10-05'\nlast_reviewed: 2025-10-02\nreview_count: 2\n---\n# Q\n"
    )
    assert (note.created, note.next_review, note.last_reviewed, note.review_count) == (
        "2025-10-01",
        "2025-10-05",
        "2025-10-02",
        2,
    )


def test_qkvdrill_blocks_are_collected_with_their_line():
    note = parse_note("# Q\n\n## 答案\n\n```qkvdrill\ntype: causal_mask\nlevel: 1\n```\n")
    assert note.drills == [("type: causal_mask\nlevel: 1\n", 5)]


def test_no_front_matter_is_fine():
    note = parse_note("# 只有问题\n")
    assert note.question == "只有问题" and note.sections == [] and note.answer_index is None


# --- one fixture per bad-input case --------------------------------------------------------


def reject(name: str) -> NoteRejected:
    with pytest.raises(NoteRejected) as info:
        parse_note(decode_note((BAD / name).read_bytes()))
    return info.value


def test_invalid_yaml_names_the_line():
    exc = reject("invalid_yaml.md")
    assert "invalid YAML" in exc.reason and exc.line in (3, 4)


def test_unclosed_front_matter():
    exc = reject("unclosed_front_matter.md")
    assert "never closed" in exc.reason and exc.line == 1


def test_gbk_is_detected_and_named():
    exc = reject("gbk_encoded.md")
    assert "GBK" in exc.reason and exc.line is not None


def test_other_non_utf8():
    with pytest.raises(NoteRejected, match="not UTF-8"):
        decode_note(b"# caf\xe9 \xff\xfe\n")


def test_bom_and_crlf_import_fine():
    for name, question in (("utf8_bom.md", "带 BOM 的笔记"), ("crlf_endings.md", "CRLF 换行的笔记")):
        note = parse_note(decode_note((BAD / name).read_bytes()))
        assert note.question == question
        assert note.created == "2025-11-02" and note.tags == ["测试"]
        assert "\r" not in note.sections[0][1]


def test_empty_and_binary():
    assert "empty" in reject("empty.md").reason
    assert "binary" in reject("binary.md").reason


def test_too_big():
    with pytest.raises(NoteRejected, match="over 5 MB"):
        decode_note(b"# big\n" + b"x" * (5 * 1024 * 1024))


def test_no_h1():
    assert "no H1" in reject("no_h1.md").reason


def test_bad_fields_import_the_note_and_say_so():
    note = parse_note(decode_note((BAD / "bad_fields.md").read_bytes()))
    assert note.question == "字段有误的笔记"
    assert note.difficulty is None and note.mastery_level is None and note.review_count is None
    assert note.next_review is None and note.created == "2025-11-02"
    reasons = {p.reason.split(":")[0]: p for p in note.problems}
    assert set(reasons) == {"difficulty", "mastery_level", "review_count", "next_review"}
    assert reasons["difficulty"].line == 6 and "ignored" in reasons["difficulty"].reason
    assert reasons["mastery_level"].line == 7


def test_front_matter_not_a_mapping():
    with pytest.raises(NoteRejected, match="mapping"):
        parse_note("---\n- a\n- b\n---\n# Q\n")


# --- properties -------------------------------------------------------------------------------

yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**6),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates().map(str),
)
keys = st.sampled_from(
    [
        "created",
        "last_reviewed",
        "next_review",
        "review_count",
        "difficulty",
        "mastery_level",
        "tags",
        "related_outlines",
        "别名",
        "x",
    ]
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    front=st.dictionaries(keys, st.one_of(yaml_scalars, st.lists(yaml_scalars, max_size=3)), max_size=8),
    body=st.text(max_size=400),
)
def test_random_front_matter_and_body_never_raise_anything_but_rejection(front, body):
    import yaml

    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    try:
        note = parse_note(decode_note(text.encode("utf-8")))
    except NoteRejected:
        return
    assert note.question
    assert note.difficulty in (None, "easy", "medium", "hard")
    assert note.mastery_level is None or 0 <= note.mastery_level <= 1
    assert all(isinstance(t, str) for t in note.tags)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_never_raise_anything_but_rejection(raw):
    try:
        parse_note(decode_note(raw))
    except NoteRejected:
        pass


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="-*_\n \t\u3000x", max_size=30))
def test_a_trailing_rule_is_dropped_as_the_regex_drops_it(content):

    from qkvstudy.notes.parse import drop_trailing_rule

    reference = re.sub(r"\n+(?:---|\*\*\*|___)\s*$", "", content).strip("\n")
    assert drop_trailing_rule(content) == reference


def outcome_of(read) -> object:
    try:
        return read()
    except NoteRejected as exc:
        return exc.reason, exc.line


NOTE_PARTS = [
    "---\na: 1\n---",
    "# Q",
    "## 答案",
    "## 答\x00案",
    "# Q\x00",
    "text",
    "\x00",
    "\r\n",
    "\r",
    "\ufeff",
    "```",
    "",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NOTE_PARTS), max_size=12), st.sampled_from([0, 10, 8200]))
def test_read_note_is_decode_then_parse(parts, padding):
    """read_note looks for a NUL in the bytes, not in the text: the same note or rejection either way,
    also for a NUL after the first 8 KB (which decode_note does not refuse)."""
    raw = ("\n".join(parts[:2]) + "\n" + "x" * padding + "\n" + "\n".join(parts[2:])).encode("utf-8")
    assert outcome_of(lambda: read_note(raw)) == outcome_of(lambda: parse_note(decode_note(raw)))


def test_a_related_link_never_runs_into_the_next_line():
    content = "- [a\nb](x.md)\n- [c](y.md) x\n相似度: 5%\n-\n[d](z.md)"
    assert _related_links(content) == [("c", "y.md", None)]


@pytest.mark.parametrize(
    "value",
    ["2025-10-19", " 2025-10-19 ", date(2025, 10, 19), datetime(2025, 10, 19, 5), "2025-02-30", "0001-01-01", 3, None],
)
def test_a_date_reads_the_same_from_the_day_cache(value):
    def read():
        try:
            return _as_date(value)
        except (ValueError, TypeError) as exc:
            return type(exc).__name__

    parse._ISO_DAYS.clear()
    cold = read()
    assert read() == cold
    assert cold == "2025-10-19" or cold == "ValueError"


def test_the_day_cache_stays_bounded():
    parse._ISO_DAYS.clear()
    for n in range(parse._ISO_DAYS_MAX + 10):
        _as_date(date(2000, 1, 1) + timedelta(days=n))
    assert len(parse._ISO_DAYS) <= parse._ISO_DAYS_MAX
