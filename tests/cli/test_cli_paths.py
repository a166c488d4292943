"""A typo in --notes or --db changes nothing: one line, exit 2, no folder created, no note marked missing."""

import json

import pytest

from qkvstudy.cli import main


def _due_paths(tmp_path, lib, capsys) -> set[str]:
    assert main(["due", "--json", "--db", str(tmp_path / "q.db"), "--notes", str(lib)]) == 0
    return {c["path"] for c in json.loads(capsys.readouterr().out) if c["path"]}


@pytest.mark.parametrize("via", ["option", "env"])
def test_a_mistyped_notes_folder_is_refused_and_the_library_is_not_marked_missing(
    tmp_path, lib, capsys, via, monkeypatch
):
    before = _due_paths(tmp_path, lib, capsys)
    assert before == {"T/new.md", "T/old.md"}
    typo = tmp_path / "ntoes"
    if via == "option":
        code = main(["due", "--db", str(tmp_path / "q.db"), "--notes", str(typo)])
    else:
        monkeypatch.setenv("QKVSTUDY_NOTES", str(typo))
        code = main(["due", "--db", str(tmp_path / "q.db")])
        monkeypatch.delenv("QKVSTUDY_NOTES")
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "ntoes" in err
    assert not typo.exists()
    assert _due_paths(tmp_path, lib, capsys) == before


def test_notes_that_is_a_file_is_refused(tmp_path, lib, capsys):
    code = main(["due", "--db", str(tmp_path / "q.db"), "--notes", str(lib / "T" / "new.md"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "not a folder" in err


def test_a_db_in_a_missing_folder_is_refused_and_no_folder_is_created(tmp_path, lib, capsys):
    code = main(["due", "--db", str(tmp_path / "nowhere" / "q.db"), "--notes", str(lib)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "nowhere" in err
    assert not (tmp_path / "nowhere").exists()


def test_a_db_that_is_a_folder_is_refused(tmp_path, lib, capsys):
    assert main(["config", "--db", str(tmp_path), "--notes", str(lib)]) == 2
    assert "文件夹" in capsys.readouterr().err


def test_the_default_locations_still_work(tmp_path, lib, capsys, monkeypatch, isolated_dirs):
    """Without --db the database goes in the (created) user-data folder, as before."""
    monkeypatch.chdir(tmp_path)
    assert main(["due", "--notes", str(lib)]) == 0
    assert (isolated_dirs / "data" / "qkvstudy.db").is_file()
    capsys.readouterr()


def test_a_db_from_the_environment_is_checked_the_same_way(tmp_path, lib, capsys, monkeypatch):
    monkeypatch.setenv("QKVSTUDY_DB", str(tmp_path / "nowhere" / "q.db"))
    assert main(["due", "--notes", str(lib)]) == 2
    assert "nowhere" in capsys.readouterr().err and not (tmp_path / "nowhere").exists()


def test_a_closed_output_pipe_is_no_traceback(tmp_path):
    """`qkvstudy due | head -1`: the reader leaves while the table is still being written (more than
    a pipe's 64 KiB of it); the command stops quietly with 141, as a shell expects."""
    import subprocess
    import sys

    from helpers import note_text, write

    lib = tmp_path / "big"
    for i in range(600):
        write(lib / "T" / f"n{i:03}.md", note_text(f"问题 {i} " + "长" * 60, tags=("T",), next_review="2026-11-01"))
    argv = [sys.executable, "-m", "qkvstudy", "--db", str(tmp_path / "q.db"), "--notes", str(lib), "due"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline()  # the header
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141 and "Traceback" not in err and "Exception ignored" not in err
