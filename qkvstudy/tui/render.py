"""Text that reaches the screen from a note: titles as plain text, sections as Markdown with math.

The math itself is found by the Markdown parser (``qkvstudy.mathtext.markdown``) when a
:class:`qkvstudy.tui.widgets.math_markdown.NoteMarkdown` renders a section, so section Markdown
reaches the screen exactly as the user wrote it.
"""

from __future__ import annotations


def note_markdown(markdown: str) -> str:
    """A section's Markdown for NoteMarkdown: unchanged, since that widget's parser converts the math.

    Kept so that callers have one place to prepare section text for the screen.
    """
    return markdown


def plain_line(markdown: str) -> str:
    """A one-line title (question, related note) as plain text: math converted, markup and escapes dropped."""
    # Imported here: markdown-it is not needed for the app's first frame (home shows a title later).
    from qkvstudy.mathtext.markdown import inline_text

    try:
        return inline_text(markdown)
    except Exception:  # a parser bug must never stop a review: show the title as written
        return markdown.strip()
