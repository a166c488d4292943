"""Binding descriptions and Textual's own words, in the language of the moment.

Bindings are class attributes, built when a module is imported, but the language is chosen at
start-up (and switched by tests): so a binding's description holds a catalog key, and every
node translates its own copy of its bindings when it is created (`Translated`). Textual's own
bindings, palette commands and prompts are English text; `translate` maps them through the
catalog as well, so the footer, the help and the palette speak one language.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from textual.binding import Binding
from textual.dom import DOMNode

from qkvstudy.i18n import keys, t

# Textual's own English words (bindings, system commands, prompts) -> our catalog keys.
TEXTUAL_WORDS = {
    "Quit": "app.textual.quit",
    "Quit the app and return to the command prompt.": "app.textual.quit_help",
    "Quit the application as soon as possible": "app.textual.quit_help",
    "palette": "app.textual.palette",
    "Open the command palette": "app.textual.palette_help",
    "Theme": "app.textual.theme",
    "Change the current theme": "app.textual.theme_help",
    "Keys": "app.textual.keys",
    "Show help for the focused widget and a summary of available keys": "app.textual.keys_help",
    "Hide the keys and widget help panel": "app.textual.keys_hide",
    "Minimize": "app.textual.minimize",
    "Minimize the widget and restore to normal size": "app.textual.minimize_help",
    "Maximize": "app.textual.maximize",
    "Maximize the focused widget": "app.textual.maximize_help",
    "Screenshot": "app.textual.screenshot",
    "Save an SVG 'screenshot' of the current screen": "app.textual.screenshot_help",
    "Focus Next": "app.textual.focus_next",
    "Focus Previous": "app.textual.focus_previous",
    "Copy selected text": "app.textual.copy",
}


@cache
def _catalog_keys() -> frozenset[str]:
    return frozenset(keys())


def translate(text: str) -> str:
    """A catalog key or one of Textual's English words, in the current language; anything else as is."""
    if text in _catalog_keys():
        return t(text)
    key = TEXTUAL_WORDS.get(text)
    return t(key) if key is not None else text


def _translated(binding: Binding) -> Binding:
    return replace(
        binding,
        description=translate(binding.description),
        tooltip=translate(binding.tooltip) if binding.tooltip else binding.tooltip,
    )


def translate_bindings(node: DOMNode) -> None:
    """Give `node` its own bindings with their descriptions in the current language."""
    node._bindings.key_to_bindings = {
        key: [_translated(b) for b in bindings] for key, bindings in node._bindings.key_to_bindings.items()
    }


class Translated:
    """Mixin for screens and widgets whose BINDINGS describe themselves with catalog keys."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        assert isinstance(self, DOMNode)
        translate_bindings(self)
