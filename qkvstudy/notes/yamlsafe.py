"""YAML from a note, loaded within a fixed budget.

A note's YAML (front-matter, a ```qkvdrill block) is the user's or anybody's: it may hold an
impossible date (`2025-02-30`, which PyYAML's timestamp constructor refuses with ValueError), an
alias bomb whose expanded value is gigabytes, a recursive alias, or nesting deep enough to exhaust
the stack. Here the text is bounded in size, composed first (linear in the text), and its node
graph measured as it would be expanded before anything is constructed: too many nodes, too deep,
or a cycle is a `YamlBudgetError`. An unquoted timestamp that is not a real date loads as its text,
so the field it is in is reported and ignored, not the whole note.
"""

from __future__ import annotations

import reprlib
from typing import Any

import yaml

MAX_YAML_CHARS = 64 * 1024
MAX_NODES = 20_000  # as expanded: aliases count once per use
MAX_DEPTH = 64

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlBudgetError(Exception):
    """The YAML is over budget; `str()` is a short reason."""


class BoundedLoader(_Base):  # type: ignore[misc]
    """The C safe loader, with timestamps that are not real dates left as text."""


def _lenient_timestamp(loader: Any, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError, TypeError):
        return str(node.value)


BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)


def _measure(root: yaml.Node) -> None:
    """Expanded node count and depth of a composed graph, without expanding it; raise when over budget."""
    sizes: dict[int, int] = {}
    depths: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            open_.discard(key)
            sizes[key] = min(MAX_NODES + 1, 1 + sum(sizes[id(c)] for c in children))
            depths[key] = 1 + max((depths[id(c)] for c in children), default=0)
            if sizes[key] > MAX_NODES:
                raise YamlBudgetError(f"more than {MAX_NODES} values once aliases are expanded")
            if depths[key] > MAX_DEPTH:
                raise YamlBudgetError(f"nested more than {MAX_DEPTH} levels deep")
            continue
        if key in sizes:
            continue
        if key in open_:
            raise YamlBudgetError("an alias refers to itself")
        open_.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
        if len(stack) > 4 * MAX_NODES:
            raise YamlBudgetError(f"more than {MAX_NODES} values")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def load_bounded(text: str, what: str = "YAML") -> Any:
    """Load one YAML document within the budget.

    Raises yaml.YAMLError for invalid YAML (with its marks) and YamlBudgetError when the text or
    its expansion is too large or too deep. Anything else PyYAML raises on hostile input
    (RecursionError, a constructor's ValueError or IndexError for `!!int ''`) is YamlBudgetError too.
    """
    if len(text) > MAX_YAML_CHARS:
        raise YamlBudgetError(f"{what} is over {MAX_YAML_CHARS // 1024} KB")
    loader = BoundedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _measure(node)
        return loader.construct_document(node)
    except yaml.YAMLError:
        raise
    except (Exception, RecursionError) as exc:  # PyYAML's constructors raise IndexError, ValueError... on hostile input
        raise YamlBudgetError(f"{what} cannot be loaded ({type(exc).__name__})") from None
    finally:
        loader.dispose()


_repr = reprlib.Repr()
_repr.maxlevel = 2
_repr.maxlist = _repr.maxtuple = _repr.maxdict = _repr.maxset = 4
_repr.maxstring = _repr.maxother = 40
_repr.maxlong = 24


def short(value: object, limit: int = 40) -> str:
    """A bounded repr: an alias-expanded value or a huge number is never printed in full."""
    text = _repr.repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
