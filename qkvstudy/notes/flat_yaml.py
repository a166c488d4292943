"""The front-matter nearly every note has, loaded without PyYAML: `key: value` lines and `- item` lists.

    created: '2025-10-19'          review_count: 0         tags:
    last_reviewed: null            difficulty: medium      - Transformer
    next_review: 2025-10-19        mastery_level: 0.0      - Transformer/Query.md

PyYAML's loader (C parser, Python constructor) cost a fifth of parsing a note. This reads only a
subset whose meaning is plain: single-line keys and scalars whose type is beyond doubt (quoted
text with nothing to unescape, null, true/false, decimal ints and floats, a YYYY-MM-DD date, and
unquoted text that starts with a letter and holds no YAML indicator), and, after a key with no
value, `- item` lines. Anything else (a comment, a blank line, indentation, a tab, a flow list,
`yes`/`On`/`NULL`, an octal-looking number, a character PyYAML refuses or reads as a line break)
answers None and PyYAML loads the text as before. A hypothesis test holds the two equal, value and
type, over generated front-matter and the bundled notes.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

MAX_CHARS = 4096
# What PyYAML's reader refuses, plus what it reads as a line break or blank where we split on \n only.
_UNSUPPORTED_CHAR = re.compile("[^\x0a\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(\S(?:.*\S)?))?")
_ITEM_LINE = re.compile(r"- +(\S(?:.*\S)?)")
_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})\.[0-9]{1,17}")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_SINGLE = re.compile(r"'([^']*)'")
_DOUBLE = re.compile(r'"([^"\\]*)"')
# Unquoted text: no white space but single spaces between words, none of YAML's indicators.
_PLAIN = re.compile(r"""[^\s:#,\[\]{}&*!|>'"%@`\\?-][^\s:#,\[\]{}&*!|>'"%@`\\]*(?: [^\s:#,\[\]{}&*!|>'"%@`\\]+)*""")
# Words YAML 1.1 resolves to a bool or null in some spelling: only the exact ones below are read here.
_WORDS = frozenset(("y", "n", "yes", "no", "true", "false", "on", "off", "null", "none"))
_EXACT: dict[str, Any] = {"null": None, "~": None, "true": True, "false": False, "[]": [], "{}": {}}


class _Unsupported(Exception):
    pass


# What each line read as, by its text: a library's front-matter repeats the same few lines
# (`review_count: 0`, `difficulty: medium`, `tags:`, a tag), and a line reads the same anywhere
# (only whether an item may stand there depends on the lines before it, which load_flat checks).
# Bounded: only short lines are kept, and the cache is cleared when full (a few MB at most), so
# hostile input costs at most a re-read.
_LINES: dict[str, tuple[int, str, Any]] = {}  # line -> (kind, key or "", value)
_LINES_MAX = 8192
_LINE_KEPT_CHARS = 160
_ITEM, _KEY, _OPEN, _OUTSIDE = range(4)


def _read_line(line: str) -> tuple[int, str, Any]:
    """(kind, key, value) of one line; _OUTSIDE for a line outside the subset."""
    if _UNSUPPORTED_CHAR.search(line):
        return _OUTSIDE, "", None
    try:
        if line.startswith("-"):
            m = _ITEM_LINE.fullmatch(line)
            return (_ITEM, "", _scalar(m.group(1))) if m is not None else (_OUTSIDE, "", None)
        m = _KEY_LINE.fullmatch(line)
        if m is None or m.group(1).lower() in _WORDS:
            return _OUTSIDE, "", None
        key, value = m.group(1), m.group(2)
        return (_OPEN, key, None) if value is None else (_KEY, key, _scalar(value))
    except _Unsupported:
        return _OUTSIDE, "", None


def load_flat(text: str) -> dict[str, Any] | None:
    """The mapping PyYAML would load from `text`, or None when `text` is outside the subset."""
    if len(text) > MAX_CHARS or not text:  # (characters outside the subset are looked for line by line)
        return None
    data: dict[str, Any] = {}
    open_key: str | None = None  # a key with no value: the `- item` lines after it are its list
    items: list[Any] = []
    lines = _LINES
    for line in text.split("\n"):
        read = lines.get(line)
        if read is None:
            read = _read_line(line)
            if len(line) <= _LINE_KEPT_CHARS:
                if len(lines) >= _LINES_MAX:
                    lines.clear()
                lines[line] = read
        kind, key, value = read
        if kind == _OUTSIDE:
            return None
        if type(value) is list or type(value) is dict:
            value = type(value)()  # `[]` or `{}`: a new one each time, never shared between notes
        if kind == _ITEM:
            if open_key is None:
                return None
            items.append(value)
            continue
        if open_key is not None:
            data[open_key] = items or None  # no items: YAML's null
        if kind == _OPEN:
            open_key, items = key, []
        else:
            open_key = None
            data[key] = value
    if open_key is not None:
        data[open_key] = items or None
    return data


def _scalar(value: str) -> Any:
    if value in _EXACT:
        return [] if value == "[]" else {} if value == "{}" else _EXACT[value]  # a new list or dict each time
    first = value[0]
    if first == "'":
        m = _SINGLE.fullmatch(value)
    elif first == '"':
        m = _DOUBLE.fullmatch(value)
    else:
        m = None
    if m is not None:
        return m.group(1)
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    d = _DATE.fullmatch(value)
    if d is not None:
        try:
            return date(int(d.group(1)), int(d.group(2)), int(d.group(3)))
        except ValueError:
            return value  # not a real date: its text (notes.yamlsafe's lenient timestamp)
    if first.isalpha() and value.lower() not in _WORDS and _PLAIN.fullmatch(value):
        return value
    raise _Unsupported
