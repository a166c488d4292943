"""The blocks a note's structure comes from: front-matter, ATX headings and code fences.

Indexing needs only where these blocks are, not a Markdown parse: a line scanner finds them in a
fraction of markdown-it's time. markdown-it (front_matter plugin, code, fence and heading rules,
no inline pass) stays the reference: `markdown_blocks` gives the same `Block` list from its
tokens, a property test holds the two equal on generated and bundled notes, and a note the
scanner cannot decide (a CR or NUL, which markdown-it rewrites before parsing) is handed to it.

Why only these rules decide anything: paragraphs and indented code blocks never hide a heading or
a fence (a heading or fence interrupts a paragraph, and a line indented four columns or more, tabs
expanded, can open neither), so only fences, which swallow every line up to their closing fence,
and the front-matter at the very top change what is a heading.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# markdown-it's mdTrim set (JavaScript's trim minus U+FEFF); a test holds it equal to markdown-it's.
MD_TRIM_CHARS = "".join(
    chr(c)
    for c in sorted(
        {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000, 0x2028, 0x2029}
        | set(range(0x2000, 0x200B))
    )
)

# A line that can open or close a heading or fence: up to three spaces (a tab always reaches the
# fourth column, which makes an indented code line), then the marker run (group 1) and the rest of
# the line (group 2). Searched from the newline before it: a literal first character lets the regex
# engine skip ahead (4x faster than ^ with re.M). The groups spare a split of the text into lines.
_MARKER = r" {0,3}(#+|```+|~~~+)([^\n]*)"  # ```+, not `{3,}: a literal start is a third faster
# For a note's outline, headings of level 3 or more are not even looked at: they cut no section and
# open no fence (most headings of real notes are ### subsections).
_OUTLINE_MARKER = r" {0,3}(##?(?!#)|```+|~~~+)([^\n]*)"
_CANDIDATE, _OUTLINE_CANDIDATE = re.compile("\n" + _MARKER), re.compile("\n" + _OUTLINE_MARKER)
# A line that can close the front-matter: dashes (counted against the opening) or YAML's `...`.
_FM_CLOSE = re.compile(r"\n(?: {0,3}(-{3,})|\.\.\.)[ \t]*(?=\n|\Z)")

_md: MarkdownIt | None = None  # built on first fallback: most imports never load markdown-it


class Block(NamedTuple):
    """One block, with markdown-it's line map: lines [start, end), 0-based (a tuple: cheap to make)."""

    kind: str  # "front_matter" | "heading" | "fence"
    start: int
    end: int
    level: int = 0  # a heading's level, 1-6
    text: str = ""  # a heading's text as markdown-it gives it (closing #s cut, trimmed); a fence's info


# The scanner makes its Blocks as tuple.__new__(Block, (all five fields)): the same Block, without
# the Python frame of the NamedTuple's own __new__ (a quarter of a microsecond a block).
_new = tuple.__new__


def note_blocks(text: str, lines: list[str]) -> list[Block]:
    """The note's outline: its front-matter, fences and headings of levels 1 and 2 (what a note is cut
    by), by the line scanner when it can decide them, else by markdown-it (which gives every level).

    `lines` is `text.split("\\n")`.
    """
    if undecidable(text):
        return markdown_blocks(text)
    return scan_blocks(text, lines, outline=True)


def undecidable(text: str) -> bool:
    """Whether markdown-it rewrites the text before parsing (a CR or a NUL): its lines are not ours."""
    return "\r" in text or "\x00" in text


def scan_blocks(
    text: str, lines: list[str] | None = None, outline: bool = False, offsets: list[int] | None = None
) -> list[Block]:
    """The line scanner: markdown-it's front_matter, fence and ATX heading rules on a note's text.

    With `outline`, headings of level 3 to 6 are left out (markdown_blocks without them). Into
    `offsets`, when given, goes where each block's first line starts in the text (for the
    front-matter, where its closing line starts: its YAML ends there), so that a note can be cut
    without splitting it into lines. (`lines` is not needed: the regexes read the text.)
    """
    blocks: list[Block] = []
    pos = 0  # where line `line_no` starts: the scan begins there
    line_no = 0
    found_at = offsets if offsets is not None else []
    if text.startswith("---"):
        front = _front_matter(text)
        if front is not None:
            blocks.append(front[0])
            found_at.append(front[1])
            line_no = front[0].end
            pos = text.find("\n", front[1]) + 1
            if pos == 0:
                return blocks
    # Searched with a newline put before the text, so the first line is found like any other, and
    # where a match starts in `shifted` is where its line starts in `text`.
    shifted = "\n" + text
    count = text.count
    fence: tuple[int, int, str, int, str] | None = None  # (start line, its offset, marker, length, info)
    for m in (_OUTLINE_CANDIDATE if outline else _CANDIDATE).finditer(shifted, pos):
        start = m.start()
        line_no += count("\n", pos, start)
        pos = start
        run, rest = m.group(1, 2)
        marker = run[0]
        if fence is not None:
            if marker == fence[2] and len(run) >= fence[3] and not rest.strip(" \t"):
                blocks.append(_new(Block, ("fence", fence[0], line_no + 1, 0, fence[4])))
                found_at.append(fence[1])
                fence = None
            continue
        if marker == "#":
            heading = _heading(len(run), rest)
            if heading is not None:
                blocks.append(_new(Block, ("heading", line_no, line_no + 1, heading[0], heading[1])))
                found_at.append(start)
            continue
        if marker == "`" and "`" in rest:
            continue  # a backtick fence's info may not hold a backtick: not a fence
        fence = (line_no, start, marker, len(run), rest)
    if fence is not None:  # unclosed: to the end, as markdown-it counts lines
        last = text.rfind("\n") + 1  # the last line; a last line of only spaces and tabs is not one
        lines_in_text = count("\n") + 1
        end = lines_in_text if text[last:].strip(" \t") else lines_in_text - 1
        blocks.append(_new(Block, ("fence", fence[0], end, 0, fence[4])))
        found_at.append(fence[1])
    return blocks


def _front_matter(text: str) -> tuple[Block, int] | None:
    """markdown-it's front_matter rule: `---` (or more dashes) at the very start, closed by as many
    dashes (indented at most three spaces) or by `...`; unclosed is no front-matter at all.
    With the block, where its closing line starts."""
    pos = text.find("\n")
    if pos < 0:
        return None
    first = text[:pos]
    opening = len(first) - len(first.lstrip("-"))
    if opening < 3:
        return None
    line_no = 0
    for m in _FM_CLOSE.finditer(text, pos):
        line_no += text.count("\n", pos, m.start() + 1)
        pos = m.start() + 1
        dashes = m.group(1)
        if dashes is None or len(dashes) >= opening:
            return Block("front_matter", 0, line_no + 1), pos
    return None


def _heading(level: int, rest: str) -> tuple[int, str] | None:
    """An ATX heading's (level, text) from its marker run's length and the rest of its line, or None."""
    if level > 6 or (rest and rest[0] not in " \t"):
        return None
    end = len(rest.rstrip(" \t"))
    cut = end
    while cut > 0 and rest[cut - 1] == "#":
        cut -= 1
    if cut > 0 and rest[cut - 1] in " \t":
        end = cut
    return level, rest[:end].strip(MD_TRIM_CHARS)


def fence_closed(lines: list[str], block: Block) -> bool:
    """Whether a fence ends with a closing line (an unclosed one runs to the end of the note)."""
    last = block.end - 1
    if last <= block.start:
        return False
    opening = lines[block.start].lstrip(" ")
    marker = opening[0]
    length = len(opening) - len(opening.lstrip(marker))
    body = lines[last].lstrip(" ")
    run = len(body) - len(body.lstrip(marker))
    return len(lines[last]) - len(body) <= 3 and run >= length and run > 0 and not body[run:].strip(" \t")


def _parser() -> MarkdownIt:
    global _md
    if _md is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.front_matter import front_matter_plugin

        _md = MarkdownIt("zero").use(front_matter_plugin).enable(["heading", "fence", "code"]).disable(["inline"])
    return _md


def markdown_blocks(text: str) -> list[Block]:
    """The reference: the same blocks from markdown-it's tokens."""
    tokens = _parser().parse(text)
    blocks: list[Block] = []
    for i, tok in enumerate(tokens):
        if tok.map is None:
            continue
        start, end = tok.map
        if tok.type == "front_matter":
            blocks.append(Block("front_matter", start, end))
        elif tok.type == "heading_open":
            title = tokens[i + 1].content if i + 1 < len(tokens) else ""
            blocks.append(Block("heading", start, end, level=int(tok.tag[1:]), text=title))
        elif tok.type == "fence":
            blocks.append(Block("fence", start, end, text=tok.info))
    return blocks
