"""The TUI's own small preferences file (theme, key remaps), kept apart from the library.

Stored as JSON in the user config dir (platformdirs), or in $QKVSTUDY_CONFIG_DIR when set,
so tests and sandboxes never touch the real home directory.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qkvstudy import config

PREFS_FILE = "tui.json"
DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


def config_dir() -> Path:
    return config.config_dir()  # $QKVSTUDY_CONFIG_DIR, else the platform's user config dir


def prefs_path() -> Path:
    return config_dir() / PREFS_FILE


def load_prefs() -> dict[str, Any]:
    """The saved preferences; a missing or unreadable file means defaults, never an error."""
    try:
        data = json.loads(prefs_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_prefs(prefs: dict[str, Any]) -> bool:
    """Write atomically; returns False (and keeps going) when the dir is not writable."""
    path = prefs_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(prefs, ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        return False
    return True


def saved_theme(default: str = DARK_THEME) -> str:
    theme = load_prefs().get("theme")
    return theme if isinstance(theme, str) and theme else default


def remember_theme(theme: str) -> bool:
    prefs = load_prefs()
    prefs["theme"] = theme
    return save_prefs(prefs)


def saved_keymap() -> dict[str, str]:
    """User key remaps: {"binding id": "key[,key]"} (see the keys table in the README)."""
    keymap = load_prefs().get("keymap")
    if not isinstance(keymap, dict):
        return {}
    return {str(k): str(v) for k, v in keymap.items() if isinstance(v, str) and v}
