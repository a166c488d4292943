"""`qkvstudy related` on the bundled library: a diff by default, --write regenerates every marked
section and leaves every other byte as it was; a second run changes nothing."""

import shutil
from pathlib import Path

from qkvstudy.cli import main
from qkvstudy.notes.related_section import MARKER, Link, link_line
from qkvstudy.study import Study

BUNDLED = Path(__file__).resolve().parents[2] / "notes"


def _without_links(raw: bytes) -> bytes:
    """The note with the link lines of its marked section taken out (the only lines we may change)."""
    out, in_section = [], False
    for line in raw.splitlines(keepends=True):
        if line.strip() == MARKER.encode():
            in_section = True
        elif in_section and line.startswith(b"#"):
            in_section = False
        if in_section and line.lstrip().startswith(b"- ["):
            continue
        out.append(line)
    return b"".join(out)


def _library(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    shutil.copytree(BUNDLED, lib)
    # one note saved with Windows line endings and a BOM: both must survive
    crlf = lib / "Transformer" / "残差连接.md"
    crlf.write_bytes(b"\xef\xbb\xbf" + crlf.read_bytes().replace(b"\n", b"\r\n"))
    return lib


def test_bundled_library_write_changes_only_the_marked_sections(tmp_path, capsys):
    lib = _library(tmp_path)
    db = str(tmp_path / "q.db")
    before = {p: p.read_bytes() for p in lib.rglob("*.md")}
    assert all(MARKER.encode() in raw for raw in before.values())  # every bundled note has the section

    assert main(["related", "--db", db, "--notes", str(lib)]) == 0
    diff = capsys.readouterr().out
    assert diff.count("+++ b/") >= 1 and "相似度" in diff
    assert {p: p.read_bytes() for p in before} == before  # a dry run writes nothing

    assert main(["related", "--write", "--top", "3", "--db", db, "--notes", str(lib)]) == 0
    study = Study.open(db=db, notes=lib)
    study.scan()
    index = study.related.index()
    expected = index.all_neighbours(3, 10)
    for path, raw in before.items():
        now = path.read_bytes()
        assert _without_links(now) == _without_links(raw), path  # every other byte kept
        rel = path.relative_to(lib).as_posix()
        lines = [link_line(Link(n.title, n.path, n.percent, n.tags)) for n in expected[rel]]
        eol = b"\r\n" if b"\r\n" in raw else b"\n"
        assert eol.join(x.encode() for x in lines) in now, rel
        assert len(expected[rel]) == 3  # the bundled notes are close enough to have three each
    assert before[lib / "Transformer" / "残差连接.md"].startswith(b"\xef\xbb\xbf")
    assert (lib / "Transformer" / "残差连接.md").read_bytes().count(b"\n") == (
        lib / "Transformer" / "残差连接.md"
    ).read_bytes().count(b"\r\n")
    study.close()

    written = {p: p.read_bytes() for p in before}
    capsys.readouterr()
    assert main(["related", "--write", "--top", "3", "--db", db, "--notes", str(lib)]) == 0
    assert {p: p.read_bytes() for p in before} == written  # stable: the same library, the same sections
    assert capsys.readouterr().out.startswith("已更新 0 条")


def test_paths_limit_the_notes_and_unknown_paths_are_one_line(tmp_path, capsys):
    lib = _library(tmp_path)
    db = str(tmp_path / "q.db")
    one = lib / "推理优化" / "KVCache原理.md"
    code = main(["related", "--db", db, "--notes", str(lib), str(one), str(tmp_path / "nope.md")])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.count("+++ b/") <= 1 and "+++ b/推理优化/KVCache原理.md" in out
    assert [line for line in err.splitlines() if "nope.md" in line] == [f"{tmp_path / 'nope.md'}: 不是笔记库中的笔记"]
    assert main(["related", "--top", "0", "--db", db, "--notes", str(lib)]) == 2
