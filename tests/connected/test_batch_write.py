"""Many notes replaced at once: each atomically, permissions kept, a note edited meanwhile not overwritten."""

import os

from qkvstudy.notes.batch_write import Replacement, replace_notes


def test_replaces_each_note_and_skips_one_changed_meanwhile(tmp_path):
    a, b = tmp_path / "T" / "a.md", tmp_path / "b.md"
    a.parent.mkdir()
    a.write_bytes(b"old a")
    b.write_bytes(b"edited by the user")
    os.chmod(a, 0o640)
    failed = replace_notes([Replacement(a, b"old a", b"new a"), Replacement(b, b"old b", b"new b")])
    assert a.read_bytes() == b"new a" and (os.stat(a).st_mode & 0o777) == 0o640
    assert b.read_bytes() == b"edited by the user"  # the user's save wins
    assert [(p, reason) for p, reason in failed] == [(b, "计算期间文件被修改；未写入，请重新运行")]
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["T", "a.md", "b.md"]  # no temporary file left


def test_a_missing_note_is_one_failure_not_a_crash(tmp_path):
    failed = replace_notes([Replacement(tmp_path / "gone.md", b"x", b"y")])
    assert len(failed) == 1 and failed[0][0] == tmp_path / "gone.md"
    assert list(tmp_path.iterdir()) == []
