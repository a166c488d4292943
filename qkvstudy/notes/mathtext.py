"""LaTeX -> Unicode now lives in :mod:`qkvstudy.mathtext`, a leaf every layer may use (drill prompts too)."""

from qkvstudy.mathtext import latex_to_unicode

__all__ = ["latex_to_unicode"]
