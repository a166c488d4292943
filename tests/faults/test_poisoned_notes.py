"""One file, one line: whatever a note holds, it costs that note one line and every other note imports and grades."""

import string

import pytest
from helpers import note_text, write
from hypothesis import given, settings
from hypothesis import strategies as st

from qkvstudy.notes.library import check_drill_spec
from qkvstudy.notes.parse import NoteRejected, decode_note, parse_note
from qkvstudy.study import Study

MAX_REASON = 200  # one line a user can read
GOOD = note_text("好的问题", tags=("T",))


def fm(*lines: str, body: str = "# 问题\n\n## 答案\n\n文本\n") -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body


BOMB = "\n".join(
    ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
)
POISONED = {
    "impossible_date.md": fm("created: 2025-02-30", "tags: [T]"),
    "year_one.md": fm("created: 0001-01-01", "next_review: 0001-01-01", "tags: [T]"),
    "year_max.md": fm("next_review: 9999-12-31", "last_reviewed: 9999-12-30", "review_count: 3", "tags: [T]"),
    "huge_int.md": fm("review_count: 99999999999999999999999999", "last_reviewed: '2025-01-01'", "tags: [T]"),
    "deep_yaml.md": fm("tags: " + "[" * 3000 + "]" * 3000),
    "deep_block.md": fm("x:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(200))),
    "alias_bomb.md": fm(BOMB, "difficulty: *a8"),
    "alias_in_tags.md": fm(BOMB, "tags: *a8"),
    "recursive_alias.md": fm("tags: &t [*t]"),
    "nan_mastery.md": fm("mastery_level: .nan", "tags: [T]"),
    "empty_int.md": fm("review_count: !!int ", "tags: [T]"),  # PyYAML's constructor raised IndexError
    "newline_drill.md": '# 换行的练习\n\n```qkvdrill\ntype: "a\\nb"\n```\n',  # its error quoted a line break
    "python_tag.md": fm("x: !!python/object/apply:os.system ['echo hi']"),
    "deep_drill.md": "# 有练习的问题\n\n```qkvdrill\n" + "x: " + "[" * 5000 + "]" * 5000 + "\n```\n",
    "bomb_drill.md": "# 练习炸弹\n\n```qkvdrill\n" + BOMB + "\ntype: *a8\n```\n",
}


@pytest.fixture
def library(tmp_path):
    root = tmp_path / "notes"
    write(root / "T" / "good.md", GOOD)
    for name, text in POISONED.items():
        write(root / "bad" / name, text)
    return root


def test_every_poisoned_note_costs_one_line_and_the_rest_imports_and_grades(tmp_path, library, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")  # east of UTC: year 1 would overflow when moved
    import time

    time.tzset()
    try:
        study = Study.open(db=str(tmp_path / "q.db"), notes=library)
        report = study.scan()
        assert report.added + report.rejected == len(POISONED) + 1
        for problem in report.problems:
            text = str(problem)
            assert "\n" not in text and len(text) < 400, text
        good = study.card_for_path(library / "T" / "good.md")
        assert study.grade(good.card_id, 3).card.reviews == 1
        for name in ("impossible_date.md", "year_one.md", "year_max.md", "huge_int.md", "nan_mastery.md"):
            card = study.card_for_path(library / "bad" / name)  # imported, the bad field ignored
            assert any(name in str(p) for p in report.problems), name
            assert study.grade(card.card_id, 3).card.reviews >= 1
        study.close()
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


@pytest.mark.parametrize("name", sorted(POISONED))
def test_parser_gives_a_value_or_one_short_rejection(name):
    try:
        note = parse_note(decode_note(POISONED[name].encode()))
    except NoteRejected as exc:
        assert len(exc.reason) <= MAX_REASON and "\n" not in exc.reason
        return
    assert note.review_count is None or note.review_count < 2**63
    assert all(len(p.reason) < 300 for p in note.problems)
    for text, _line in note.drills:
        _type, _level, problem = check_drill_spec(text)
        assert problem is None or len(problem[1]) < 300


# --- the property: arbitrary bytes and arbitrary YAML text ------------------------------------------

yaml_atoms = st.sampled_from(
    [
        "&a ", "*a", "&b ", "*b", "[", "]", "{", "}", ", ", ": ", "- ", "\n", "\n  ", "\n    ", "? ", "|", ">",
        "!!str ", "!!int ", "!!python/object:os.system ", "'", '"', "#", "2025-02-30", "0001-01-01",
        "9999-12-31T23:59:59-12:00", "99999999999999999999999", "-1", ".nan", ".inf", "~", "null", "true",
        "created", "review_count", "next_review", "last_reviewed", "mastery_level", "tags", "difficulty",
        "<<: *a", "%YAML 1.1", "---", "...", "\t", "\\", "\x85", "\u2028", "中文", "0x1F", "1e400",
    ]
)  # fmt: skip
yaml_text = st.lists(st.one_of(yaml_atoms, st.text(string.printable, max_size=4)), max_size=60).map("".join)


def _check(raw: bytes) -> None:
    try:
        note = parse_note(decode_note(raw))
    except NoteRejected as exc:
        assert isinstance(exc.reason, str) and len(exc.reason) <= MAX_REASON and "\n" not in exc.reason
        assert exc.line is None or exc.line >= 1
        return
    assert note.question
    assert note.review_count is None or 0 <= note.review_count < 2**63
    assert note.mastery_level is None or 0.0 <= note.mastery_level <= 1.0
    for key in ("created", "last_reviewed", "next_review"):
        value = getattr(note, key)
        assert value is None or 1900 <= int(value[:4]) <= 9000
    assert all(len(p.reason) < 300 and "\n" not in p.reason for p in note.problems)


@settings(max_examples=300)
@given(front=yaml_text, body=st.text(max_size=200))
def test_arbitrary_yaml_front_matter_only_ever_gives_a_note_or_one_rejection(front, body):
    _check(("---\n" + front + "\n---\n# 问题\n" + body).encode("utf-8", "surrogatepass"))


@settings(max_examples=200)
@given(spec=yaml_text)
def test_arbitrary_qkvdrill_block_only_ever_gives_a_drill_or_one_problem(spec):
    _type, _level, problem = check_drill_spec(spec)
    assert problem is None or (isinstance(problem[1], str) and len(problem[1]) < 300 and "\n" not in problem[1])


@settings(max_examples=300)
@given(st.binary(max_size=800))
def test_arbitrary_bytes_only_ever_give_a_note_or_one_rejection(raw):
    _check(raw)
    _check(b"---\n" + raw)
