"""Text that reaches the screen: math converted to Unicode before Markdown sees it."""

from __future__ import annotations

import re

from qkvstudy.notes.mathtext import render_math

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|$<>~^])")


def note_markdown(markdown: str) -> str:
    """Markdown ready for the Markdown widget; a formula it cannot convert stays as written."""
    try:
        return render_math(markdown)
    except Exception:  # a bad formula in the user's note must never stop a review
        return markdown


def plain_line(markdown: str) -> str:
    """A one-line title (question, related note) as plain text: math converted, escapes dropped."""
    return _ESCAPE.sub(r"\1", note_markdown(markdown)).strip()
