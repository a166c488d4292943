"""Import stays inside the library, reads only regular files, and every error is one line with the rest going on."""

import os
import socket
import subprocess

import pytest
from conftest import run_cli
from helpers import note_text, write

from qkvstudy.study import Study


@pytest.fixture
def setup(tmp_path):
    root = tmp_path / "notes"
    write(root / "T" / "a.md", note_text("库里的问题", tags=("T",)))
    study = Study.open(db=str(tmp_path / "q.db"), notes=root)
    study.scan()
    yield tmp_path, root, study
    study.close()


def leftovers(folder):
    return [p for p in folder.rglob(".*") if p.is_file()]


def test_a_symlinked_topic_folder_cannot_lead_an_import_out_of_the_library(setup):
    tmp_path, root, study = setup
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / "Escape").symlink_to(outside, target_is_directory=True)
    src = write(tmp_path / "in" / "x.md", note_text("想逃出去", tags=("Escape",)))
    ok = write(tmp_path / "in" / "y.md", note_text("正常导入", tags=("Fine",)))
    report = study.import_paths([src, ok])
    assert list(outside.iterdir()) == []
    assert [p.path for p in report.problems] == [str(src)]
    assert (root / "Fine" / "y.md").read_bytes() == ok.read_bytes()


def test_special_files_are_one_line_each_never_opened(tmp_path, setup):
    _tmp, root, study = setup
    src = tmp_path / "in"
    write(src / "good.md", note_text("好笔记", tags=("G",)))
    os.mkfifo(src / "pipe.md")
    (src / "dir.md").mkdir()
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(src / "sock.md"))
    try:
        result = run_cli(
            "import", str(src), "/dev/zero", "--db", str(tmp_path / "q.db"), "--notes", str(root), timeout=60
        )
    finally:
        sock.close()
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 4 and "Traceback" not in result.stderr, result.stderr
    for name in ("pipe.md", "dir.md", "sock.md", "/dev/zero"):
        assert sum(name in line for line in lines) == 1, (name, lines)
    assert (root / "G" / "good.md").exists()


def test_a_tag_the_file_system_refuses_is_one_line_and_the_rest_imports(tmp_path, setup):
    _tmp, root, study = setup
    bad = write(tmp_path / "in" / "long.md", note_text("长标签", tags=("长" * 200,)))
    nul = write(tmp_path / "in" / "nul.md", note_text("空字符", tags=("a\\0b",)).replace("- a\\0b", '- "a\\0b"'))
    good = write(tmp_path / "in" / "ok.md", note_text("正常", tags=("Ok",)))
    report = study.import_paths([bad, nul, good])
    assert [p.path for p in report.problems] == [str(bad)]
    assert (root / "Ok" / "ok.md").exists() and (root / "ab" / "nul.md").exists()
    assert leftovers(root) == []


def test_a_duplicate_is_not_copied_at_all(tmp_path, setup):
    _tmp, root, study = setup
    same = write(tmp_path / "in" / "copy.md", (root / "T" / "a.md").read_text(encoding="utf-8"))
    report = study.import_paths([same])
    assert report.rejected == 1 and "same content" in str(report.problems[0])
    assert sorted(p.name for p in root.rglob("*.md")) == ["a.md"]
    twice = write(tmp_path / "in2" / "new.md", note_text("新的", tags=("N",)))
    study.import_paths([twice])
    again = write(tmp_path / "in3" / "new.md", twice.read_text(encoding="utf-8"))
    report = study.import_paths([again])
    assert report.rejected == 1
    assert sorted(p.name for p in (root / "N").iterdir()) == ["new.md"]


def _tmpfs(path, size):
    path.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True
    ).returncode:
        pytest.skip("cannot mount a tmpfs here")


@pytest.mark.skipif(os.geteuid() != 0, reason="a small tmpfs needs root")
def test_a_full_library_is_one_line_per_file_and_leaves_nothing_behind(tmp_path):
    root = tmp_path / "full"
    _tmpfs(root, "64k")
    try:
        study = Study.open(db=str(tmp_path / "q.db"), notes=root)
        big = [
            write(tmp_path / "in" / f"big{i}.md", note_text(f"大笔记 {i}", tags=("B",), extra_body="字" * 12000))
            for i in range(3)
        ]
        report = study.import_paths(big)
        study.close()
        assert report.rejected >= 1
        assert all("\n" not in str(p) for p in report.problems)
        assert leftovers(root) == []
        for p in (root / "B").glob("*.md"):  # whatever was copied is whole
            assert p.read_bytes() == (tmp_path / "in" / p.name).read_bytes()
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)


@pytest.mark.skipif(os.geteuid() != 0, reason="a read-only mount needs root")
def test_a_read_only_library_is_one_line_per_file(tmp_path):
    root = tmp_path / "ro"
    _tmpfs(root, "1m")
    try:
        write(root / "T" / "a.md", note_text("只读库", tags=("T",)))
        subprocess.run(["mount", "-o", "remount,ro", str(root)], check=True)
        src = write(tmp_path / "in" / "x.md", note_text("导入", tags=("X",)))
        result = run_cli("import", str(src), "--db", str(tmp_path / "q.db"), "--notes", str(root))
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "x.md" in lines[0] and "Traceback" not in result.stderr
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)
