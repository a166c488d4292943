"""Out to other tools: an .apkg that is an SQLite archive with every note (and opens in Anki when
the `anki` package is installed), and a CSV with one row per note and its schedule."""

import csv
import importlib.util
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from qkvstudy.cli import main
from qkvstudy.study import Study

BUNDLED = Path(__file__).resolve().parents[2] / "notes"
NOTES = len(list(BUNDLED.rglob("*.md")))  # every bundled note is a valid note


@pytest.fixture
def library(tmp_path, monkeypatch):
    monkeypatch.setenv("QKVSTUDY_NOW", "2026-11-24T10:00:00+00:00")
    lib = tmp_path / "lib"
    shutil.copytree(BUNDLED, lib)
    db = str(tmp_path / "q.db")
    study = Study.open(db=db, notes=lib)
    study.scan()
    card = study.card_for_path(lib / "推理优化" / "KVCache原理.md")
    study.grade(card.card_id, 3)
    study.close()
    return lib, db


def test_apkg_is_an_sqlite_archive_with_every_note(library, tmp_path, capsys):
    lib, db = library
    out = tmp_path / "deck.apkg"
    assert main(["export", "--anki", str(out), "--db", db, "--notes", str(lib)]) == 0
    assert capsys.readouterr().out.strip() == f"已导出 {NOTES} 条笔记到 {out}"
    with zipfile.ZipFile(out) as archive:
        archive.extract("collection.anki2", tmp_path)
    con = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        rows = con.execute("select flds, tags from notes").fetchall()
        decks = con.execute("select decks from col").fetchone()[0]
    finally:
        con.close()
    assert len(rows) == NOTES
    fields = {r[0].split("\x1f")[0]: r for r in rows}
    flds, tags = fields["<p>Query、Key、Value的概念来源和物理意义</p>"]
    question, answer, details, topic = flds.split("\x1f")
    assert topic == "Transformer" and "Transformer/Query、Key、Value的概念来源和物理意义.md" in tags
    assert "\\(q_i = x_i W_Q\\)" in details  # math handed to Anki's MathJax
    assert '<pre><code class="language-python">' in details  # code kept as code
    names = {deck["name"] for deck in json.loads(decks).values()}
    assert {"qkvstudy::Transformer", "qkvstudy::推理优化", "qkvstudy::位置编码"} <= names


@pytest.mark.skipif(importlib.util.find_spec("anki") is None, reason="the anki package is not installed")
def test_apkg_imports_into_anki(library, tmp_path):
    from anki.collection import Collection, ImportAnkiPackageRequest

    lib, db = library
    out = tmp_path / "deck.apkg"
    assert main(["export", "--anki", str(out), "--db", db, "--notes", str(lib)]) == 0
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(out)))
        assert col.note_count() == NOTES
    finally:
        col.close()


def test_csv_has_one_row_per_note_with_its_schedule(library, tmp_path):
    lib, db = library
    out = tmp_path / "notes.csv"
    assert main(["export", "--csv", str(out), "--db", db, "--notes", str(lib)]) == 0
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == NOTES
    assert list(rows[0]) == [
        "question",
        "topic",
        "tags",
        "due",
        "stability",
        "difficulty",
        "reviews",
        "lapses",
        "state",
        "path",
    ]
    kv = next(r for r in rows if r["path"] == "推理优化/KVCache原理.md")
    assert kv["reviews"] == "7" and kv["state"] == "review" and float(kv["difficulty"]) > 0  # 6 in the note, +1
    assert kv["topic"] == "推理优化" and kv["due"] > "2026-11-24"  # graded Good: due later
    new = next(r for r in rows if r["reviews"] == "0")
    assert new["stability"] == "" and new["state"] == "new"
