"""The importer: incremental scans, moves, missing files, duplicates, outside files, bad files."""

import os
import shutil
from pathlib import Path

import pytest
from helpers import note_text, write

from qkvstudy.study import Study

# These tests read the core's messages in English (the default language is Chinese).
pytestmark = pytest.mark.usefixtures("english")

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"


@pytest.fixture
def lib(tmp_path):
    root = tmp_path / "notes"
    write(root / "Transformer" / "a.md", note_text("问题 A", tags=("Transformer",)))
    write(root / "Transformer" / "b.md", note_text("问题 B", tags=("Transformer",)))
    write(root / "推理优化" / "c.md", note_text("问题 C", tags=("推理优化",)))
    return root


@pytest.fixture
def study(tmp_path, lib):
    s = Study.open(db=str(tmp_path / "q.db"), notes=lib)
    yield s
    s.close()


def paths(study):
    return sorted(c.path for c in study.search().cards)


def test_cold_then_unchanged(study):
    r = study.scan()
    assert (r.added, r.updated, r.unchanged, r.rejected) == (3, 0, 0, 0)
    r = study.scan()
    assert (r.added, r.updated, r.unchanged) == (0, 0, 3)
    assert paths(study) == ["Transformer/a.md", "Transformer/b.md", "推理优化/c.md"]


def test_touched_but_same_content_is_not_an_update(study, lib):
    study.scan()
    os.utime(lib / "Transformer" / "a.md", ns=(1, 1))
    r = study.scan()
    assert (r.updated, r.unchanged) == (0, 3)


def test_edit_updates_the_note(study, lib):
    study.scan()
    write(lib / "Transformer" / "a.md", note_text("问题 A 改过", tags=("Transformer",)))
    r = study.scan()
    assert (r.updated, r.unchanged) == (1, 2)
    assert any(c.title == "问题 A 改过" for c in study.search().cards)


def test_rename_keeps_history(study, lib):
    study.scan()
    card = study.card_for_path(lib / "Transformer" / "a.md")
    study.grade(card.card_id, 3)
    (lib / "Transformer" / "a.md").rename(lib / "Transformer" / "a-renamed.md")
    r = study.scan()
    assert (r.moved, r.added, r.missing) == (1, 0, 0)
    moved = study.card_for_path(lib / "Transformer" / "a-renamed.md")
    assert moved.card_id == card.card_id and moved.reviews == 1
    assert len(study.history.review_logs(card.card_id)) == 1


def test_move_to_another_folder_keeps_history(study, lib):
    study.scan()
    card = study.card_for_path(lib / "推理优化" / "c.md")
    study.grade(card.card_id, 4)
    (lib / "新文件夹").mkdir()
    shutil.move(lib / "推理优化" / "c.md", lib / "新文件夹" / "c.md")
    r = study.scan()
    assert r.moved == 1
    assert study.card_for_path(lib / "新文件夹" / "c.md").card_id == card.card_id


def test_rename_and_edit_together_keeps_history(study, lib):
    study.scan()
    card = study.card_for_path(lib / "Transformer" / "a.md")
    study.grade(card.card_id, 3)
    text = (lib / "Transformer" / "a.md").read_text(encoding="utf-8")
    (lib / "Transformer" / "a.md").unlink()
    write(lib / "Transformer" / "a2.md", text.replace("答案。", "答案，补充了一句。"))
    r = study.scan()
    assert (r.moved, r.added, r.missing) == (1, 0, 0)
    assert study.card_for_path(lib / "Transformer" / "a2.md").card_id == card.card_id


def test_deleted_file_is_marked_missing_with_history_kept(study, lib):
    study.scan()
    card = study.card_for_path(lib / "Transformer" / "b.md")
    study.grade(card.card_id, 3)
    (lib / "Transformer" / "b.md").unlink()
    r = study.scan()
    assert r.missing == 1
    assert study.card(card.card_id).missing
    assert len(study.history.review_logs(card.card_id)) == 1
    assert all(c.card_id != card.card_id for c in study.due())
    # It comes back when the file does.
    write(lib / "Transformer" / "b.md", note_text("问题 B", tags=("Transformer",)))
    study.scan()
    assert not study.card(card.card_id).missing


def test_duplicate_content_is_rejected_with_a_line(study, lib):
    study.scan()
    shutil.copy(lib / "Transformer" / "a.md", lib / "Transformer" / "a-copy.md")
    r = study.scan()
    assert r.rejected == 1 and r.added == 0
    assert "a-copy.md" in str(r.problems[0]) and "same content as" in str(r.problems[0])


def test_every_bad_input_gets_one_line_and_good_files_still_import(tmp_path, study, lib):
    for f in BAD.iterdir():
        shutil.copy(f, lib / f.name)
    (lib / "huge.md").write_bytes(b"# big\n" + b"x" * (5 * 1024 * 1024 + 10))
    r = study.scan()
    lines = [str(p) for p in r.problems]
    by_file = {}
    for line in lines:
        by_file.setdefault(Path(line.split(":")[0]).name, []).append(line)
    rejected = {
        "invalid_yaml.md",
        "unclosed_front_matter.md",
        "gbk_encoded.md",
        "empty.md",
        "binary.md",
        "no_h1.md",
        "huge.md",
    }
    for name in rejected:
        assert len(by_file.get(name, [])) == 1, (name, lines)
    assert r.rejected == len(rejected)
    assert len(by_file["bad_fields.md"]) == 4  # one line per ignored field, the note imported
    assert "GBK" in by_file["gbk_encoded.md"][0]
    titles = {c.title for c in study.search().cards}
    assert {"问题 A", "问题 B", "问题 C", "带 BOM 的笔记", "CRLF 换行的笔记", "字段有误的笔记"} <= titles
    # Each line is `path:line: reason` or `path: reason`.
    assert all(": " in line for line in lines)


def test_import_copies_outside_files_under_first_tag(tmp_path, study, lib):
    outside = tmp_path / "inbox"
    write(outside / "new.md", note_text("外部笔记", tags=("位置编码", "位置编码/new.md")))
    write(outside / "sub" / "other.md", note_text("另一个外部笔记", tags=("RoPE",)))
    r = study.import_paths([outside])
    assert r.added == 5 and r.rejected == 0
    assert (lib / "位置编码" / "new.md").read_bytes() == (outside / "new.md").read_bytes()
    assert (lib / "RoPE" / "other.md").is_file()
    assert (outside / "new.md").is_file()  # the original is left where it was


def test_import_never_overwrites_a_different_file(tmp_path, study, lib):
    outside = tmp_path / "inbox"
    write(outside / "a.md", note_text("同名但不同的笔记", tags=("Transformer",)))
    r = study.import_paths([outside / "a.md"])
    assert r.added == 4
    assert "问题 A" in (lib / "Transformer" / "a.md").read_text(encoding="utf-8")
    assert "同名但不同的笔记" in (lib / "Transformer" / "a (2).md").read_text(encoding="utf-8")
    again = study.import_paths([outside / "a.md"])  # importing the same file twice adds nothing
    assert again.added == 0 and not (lib / "Transformer" / "a (3).md").exists()


def test_process_pool_gives_the_same_index(tmp_path):
    root = tmp_path / "big"
    for i in range(450):
        write(root / f"t{i % 3}" / f"n{i}.md", note_text(f"问题 {i}", tags=(f"t{i % 3}",)))
    s = Study.open(db=str(tmp_path / "pool.db"), notes=root)
    r = s.scan(workers=2)
    assert r.added == 450 and r.rejected == 0
    assert len(s.search().cards) == 450
    s.close()


def test_qkvdrill_blocks_become_drill_cards_and_bad_specs_are_reported(study, lib):
    body = "\n```qkvdrill\ntype: causal_mask\nlevel: 2\n```\n\n```qkvdrill\ntype: nonsense\n```\n"
    write(lib / "Transformer" / "d.md", note_text("带练习的笔记", tags=("Transformer",), extra_body=body))
    r = study.scan()
    drills = [c for c in study.due() if c.kind == "drill" and c.note_id is not None]
    assert [(c.drill_type, c.drill_level) for c in drills] == [("causal_mask", 2)]
    assert drills[0].topic == "Transformer" and "type: causal_mask" in drills[0].drill_spec
    lines = [str(p) for p in r.problems]
    assert len(lines) == 1 and "d.md:" in lines[0] and "nonsense" in lines[0] and "drill ignored" in lines[0]
    # Removing the block removes its card; the note stays.
    write(lib / "Transformer" / "d.md", note_text("带练习的笔记", tags=("Transformer",)))
    study.scan()
    assert not [c for c in study.due() if c.kind == "drill" and c.note_id is not None]
