"""Write a note's auto-generated `## 相关笔记` section, and nothing else.

Only a `## 相关笔记` section that carries the `<!-- 自动生成 -->` marker is the tool's: its link
lines (`- [` lines after the marker) are replaced, the new ones where the first old one stood; every other
byte of the file (BOM, front-matter, body, blank lines, line endings, a missing final newline)
stays as it was. A note without any related section gets one appended at the end; a section
without the marker was written by hand and is left alone.

Link lines follow the seed: `- [title](notes/<path in the library>) - 相似度: 31% | 标签: a, b`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["LeftAlone", "MARKER", "link_line", "rewrite_related"]

MARKER = "<!-- 自动生成 -->"
HEADING = "## 相关笔记"
_BOM = b"\xef\xbb\xbf"
_RELATED_TITLES = ("相关笔记", "related notes", "related")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LINK_ITEM = re.compile(r"^\s*[-*+]\s+\[")
# Characters that would end a Markdown link target early, written as the URL escapes readers undo.
_TARGET_ESCAPES = str.maketrans({"%": "%25", " ": "%20", "(": "%28", ")": "%29"})


class LeftAlone(Exception):
    """The section cannot be written safely; `key` names the reason in the message catalog."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Link:
    title: str
    path: str  # library-relative
    percent: int
    tags: Sequence[str]


def link_line(link: Link) -> str:
    title = " ".join(link.title.split()).replace("[", "［").replace("]", "］")
    target = "notes/" + link.path.translate(_TARGET_ESCAPES)
    tags = ", ".join(" ".join(t.split()) for t in link.tags)
    return f"- [{title}]({target}) - 相似度: {link.percent}% | 标签: {tags}"


def _split_lines(text: str) -> list[str]:
    """Lines with their endings, split on LF only (CR stays with its line, like other bytes)."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _body_start(lines: list[str]) -> int:
    if lines and lines[0].rstrip("\r\n \t") == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip("\r\n \t") in ("---", "..."):
                return i + 1
    return 0


def _headings(lines: list[str], start: int) -> tuple[list[tuple[int, int, str]], bool]:
    """(line index, level, title) of every ATX heading outside fenced code; does the text end in a fence?"""
    out: list[tuple[int, int, str]] = []
    fence: str | None = None
    for i in range(start, len(lines)):
        line = lines[i].rstrip("\r\n")
        m = _FENCE.match(line)
        if fence is not None:
            if (
                m
                and m.group(1)[0] == fence[0]
                and len(m.group(1)) >= len(fence)
                and not line.strip()[len(m.group(1)) :]
            ):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        h = _HEADING.match(line)
        if h:
            title = re.sub(r"[ \t]+#+$", "", h.group(2) or "").strip()
            out.append((i, len(h.group(1)), title))
    return out, fence is not None


def _eol(line: str, fallback: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    return "\n" if line.endswith("\n") else fallback


def rewrite_related(raw: bytes, links: Sequence[Link]) -> bytes:
    """`raw` with its marked related section holding `links`; the same object when nothing changes.

    Raises LeftAlone for an unmarked related section or an unclosed code fence, UnicodeDecodeError for a non-UTF-8 file.
    """
    bom = _BOM if raw.startswith(_BOM) else b""
    text = raw[len(bom) :].decode("utf-8")
    lines = _split_lines(text)
    file_eol = "\r\n" if "\r\n" in text else "\n"
    new_lines = [link_line(link) for link in links]
    heads, open_fence = _headings(lines, _body_start(lines))
    related = [(n, i) for n, (i, level, title) in enumerate(heads) if level == 2 and title.lower() in _RELATED_TITLES]
    for n, head_line in related:
        end = next((i for i, level, _ in heads[n + 1 :] if level <= 2), len(lines))
        marker = next((i for i in range(head_line + 1, end) if lines[i].strip() == MARKER), None)
        if marker is None:
            continue
        result = _replace_links(lines, marker, end, new_lines)
        out = "".join(result)
        return raw if out == text else bom + out.encode("utf-8")
    if related:
        raise LeftAlone("connected.related.hand_written")
    if not new_lines:
        return raw
    if open_fence:  # appended text would be code, and appended again next time
        raise LeftAlone("connected.related.open_fence")
    eol = _eol(lines[-1] if lines else "", file_eol) if text.endswith("\n") else file_eol
    tail = "" if text.endswith("\n") or not text else eol
    block = [eol, HEADING + eol, MARKER + eol, eol] + [line + eol for line in new_lines]
    return bom + (text + tail + "".join(block)).encode("utf-8")


def _replace_links(lines: list[str], marker: int, end: int, new_lines: list[str]) -> list[str]:
    items = [i for i in range(marker + 1, end) if _LINK_ITEM.match(lines[i])]
    eol = _eol(lines[marker], "\n")
    if items:
        # The new links go where the first old one was; old link lines go; any other line stays.
        first, last = items[0], items[-1]
        eol = _eol(lines[first], eol)
        between = [lines[i] for i in range(first, last + 1) if i not in set(items)]
        final = eol if between else lines[last][len(lines[last].rstrip("\r\n")) :]  # how the old block ended
        block = [line + eol for line in new_lines[:-1]] + ([new_lines[-1] + final] if new_lines else [])
        if not new_lines and first > marker + 1 and not lines[first - 1].strip():
            first -= 1  # drop the blank line that separated the links from the marker
        return lines[:first] + block + between + lines[last + 1 :]
    if not new_lines:
        return lines
    head = lines[: marker + 1]
    if not head[-1].endswith("\n"):
        head[-1] += eol  # the marker was the file's last line, without an ending
    rest = lines[marker + 1 :]
    prefix = [eol]
    if marker + 1 < end and not rest[0].strip():
        head, rest, prefix = head + rest[:1], rest[1:], []  # the blank line after the marker is there
    return head + prefix + [line + eol for line in new_lines] + rest
