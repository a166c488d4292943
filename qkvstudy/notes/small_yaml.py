"""Front-matter YAML small enough that its budget holds by construction.

`yamlsafe.load_bounded` measures a composed document's expanded size and depth before building it;
for a note's front-matter that walk cost as much as the C loader's own work. Without an alias
(`*`) nothing is expanded, and then the text itself bounds both figures:

- every node either spends at least one character of its own (a non-empty scalar, a collection's
  `[`, `{`, `-`, `:` or `?`) or is an empty scalar standing for a missing key, value or entry,
  at most two per indicator: at most 4 nodes per character, so 4,096 characters stay far inside
  MAX_NODES;
- every collection on a path from the root needs its own indicator (`[`, `{`, `:`, `?`, or a `-`
  followed by white space or the end), so the depth is at most one more than their count.

Such text is loaded straight away with the same loader and the same errors; any other text goes
through load_bounded. The result is the same either way, a test holds it so.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from qkvstudy.notes.flat_yaml import load_flat
from qkvstudy.notes.yamlsafe import MAX_DEPTH, MAX_NODES, BoundedLoader, YamlBudgetError, load_bounded

SMALL_CHARS = 4096
assert SMALL_CHARS * 4 + 1 <= MAX_NODES  # the node bound above
# Characters that may open a collection: the depth bound. A '-' only does before white space
# (PyYAML's block entry test), which leaves the dashes of dates out.
_INDICATOR = re.compile(r"[\[{:?]|-(?=\s|\Z)")


def within_budget_by_size(text: str) -> bool:
    """Whether no YAML this text composes to can exceed the budget (see the module's docstring)."""
    if len(text) > SMALL_CHARS or "*" in text:
        return False
    return len(_INDICATOR.findall(text)) < MAX_DEPTH


def load_front_matter_yaml(text: str, what: str = "front-matter") -> Any:
    """load_bounded's result and errors, without its measuring walk when the text cannot exceed it,
    and without PyYAML at all for the flat front-matter nearly every note has (notes.flat_yaml)."""
    flat = load_flat(text)
    if flat is not None:
        return flat
    if not within_budget_by_size(text):
        return load_bounded(text, what)
    loader = BoundedLoader(text)
    try:
        return loader.get_single_data()
    except yaml.YAMLError:
        raise
    except (Exception, RecursionError) as exc:  # as load_bounded: hostile input never escapes as a bug
        raise YamlBudgetError(f"{what} cannot be loaded ({type(exc).__name__})") from None
    finally:
        loader.dispose()
