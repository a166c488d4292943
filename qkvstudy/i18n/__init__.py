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
_catalog: dict[str, tuple[str, str]] | None = None


class _Missing(dict[str, object]):
    """Leaves an unknown placeholder visible rather than raising: a typo shows, it never crashes."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _load() -> dict[str, tuple[str, str]]:
    global _catalog
    if _catalog is None:
        from qkvstudy.i18n import messages

        catalog: dict[str, tuple[str, str]] = {}
        for info in sorted(pkgutil.iter_modules(messages.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{messages.__name__}.{info.name}")
            for key, pair in getattr(module, "MESSAGES", {}).items():
                if key in catalog:
                    raise RuntimeError(f"message key {key!r} defined twice (in {info.name})")
                catalog[key] = pair
        _catalog = catalog
    return _catalog


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
    pair = _load().get(key)
    if pair is None:
        return key  # visible in a test or a snapshot, never a crash
    text = pair[1] if _language == "en" else pair[0]
    return text.format_map(_Missing(values)) if values else text


def keys() -> Mapping[str, tuple[str, str]]:
    """Every message, for tests (no key missing a language, no placeholder differing between them)."""
    return dict(_load())
