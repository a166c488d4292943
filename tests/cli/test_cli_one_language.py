"""One language per run, end to end: every fixed message of a CLI session in the language asked for.

The library here is written in English, so in `--lang en` any Chinese character in the output
came from the tool itself (the bundled note a drill points to is a path, and is left out).
"""

import json
import re

import pytest
from helpers import write

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")  # ideographs and full-width punctuation


@pytest.fixture
def lib(tmp_path):
    root = tmp_path / "notes"
    good = "---\ntags: [T]\nnext_review: '2026-11-20'\n---\n# What is attention\n\n## Answer\n\nWeights.\n"
    write(root / "T" / "good.md", good)
    write(root / "T" / "bad.md", "---\nnext_review: someday\n---\n# A bad date\n\nbody\n")
    write(root / "T" / "empty.md", "")
    return root


def _session(run, lib, *lang: str) -> dict[str, tuple[int, str, str]]:
    """The commands of a short session, each as (exit status, stdout, stderr)."""
    return {
        "import": run("import", str(lib / "T"), *lang),
        "grade": run("grade", str(lib / "T" / "good.md"), "good", *lang),
        "grade-unknown": run("grade", str(lib / "nope.md"), "good", *lang),
        "due": run("due", *lang),
        "list": run("drill", "--list", *lang),
        "json": run("drill", "--type", "scores", "--seed", "1", "--json", *lang),
        "answer": run("drill", "--type", "weights", "--seed", "1", "--answer", "0.5", *lang),
        "check": run("check", *lang),
    }


def test_english_session_has_no_chinese(run, lib):
    out = _session(run, lib, "--lang", "en")
    drill = json.loads(out["json"][1])
    drill.pop("note")  # a bundled note's path, not a message
    out["json"] = (out["json"][0], json.dumps(drill, ensure_ascii=False), out["json"][2])
    for command, (_, stdout, stderr) in out.items():
        assert not CJK.search(stdout + stderr), f"{command}: {stdout + stderr}"
    imported = out["import"][1] + out["import"][2]
    assert "bad.md:2: next_review: 'someday' is not a date (YYYY-MM-DD); field ignored" in imported
    assert "empty.md: empty file" in imported and "rejected 1" in imported
    assert "not a note in the library" in out["grade-unknown"][2]
    assert "Attention scores QKᵀ" in out["list"][1] and "Attention scores QKᵀ" in out["due"][1]
    assert drill["prompt"].startswith("Compute the attention scores")
    assert "cannot read the answer: 1 rows, expected 2" in out["answer"][2]


def test_chinese_session_says_the_same_in_chinese(run, lib):
    out = _session(run, lib)
    imported = out["import"][1] + out["import"][2]
    assert "next_review：'someday' 不是日期（YYYY-MM-DD）；已忽略该字段" in imported
    assert "empty.md: 空文件" in imported and "拒绝 1" in imported
    assert "不是笔记库" in out["grade-unknown"][2]
    assert "注意力分数 QKᵀ" in out["list"][1] and "注意力分数 QKᵀ" in out["due"][1]
    assert json.loads(out["json"][1])["prompt"].startswith("计算注意力分数")
    assert "读不懂答案：有 1 行，应为 2 行" in out["answer"][2]
    assert "完整性检查通过" in out["check"][1]
