"""An Anki "Notes in Plain Text" export becomes one seed-format note per row under a topic folder."""

from pathlib import Path

import yaml

from qkvstudy.cli import main
from qkvstudy.interop.anki_text import parse_export
from qkvstudy.notes.parse import decode_note, parse_note
from qkvstudy.study import Study

EXPORT = Path(__file__).parent / "fixtures" / "anki_notes.txt"


def test_header_lines_html_tags_and_quoted_fields():
    parsed = parse_export(EXPORT.read_text(encoding="utf-8"))
    assert [n.line for n in parsed.notes] == [4, 5, 7]
    first, kv, _ = parsed.notes
    assert first.front == "What is **scaled** dot-product attention?\nGive the formula."
    assert first.back.startswith("$\\mathrm{softmax}(QK^T/\\sqrt{d_k})V$")
    assert "`attn = q @ k.T`" in first.back and "logits small" in first.back.replace("\xa0", " ")
    assert first.tags == ["Transformer", "attention"]
    assert kv.front == "KV cache: what is stored?" and '"decode" reuses them' in kv.back
    assert parsed.problems == [(6, "正面为空；该行跳过")]


def test_import_deck_writes_notes_the_library_reads(tmp_path, capsys):
    lib = tmp_path / "lib"
    lib.mkdir()
    db = str(tmp_path / "q.db")
    code = main(["import", "--db", db, "--notes", str(lib), str(EXPORT), "--topic", "Anki导入"])
    out, err = capsys.readouterr()
    assert code == 1  # one row was skipped, and said so in one line
    assert err.strip() == f"{EXPORT}:6: 正面为空；该行跳过"
    assert out.strip() == "已导入 3 条笔记到「Anki导入」"
    files = sorted((lib / "Anki导入").glob("*.md"))
    assert len(files) == 3
    notes = {f.name: parse_note(decode_note(f.read_bytes())) for f in files}
    note = notes["What is scaled dot-product attention.md"]
    assert note.question == "What is **scaled** dot-product attention?"
    assert note.sections[note.answer_index][0] == "面试标准答案"
    assert note.tags == ["Anki导入", "Anki导入/What is scaled dot-product attention.md", "Transformer", "attention"]
    fm = yaml.safe_load(files[0].read_text(encoding="utf-8").split("---")[1])
    assert fm["review_count"] == 0 and fm["last_reviewed"] is None
    study = Study.open(db=db, notes=lib)
    try:
        assert study.queue_size("Anki导入") == 3  # indexed and due as new cards
    finally:
        study.close()
    # importing the same deck again never overwrites: the new notes get their own names
    assert main(["import", "--db", db, "--notes", str(lib), str(EXPORT), "--topic", "Anki导入"]) == 1
    assert len(list((lib / "Anki导入").glob("*.md"))) == 6
