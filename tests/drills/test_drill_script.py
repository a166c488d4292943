"""`qkvstudy drill --json / --answer`: the drill without its answer, and a verdict, for scripts."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from qkvstudy.cli import main
from qkvstudy.drills import DRILL_TYPES, format_answer, generate
from qkvstudy.drills.check import named_mistakes


def run(capsys, *argv):
    code = main(["drill", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("type_id", list(DRILL_TYPES))
def test_json_describes_the_drill_without_its_answer(capsys, type_id):
    code, out, _ = run(capsys, "--type", type_id, "--level", "2", "--seed", "5", "--json")
    assert code == 0
    data = json.loads(out)
    d = generate(type_id, 2, 5)
    assert (data["type"], data["level"], data["seed"], data["prompt"]) == (type_id, 2, 5, d.prompt)
    assert data["shape"] == list(d.shape) and "expected" not in data
    assert set(data["given"]) == set(d.given)
    for name, m in d.given.items():
        np.testing.assert_array_equal(np.atleast_2d(np.array(data["given"][name], dtype=float)), np.atleast_2d(m))
    for name, value in data["params"].items():
        assert str(value if not isinstance(value, list) else value[0]).split(".")[0] in d.prompt or name in (
            "bytes_per_value",
            "base",
            "eps",
            "temperature",
            "num_kv_heads",
        ), (name, value)
    assert data["tolerance"] == (0.005 if d.answer_kind == "float" and d.decimals == 2 else data["tolerance"])


def test_answer_gives_a_verdict_with_score_mistakes_and_expected(capsys):
    d = generate("causal_mask", 2, 3)
    code, out, _ = run(
        capsys, "--type", "causal_mask", "--level", "2", "--seed", "3", "--answer", format_answer(d.expected)
    )
    verdict = json.loads(out)
    assert code == 0 and verdict["correct"] is True and verdict["score"] == 1.0 and verdict["mistakes"] == []
    wrong = next(m for m in named_mistakes(d) if m.code == "no_mask")
    code, out, _ = run(
        capsys,
        "--type",
        "causal_mask",
        "--level",
        "2",
        "--seed",
        "3",
        "--answer",
        format_answer(np.round(wrong.answer, 2)),
    )
    verdict = json.loads(out)
    assert code == 0 and verdict["correct"] is False and "no_mask" in verdict["mistakes"]
    np.testing.assert_allclose(np.array(verdict["expected"], dtype=float), d.expected)


def test_minus_infinity_travels_as_a_string(capsys):
    d = generate("causal_mask", 1, 0)
    code, out, _ = run(capsys, "--type", "causal_mask", "--level", "1", "--seed", "0", "--answer", "0")
    assert code == 2  # wrong shape is unreadable for this grid
    code, out, _ = run(
        capsys, "--type", "causal_mask", "--level", "1", "--seed", "0", "--answer", format_answer(d.expected)
    )
    assert "-inf" in json.loads(out)["expected"][0]


def test_unreadable_answer_and_unknown_type_exit_2_with_one_line(capsys):
    code, out, err = run(capsys, "--type", "weights", "--seed", "1", "--answer", "0.1 banana")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, "--type", "nope", "--json")
    assert code == 2 and "nope" in err


def test_the_real_command_prints_json():
    proc = subprocess.run(
        [sys.executable, "-m", "qkvstudy", "drill", "--type", "rope_rotate", "--level", "1", "--seed", "2", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["type"] == "rope_rotate"
