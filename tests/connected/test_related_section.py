"""Only the marked section's link lines change; every other byte stays; a missing section is appended."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qkvstudy.notes.related_section import MARKER, LeftAlone, Link, link_line, rewrite_related

LINKS = [Link("QKV是什么", "Transformer/QKV是什么.md", 31, ("Transformer", "Transformer/QKV是什么.md"))]
NEW = [
    Link("因果掩码", "Transformer/因果掩码.md", 40, ("Transformer",)),
    Link("a (b) c", "T/a (b) 100%.md", 12, ("T",)),
]


def note(eol: str = "\n", links: str = "", final: bool = True) -> bytes:
    lines = ["---", "tags: [Transformer]", "---", "# 问题", "", "## 面试标准答案", "", "答案", "", "---", ""]
    lines += ["## 相关笔记", MARKER, ""] + ([links] if links else [])
    text = eol.join(lines) + (eol if final else "")
    return text.encode()


def test_seed_line_format():
    assert link_line(LINKS[0]) == (
        "- [QKV是什么](notes/Transformer/QKV是什么.md) - 相似度: 31% | 标签: Transformer, Transformer/QKV是什么.md"
    )
    # a path that would end a Markdown link early is escaped the way the link reader undoes it
    from qkvstudy.notes.links import link_target_path

    line = link_line(NEW[1])
    target = line[line.index("](") + 2 : line.index(") - ")]
    assert " " not in target and link_target_path(target) == "T/a (b) 100%.md"


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
@pytest.mark.parametrize("final", [True, False])
def test_only_the_link_lines_change(eol, final):
    old_line = link_line(LINKS[0])
    raw = b"\xef\xbb\xbf" + note(eol, old_line, final)
    out = rewrite_related(raw, NEW)
    expected = raw.replace(old_line.encode(), eol.join(link_line(x) for x in NEW).encode())
    assert out == expected
    assert rewrite_related(out, NEW) is out  # the same links twice: nothing to write


def test_links_inserted_after_an_empty_marker_and_removed_when_none_qualify():
    raw = note()
    out = rewrite_related(raw, LINKS)
    assert out == raw + link_line(LINKS[0]).encode() + b"\n"
    assert rewrite_related(out, []).startswith(raw[: raw.index(MARKER.encode())])
    assert link_line(LINKS[0]).encode() not in rewrite_related(out, [])


def test_a_note_without_the_section_gets_one_at_the_end():
    raw = b"# Q\r\n\r\nbody"
    out = rewrite_related(raw, LINKS)
    assert out.startswith(raw + b"\r\n")
    assert out.endswith(("\r\n## 相关笔记\r\n" + MARKER + "\r\n\r\n" + link_line(LINKS[0]) + "\r\n").encode())
    assert rewrite_related(raw, []) is raw  # nothing to link: the note is left alone


def test_hand_written_section_and_look_alikes_are_left_alone():
    raw = b"# Q\n\n## \xe7\x9b\xb8\xe5\x85\xb3\xe7\xac\x94\xe8\xae\xb0\n\n- [x](notes/x.md)\n"
    with pytest.raises(LeftAlone):
        rewrite_related(raw, LINKS)
    # a heading and a marker inside a code fence are text, not the section
    fenced = ("# Q\n\n```md\n## 相关笔记\n" + MARKER + "\n- [x](notes/x.md)\n```\n").encode()
    out = rewrite_related(fenced, LINKS)
    assert out.startswith(fenced) and out.count(MARKER.encode()) == 2


_line = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab #-[]()\r<>!`~相关笔记")), max_size=30),
    st.sampled_from(["## 相关笔记", MARKER, "```", "", "- [x](notes/x.md)", "# H"]),
)


def _other_lines(text: str) -> list[str]:
    # CR compared apart: appending after a last line without an ending gives that line one
    return [line.rstrip("\r") for line in text.split("\n") if not line.lstrip().startswith("- [") and line.strip()]


@given(st.lists(_line, max_size=12), st.lists(_line, max_size=6), st.sampled_from(["\n", "\r\n"]))
def test_only_link_lines_ever_change(before, after, eol):
    text = eol.join(["# Q", *before, "## 相关笔记", MARKER, "", link_line(LINKS[0]), *after])
    raw = text.encode()
    try:
        out = rewrite_related(raw, NEW)
    except LeftAlone as exc:
        # an unmarked section is the user's; an unclosed fence would swallow what is appended
        assert "## 相关笔记" in before + after or (exc.key == "connected.related.open_fence" and "```" in before)
        return
    kept, now = _other_lines(text), _other_lines(out.decode())
    # every non-blank line that is not a link stays, in order; at most a new section is appended
    assert now[: len(kept)] == kept
    assert now[len(kept) :] in ([], ["## 相关笔记", MARKER])
    assert rewrite_related(out, NEW) is out
