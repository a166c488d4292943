"""Browse's search syntax: parsed into terms, unknown terms named, never an exception."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qkvstudy.facade.search import Term, parse_search


def test_words_tags_states_phrases_and_negation():
    parsed = parse_search('缩放 Attention tag:Math is:due -is:new "kv cache" -tag:drills')
    assert parsed.terms == (
        Term("word", "缩放"),
        Term("word", "attention"),
        Term("tag", "Math"),
        Term("is", "due"),
        Term("is", "new", negated=True),
        Term("word", "kv cache"),
        Term("tag", "drills", negated=True),
    )
    assert parsed.problems == ()


def test_unknown_terms_are_named_as_written():
    parsed = parse_search("is:later tag: 头 QKV:")
    assert parsed.problems == ("is:later", "tag:")
    assert parsed.terms == (Term("word", "头"), Term("word", "qkv:"))


def test_a_lone_minus_and_a_url_are_words():
    assert parse_search("- http://x").terms == (Term("word", "-"), Term("word", "http://x"))


@given(st.text(max_size=200))
def test_never_raises_and_loses_no_word(text):
    parsed = parse_search(text)
    for term in parsed.terms:
        assert term.value.strip()
        if term.kind == "is":
            assert term.value in {"due", "new", "learning", "suspended", "buried", "missing", "leech"}
