"""The benchmark command keeps working (a tiny library; the figures themselves are not asserted)."""

from qkvstudy.bench import generate_library
from qkvstudy.cli import main
from qkvstudy.notes.parse import decode_note, parse_note


def test_synthetic_notes_are_valid_seed_format(tmp_path):
    generate_library(tmp_path, 12)
    files = sorted(tmp_path.rglob("*.md"))
    assert len(files) == 12
    for f in files:
        note = parse_note(decode_note(f.read_bytes()))
        assert note.question and note.sections[note.answer_index][0] == "面试标准答案"
        assert len(note.related) == 3 and note.problems == []


def test_bench_command_runs(tmp_path, capsys):
    assert main(["bench", "-n", "40", "--repeats", "1", "--grades", "5", "--skip", "tui", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "cold import" in out and "fetch + grade + write" in out
