"""`due` as a table a person reads (and JSON a program reads); `grade` and its exit status."""

import json
import re

from qkvstudy.cli.text import width


def _column_starts(line: str, cells: list[str]) -> list[int]:
    """Display column where each cell starts in `line` (cells in order)."""
    starts, pos = [], 0
    for cell in cells:
        i = line.index(cell, pos)
        starts.append(width(line[:i]))
        pos = i + len(cell)
    return starts


def test_due_is_an_aligned_table_with_a_header_and_a_total(run):
    code, out, _ = run("due")
    assert code == 0
    lines = out.splitlines()
    header, rows, total = lines[0], lines[1:-1], lines[-1]
    assert header.split() == ["到期", "状态", "稳定性(天)", "FSRS", "难度", "回忆概率", "笔记", "问题"]
    note_rows = [r for r in rows if "T/" in r]
    assert len(note_rows) == 2 and all("drill:" in r for r in rows if "T/" not in r)
    # The note path starts at the same display column on every line, Chinese state names included.
    path_col = _column_starts(header, ["笔记"])[0]
    for row in rows:
        path = re.search(r"(T/\S+|drill:\S+)", row).group(1)
        assert _column_starts(row, [path])[0] == path_col, row
    old = next(r for r in rows if "T/old.md" in r)
    assert "复习" in old and re.search(r"\b14\.0\b", old) and "%" in old  # stability 14 d, a recall chance
    new = next(r for r in rows if "T/new.md" in r)
    assert "新" in new and new.count("—") == 3  # no stability, difficulty or recall yet
    n_drills = len(rows) - 2
    counted = f"共 {len(rows)} 张：新 {n_drills + 1} · 学习中 0 · 复习 1"
    # More new cards than the daily limit (25 drill types + a note) adds what the limit leaves today.
    assert total == counted or total.startswith(counted + "（今天的新卡上限还剩")


def test_due_in_english_and_for_one_topic(run):
    code, out, _ = run("due", "--topic", "T", "--lang", "en")
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:2] == ["due", "state"]
    assert len(lines) == 4 and lines[-1] == "2 due: 1 new · 0 learning · 1 review"


def test_a_topic_with_nothing_due_is_not_an_unknown_topic(run):
    code, out, _ = run("due", "--topic", "U", "--lang", "en")
    assert code == 0 and out.strip() == "nothing due today in U"
    code, out, _ = run("due", "--topic", "共享标签")  # a second tag is a topic too
    assert code == 0 and out.strip() == "主题 共享标签 今天没有到期的卡片"


def test_an_unknown_topic_is_named_as_unknown(run):
    code, out, err = run("due", "--topic", "Transfromer")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "未知主题 'Transfromer'" in err and "T, U" in err
    code, out, err = run("due", "--json", "--topic", "Transfromer", "--lang", "en")
    assert code == 2 and "unknown topic" in err


def test_due_json_keeps_english_keys_and_raw_states(run):
    code, out, _ = run("due", "--json")
    cards = json.loads(out)
    assert code == 0 and {c["state"] for c in cards} <= {"new", "review", "learning", "relearning"}
    assert {"path", "title", "due", "state", "stability", "difficulty", "retrievability"} <= set(cards[0])


def test_grade_prints_the_new_schedule_and_writes_back(run, lib):
    code, out, err = run("grade", str(lib / "T" / "old.md"), "good")
    assert code == 0 and err == ""
    assert out.startswith("良好：T/old.md，下次 ") and "稳定性" in out and "FSRS 难度" in out
    assert "review_count: 4" in (lib / "T" / "old.md").read_text(encoding="utf-8")


def test_a_grade_whose_write_back_failed_exits_1_and_is_kept(run, lib):
    flow = lib / "T" / "flow.md"
    flow.write_text(
        "---\n{created: '2026-11-01', next_review: '2026-11-01', tags: [T]}\n---\n# 流式\n\n## 面试标准答案\n\n答。\n",
        encoding="utf-8",
    )
    before = flow.read_bytes()
    code, out, err = run("grade", str(flow), "good", "--lang", "en")
    assert code == 1
    assert err.count("\n") == 1 and "T/flow.md: front-matter not updated:" in err
    assert "[grade kept, front-matter not written]" in out
    assert flow.read_bytes() == before
    _, listed, _ = run("due", "--json")
    card = next(c for c in json.loads(listed) if c["path"] == "T/flow.md")
    assert card["reviews"] == 1 and card["state"] == "learning"  # the grade is in the database


def test_grading_a_file_outside_the_library_exits_1(run, tmp_path):
    code, _, err = run("grade", str(tmp_path / "nope.md"), "3")
    assert code == 1 and err.count("\n") == 1


def test_a_topic_whose_cards_are_all_suspended_is_known(run, tmp_path, lib):
    from qkvstudy.study import Study

    run("due")  # index
    study = Study.open(db=str(tmp_path / "q.db"), notes=lib)
    try:
        study.suspend(study.card_for_path(lib / "U" / "later.md").card_id)
    finally:
        study.close()
    code, out, err = run("due", "--topic", "U", "--lang", "en")
    assert code == 0 and out.strip() == "nothing due today in U" and err == ""


def test_grade_checks_its_own_note_not_the_whole_library(run, tmp_path, lib):
    from helpers import note_text, write

    from qkvstudy.study import Study

    run("due")  # indexed
    write(lib / "T" / "new.md", note_text("改过的标题", tags=("T",), next_review="2026-11-20"))  # another note edited
    code, out, _ = run("grade", str(lib / "T" / "old.md"), "good")
    assert code == 0
    study = Study.open(db=str(tmp_path / "q.db"), notes=lib)
    try:
        assert study.card_for_path(lib / "T" / "new.md").title == "新笔记"  # not rescanned by the grade
    finally:
        study.close()
    # A note the index has not seen yet is found by a rescan, and graded.
    write(lib / "T" / "fresh.md", note_text("新来的", tags=("T",), next_review="2026-11-20"))
    code, out, _ = run("grade", str(lib / "T" / "fresh.md"), "again")
    assert code == 0 and "T/fresh.md" in out
    assert "review_count: 1" in (lib / "T" / "fresh.md").read_text(encoding="utf-8")


def test_grading_a_note_edited_since_it_was_indexed_keeps_the_edit(run, lib):
    run("due")
    old = lib / "T" / "old.md"
    old.write_text(old.read_text(encoding="utf-8").replace("答案。", "我刚改的答案。"), encoding="utf-8")
    code, _, err = run("grade", str(old), "good", "--lang", "en")
    text = old.read_text(encoding="utf-8")
    assert code == 0 and "我刚改的答案。" in text and "review_count: 4" in text


def test_stats_of_an_unknown_topic_is_named_as_unknown(run):
    code, out, err = run("stats", "--topic", "Nope", "--lang", "en")
    assert code == 2 and out == "" and "unknown topic 'Nope'" in err


def test_due_json_is_streamed_as_the_same_text_json_dump_writes(run):
    code, out, _ = run("due", "--json")
    cards = json.loads(out)
    assert code == 0 and len(cards) > 2
    assert out == json.dumps(cards, ensure_ascii=False, indent=2) + "\n"
    code, out, _ = run("due", "--json", "--topic", "U")  # nothing due: an empty list, as before
    assert code == 0 and out == "[]\n"


def test_due_reads_the_index_and_indexes_a_library_never_indexed(run, lib):
    from helpers import note_text, write

    code, out, _ = run("due", "--json")  # a new database: the library is indexed first
    assert code == 0 and {c["path"] for c in json.loads(out) if c["kind"] == "note"} == {"T/new.md", "T/old.md"}
    write(lib / "T" / "later.md", note_text("后来的", tags=("T",), next_review="2026-11-20"))
    code, out, _ = run("due", "--json")  # indexed: the index as last scanned, no walk of the library
    assert code == 0 and "T/later.md" not in out
    code, out, _ = run("import", str(lib))
    code, out, _ = run("due", "--json")
    assert code == 0 and "T/later.md" in out
