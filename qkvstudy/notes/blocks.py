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
from collections.abc import Iterable
from itertools import chain
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
# fourth column, which makes an indented code line), then the marker. Searched from the newline
# before it: a literal first character lets the regex engine skip ahead (4x faster than ^ with re.M).
_CANDIDATE = re.compile(r"\n {0,3}(?:#|```|~~~)")
_FIRST_CANDIDATE = re.compile(r" {0,3}(?:#|```|~~~)")
# The same, for a note's outline: a heading of level 3 or more neither cuts a section nor opens a
# fence, so its line is not even looked at (most headings of real notes are ### subsections).
_OUTLINE_CANDIDATE = re.compile(r"\n {0,3}(?:##?(?!#)|```|~~~)")
_OUTLINE_FIRST_CANDIDATE = re.compile(r" {0,3}(?:##?(?!#)|```|~~~)")
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


def note_blocks(text: str, lines: list[str]) -> list[Block]:
    """The note's outline: its front-matter, fences and headings of levels 1 and 2 (what a note is cut
    by), by the line scanner when it can decide them, else by markdown-it (which gives every level).

    `lines` is `text.split("\\n")`.
    """
    if "\r" in text or "\x00" in text:  # markdown-it rewrites these first: its lines are not ours
        return markdown_blocks(text)
    return scan_blocks(text, lines, outline=True)


def _line_max(lines: list[str]) -> int:
    """markdown-it's line count: a last line of only spaces and tabs (or nothing) is not a line."""
    return len(lines) - 1 if not lines[-1].strip(" \t") else len(lines)


def scan_blocks(text: str, lines: list[str], outline: bool = False) -> list[Block]:
    """The line scanner: markdown-it's front_matter, fence and ATX heading rules on a note's lines.

    With `outline`, headings of level 3 to 6 are left out (markdown_blocks without them).
    """
    blocks: list[Block] = []
    pos = 0  # where line `line_no` starts: the scan begins there
    line_no = 0
    if text.startswith("---"):
        front = _front_matter(text, lines)
        if front is not None:
            blocks.append(front)
            line_no = front.end
            pos = _offset_of_line(text, line_no)
            if pos < 0:
                return blocks
    first, later = (_OUTLINE_FIRST_CANDIDATE, _OUTLINE_CANDIDATE) if outline else (_FIRST_CANDIDATE, _CANDIDATE)
    found: Iterable[re.Match[str] | None] = later.finditer(text, max(pos - 1, 0))
    if pos == 0 and first.match(text):
        found = chain((None,), found)  # None: line 0, which has no newline before it
    count = text.count
    fence: tuple[int, str, int] | None = None  # (start line, marker, length) of the open fence
    for m in found:
        if m is not None:  # the line after this newline: count the lines since the last one
            start = m.start() + 1
            line_no += count("\n", pos, start)
            pos = start
        body = lines[line_no].lstrip(" ")
        if fence is not None:
            start_line, marker, length = fence
            if body[:1] == marker:
                run = len(body) - len(body.lstrip(marker))
                if run >= length and not body[run:].strip(" \t"):
                    blocks.append(Block("fence", start_line, line_no + 1, text=fence_info(lines[start_line])))
                    fence = None
            continue
        marker = body[0]
        if marker == "#":
            heading = _heading(body)
            if heading is not None:
                blocks.append(Block("heading", line_no, line_no + 1, heading[0], heading[1]))
            continue
        run = len(body) - len(body.lstrip(marker))
        if marker == "`" and "`" in body[run:]:
            continue  # a backtick fence's info may not hold a backtick: not a fence
        fence = (line_no, marker, run)
    if fence is not None:
        blocks.append(Block("fence", fence[0], _line_max(lines), text=fence_info(lines[fence[0]])))
    return blocks


def _offset_of_line(text: str, line_no: int) -> int:
    """Where 0-based line `line_no` starts in text, or -1 past the end."""
    pos = 0
    for _ in range(line_no):
        pos = text.find("\n", pos) + 1
        if pos == 0:
            return -1
    return pos


def _front_matter(text: str, lines: list[str]) -> Block | None:
    """markdown-it's front_matter rule: `---` (or more dashes) at the very start, closed by as many
    dashes (indented at most three spaces) or by `...`; unclosed is no front-matter at all."""
    first = lines[0]
    opening = len(first) - len(first.lstrip("-"))
    if opening < 3:
        return None
    pos = text.find("\n")
    if pos < 0:
        return None
    line_no = 0
    for m in _FM_CLOSE.finditer(text, pos):
        line_no += text.count("\n", pos, m.start() + 1)
        pos = m.start() + 1
        dashes = m.group(1)
        if dashes is None or len(dashes) >= opening:
            return Block("front_matter", 0, line_no + 1)
    return None


def _heading(body: str) -> tuple[int, str] | None:
    """An ATX heading's (level, text) from its line without the indent, or None."""
    level = len(body) - len(body.lstrip("#"))
    if level > 6 or (level < len(body) and body[level] not in " \t"):
        return None
    end = len(body.rstrip(" \t"))
    if end < level:
        end = level
    cut = end
    while cut > level and body[cut - 1] == "#":
        cut -= 1
    if cut > level and body[cut - 1] in " \t":
        end = cut
    return level, body[level:end].strip(MD_TRIM_CHARS)


def fence_info(line: str) -> str:
    """A fence's info string: what follows the marker run on its opening line."""
    body = line.lstrip(" ")
    return body.lstrip(body[0])


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
