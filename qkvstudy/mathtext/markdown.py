"""Math found by the Markdown parser, not by scanning strings.

:func:`math_parser` is a markdown-it parser (Textual's ``gfm-like`` rules) with mdit-py-plugins'
``dollarmath``: ``$...$`` and ``$$...$$`` become ``math_inline`` / ``math_block`` tokens, so code
spans, fences, escapes and front-matter are the parser's business and nothing needs escaping.
A core rule then turns each inline formula into a plain ``text`` token holding its Unicode form,
which every Markdown renderer shows as it is (headings and table cells included).  Display
formulas stay ``math_block`` tokens, for a renderer that lays them out in two dimensions, and a
```` ```qkvdrill ```` fence becomes a ``qkvdrill`` token, for a renderer that shows a drill block.

Math is found by pandoc's rules: ``$`` followed by a non-space, closed by a ``$`` after a
non-space and not before a digit (so "$5 and $6" stays prices); display math does not cross a
blank line; ``$$...$$`` inside a line of text is inline math.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from mdit_py_plugins.dollarmath import dollarmath_plugin

from . import latex_to_unicode

__all__ = ["DRILL_TOKEN", "inline_text", "math_parser"]

DRILL_TOKEN = "qkvdrill"
_INLINE_MATH = frozenset({"math_inline", "math_inline_double"})


def _inline_math_to_text(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "fence" and token.info.strip().lower() == DRILL_TOKEN:
            token.type = DRILL_TOKEN
        for child in token.children or ():
            if child.type in _INLINE_MATH:
                child.type = "text"
                child.content = latex_to_unicode(child.content).replace("\n", "; ")
                child.markup = ""


def math_parser() -> MarkdownIt:
    """A new parser (Textual's ``Markdown(parser_factory=math_parser)`` asks for one per update)."""
    md = MarkdownIt("gfm-like")
    dollarmath_plugin(
        md, allow_labels=False, allow_space=False, allow_digits=False, allow_blank_lines=False, double_inline=True
    )
    # "$$" at the start of a line opens display math even right after a line of text, in a list
    # item or in a quote, as in pandoc and on GitHub: notes often write "公式如下：\n$$...$$".
    display = next(rule.fn for rule in md.block.ruler.__rules__ if rule.name == "math_block")

    def display_math_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not silent:
            return bool(display(state, start, end, False))
        # Asked only whether a formula starts here (to end a paragraph): dollarmath ignores
        # "silent" and pushes its token anyway, so let it, then take the token back.
        tokens, line = len(state.tokens), state.line
        found = bool(display(state, start, end, False))
        del state.tokens[tokens:]
        state.line = line
        return found

    md.block.ruler.at("math_block", display_math_block, {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.core.ruler.after("inline", "qkv_math_text", _inline_math_to_text)
    return md


_local = threading.local()


def _shared_parser() -> MarkdownIt:
    parser: MarkdownIt | None = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = math_parser()
    return parser


# Characters that may start Markdown markup or math in a title; a title without any is shown as it is.
_MARKUP = frozenset("$\\`*_[]<>&~!|")


@lru_cache(maxsize=8192)
def inline_text(markdown: str) -> str:
    """One line of Markdown (a note's question, a section title) as the plain text a reader sees.

    Math is converted, emphasis and link markup dropped, escapes resolved, code spans kept as written.
    Cached, and plain titles skip the parser: browse shows thousands of them.
    """
    if _MARKUP.isdisjoint(markdown):
        return " ".join(markdown.split())
    parts: list[str] = []
    for token in _shared_parser().parseInline(markdown):
        for child in token.children or ():
            if child.type in ("text", "code_inline", "text_special", "html_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif child.type == "image":
                parts.append(child.content)
    return " ".join("".join(parts).split())
