"""An Anki deck exported as "Notes in Plain Text" -> one note per row, in the seed's format.

The export is tab-separated (or whatever `#separator:` says), with header lines such as
`#separator:tab`, `#html:true`, `#tags column:3`, `#guid column:1`, `#notetype column:2`,
`#deck column:3`; fields holding the separator, quotes or line breaks are quoted CSV-style. The
first field that is not a guid/notetype/deck/tags column is the front (-> the H1), the next one
the back (-> `## 面试标准答案`). HTML becomes Markdown (markdownify), MathJax `\\(..\\)` and
`\\[..\\]` become `$..$` and `$$..$$`, and Anki's tags are kept after the topic's.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date

from markdownify import markdownify

from qkvstudy.i18n import t

SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}
_HEADER = re.compile(r"^#([a-z ]+):(.*)$")
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f#\[\]]+')
MAX_NAME_CHARS = 60


@dataclass
class AnkiNote:
    line: int  # 1-based line of the row in the export
    front: str  # Markdown
    back: str  # Markdown
    tags: list[str] = field(default_factory=list)


@dataclass
class AnkiExport:
    notes: list[AnkiNote]
    problems: list[tuple[int, str]]  # (line, reason)


def _markdown(value: str, html: bool) -> str:
    text = value
    if html:
        # MathJax delimiters survive markdownify only as text: swap them for dollars first
        text = re.sub(r"\\\[(.+?)\\\]", lambda m: "$$" + m.group(1) + "$$", text, flags=re.S)
        text = re.sub(r"\\\((.+?)\\\)", lambda m: "$" + m.group(1) + "$", text, flags=re.S)
        text = markdownify(text, heading_style="ATX", bullets="-", escape_underscores=False, escape_asterisks=False)
    else:
        text = re.sub(r"\\\[(.+?)\\\]", r"$$\1$$", text, flags=re.S)
        text = re.sub(r"\\\((.+?)\\\)", r"$\1$", text, flags=re.S)
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def parse_export(text: str) -> AnkiExport:
    """Never raises for what the file holds: a bad row is one problem and the rest goes on."""
    options: dict[str, str] = {}
    lines = text.lstrip("\ufeff").split("\n")
    body_start = 0
    for i, line in enumerate(lines):
        m = _HEADER.match(line.rstrip("\r"))
        if not m:
            break
        options[m.group(1).strip()] = m.group(2).strip()
        body_start = i + 1
    sep = options.get("separator", "tab")
    sep = SEPARATORS.get(sep.lower(), sep[:1] or "\t")
    html = options.get("html", "false").lower() == "true"
    special = set()
    for key in ("guid column", "notetype column", "deck column"):
        if options.get(key, "").isdigit():
            special.add(int(options[key]) - 1)
    tags_col = int(options["tags column"]) - 1 if options.get("tags column", "").isdigit() else None
    if tags_col is not None:
        special.add(tags_col)

    notes: list[AnkiNote] = []
    problems: list[tuple[int, str]] = []
    rows = csv.reader(lines[body_start:], delimiter=sep, quotechar='"')
    try:
        for row in rows:
            row_line = body_start + rows.line_num  # where the row ends (a quoted field may span lines)
            if not any(cell.strip() for cell in row):
                continue
            fields = [cell for n, cell in enumerate(row) if n not in special]
            front = _markdown(fields[0], html) if fields else ""
            back = _markdown(fields[1], html) if len(fields) > 1 else ""
            if not front:
                problems.append((row_line, t("connected.import.empty_front")))
                continue
            tags = row[tags_col].split() if tags_col is not None and tags_col < len(row) else []
            notes.append(AnkiNote(row_line, front, back, tags))
    except csv.Error as exc:
        problems.append((body_start + rows.line_num, t("connected.import.bad_row", reason=exc)))
    return AnkiExport(notes, problems)


def file_name(front: str) -> str:
    """A safe file name from the question (no path separators, bounded length)."""
    name = _UNSAFE_NAME.sub(" ", re.sub(r"[$`*_]+", "", front))
    name = " ".join(name.split())[:MAX_NAME_CHARS].strip(" .")
    return name or "anki"


def note_text(note: AnkiNote, topic: str, rel: str, today: date) -> str:
    """The note in the seed's format; the question is the front on one line, the rest kept below it."""
    first, _, rest = note.front.partition("\n")
    question = " ".join(first.split()).lstrip("#").strip() or first.strip()
    tags = [topic, rel, *[tg for tg in note.tags if tg not in (topic, rel)]]
    tag_lines = "".join(f"\n- {_yaml_str(tg)}" for tg in tags)
    extra = f"\n\n{rest.strip()}" if rest.strip() else ""
    return (
        f"---\ncreated: '{today.isoformat()}'\nlast_reviewed: null\nnext_review: '{today.isoformat()}'\n"
        f"review_count: 0\ndifficulty: medium\nmastery_level: 0.0\ntags:{tag_lines}\nrelated_outlines: []\n---\n"
        f"# {question}{extra}\n\n## 面试标准答案\n\n{note.back}\n"
    )


def _yaml_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
