"""The benchmark command keeps working on a tiny library (its figures are never asserted: speed is
the benchmark's business, not a test's)."""

import json

from qkvstudy.bench.library import generate_library
from qkvstudy.bench.phases import schedule
from qkvstudy.bench.run import _print_growth
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


def test_bench_times_whole_commands_and_the_app(tmp_path, capsys):
    out_file = tmp_path / "bench.json"
    argv = ["bench", "--sizes", "20", "--repeats", "1", "--skip", "tui", "--skip", "schedule"]
    assert main([*argv, "--dir", str(tmp_path), "--json", str(out_file)]) == 0
    out = capsys.readouterr().out
    for line in ("import, cold", "grade PATH good", "app, first frame", "load average", "database / library"):
        assert line in out
    size = json.loads(out_file.read_text())["sizes"][0]
    assert size["notes"] == 20 and size["database_mb"] > 0
    grade = size["figures"]["grade PATH good"]
    assert len(grade["seconds"]) == 1 and grade["peak_mb"][0] > 0
    assert len(size["figures"]["app, first frame"]["seconds"]) == 1


def test_growth_table_divides_by_the_smallest_library():
    lines: list[str] = []
    results = [{"notes": n, "figures": {"grade PATH good": {"seconds": [s, s]}}} for n, s in ((100, 0.5), (1000, 1.0))]
    _print_growth(results, lines.append)
    assert any("2.00×" in line for line in lines)
    assert "MISSED by 1.54×" in lines[-1]


def test_in_process_scheduling_phase_grades_and_writes_back(tmp_path, monkeypatch):
    generate_library(tmp_path / "lib", 10)
    monkeypatch.setenv("QKVSTUDY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QKVSTUDY_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("QKVSTUDY_NOW", "2026-11-24T09:00:00+00:00")  # the phase moves the clock: restored after
    result = schedule(tmp_path / "lib", tmp_path / "s.db", 4, write_back=True)
    assert len(result["total"]) == 4 and all(t > 0 for t in result["total"])


def test_bench_rejects_bad_sizes(tmp_path, capsys):
    assert main(["bench", "--sizes", "ten", "--dir", str(tmp_path)]) == 2
    assert "--sizes" in capsys.readouterr().err


def test_app_figures_on_a_small_library_leave_it_as_found(tmp_path, monkeypatch):
    """Every figure of the app's benchmark is measured (the needles, reveal, grade -> next), and
    the grades it made are undone: the notes' bytes are what they were."""
    from qkvstudy.tui import bench as tui_bench

    monkeypatch.setenv("QKVSTUDY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QKVSTUDY_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("QKVSTUDY_NOW", "2026-11-24T09:00:00+00:00")
    monkeypatch.setattr(tui_bench, "READING", 0.0)
    root = tmp_path / "lib"
    generate_library(root, 12)
    before = {p: p.read_bytes() for p in root.rglob("*.md")}
    rows = tui_bench.run_tui_bench(f"sqlite:///{tmp_path / 'app.db'}", root, repeats=1, grades=3)
    timed = {row.name: row for row in rows if row.seconds}
    assert {f"browse keystroke, {n!r} (to its rows)" for n in tui_bench.NEEDLES} <= set(timed)
    assert len(timed["grade -> next question"].seconds) >= 3 and timed["reveal the answer"].target == 0.060
    assert all(s > 0 for row in timed.values() for s in row.seconds)
    assert {p: p.read_bytes() for p in root.rglob("*.md")} == before
