"""One message catalog for every user-visible string: Chinese by default, English on request.

    from qkvstudy.i18n import t
    t("cli.grade.done", title="QKV是什么", days=3)   # formatted in the current language

Messages live in `messages/<area>.py`, each a dict `MESSAGES = {key: (中文, English)}`, one file per
area of the product so that people working on different screens never edit the same file. Keys are
dotted, starting with the area's file name (`cli.…`, `review.…`, `drills.…`).

The language is process-wide: `set_language()` once at start-up (the CLI does it from the
`language` setting or QKVSTUDY_LANG). Technical terms an ML engineer uses as-is (softmax, KV cache,
token, FSRS) stay in English in the Chinese text too.

This module is a leaf: it imports nothing from qkvstudy, so every layer may use it.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Mapping
from typing import Final

LANGUAGES: Final = ("zh", "en")
DEFAULT_LANGUAGE: Final = "zh"

_language: str = DEFAULT_LANGUAGE
_catalog: dict[str, tuple[str, str]] = {}
_loaded: set[str] = set()  # message modules read into _catalog
_complete = False  # every message module read


class _Missing(dict[str, object]):
    """Leaves an unknown placeholder visible rather than raising: a typo shows, it never crashes."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _module_names() -> list[str]:
    from qkvstudy.i18n import messages

    return sorted(info.name for info in pkgutil.iter_modules(messages.__path__))


def _read(name: str) -> None:
    if name in _loaded:
        return
    module = importlib.import_module(f"qkvstudy.i18n.messages.{name}")
    for key, pair in getattr(module, "MESSAGES", {}).items():
        if key in _catalog:
            raise RuntimeError(f"message key {key!r} defined twice (in {name})")
        _catalog[key] = pair
    _loaded.add(name)


def _load() -> dict[str, tuple[str, str]]:
    """Every message (the whole catalog: ~2,000 lines of Python, a noticeable share of a short command)."""
    global _complete
    if not _complete:
        for name in _module_names():
            _read(name)
        _complete = True
    return _catalog


def _lookup(key: str) -> tuple[str, str] | None:
    """A key's messages, reading first only its area's file (`cli.x` -> messages/cli.py): `qkvstudy
    grade` needs three files of fourteen. A key found nowhere there reads the whole catalog."""
    pair = _catalog.get(key)
    if pair is None and not _complete:
        area = key.partition(".")[0]
        if area not in _loaded and area in _areas():
            _read(area)
            pair = _catalog.get(key)
        if pair is None:
            pair = _load().get(key)
    return pair


_area_names: frozenset[str] | None = None


def _areas() -> frozenset[str]:
    global _area_names
    if _area_names is None:
        _area_names = frozenset(_module_names())
    return _area_names


def set_language(language: str | None) -> str:
    """Switch the process to `language` ("zh" or "en"); anything else falls back to Chinese."""
    global _language
    _language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    return _language


def language() -> str:
    return _language


def language_from_env(setting: str | None = None) -> str:
    """QKVSTUDY_LANG beats the settings file's `language`; both beat the default."""
    return set_language(os.environ.get("QKVSTUDY_LANG") or setting or DEFAULT_LANGUAGE)


def t(key: str, /, **values: object) -> str:
    """The message `key` in the current language, with `{name}` placeholders filled from `values`."""
    pair = _lookup(key)
    if pair is None:
        return key  # visible in a test or a snapshot, never a crash
    text = pair[1] if _language == "en" else pair[0]
    return text.format_map(_Missing(values)) if values else text


def keys() -> Mapping[str, tuple[str, str]]:
    """Every message, for tests (no key missing a language, no placeholder differing between them)."""
    return dict(_load())
