"""Write-back: any note name the file system allows, undo byte for byte, an edit never overwritten."""

import pytest
from helpers import write

from qkvstudy.notes.atomic import Conflict, write_atomically
from qkvstudy.study import Study

BARE = "---\ntags: [T]\n# 作者的注释\n---\n# 问题\n\n## 答案\n\n文本\n"


def _study(tmp_path, root):
    study = Study.open(db=str(tmp_path / "q.db"), notes=root)
    study.scan()
    return study


def test_a_note_named_near_the_length_limit_is_written_back(tmp_path):
    root = tmp_path / "notes"
    name = "问" * 84 + ".md"  # 255 bytes: the longest name the file system allows
    assert len(name.encode()) == 255
    note = write(root / "T" / name, BARE)
    study = _study(tmp_path, root)
    outcome = study.grade(study.card_for_path(note).card_id, 3)
    study.close()
    assert outcome.wrote_back, outcome.message
    assert "review_count: 1" in note.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "original",
    [
        BARE,
        "\ufeff" + BARE.replace("\n", "\r\n"),
        "---\nlast_reviewed:   ~   # never\nreview_count: 0\ntags: [T]\n---\n# 问题\n\n## 答案\n\n文本\n",
    ],
    ids=["keys_added", "bom_crlf", "odd_spacing"],
)
def test_undo_restores_the_file_byte_for_byte(tmp_path, original):
    root = tmp_path / "notes"
    note = root / "T" / "a.md"
    note.parent.mkdir(parents=True)
    note.write_bytes(original.encode("utf-8"))
    study = _study(tmp_path, root)
    card = study.card_for_path(note).card_id
    study.grade(card, 3)
    assert note.read_bytes() != original.encode("utf-8")
    study.undo()
    assert note.read_bytes() == original.encode("utf-8")
    assert study.card(card).reviews == 0
    study.close()


def test_undo_after_a_body_edit_restores_the_front_matter_and_keeps_the_edit(tmp_path):
    root = tmp_path / "notes"
    note = write(root / "T" / "a.md", BARE)
    study = _study(tmp_path, root)
    study.grade(study.card_for_path(note).card_id, 3)
    note.write_bytes(note.read_bytes() + "\n用户后来加的一行\n".encode())
    study.undo()
    assert note.read_text(encoding="utf-8") == BARE + "\n用户后来加的一行\n"
    study.close()


def test_the_write_is_refused_when_the_file_changed_since_it_was_read(tmp_path):
    note = write(tmp_path / "a.md", "v1")
    read = note.read_bytes()
    note.write_bytes(b"the user's save")
    with pytest.raises(Conflict):
        write_atomically(note, b"v2 from a stale read", expected=read)
    assert note.read_bytes() == b"the user's save"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]
    with pytest.raises(Conflict):
        write_atomically(note, b"new file", expected=None)  # creating never replaces
