"""Value tokens for front-matter write-back: how a value is spelled so YAML reads it back exactly.

Split from notes.writeback (see its docstring for the formatting rules); nothing here touches a file.
"""

from __future__ import annotations

import datetime as _dt
import math
import re

import yaml

# libyaml's loader gives the same character marks ~10x faster (a grade re-reads the front-matter
# several times to verify the edit); plain scalars have style '' there, None in PyYAML.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Characters PyYAML treats as line breaks.
_YAML_BREAKS = frozenset("\r\n\x85\u2028\u2029")
# PyYAML's Reader rejects everything outside this set.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_SIMPLE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*\Z")


def _matches(loaded: object, intended: object) -> bool:
    """Does ``loaded`` (from YAML) represent ``intended`` (the value we were asked to write)?"""
    if intended is None:
        return loaded is None
    if isinstance(intended, bool):
        return type(loaded) is bool and loaded is intended
    if isinstance(intended, int):
        return type(loaded) is int and loaded == intended
    if isinstance(intended, float):
        return type(loaded) is float and repr(loaded) == repr(intended)
    if isinstance(intended, str):
        if type(loaded) is str:
            return loaded == intended
        return type(loaded) is _dt.date and loaded.isoformat() == intended
    return False


def _same(a: object, b: object, _seen: set[tuple[int, int]] | None = None) -> bool:
    """Deep equality that treats NaN as equal to itself and tolerates recursive aliases."""
    if isinstance(a, float) and isinstance(b, float):
        return repr(a) == repr(b)
    if type(a) is not type(b):
        return False
    if isinstance(a, (dict, list)):
        _seen = set() if _seen is None else _seen
        if (id(a), id(b)) in _seen:
            return True
        _seen.add((id(a), id(b)))
        if isinstance(a, list) and isinstance(b, list):
            return len(a) == len(b) and all(_same(x, y, _seen) for x, y in zip(a, b))
        if isinstance(a, dict) and isinstance(b, dict):
            return a.keys() == b.keys() and all(_same(a[k], b[k], _seen) for k in a)
        return False
    return a == b


def _normalise(key: object, value: object) -> object:
    if not isinstance(key, str) or not key:
        raise TypeError(f"front-matter keys to update must be non-empty str, got {key!r}")
    if isinstance(value, _dt.datetime):
        raise TypeError(f"{key}: write datetimes as ISO date strings, not datetime objects")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"{key}: cannot write a {type(value).__name__} into front-matter")


def _float_token(x: float) -> str:
    if math.isnan(x):
        return ".nan"
    if math.isinf(x):
        return ".inf" if x > 0 else "-.inf"
    text = repr(x)
    if "e" in text and "." not in text:  # YAML 1.1 floats need a dot: 1e-05 -> 1.0e-05
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return text


def _needs_escapes(s: str) -> bool:
    return any(ch in _YAML_BREAKS for ch in s) or _NON_PRINTABLE.search(s) is not None


def _single(s: str) -> str:
    if _needs_escapes(s):
        return _double(s)
    return "'" + s.replace("'", "''") + "'"


def _double(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif ch in _YAML_BREAKS or _NON_PRINTABLE.match(ch) or ch == "\ufeff":
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _reads_back(token: str, intended: object) -> bool:
    """Does ``k: <token>`` load as ``{'k': intended}``?"""
    try:
        loaded = yaml.load(f"k: {token}\n", Loader=_Loader)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        return False
    return isinstance(loaded, dict) and loaded.keys() == {"k"} and _matches(loaded["k"], intended)


def _plain_or_single(s: str) -> str:
    if s and s == s.strip(" \t") and not _needs_escapes(s) and _reads_back(s, s):
        return s
    return _single(s)


def _format_value(intended: object, old_style: str) -> str:
    """``old_style`` is one of 'plain', "'", '"' or 'other' (null, number, new key, ...)."""
    if intended is None:
        return "null"
    if isinstance(intended, bool):
        return "true" if intended else "false"
    if isinstance(intended, int):
        return str(intended)
    if isinstance(intended, float):
        return _float_token(intended)
    assert isinstance(intended, str)
    if old_style == '"':
        return _double(intended)
    if old_style == "plain":
        return _plain_or_single(intended)
    return _single(intended)


def _format_key(key: str) -> str:
    if _SIMPLE_KEY.match(key) and _reads_back(key, key):
        return key
    return _single(key)
