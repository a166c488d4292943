"""Line breaking for Chinese text.

Textual wraps Content with Rich's `divide_line`, which only breaks at spaces: a run of Chinese
(which has none) becomes one long "word" that jumps to the next line whole, leaving a ragged
gap behind it. Chinese may break between any two characters, except before closing punctuation
(，。）…) or after opening punctuation (（《“…). We teach Rich's word splitter exactly that.
Rich keeps the splitter in a module-level regex; if a Rich release changes it, we leave it alone.
"""

from __future__ import annotations

import re

_CJK = (
    "\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3100-\u312f\u3200-\u32ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff01-\uffef"
)
_CLOSE = "，。、；：！？）》」』】〉〕”’…—·%％,.;:!?)]}"
_OPEN = "（《「『【〈〔“‘"
_ESC_CLOSE, _ESC_OPEN = re.escape(_CLOSE), re.escape(_OPEN)

# One "word": opening marks, then one CJK character or a run of other text, then closing marks;
# a stray mark on its own is a word too (the last alternative).
_CHAR = rf"(?![{_ESC_OPEN}{_ESC_CLOSE}])[{_CJK}]"
CJK_WORD = re.compile(rf"\s*(?:[{_ESC_OPEN}]*(?:{_CHAR}|[^\s{_CJK}]+)[{_ESC_CLOSE}]*|\S)\s*")
_RICH_DEFAULT = r"\s*\S+\s*"


def install() -> bool:
    """Use CJK-aware word splitting for every wrap in this process; False if Rich changed."""
    try:
        from rich import _wrap
    except ImportError:
        return False
    current = getattr(_wrap, "re_word", None)
    if current is CJK_WORD:
        return True
    if current is None or current.pattern != _RICH_DEFAULT:
        return False
    _wrap.re_word = CJK_WORD
    return True
