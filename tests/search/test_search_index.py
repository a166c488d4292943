"""The search index finds exactly the notes a plain substring check over what the review screen shows finds."""

from __future__ import annotations

from pathlib import Path

from helpers import note_text, write
from hypothesis import given, settings
from hypothesis import strategies as st
from postings import assert_index_as_built_afresh

from qkvstudy.facade import library_search
from qkvstudy.store.search_index import ALONE, BREAK, HOLE
from qkvstudy.study import Study

GAP = "\ufdd0"  # migration 0007's mark: a plain character now

# Chinese, Latin in both cases (and letters whose lower case is longer: İ), digits, punctuation, the
# index's own gap and break characters: everything a note or a needle may hold, short of Markdown structure.
ALPHABET = (
    "注意力头缩放因子多的是注注意意aAbBkKvVzZİßΣσς19 ,.:;!?$\\'()[]{}/\ufffd\ufffe\uffff" + GAP + HOLE + BREAK + ALONE
)
# White space besides the space and the line break (\x1e and \x1f are also the separators of a packed note).
SPACES = "\t\u3000\xa0\x1c\x1d\x1e\x1f"
WORDS = st.text(ALPHABET + SPACES, min_size=1, max_size=12).map(str.strip).filter(bool)
# Lines of a few words, used again and again: a note's document holds each line once.
LINES = (
    st.lists(WORDS, min_size=1, max_size=3)
    .flatmap(
        lambda pool: st.lists(st.tuples(st.sampled_from(pool), st.sampled_from(" " + SPACES)), min_size=1, max_size=6)
    )
    .map(lambda words: "".join(w + s for w, s in words).strip())
)


def _visible(study: Study, note_id: int) -> str:
    """What the review screen shows of a note, as one string per part."""
    content = study.note_content(note_id)
    parts = [content.question]
    for section in ((content.answer,) if content.answer else ()) + content.details:
        parts += [section.title, section.markdown]
    return "\n".join(parts)


def _library(root: Path, texts: list[tuple[str, str, str]]) -> None:
    for i, (question, answer, detail) in enumerate(texts):  # the same names each time: later examples update
        write(root / "T" / f"n{i}.md", note_text(f"{question} {i}", answer, extra_body=f"\n\n{detail}"))


def _paths(found: list) -> set[str]:
    return {c.path for c in found}


def test_index_finds_exactly_the_substring_matches(tmp_path):
    root = tmp_path / "notes"
    study = Study.open(db=str(tmp_path / "s.db"), notes=root)

    @settings(max_examples=100)
    @given(
        texts=st.lists(st.tuples(LINES, LINES, LINES), min_size=4, max_size=4),
        picks=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 400), st.integers(1, 6)), min_size=1, max_size=4),
        loose=st.lists(st.text(ALPHABET + SPACES, min_size=1, max_size=4), max_size=2),
    )
    def check(texts, picks, loose):
        _library(root, texts)
        study.scan(workers=1)
        notes = {c.path: _visible(study, c.note_id).lower() for c in study.search("").cards}
        needles = list(loose)
        for which, at, size in picks:  # pieces of the notes themselves, 1-6 characters, and with what is around
            body = list(notes.values())[which]
            start = at % len(body)
            needles += [body[start : start + size], body[max(0, start - 1) : start + size + 1]]
        for raw in needles:
            needle = raw.lower()
            if '"' in needle or not needle.strip() or "\n" in needle:  # not one search word
                continue
            expected = {path for path, shown in notes.items() if needle in shown}
            found = study.search(f'"{raw}"')
            assert _paths(found.cards) == expected, raw
            assert (found.count, found.count_exact) == (len(expected), True)
            without = study.search(f'-"{raw}"')
            assert (_paths(without.cards), without.count) == (set(notes) - expected, len(notes) - len(expected)), raw
        both = [n for n in needles if '"' not in n and n.strip() and "\n" not in n][:2]
        query = " ".join(f'"{n}"' for n in both)
        expected = {p for p, shown in notes.items() if all(n.lower() in shown for n in both)}
        found = study.search(query)
        assert (_paths(found.cards), found.count) == (expected, len(expected))
        if both:  # a word and a state together: counted by SQL, not by the index alone
            new = study.search(f"{query} is:new")
            assert (_paths(new.cards), new.count) == (expected, len(expected))
        assert_index_as_built_afresh(tmp_path / "s.db")  # every earlier example's notes were replaced here

    try:
        check()
    finally:
        study.close()


def test_long_words_are_checked_and_edits_reindex(tmp_path):
    root = tmp_path / "notes"
    write(root / "T" / "a.md", note_text("缩放点积注意力", "softmax 之前除以 √d_k", extra_body="KV cache 缓存"))
    write(root / "T" / "b.md", note_text("多头", "soft max 与 kv 的 cache"))  # every trigram of neither
    study = Study.open(db=str(tmp_path / "s.db"), notes=root)
    try:
        study.scan(workers=1)
        assert [c.path for c in study.search('"kv cache"').cards] == ["T/a.md"]
        assert [c.path for c in study.search("SoftMax").cards] == ["T/a.md"]
        assert [c.path for c in study.search("-softmax").cards] == ["T/b.md"]
        assert [c.path for c in study.search("头").cards] == ["T/b.md"]
        write(root / "T" / "a.md", note_text("缩放点积注意力", "归一化"))  # the old words leave the index
        study.scan(workers=1)
        assert study.search("softmax").count == 0
        assert study.search("归一化").count == 1
        assert study.search("cache kv").cards == study.search("kv cache").cards
    finally:
        study.close()


def test_many_candidates_give_an_upper_bound_and_exact_pages(tmp_path, monkeypatch):
    root = tmp_path / "notes"
    for i in range(6):  # "abcd" in the even ones; the odd ones hold abc and bcd apart
        write(root / "T" / f"n{i}.md", note_text(f"问题{i}", "abcd" if i % 2 == 0 else "abcx bcd"))
    study = Study.open(db=str(tmp_path / "s.db"), notes=root)
    try:
        study.scan(workers=1)
        exact = study.search("abcd", sort="path")
        assert ([c.path for c in exact.cards], exact.count, exact.count_exact) == (
            ["T/n0.md", "T/n2.md", "T/n4.md"],
            3,
            True,
        )
        monkeypatch.setattr(library_search, "CHECK_ALL", 2)
        monkeypatch.setattr(library_search, "_CHUNK", 1)  # candidates read one at a time
        # (sorted by title, the same order: a new search, not the pages of the one above)
        first = study.search("abcd", sort="title", limit=1)
        assert [c.path for c in first.cards] == ["T/n0.md"]
        assert (first.count_exact, 3 <= first.count <= 6) == (False, True)
        second = study.search("abcd", sort="title", limit=1, offset=1)
        assert [c.path for c in second.cards] == ["T/n2.md"]
        everything = study.search("abcd", sort="title")
        assert (len(everything.cards), everything.count, everything.count_exact) == (3, 3, True)
        # "-abcd" over more candidates than are checked: all of them are left out, and the count says so.
        without = study.search("-abcd")
        assert (without.cards, without.count_exact) == ([], False)
        monkeypatch.setattr(library_search, "CHECK_ALL", 500)
        assert sorted(c.path for c in study.search("-abcd").cards) == ["T/n1.md", "T/n3.md", "T/n5.md"]
    finally:
        study.close()


def test_needles_no_note_can_hold_match_nothing(tmp_path):
    root = tmp_path / "notes"
    write(root / "T" / "a.md", note_text("问题", "答案"))
    study = Study.open(db=str(tmp_path / "s.db"), notes=root)
    try:
        study.scan(workers=1)
        assert study.search("\ud800").count == 0  # a lone surrogate: no UTF-8 text holds it
        assert study.search("-\ud800").count == 1
        assert study.search(GAP).count == study.search(ALONE).count == study.search(ALONE * 3).count == 0
        for odd in ("\x00", "a\x00b", "-\x00abc", "*", "^", "NEAR", "AND", "()", '"x" OR'):  # FTS5's syntax is not ours
            assert study.search(odd).count in (0, 1), odd
        assert study.search("答案").count == 1
    finally:
        study.close()


def test_tag_terms_mean_what_a_topic_means_to_the_queue(tmp_path):
    from sqlalchemy import select

    from qkvstudy.schedule import queue
    from qkvstudy.store.models import Card

    root = tmp_path / "notes"
    write(root / "Math" / "a.md", note_text("问题 a", tags=("Math",)))
    write(root / "Math" / "Sub" / "b.md", note_text("问题 b", tags=("Other", "Math")))
    write(root / "50%_x" / "c.md", note_text("问题 c", tags=("Misc",)))
    write(root / "d.md", note_text("问题 d", tags=("math", "50%_x")))
    write(root / "Mathe" / "e.md", note_text("问题 e", tags=("Mathe",)))
    study = Study.open(db=str(tmp_path / "s.db"), notes=root)
    try:
        study.scan(workers=1)
        every = {c.card_id for c in study.search("").cards}
        for topic in ("Math", "Math/Sub", "math", "50%_x", "Mathe", "Other", "drills", "nothing"):
            with study.engine.connect() as conn:
                want = set(conn.scalars(select(Card.id).where(Card.kind == "note", queue.in_topic(topic))))
            found, left = study.search(f'tag:"{topic}"'), study.search(f'-tag:"{topic}" 问题')
            assert ({c.card_id for c in found.cards}, found.count) == (want, len(want)), topic
            assert ({c.card_id for c in left.cards}, left.count) == (every - want, len(every - want)), topic
    finally:
        study.close()


def test_paging_a_long_word_gives_every_match_once_and_a_rescan_starts_afresh(tmp_path, monkeypatch):
    root = tmp_path / "notes"
    for i in range(9):
        write(root / "T" / f"n{i}.md", note_text(f"问题{i}", "kv cache" if i % 3 else "kv 的 cache"))
    study = Study.open(db=str(tmp_path / "s.db"), notes=root)
    monkeypatch.setattr(library_search, "CHECK_ALL", 2)
    monkeypatch.setattr(library_search, "_CHUNK", 2)
    try:
        study.scan(workers=1)

        def pages():
            seen, offset = [], 0
            while True:
                page = study.search('"kv cache"', sort="path", limit=2, offset=offset).cards
                if not page:
                    return seen
                seen += [c.path for c in page]
                offset += len(page)

        assert pages() == [f"T/n{i}.md" for i in range(9) if i % 3]
        write(root / "T" / "n1.md", note_text("问题1", "已改"))
        study.scan(workers=1)
        assert pages() == [f"T/n{i}.md" for i in range(9) if i % 3 and i != 1]
    finally:
        study.close()
