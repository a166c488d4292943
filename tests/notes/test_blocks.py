"""The line scanner against markdown-it, its reference: the same blocks, hence the same notes."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qkvstudy.notes.blocks import Block, fence_closed, markdown_blocks, note_blocks, scan_blocks
from qkvstudy.notes.parse import (
    ANSWER_TITLES,
    RELATED_TITLES,
    NoteRejected,
    ParsedNote,
    _apply_front_matter,
    _load_front_matter,
    _parse_note,
    _related_links,
    drop_trailing_rule,
)

pytestmark = pytest.mark.usefixtures("english")

REPO = Path(__file__).resolve().parents[2]
BUNDLED = sorted((REPO / "notes").rglob("*.md")) + sorted((REPO / "tests" / "fixtures").rglob("*.md"))


def decoded(path: Path) -> str | None:
    """The text parse_note sees (BOM and CRs gone, as decode_note leaves it), or None if not UTF-8."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def reference(text: str, _lines: list[str]) -> list[Block]:
    return markdown_blocks(text)


def outcome(text: str, blocks_of=note_blocks) -> ParsedNote | tuple[str, int | None]:
    try:
        return _parse_note(text, blocks_of)
    except NoteRejected as exc:
        return exc.reason, exc.line


def assert_scanned(text: str) -> None:
    """Every block markdown-it finds, and the outline: the same without headings below level 2."""
    lines = text.split("\n")
    full = markdown_blocks(text)
    assert scan_blocks(text, lines) == full
    assert scan_blocks(text, lines, outline=True) == [b for b in full if b.kind != "heading" or b.level <= 2]


def cut_by_lines(text: str) -> ParsedNote:
    """The reference for cutting a note by its blocks' offsets: parse.py's cut before it, which split
    the whole text into lines and joined them back (with markdown-it's blocks)."""
    lines = text.split("\n")
    blocks = markdown_blocks(text)
    front, fm_lines, body_start = {}, [], 0
    if blocks and blocks[0].kind == "front_matter":
        fm_lines = lines[1 : blocks[0].end - 1]
        body_start = blocks[0].end
        front = _load_front_matter("\n".join(fm_lines))
    elif lines and lines[0].rstrip() == "---":
        raise NoteRejected("fm_unclosed", 1)
    question, h2, drills = None, [], []
    for block in blocks:
        if block.kind == "heading":
            title = re.sub(r"\s+#+\s*$", "", block.text.strip())
            if block.level == 1 and question is None and title:
                question = title
            elif block.level == 2:
                h2.append((block.start, title))
        elif block.kind == "fence" and block.text.strip().lower() == "qkvdrill":
            content = "\n".join(lines[block.start + 1 : block.end - 1 if fence_closed(lines, block) else block.end])
            drills.append((content + "\n" if content else "", block.start + 1))
    if not question:
        raise NoteRejected("no_h1", body_start + 1 if body_start else 1)
    sections, related = [], []
    for n, (start, title) in enumerate(h2):
        end = h2[n + 1][0] if n + 1 < len(h2) else len(lines)
        content = "\n".join(lines[start + 1 : end]).strip("\n")
        if title.strip().lower() in RELATED_TITLES:
            related.extend(_related_links(content))
        else:
            sections.append((title, drop_trailing_rule(content)))
    titles = [title.strip().lower() for title, _ in sections]
    answer = next((n for n, title in enumerate(titles) if title in ANSWER_TITLES), 0 if sections else None)
    note = ParsedNote(question, sections, answer, related, drills=drills)
    _apply_front_matter(note, front, "\n".join(fm_lines))
    return note


def cut_outcome(text: str) -> ParsedNote | tuple[str, int | None]:
    try:
        return cut_by_lines(text)
    except NoteRejected as exc:
        return exc.reason, exc.line


def assert_same(text: str) -> None:
    assert_scanned(text)
    ours = outcome(text)
    assert ours == outcome(text, reference)
    if isinstance(ours, ParsedNote):  # a rejection's reason is the same message either way
        assert ours == cut_outcome(text)
    else:
        assert isinstance(cut_outcome(text), tuple)


# Lines that open, close or almost open every block the scanner decides, and the look-alikes
# markdown-it does not treat as one here (setext underlines, lists, quotes, HTML comments, rules).
LINES = [
    "",
    "text 文本 $q_i$",
    "# 问题",
    "#",
    "# ",
    "#\ttab",
    "# #",
    "# ###",
    "## 面试标准答案",
    "## 相关笔记",
    "## closing ##",
    "## x#",
    "### 1. 第1部分",
    "   ### three",
    "###### six #",
    "####### seven",
    "#nospace",
    "   # three spaces",
    "    # four spaces",
    "\t# tab",
    " \t# space tab",
    "```",
    "````",
    "```python",
    "```qkvdrill",
    " ```qkvdrill ",
    "```QKVDRILL\u3000",
    "~~~q\u212avdrill",
    "``` a`b",
    "```  ",
    "~~~",
    "~~~~ `ok`",
    "   ~~~",
    "    ```",
    "``",
    "type: causal_mask",
    "level: 1",
    "---",
    "----",
    "--- x",
    " ---",
    "   ---  ",
    "...",
    "... ",
    "Title",
    "===",
    "- item",
    "- [QKV是什么](notes/Transformer/QKV是什么.md) - 相似度: 31% | 标签: Transformer",
    "> # quote",
    "<!-- 自动生成 -->",
    "<!--",
    "# inside a comment",
    "-->",
    "***",
    "    code",
    "   ",
    "\t",
]
line = st.one_of(st.sampled_from(LINES), st.text(alphabet="#`~-. \t=xa问:", max_size=12))
endings = st.sampled_from(["", "\n", "\n\n", "\n  ", "\n\t"])


@settings(max_examples=400, deadline=None)
@given(st.lists(line, max_size=30), endings)
def test_scanner_finds_markdown_its_blocks_line_by_line(lines, ending):
    text = "\n".join(lines) + ending
    assert_scanned(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="#`~-.\n \t=x问", max_size=200))
def test_scanner_finds_markdown_its_blocks_in_any_text(text):
    assert_scanned(text)


yaml_values = st.one_of(
    st.none(),
    st.integers(-3, 100),
    st.sampled_from(["medium", "'2025-10-19'", "2025-02-30", "[]", "[a, b]"]),
    st.text(max_size=12),
)
front_keys = st.sampled_from(["created", "next_review", "review_count", "difficulty", "tags", "related_outlines", "x"])
openings = st.sampled_from(["---", "---", "----", "--- x", " ---", ""])
closings = st.sampled_from(["---", "---", "...", "  ---", "-----", "--", ""])


@st.composite
def notes(draw: st.DrawFn) -> str:
    """A whole note: front-matter (well-formed or not), a question, sections, fences, drills, links."""
    parts = []
    opening = draw(openings)
    if opening:
        front = draw(st.dictionaries(front_keys, yaml_values, max_size=5))
        parts += [opening, yaml.safe_dump(front, allow_unicode=True).rstrip("\n"), draw(closings)]
    parts += draw(st.lists(line, max_size=4))
    parts.append(draw(st.sampled_from(["# 为什么除以 √d_k？", "# Q ##", "Q\n===", "#"])))
    for _ in range(draw(st.integers(0, 4))):
        parts.append(draw(st.sampled_from(["## 面试标准答案", "## 详细技术解析", "## 相关笔记", "## Answer", "##"])))
        parts += draw(st.lists(line, max_size=8))
        if draw(st.booleans()):
            fence = draw(st.sampled_from(["```qkvdrill", "~~~qkvdrill", "```python"]))
            parts += [fence, "type: causal_mask", "level: 1"]
            parts.append(draw(st.sampled_from([fence[:3], fence[:3] + "`", "", "# not closed"])))
    return "\n".join(parts) + draw(endings)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes())
def test_a_note_parses_the_same_with_the_scanner_and_with_markdown_it(text):
    assert_same(text)


@pytest.mark.parametrize("path", [p for p in BUNDLED if decoded(p) is not None], ids=lambda p: p.name)
def test_bundled_notes_parse_the_same_with_the_scanner_and_with_markdown_it(path):
    text = decoded(path)
    assert text is not None
    assert_same(text)


def test_bundled_library_is_all_there():
    assert len([p for p in BUNDLED if p.is_relative_to(REPO / "notes")]) >= 20


@pytest.mark.parametrize(
    ("text", "question", "drill"),
    [
        ("---\na: 1\n...\n# Q\n", "Q", None),  # YAML's document end closes the front-matter
        ("---\na: 1\n  ---\n# Q\n", "Q", None),  # an indented closing line still closes it
        ("-----\na: 1\n# Hidden\n-----\n# Q\n", "Q", None),  # as many dashes as the opening
        ("# Q\n```qkvdrill\ntype: x\n# last line\n", "Q", "type: x\n# last line\n"),  # unclosed: to the end
        ("# Q\n````qkvdrill\ntype: x\n```\n````\n", "Q", "type: x\n```\n"),  # a shorter run does not close
        ("# Q\n~~~qkvdrill\ntype: x\n~~~   \n# R\n", "Q", "type: x\n"),
    ],
)
def test_edge_cases(text, question, drill):
    note = outcome(text)
    assert isinstance(note, ParsedNote) and note.question == question
    assert [d for d, _line in note.drills] == ([drill] if drill else [])
    assert note == outcome(text, reference)


def test_undecidable_text_goes_to_markdown_it():
    text = "# a\x00b\n"
    assert note_blocks(text, text.split("\n")) == [Block("heading", 0, 1, level=1, text="a\ufffdb")]


def test_trim_set_is_markdown_its():
    from markdown_it.common.utils import MD_TRIM_CHARS as trimmed_by_markdown_it

    from qkvstudy.notes.blocks import MD_TRIM_CHARS

    assert trimmed_by_markdown_it == MD_TRIM_CHARS


def test_parsing_a_note_does_not_load_markdown_it():
    code = (
        "import sys; from qkvstudy.notes.parse import parse_note\n"
        "note = parse_note('---\\ntags: [a]\\n---\\n# Q\\n\\n## 答案\\n\\n```python\\n# x\\n```\\n')\n"
        "assert note.question == 'Q' and note.tags == ['a']\n"
        "print('markdown_it' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "False"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes())
def test_a_fence_is_closed_exactly_when_markdown_it_ends_it_before_the_end(text):
    """markdown-it's oracle: text appended after the note extends an unclosed fence, never a closed one."""
    lines = text.split("\n")
    extended = {b.start: b.end for b in markdown_blocks(text + "\n\nappended\n") if b.kind == "fence"}
    for block in scan_blocks(text, lines):
        if block.kind == "fence":
            assert fence_closed(lines, block) == (extended[block.start] == block.end)
