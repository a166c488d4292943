"""The command line as a script sees it: exit codes, one line per problem, one summary line."""

import shutil
import subprocess
import sys
from pathlib import Path

from helpers import note_text, write

from qkvstudy.cli import main

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "bad"


def test_import_reports_each_bad_file_once_and_exits_1(tmp_path, capsys):
    lib = tmp_path / "lib"
    write(lib / "T/good.md", note_text("好的笔记", tags=("T",)))
    inbox = tmp_path / "inbox"
    shutil.copytree(BAD, inbox)
    code = main(["import", "--lang", "en", "--db", str(tmp_path / "q.db"), "--notes", str(lib), str(inbox)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.strip().splitlines() == [out.strip()]  # one summary line
    assert out.startswith("added ") and "rejected 6" in out
    lines = err.strip().splitlines()
    assert len(lines) == 6 + 4  # six rejected files + four ignored fields of bad_fields.md
    assert not any("Traceback" in line for line in lines)
    for name in ("invalid_yaml.md", "unclosed_front_matter.md", "gbk_encoded.md", "empty.md", "binary.md", "no_h1.md"):
        assert sum(name in line for line in lines) == 1, name
    # The good and the merely-warned files were copied into the library under their first tag.
    assert (lib / "测试" / "utf8_bom.md").is_file() and (lib / "测试" / "bad_fields.md").is_file()


def test_import_all_good_exits_0(tmp_path, capsys):
    lib = tmp_path / "lib"
    write(lib / "T/a.md", note_text("A", tags=("T",)))
    assert main(["import", "--db", str(tmp_path / "q.db"), "--notes", str(lib), str(lib)]) == 0
    assert capsys.readouterr().out.strip() == "新增 1 / 更新 0 / 未变 0 / 移动 0 / 缺失 0 / 拒绝 0"


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["import", "--db", str(tmp_path / "q.db"), "--notes", str(tmp_path), str(tmp_path / "nope")]) == 2
    assert "文件或文件夹不存在" in capsys.readouterr().err
    proc = subprocess.run(
        [sys.executable, "-m", "qkvstudy", "grade", "x.md", "superb"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and "无效的值 'superb'" in proc.stderr


def test_bad_settings_file_is_one_line(tmp_path, capsys, isolated_dirs):
    cfg = isolated_dirs / "config"
    cfg.mkdir(parents=True, exist_ok=True)
    (cfg / "settings.toml").write_text("desired_retention = 1.5\n", encoding="utf-8")
    assert main(["due", "--db", str(tmp_path / "q.db"), "--notes", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "desired_retention" in err


def test_config_shows_settings_and_paths(tmp_path, capsys):
    assert main(["config", "--db", str(tmp_path / "q.db"), "--notes", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "desired_retention = 0.9" in out and "day_starts_at = 4" in out and str(tmp_path) in out
    assert "language = 'zh'" in out and "# 数据库：" in out


def test_bundled_notes_are_copied_once_into_user_data(tmp_path, monkeypatch, isolated_dirs):
    from qkvstudy import config

    monkeypatch.chdir(tmp_path)  # no ./notes here
    root = config.notes_root(None)
    assert root == (isolated_dirs / "data" / "notes").resolve()
    assert len(list(root.rglob("*.md"))) >= 15
    (root / "Transformer" / "QKV是什么.md").write_text("# 我的修改\n", encoding="utf-8")
    assert config.notes_root(None) == root  # not copied again over the user's edit
    assert (root / "Transformer" / "QKV是什么.md").read_text(encoding="utf-8") == "# 我的修改\n"


def test_an_import_leaves_the_cycle_collector_as_it_found_it(tmp_path, capsys, monkeypatch):
    """The import pauses and freezes Python's cycle collector while it stores; whether it ends or fails,
    the collector runs again afterwards and nothing stays frozen."""
    import gc

    from qkvstudy.notes import library

    lib = tmp_path / "lib"
    write(lib / "T/a.md", note_text("A", tags=("T",)))
    seen = []
    real = library._Runs.store

    def store(self, results):
        seen.append((gc.isenabled(), gc.get_freeze_count() > 0))
        real(self, results)

    monkeypatch.setattr(library._Runs, "store", store)
    assert main(["import", "--db", str(tmp_path / "q.db"), "--notes", str(lib), str(lib)]) == 0
    assert seen == [(False, True)] and gc.isenabled() and gc.get_freeze_count() == 0

    def fails(self, results):
        raise OSError("disk full")

    write(lib / "T/b.md", note_text("B", tags=("T",)))
    monkeypatch.setattr(library._Runs, "store", fails)
    try:
        main(["import", "--db", str(tmp_path / "q.db"), "--notes", str(lib), str(lib)])
    except OSError:
        pass
    capsys.readouterr()
    assert gc.isenabled() and gc.get_freeze_count() == 0
