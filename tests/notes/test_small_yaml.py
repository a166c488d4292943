"""Front-matter YAML loaded without the measuring walk gives exactly load_bounded's result."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qkvstudy.notes.small_yaml import load_front_matter_yaml, within_budget_by_size
from qkvstudy.notes.yamlsafe import MAX_DEPTH, YamlBudgetError, load_bounded


def outcome(load, text):
    try:
        return "ok", load(text, "front-matter")
    except YamlBudgetError as exc:
        return "budget", str(exc)
    except Exception as exc:  # invalid YAML: the same error, the same place
        return type(exc).__name__, str(exc)


def same(text: str) -> None:
    assert outcome(load_front_matter_yaml, text) == outcome(load_bounded, text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="[]{}:-?,.!& \n\tab1'\"#|>~", max_size=120))
def test_any_small_text_loads_as_load_bounded_loads_it(text):
    same(text)


@pytest.mark.parametrize(
    "text",
    [
        "created: '2025-10-19'\nreview_count: 0\ntags:\n- Transformer\n- Transformer/x.md\nrelated_outlines: []\n",
        "next_review: 2025-02-30\n",  # an impossible date stays text
        "a: !!int ''\n",  # a constructor error is a budget error in both
        "a: " + "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2) + "\n",  # too deep: measured, rejected
        "- " * (MAX_DEPTH + 2) + "x\n",
        "a: &a [1, 2]\nb: [*a, *a]\n",  # aliases: always measured
        "x: " + "y" * 5000 + "\n",
    ],
)
def test_edge_cases_load_as_load_bounded_loads_them(text):
    same(text)


def test_only_small_alias_free_shallow_text_skips_the_walk():
    assert within_budget_by_size("created: '2025-10-19'\ntags:\n- a\n")
    assert not within_budget_by_size("a: *b\n")
    assert not within_budget_by_size("a: " + "[" * MAX_DEPTH)
    assert not within_budget_by_size("a: b\n" * 1000)
