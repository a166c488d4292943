"""Browse's search syntax, parsed into a plain value (the SQL is built in `facade.queries`).

    attention 缩放          every word in the title or the body (Chinese: any one or two characters too)
    "kv cache"              a phrase, spaces included
    tag:Transformer         the note's topic, one of its tags, or its folder
    is:due is:new is:learning is:suspended is:buried is:missing is:leech
    -word  -tag:x  -is:new  leave out what matches

A term this syntax does not understand (`is:later`, an empty `tag:`) is a problem shown in one
line, and the rest of the search still runs; any other `word:` is an ordinary word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Is(StrEnum):
    DUE = "due"  # learning or review, due by the end of today's study day
    NEW = "new"
    LEARNING = "learning"  # learning or relearning
    SUSPENDED = "suspended"
    BURIED = "buried"
    MISSING = "missing"  # the note's file is gone (history kept)
    LEECH = "leech"  # lapses ≥ the leech threshold


@dataclass(frozen=True)
class Term:
    kind: str  # "word" | "tag" | "is"
    value: str
    negated: bool = False


@dataclass(frozen=True)
class Search:
    terms: tuple[Term, ...] = ()
    problems: tuple[str, ...] = field(default=())  # the terms not understood, as written


FIELDS = ("tag", "is")  # any other `word:` is an ordinary word (a URL, "QKV:")
_TOKEN = re.compile(r'(-?)(?:(\w+):)?"([^"]*)"?|(\S+)')


def _tokens(text: str) -> list[tuple[bool, str | None, str, str]]:
    """(negated, field, value, as written) for each term; quotes keep spaces in a value."""
    out: list[tuple[bool, str | None, str, str]] = []
    for match in _TOKEN.finditer(text):
        if match.group(4) is not None:
            raw = match.group(4)
            negated = raw.startswith("-") and len(raw) > 1
            body = raw[1:] if negated else raw
            name, sep, value = body.partition(":")
            if sep and name.lower() in FIELDS:
                out.append((negated, name.lower(), value, raw))
            else:
                out.append((negated, None, body, raw))
        else:
            negated = match.group(1) == "-"
            name = match.group(2).lower() if match.group(2) else None
            if name is not None and name not in FIELDS:  # `note:"x y"`: not a field, a phrase as written
                out.append((negated, None, f"{match.group(2)}:{match.group(3)}", match.group(0)))
            else:
                out.append((negated, name, match.group(3), match.group(0)))
    return out


def parse_search(text: str) -> Search:
    terms: list[Term] = []
    problems: list[str] = []
    for negated, name, value, raw in _tokens(text):
        if name is None:
            if value.strip():
                terms.append(Term("word", value.lower(), negated))
        elif name == "tag" and value.strip():
            terms.append(Term("tag", value.strip(), negated))
        elif name == "is" and value.lower() in {i.value for i in Is}:
            terms.append(Term("is", value.lower(), negated))
        else:
            problems.append(raw)
    return Search(tuple(terms), tuple(problems))
