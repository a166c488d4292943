"""The index's documents and needles against an FTS5 table of their own (no library, so many examples):
a needle's query finds every text that holds it, exactly those when the needle says it is exact, and a
document replaced by re-supplying the old one leaves the index as if built afresh."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from qkvstudy.store.search_index import (
    ALONE,
    BREAK,
    CREATE,
    CREATE_TERMS,
    HOLE,
    TABLE,
    UNINDEXED,
    document,
    needle,
    vocabulary,
)

GAP = "\ufdd0"  # migration 0007's mark: a plain character now

# White space of every kind a note may hold, the line break documents are cut at among them.
SPACES = " \t\n\r\x0b\x0c\u3000\x1c\x1d\x1e\x1f\xa0\x85\u2028"
CHARS = "注意力头缩放kvab1,.'\"" + GAP + HOLE + BREAK + ALONE + "\uffff\x00"
WORD = st.text(st.sampled_from(CHARS), min_size=1, max_size=5)
SPACE = st.text(st.sampled_from(SPACES), min_size=1, max_size=2)
# A few words used again and again (so lines repeat), whitespace of every kind between them.
TEXT = st.lists(WORD, min_size=1, max_size=5).flatmap(
    lambda pool: st.tuples(
        st.text(st.sampled_from(SPACES), max_size=1),
        st.lists(st.tuples(st.sampled_from(pool), SPACE), max_size=10),
    ).map(lambda t: t[0] + "".join(w + s for w, s in t[1]))
)
LOOSE = st.text(st.sampled_from(CHARS + SPACES), min_size=1, max_size=6)


def _table(texts: list[str]) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.execute(CREATE)
    con.execute(CREATE_TERMS)
    con.executemany(f"INSERT INTO {TABLE}(rowid, doc) VALUES (?, ?)", [(i, document(t)) for i, t in enumerate(texts)])
    return con


def _found(con: sqlite3.Connection, query: str) -> set[int]:
    return {row for (row,) in con.execute(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?", (query,))}


def _pieces(texts: list[str], picks: list[tuple[int, int, int]]) -> list[str]:
    """Pieces of the texts themselves, with the whitespace around them now and then."""
    out = []
    for which, at, size in picks:
        body = texts[which % len(texts)]
        if body:
            start = at % len(body)
            out.append(body[start : start + size])
            out.append(body[max(0, start - 1) : start + size + 1])
    return out


@settings(max_examples=400)
@given(
    texts=st.lists(TEXT, min_size=1, max_size=5),
    picks=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 200), st.integers(1, 5)), max_size=6),
    loose=st.lists(LOOSE, max_size=3),
)
def test_a_query_finds_every_holder_and_exactly_them_when_exact(texts, picks, loose):
    con = _table(texts)
    for value in _pieces(texts, picks) + loose:
        word = needle(value, vocabulary(con.execute))
        holders = {i for i, t in enumerate(texts) if value in t}
        if not UNINDEXED.isdisjoint(value):  # a line break among them: read from the notes
            assert word.query is None and not word.exact, repr(value)
            continue
        assert word.exact == (len(value) <= 3), repr(value)  # spaces and all: a phrase is its own trigrams
        found = _found(con, word.query)
        assert holders <= found, repr(value)
        if word.exact:
            assert found == holders, repr(value)
    con.close()


def _postings(con: sqlite3.Connection) -> list[tuple[str, int]]:
    con.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.postings USING fts5vocab(main, {TABLE}, 'instance')")
    return sorted(con.execute("SELECT term, doc FROM temp.postings"))


@settings(max_examples=200)
@given(old=st.lists(TEXT, min_size=1, max_size=4), new=st.lists(TEXT, min_size=4, max_size=4))
def test_a_replaced_document_leaves_the_index_as_if_built_afresh(old, new):
    con = _table(old)
    for i, text in enumerate(old):  # forgotten by re-supplying the document it was indexed with
        con.execute(f"INSERT INTO {TABLE}({TABLE}, rowid, doc) VALUES ('delete', ?, ?)", (i, document(text)))
        con.execute(f"INSERT INTO {TABLE}(rowid, doc) VALUES (?, ?)", (i, document(new[i])))
    con.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('integrity-check')")
    fresh = _table(new[: len(old)])
    assert _postings(con) == _postings(fresh)
    con.close()
    fresh.close()


def test_postings_tell_a_wrong_delete_which_integrity_check_does_not():
    """Why the test above compares postings: a contentless table deleted with the wrong document keeps the
    old row's terms, and FTS5's integrity-check cannot see it (it has no content to check against)."""
    con = _table(["kv cache 缩放"])
    con.execute(f"INSERT INTO {TABLE}({TABLE}, rowid, doc) VALUES ('delete', 0, ?)", ("kv cache 缩放",))
    con.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('integrity-check')")
    assert _postings(con) != [] and _found(con, needle("缩放", vocabulary(con.execute)).query or "") == {0}
    con.close()


def test_a_document_is_the_same_in_any_process():
    """Documents are made in the import's worker processes and re-made later to delete a row: the word
    order must not depend on the process's string hashing."""
    texts = ["kv cache kv 缩放 因子 缩放", "b a c a b\u3000d", "注 意 力 头 注"]
    code = (
        "import sys; from qkvstudy.store.search_index import document; "
        f"sys.stdout.write(repr([document(t) for t in {texts!r}]))"
    )
    seen = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
        seen.add(out.stdout)
    assert seen == {repr([document(t) for t in texts])}


def _reference(search: str) -> str:
    """The rule `document` implements, as the plain string expression its docstring gives."""
    plain = search.replace("\x00", HOLE)
    lines = BREAK.join(dict.fromkeys(plain.split("\n")))
    return lines + BREAK + BREAK + ALONE + (ALONE + ALONE).join(sorted(set(lines))) + ALONE


@settings(max_examples=300)
@given(st.one_of(TEXT, st.text(max_size=40)))
def test_the_document_is_its_rule(search):
    assert document(search) == _reference(search)
