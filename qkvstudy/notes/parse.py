"""Markdown note -> ParsedNote.

Parsing is the slow part of an import, so the structure (front-matter, ATX headings, code fences)
comes from a line scanner that yields exactly markdown-it's blocks, with markdown-it itself as the
reference and the fallback (notes.blocks). Sections are cut from the source lines by the headings'
line maps, so a section's Markdown is exactly what the user wrote.

Two kinds of trouble: `NoteRejected` (the file cannot be indexed: one line, `path:line: reason`)
and field problems (the note imports, the bad field is ignored, the user is told).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import accumulate
from typing import Any

import yaml

from qkvstudy.errors import QkvError
from qkvstudy.i18n import t
from qkvstudy.notes.blocks import Block, fence_closed, note_blocks, scan_blocks, undecidable
from qkvstudy.notes.small_yaml import load_front_matter_yaml
from qkvstudy.notes.yamlsafe import YamlBudgetError, short

MAX_NOTE_BYTES = 5 * 1024 * 1024
ANSWER_TITLES = ("面试标准答案", "标准答案", "答案", "answer")
RELATED_TITLES = ("相关笔记", "related notes", "related")
DIFFICULTIES = ("easy", "medium", "hard")
SCHEDULE_DATE_KEYS = ("created", "last_reviewed", "next_review")
# Dates outside these years overflow when moved across time zones and mean nothing for a review.
FIRST_YEAR, LAST_YEAR = 1900, 9000
MAX_REVIEW_COUNT = 100_000  # far beyond any real count, far inside SQLite's 64-bit integers
MAX_REASON = 200

_RELATED_LINE = re.compile(
    r"^\s*[-*+]\s*\[(?P<title>[^\]]*)\]\((?P<target>[^)\s]+)\)(?:.*?相似度\s*[:：]\s*(?P<sim>\d{1,3})\s*%)?"
)
_FM_KEY = re.compile(r"^([^\s#:][^:]*?)\s*:")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_RULES = ("---", "***", "___")


class NoteRejected(QkvError):
    """The file cannot be indexed. `line` is 1-based, or None when the whole file is at fault."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass(frozen=True)
class FieldProblem:
    line: int | None
    reason: str


@dataclass
class ParsedNote:
    question: str
    sections: list[tuple[str, str]]  # (H2 title, Markdown body) in file order
    answer_index: int | None  # index into sections
    related: list[tuple[str, str, int | None]]  # (title, target, similarity %)
    created: str | None = None  # ISO dates
    last_reviewed: str | None = None
    next_review: str | None = None
    review_count: int | None = None
    difficulty: str | None = None
    mastery_level: float | None = None
    tags: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # unknown front-matter keys, kept as loaded
    drills: list[tuple[str, int]] = field(default_factory=list)  # (qkvdrill YAML, 1-based line)
    problems: list[FieldProblem] = field(default_factory=list)


def decode_note(raw: bytes) -> str:
    """Bytes -> text with LF endings and no BOM, or NoteRejected for empty, binary and non-UTF-8 files."""
    if len(raw) > MAX_NOTE_BYTES:
        raise NoteRejected(t("core.note.too_big", mb=f"{len(raw) / 1048576:.1f}"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw or raw.isspace():  # what `not raw.strip()` says, without copying the file
        raise NoteRejected(t("core.note.empty"))
    if raw.find(b"\x00", 0, 8192) >= 0:  # `in raw[:8192]`, without copying 8 KB
        raise NoteRejected(t("core.note.binary"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        try:
            raw.decode("gbk")
        except UnicodeDecodeError:
            raise NoteRejected(t("core.note.not_utf8", byte=f"{raw[exc.start]:02x}", offset=exc.start), line) from None
        raise NoteRejected(t("core.note.gbk"), line) from None
    if b"\r" in raw:  # memchr over the bytes: `in` over the text is several times slower
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_note(raw: bytes) -> ParsedNote:
    """decode_note, then parse_note: what parse_note looks for in the text (a CR or a NUL, which
    markdown-it rewrites) is looked for in the bytes instead, where it is found faster. decode_note
    leaves no CR; a NUL after the first 8 KB it does not refuse."""
    text = decode_note(raw)
    return parse_note(text, rewritten=b"\x00" in raw)


def parse_note(text: str, rewritten: bool | None = None) -> ParsedNote:
    """Parse decoded note text (see decode_note). Raises NoteRejected; never anything else for any text.

    `rewritten`: whether the text holds what markdown-it rewrites before parsing (blocks.undecidable),
    when the caller knows; None: look."""
    try:
        note = _parse_note(text, rewritten=rewritten)
    except NoteRejected as exc:
        reason = one_line(exc.reason)
        if reason != exc.reason:
            raise NoteRejected(reason, exc.line) from None
        raise
    except (Exception, RecursionError) as exc:  # a bug must cost one note, not the import
        raise NoteRejected(t("trust.parse.failed", error=type(exc).__name__)) from None
    if note.problems:
        note.problems = [FieldProblem(p.line, one_line(p.reason)) for p in note.problems]
    return note


def one_line(reason: str, limit: int = MAX_REASON) -> str:
    """A reason as one short line: a value quoted from the file may hold line breaks or be long."""
    flat = reason.replace("\r", "\\r").replace("\n", "\\n").replace("\u2028", " ").replace("\u2029", " ")
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _parse_note(
    text: str, blocks_of: Callable[[str, list[str]], list[Block]] | None = None, rewritten: bool | None = None
) -> ParsedNote:
    """The note, cut by the offsets of its blocks' lines: the text is split into lines only for a
    drill or a note the line scanner leaves to markdown-it (or for `blocks_of`, a test's reference)."""
    lines: list[str] | None = None
    offsets: list[int] = []  # where each block starts (the front-matter: its closing line)
    try:
        if rewritten is None:
            rewritten = undecidable(text)
        if blocks_of is None and not rewritten:
            blocks = scan_blocks(text, None, outline=True, offsets=offsets)
        else:
            lines = text.split("\n")
            blocks = (blocks_of or note_blocks)(text, lines)
            starts = [0, *accumulate(len(line) + 1 for line in lines)]
            offsets = [starts[b.end - 1 if b.kind == "front_matter" else b.start] for b in blocks]
    except Exception as exc:  # markdown-it is robust, but a note must never crash an import
        raise NoteRejected(t("core.note.markdown", error=type(exc).__name__)) from None

    front: dict[Any, Any] = {}
    fm_text = ""
    body_start = 0
    if blocks and blocks[0].kind == "front_matter":
        body_start = blocks[0].end
        fm_text = text[text.find("\n") + 1 : offsets[0] - 1]  # between the --- lines
        front = _load_front_matter(fm_text)
    elif text.startswith("---") and text.partition("\n")[0].rstrip() == "---":
        raise NoteRejected(t("core.note.fm_unclosed"), 1)

    question = None
    h2: list[tuple[int, str]] = []  # (offset of the heading's line, title)
    drills: list[tuple[str, int]] = []
    for block, at in zip(blocks, offsets):
        kind, _start, _end, level, block_text = block  # unpacked: a NamedTuple's fields are slow to read
        if kind == "heading":
            title = block_text.strip()
            if "#" in title:
                title = _CLOSING_HASHES.sub("", title)  # closing sequence of an ATX heading
            if level == 1 and question is None and title:
                question = title
            elif level == 2:
                h2.append((at, title))
        # (len first: no text shorter than "qkvdrill" strips and lower-cases to it)
        elif kind == "fence" and len(block_text) >= 8 and block_text.strip().lower() == "qkvdrill":
            if lines is None:
                lines = text.split("\n")
            first = block.start + 1  # inside the fence lines
            content = "\n".join(lines[first : block.end - 1 if fence_closed(lines, block) else block.end])
            drills.append((content + "\n" if content else "", block.start + 1))
    if not question:
        raise NoteRejected(t("core.note.no_h1"), body_start + 1 if body_start else 1)

    sections: list[tuple[str, str]] = []
    related: list[tuple[str, str, int | None]] = []
    answer_index = None
    for n, (at, title) in enumerate(h2):
        # The lines after the heading's, up to the next one's: "\n".join(lines[start + 1 : end]).
        begin = text.find("\n", at) + 1
        end = h2[n + 1][0] - 1 if n + 1 < len(h2) else len(text)
        content = text[begin:end].strip("\n") if begin else ""
        name = title.strip().lower()
        if name in RELATED_TITLES:
            related.extend(_related_links(content))
            continue
        if answer_index is None and name in ANSWER_TITLES:  # the first section so named
            answer_index = len(sections)
        # A horizontal rule that only separates this section from the related list is not content.
        content = drop_trailing_rule(content)
        sections.append((title, content))
    if answer_index is None and sections:
        answer_index = 0

    note = ParsedNote(
        question=question,
        sections=sections,
        answer_index=answer_index,
        related=related,
        drills=drills,
    )
    _apply_front_matter(note, front, fm_text)
    return note


def drop_trailing_rule(content: str) -> str:
    """Content without a last line that is only a rule (`---`, `***`, `___`) and the blank lines before it.

    What the regex `\\n+(?:---|\\*\\*\\*|___)\\s*$` removed, then strip("\\n"), without a regex
    search through the whole section (a test holds the two equal).
    """
    stripped = content.rstrip()
    if stripped[-3:] in _RULES and stripped[:-3].endswith("\n"):
        content = stripped[:-3].rstrip("\n")
    return content.strip("\n")


def _load_front_matter(content: str) -> dict[Any, Any]:
    try:
        data = load_front_matter_yaml(content) if content.strip() else {}
    except YamlBudgetError as exc:
        raise NoteRejected(t("trust.parse.yaml_budget", reason=str(exc)), 1) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark is not None else 1  # +1 for 1-based, +1 for the opening ---
        reason = (exc.problem or exc.context or "invalid YAML").strip()
        raise NoteRejected(t("core.note.bad_yaml", reason=reason), line) from None
    except yaml.YAMLError as exc:
        raise NoteRejected(t("core.note.bad_yaml", reason=exc), 1) from None
    except RecursionError:
        raise NoteRejected(t("core.note.bad_yaml", reason=t("core.note.yaml_deep")), 1) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise NoteRejected(t("core.note.fm_not_mapping", kind=type(data).__name__), 2)
    return data


def _key_line(fm_text: str, key: str) -> int | None:
    for n, line in enumerate(fm_text.split("\n")):
        m = _FM_KEY.match(line)
        if m and m.group(1).strip("'\"") == key:
            return n + 2
    return None


# The ISO day of each date value seen (a str or a date, not a datetime): a library holds few distinct
# days, and reading one cost half a microsecond, three times a note. Bounded: cleared when full.
_ISO_DAYS: dict[object, str] = {}
_ISO_DAYS_MAX = 4096


def _as_date(value: object) -> str | None:
    """A YAML date, or a 'YYYY-MM-DD' string -> ISO string; ValueError otherwise."""
    kind = type(value)
    if kind is str or kind is date:
        iso = _ISO_DAYS.get(value)
        if iso is None:
            iso = _read_date(value)  # raises for what is not a date: that is never kept
            if len(_ISO_DAYS) >= _ISO_DAYS_MAX:
                _ISO_DAYS.clear()
            _ISO_DAYS[value] = iso
        return iso
    return _read_date(value)


def _read_date(value: object) -> str:
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str) and len(value) <= 40:
        day = date.fromisoformat(value.strip())
    else:
        raise ValueError
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError
    return day.isoformat()


_TYPED_KEYS = frozenset((*SCHEDULE_DATE_KEYS, "review_count", "difficulty", "mastery_level", "tags"))


def _apply_front_matter(note: ParsedNote, front: dict[Any, Any], fm_text: str) -> None:
    """Type and validate the known keys; a bad value is ignored with a problem, never a rejection."""

    def problem(key: str, reason: str) -> None:
        note.problems.append(
            FieldProblem(_key_line(fm_text, key), t("core.note.field_ignored", key=key, reason=reason))
        )

    for key, value in front.items():
        if key not in _TYPED_KEYS:  # (a key that is not a string never is one of them)
            note.extra[key if isinstance(key, str) else str(key)] = value
            continue
        if key in SCHEDULE_DATE_KEYS:
            if value is None or (key == "last_reviewed" and value == ""):
                continue
            try:
                setattr(note, key, _as_date(value))
            except (ValueError, TypeError, OverflowError):
                problem(key, t("core.note.not_date", value=_short(value)))
        elif key == "review_count":
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                problem(key, t("core.note.not_whole", value=_short(value)))
            elif value < 0:
                problem(key, t("core.note.negative", value=short(value)))
            elif value > MAX_REVIEW_COUNT:
                problem(key, t("trust.parse.too_large", value=short(value), limit=MAX_REVIEW_COUNT))
            else:
                note.review_count = value
        elif key == "difficulty":
            if value is None:
                continue
            level = value.strip().lower() if isinstance(value, str) else None
            if level in DIFFICULTIES:
                note.difficulty = level
            else:
                problem(key, t("core.note.not_difficulty", value=_short(value)))
        elif key == "mastery_level":
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                problem(key, t("core.note.not_number", value=_short(value)))
            elif not 0.0 <= value <= 1.0:  # also NaN, and no float() of a huge int
                problem(key, t("core.note.outside_unit", value=short(value)))
            else:
                note.mastery_level = float(value)
        elif key == "tags":
            if value is None:
                continue
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list):
                problem(key, t("core.note.not_tags", value=_short(value)))
                continue
            good = [t.strip() for t in items if isinstance(t, str) and t.strip()]
            if len(good) != len(items):
                note.problems.append(FieldProblem(_key_line(fm_text, key), t("core.note.tags_not_text")))
            note.tags = list(dict.fromkeys(good))
        else:
            note.extra[key] = value


def _short(value: object) -> str:
    return short(value)


def _related_links(content: str) -> list[tuple[str, str, int | None]]:
    links = []
    match = _RELATED_LINE.match
    for line in content.split("\n"):  # one match a line: finditer with re.M tries every position
        m = match(line)
        if m:
            title, target, sim = m.group("title", "target", "sim")
            links.append((title.strip(), target, int(sim) if sim else None))
    return links
