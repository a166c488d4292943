"""Safe write-back of scheduling values into a note's YAML front-matter.

The notes belong to the user.  This module changes only the *value token* of
the top-level front-matter keys it is asked to update, and leaves every other
byte of the file alone: the BOM, line endings, key spelling, spacing after the
colon, trailing comments, key order, other keys and the Markdown body.

How it works: the front-matter is composed with PyYAML's pure-Python
``SafeLoader``, whose nodes carry exact character offsets.  For each target key
the value node's ``[start, end)`` slice is replaced by a newly formatted token;
an absent key is appended as ``key: value`` (with the opening ``---`` line's
ending) just before the closing ``---``.  The result is then re-parsed and
compared with the original mapping, read both with and without the
front-matter's final line break (markdown-it's front_matter plugin drops it);
if any key other than the updated ones loads differently, or an updated key
does not load to the intended value, :class:`WriteBackError` is raised and
nothing is returned.  The one case that reading catches in practice: when the
last key holds a ``|``/``>`` block scalar, appending after it would add a
newline to its value, so new keys go just above that last key instead.

Formatting rules for a new value token:

* ``None`` -> ``null``.
* ``bool`` -> ``true`` / ``false``; ``int`` -> ``str(n)``;
  ``float`` -> the shortest ``repr`` (``0.47``, ``1.0``), spelled so that YAML
  1.1 reads it back as a float (``1e-05`` -> ``1.0e-05``, ``.inf``, ``.nan``).
* ``str`` (and ``datetime.date``, written as its ISO date) keeps the quoting
  style of the value it replaces: ``'single'``, ``"double"`` or bare.  A bare
  value is only written bare if it reads back as the same string/date,
  otherwise single quotes are used.  When the old value was null, empty,
  a number or a boolean, or the key is new, single quotes are used (the seed
  format ``'YYYY-MM-DD'``).  A string holding line breaks or non-printable
  characters is always double-quoted with escapes so it stays on one line.
* If the key already loads to the intended value (``~``, ``null`` or an empty
  value for ``None``; ``0.50`` for ``0.5``; a bare date for its ISO string) the
  bytes are left exactly as they are.  When nothing needs to change, the very
  same ``raw`` object is returned, so callers can skip the write.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from qkvstudy.errors import QkvError
from qkvstudy.notes.atomic import Conflict, write_atomically
from qkvstudy.notes.yamltokens import (
    _YAML_BREAKS,
    _format_key,
    _format_value,
    _Loader,
    _matches,
    _normalise,
    _same,
)

__all__ = [
    "Conflict",
    "WriteBackError",
    "front_matter_head",
    "swap_head",
    "update_front_matter",
    "write_note_atomically",
]

_BOM = b"\xef\xbb\xbf"
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class WriteBackError(QkvError):
    """The front-matter cannot be updated safely; ``str(err)`` is one line for the user."""


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class _Split:
    bom: bytes
    text: str  # decoded note without the BOM
    fm_start: int  # index in text where the front-matter content begins
    fm_end: int  # index in text where the closing delimiter line begins
    eol: str  # the opening delimiter's line ending, used for appended lines

    @property
    def fm(self) -> str:
        return self.text[self.fm_start : self.fm_end]

    @property
    def tail(self) -> str:
        """The closing delimiter line and the body, untouched by design."""
        return self.text[self.fm_end :]


def _split(raw: bytes) -> _Split:
    if not isinstance(raw, (bytes, bytearray)):
        raise TypeError(f"raw must be bytes, not {type(raw).__name__}")
    raw = bytes(raw)
    bom = _BOM if raw.startswith(_BOM) else b""
    try:
        text = raw[len(bom) :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WriteBackError(f"note is not valid UTF-8 (byte {exc.start + len(bom)})") from None

    first_nl = text.find("\n")
    first = text if first_nl < 0 else text[:first_nl]
    if first.rstrip(" \t\r") != "---":
        raise WriteBackError("note has no front-matter (the first line is not '---')")
    if first_nl < 0:
        raise WriteBackError("front-matter is not closed (no '---' line after the opening one)")
    eol = "\r\n" if first.endswith("\r") else "\n"

    pos = first_nl + 1
    while pos < len(text):
        nl = text.find("\n", pos)
        line = text[pos:] if nl < 0 else text[pos:nl]
        if line.rstrip(" \t\r") in ("---", "..."):
            return _Split(bom, text, first_nl + 1, pos, eol)
        if nl < 0:
            break
        pos = nl + 1
    raise WriteBackError("front-matter is not closed (no '---' line after the opening one)")


@dataclass
class _Parsed:
    pairs: list[tuple[yaml.Node, yaml.Node]]  # top-level (key, value) nodes as written
    data: dict[Any, Any]  # the loaded mapping
    column: int  # column of the top-level mapping (0 unless the user indented it)


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    where = f" (front-matter line {mark.line + 1})" if mark is not None else ""
    return f"{problem}{where}"


def _parse(fm: str) -> _Parsed:
    loader = _Loader(fm)
    try:
        node = loader.get_single_node()
        if node is None:
            return _Parsed([], {}, 0)
        if not isinstance(node, yaml.MappingNode):
            raise WriteBackError("front-matter is not a mapping of keys to values")
        if node.flow_style:
            raise WriteBackError("front-matter is a {flow} mapping; only block mappings are edited")
        # Snapshot before constructing: SafeConstructor.flatten_mapping rewrites
        # node.value in place when the mapping uses a `<<` merge key.
        pairs = list(node.value)
        data = loader.construct_document(node)
        seen: set[object] = set()
        for key_node, _ in pairs:
            if key_node.tag == _MERGE_TAG:
                continue
            key = loader.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # unhashable key; construct_document would have failed already
                continue
            if duplicate:
                raise WriteBackError(f"front-matter key {key!r} appears more than once")
        return _Parsed(pairs, data, node.start_mark.column)
    except yaml.YAMLError as exc:
        raise WriteBackError(f"front-matter is not valid YAML: {_yaml_problem(exc)}") from None
    except (ValueError, TypeError, OverflowError) as exc:
        # e.g. an impossible date such as 2025-02-30 in a bare timestamp
        raise WriteBackError(f"front-matter has a value YAML cannot load: {exc}") from None
    finally:
        loader.dispose()


# ------------------------------------------------------------------------ editing


def _value_edit(
    fm: str, key: str, key_node: yaml.Node, value_node: yaml.Node, intended: object
) -> tuple[int, int, str]:
    """Return ``(start, end, replacement)`` in ``fm`` for the value token of ``key``."""
    if key_node.start_mark.column != 0:
        raise WriteBackError(f"front-matter key {key!r} is not a plain top-level 'key: value' line")
    if isinstance(value_node, yaml.SequenceNode):
        raise WriteBackError(f"front-matter key {key!r} holds a list; not overwriting it, edit it by hand")
    if isinstance(value_node, yaml.MappingNode):
        raise WriteBackError(f"front-matter key {key!r} holds a mapping; not overwriting it, edit it by hand")
    style = getattr(value_node, "style", None)  # scalars only: lists and mappings were refused above
    if style in ("|", ">"):
        raise WriteBackError(f"front-matter key {key!r} has a block value ({style}); edit it by hand")
    start, end = value_node.start_mark.index, value_node.end_mark.index
    key_start, key_end = key_node.start_mark.index, key_node.end_mark.index
    if start < key_end or end < start:
        raise WriteBackError(f"front-matter key {key!r} uses a YAML alias; edit it by hand")
    if any(ch in _YAML_BREAKS for ch in fm[key_start:end]):
        raise WriteBackError(f"front-matter key {key!r} has a multi-line value; edit it by hand")
    token = fm[start:end]
    if token[:1] in ("&", "!", "*"):
        raise WriteBackError(f"front-matter key {key!r} has a YAML anchor or tag; edit it by hand")

    if start == end:  # empty value right after the colon
        if value_node.tag != "tag:yaml.org,2002:null":
            raise WriteBackError(f"front-matter key {key!r} has an unexpected value layout")
        new = _format_value(intended, "other")
        after = fm[start : start + 1]
        if after in (" ", "\t"):
            # `key: # note` -> `key: 'v' # note`; keep the user's space before the value
            follow = fm[start + 1 : start + 2]
            return start + 1, start + 1, new + (" " if follow == "#" else "")
        if after == "" or after in _YAML_BREAKS:
            return start, start, " " + new
        raise WriteBackError(f"front-matter key {key!r} has an unexpected value layout")

    if style in ("'", '"'):
        old_style = style
    elif not style and value_node.tag in (_STR_TAG, _TIMESTAMP_TAG):  # libyaml says '', PyYAML None
        old_style = "plain"
    else:
        old_style = "other"
    return start, end, _format_value(intended, old_style)


def update_front_matter(raw: bytes, updates: dict[str, object]) -> bytes:
    """Return `raw` with the values of the given top-level front-matter keys replaced.

    ``updates`` maps key names to ``str`` (dates as ``'YYYY-MM-DD'``), ``datetime.date``,
    ``None``, ``bool``, ``int`` or ``float``.  Keys that are absent are appended just before
    the closing ``---`` (above a trailing block scalar, see the module docstring).

    Raises :class:`WriteBackError` (one-line message) when the note has no or an unclosed
    front-matter, the YAML is invalid or has a duplicate top-level key, a target value is a
    list/mapping/block/multi-line scalar, alias, anchored or tagged, or the edit would change
    anything but the requested values.  Returns the same ``raw`` object when nothing needs to change.
    """
    intended = {key: _normalise(key, value) for key, value in updates.items()}
    split = _split(raw)
    fm = split.fm
    old = _parse(fm)

    by_key: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in old.pairs:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR_TAG:
            by_key[key_node.value] = (key_node, value_node)

    edits: list[tuple[int, int, str]] = []
    appended: list[str] = []
    for key, value in intended.items():
        if key in by_key:
            if key in old.data and _matches(old.data[key], value):
                continue  # already says what we would write: leave the bytes alone
            edits.append(_value_edit(fm, key, *by_key[key], value))
        else:
            if old.column != 0:
                raise WriteBackError("front-matter keys are indented; cannot append a new key safely")
            appended.append(f"{_format_key(key)}: {_format_value(value, 'other')}{split.eol}")

    if not edits and not appended:
        return raw

    # New keys go at the end of the front-matter.  A parser that drops the front-matter's final
    # line break (markdown-it's front_matter plugin does) would then see a trailing `|` block
    # scalar gain a newline; in that case the keys go just above the last top-level key instead.
    positions = [len(fm)]
    if appended and old.pairs and old.pairs[-1][0].start_mark.column == 0:
        positions.append(old.pairs[-1][0].start_mark.index)
    first_error: WriteBackError | None = None
    for position in positions:
        all_edits = edits + ([(position, position, "".join(appended))] if appended else [])
        new_fm = fm
        for start, end, replacement in sorted(all_edits, key=lambda e: e[0], reverse=True):
            new_fm = new_fm[:start] + replacement + new_fm[end:]
        new_text = split.text[: split.fm_start] + new_fm + split.tail
        result = split.bom + new_text.encode("utf-8")
        try:
            _verify(split, result, intended, len(appended))
        except WriteBackError as exc:
            first_error = first_error or exc
            continue
        return result
    assert first_error is not None
    raise first_error


def _strip_final_break(fm: str) -> str:
    if fm.endswith("\r\n"):
        return fm[:-2]
    if fm.endswith("\n"):
        return fm[:-1]
    return fm


def _difference(old: dict[Any, Any], new: dict[Any, Any], intended: dict[str, object]) -> str | None:
    if new.keys() != old.keys() | intended.keys():
        return "add or remove other keys"
    for key, value in old.items():
        if key not in intended and not _same(new[key], value):
            return f"change the value of {key!r}"
    for key, value in intended.items():
        if not _matches(new[key], value):
            return f"not store {value!r} in {key!r}"
    return None


def _verify(before: _Split, result: bytes, intended: dict[str, object], n_appended: int) -> None:
    """Re-read ``result`` and check that only the intended values changed; raise otherwise.

    The mapping is compared twice: with the front-matter's final line break (what this module
    and PyYAML on the raw block see) and without it (what markdown-it's front_matter plugin
    hands to a loader), so neither reading of the note can change behind the user's back.
    """

    def fail(why: str) -> None:
        raise WriteBackError(f"refusing to write front-matter: the edit would {why}")

    readings = []
    try:
        after = _split(result)
        readings.append((_parse(before.fm).data, _parse(after.fm).data))
    except WriteBackError as exc:
        fail(f"break the front-matter ({exc})")
    try:
        old_stripped = _parse(_strip_final_break(before.fm)).data
    except WriteBackError:
        old_stripped = None  # that reading never worked; nothing to preserve
    if old_stripped is not None:
        try:
            readings.append((old_stripped, _parse(_strip_final_break(after.fm)).data))
        except WriteBackError as exc:
            fail(f"break the front-matter ({exc})")
    if after.bom != before.bom or after.tail != before.tail or after.fm_start != before.fm_start:
        fail("change bytes outside the front-matter")
    if after.fm.count("\n") != before.fm.count("\n") + n_appended:
        fail("change the number of front-matter lines")
    for old, new in readings:
        why = _difference(old, new, intended)
        if why:
            fail(why)


# ------------------------------------------------------------------------ writing


def front_matter_head(raw: bytes) -> bytes:
    """The bytes from the start of the note to its closing ``---`` line: all a write-back ever changes."""
    split = _split(raw)
    return split.bom + split.text[: split.fm_end].encode("utf-8")


def swap_head(raw: bytes, head: bytes, new_head: bytes) -> bytes | None:
    """``raw`` with its front-matter head ``head`` replaced by ``new_head``; None when the head is not ``head`` now."""
    try:
        if front_matter_head(raw) != head:
            return None
    except WriteBackError:
        return None
    return new_head + raw[len(head) :]


def write_note_atomically(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace the file at ``path`` with ``data`` atomically (see notes.atomic).

    With ``expected`` (the bytes the caller read and patched), the file is only replaced if it still
    holds them: otherwise :class:`Conflict` is raised and nothing is written. A symlinked note is
    written through. On any failure the original file is untouched, the temporary file is removed
    and :class:`WriteBackError` is raised.
    """
    try:
        if expected is None:
            write_atomically(path, data)
        else:
            write_atomically(path, data, expected=expected)
    except OSError as exc:
        raise WriteBackError(f"cannot write {path}: {exc.strerror or exc}") from None
