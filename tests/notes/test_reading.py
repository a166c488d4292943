"""Reading one note file: exactly its bytes, up to the limit, whatever fstat said."""

import os
import pickle
from dataclasses import fields
from pathlib import Path

import pytest

from qkvstudy.notes.parse import MAX_NOTE_BYTES, NoteRejected
from qkvstudy.notes.reading import FileResult, read_and_parse, read_regular

pytestmark = pytest.mark.usefixtures("english")


def test_a_file_is_read_whole(tmp_path):
    path = tmp_path / "a.md"
    data = "# 问题\n".encode() * 5000
    path.write_bytes(data)
    st, raw = read_regular(path)
    assert raw == data and st.st_size == len(data)


def test_an_empty_file_reads_as_nothing(tmp_path):
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    assert read_regular(path)[1] == b""


def test_the_limit_itself_is_fine_and_one_byte_more_is_not(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * MAX_NOTE_BYTES)
    assert len(read_regular(path)[1]) == MAX_NOTE_BYTES
    path.write_bytes(b"x" * (MAX_NOTE_BYTES + 1))
    with pytest.raises(NoteRejected, match="over 5 MB"):
        read_regular(path)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_file_longer_than_its_stat_says_is_read_to_its_end():
    st, raw = read_regular(Path("/proc/self/status"))  # a regular file whose size reads as 0
    assert st.st_size == 0 and raw.startswith(b"Name:") and raw.endswith(b"\n")


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(NoteRejected, match="FIFO"):
        read_regular(fifo)


def test_a_result_crosses_the_process_boundary_whole(tmp_path):
    """FileResult pickles as its fields in order: every field, a new one too, comes back as it was."""
    note = tmp_path / "n.md"
    note.write_text("---\nsr-due: 2025-01-01\n---\n# Q\n\n## 答案\n\nA\n\n## 相关笔记\n\n- [x](x.md) - 相似度: 3%\n")
    read = read_and_parse(str(tmp_path), "n.md")
    assert read.values is not None and read.links == ["x.md"] and read.osr and read.doc
    rejected = read_and_parse(str(tmp_path), "missing.md")
    assert rejected.rejected is not None
    every = FileResult(*(f"field {n}" for n, _field in enumerate(fields(FileResult))))
    for result in (read, rejected, every):
        back = pickle.loads(pickle.dumps(result))
        assert [getattr(back, f.name) for f in fields(FileResult)] == [
            getattr(result, f.name) for f in fields(FileResult)
        ]
