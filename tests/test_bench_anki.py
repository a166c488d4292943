"""The bench's optional peer: what Anki is given of a note, and (when anki is installed) that it adds a
library's notes and answers cards. Never a figure asserted: speed is the benchmark's business."""

import json
import subprocess
import sys

import pytest
from helpers import note_text, write

from qkvstudy.bench import anki_peer
from qkvstudy.bench.library import generate_library


def test_anki_gets_the_question_on_the_front_and_the_rest_on_the_back():
    text = note_text(
        "缩放点积注意力", "softmax 之前除以 √d_k", extra_body="\n\n## 详细技术解析\n\n# 不是标题的代码注释"
    )
    front, back = anki_peer.fields(text)
    assert front == "缩放点积注意力"
    assert "created:" not in back and "---" not in back.split("\n")[0]
    assert "softmax 之前除以 √d_k" in back and "# 不是标题的代码注释" in back  # only the first H1 is the front
    assert anki_peer.fields("# 只有问题") == ("只有问题", "")
    assert anki_peer.fields("---\nunclosed: yes\n# 问题\n正文") == ("问题", "---\nunclosed: yes\n正文")


def test_available_says_whether_anki_can_be_imported():
    try:
        import anki  # noqa: F401
    except ImportError:
        assert anki_peer.available() is False
    else:
        assert anki_peer.available() is True


def test_anki_adds_every_note_and_answers_cards(tmp_path):
    pytest.importorskip("anki")
    root = tmp_path / "lib"
    generate_library(root, 30)
    write(root / "T" / "extra.md", note_text("额外的问题"))
    collection = tmp_path / "c.anki2"

    def phase(*args: str) -> dict:
        run = subprocess.run(
            [sys.executable, "-m", "qkvstudy.bench.anki_peer", *args], capture_output=True, text=True, timeout=120
        )
        assert run.returncode == 0, run.stderr
        return json.loads(run.stdout.strip().splitlines()[-1])

    assert phase("add", str(root), str(collection))["notes"] == 31
    answered = phase("answer", str(collection), "25")
    assert len(answered["total"]) == len(answered["fetch"]) == 25  # past a new deck's 20 new cards a day
