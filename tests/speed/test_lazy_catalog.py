"""The message catalog reads only the file of a key's area first (structure, not time): a short
command must not import every screen's messages; any key still gives the same text."""

import json
import subprocess
import sys

import pytest

from qkvstudy import i18n

PROBE = """
import json, sys
from qkvstudy.i18n import set_language, t
set_language(sys.argv[1])
texts = [t(key, n=1) for key in sys.argv[2:]]
loaded = sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("qkvstudy.i18n.messages."))
print(json.dumps({"texts": texts, "loaded": loaded}))
"""


def _probe(language: str, *keys: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", PROBE, language, *keys], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_key_reads_only_its_areas_file():
    result = _probe("zh", "cli.grade.help", "common.grade.good")
    assert result["loaded"] == ["cli", "common"]


def test_a_key_outside_its_areas_file_reads_the_whole_catalog():
    # drills.type.* keys live in drill_types.py, not drills.py: found all the same
    result = _probe("en", "drills.type.scores.title")
    assert result["texts"] == [i18n.keys()["drills.type.scores.title"][1]]
    assert "drill_types" in result["loaded"] and "app" in result["loaded"]


def _formats_without_values(key: str) -> bool:
    """Keys whose placeholders carry a format spec ({x:.0%}) cannot be filled with placeholders alone."""
    try:
        for text in i18n.keys()[key]:
            text.format_map(i18n._Missing(n=1))
    except (ValueError, TypeError):
        return False
    return True


@pytest.mark.parametrize("language", ["zh", "en"])
def test_lazily_read_texts_equal_the_whole_catalogs(language):
    sample = [k for k in sorted(i18n.keys()) if _formats_without_values(k)][::25]
    result = _probe(language, *sample)
    index = 0 if language == "zh" else 1
    want = [i18n.keys()[k][index].format_map(i18n._Missing(n=1)) for k in sample]
    assert result["texts"] == want


def test_an_unknown_key_is_shown_as_itself():
    assert _probe("zh", "cli.no.such.key", "nosucharea.key")["texts"] == ["cli.no.such.key", "nosucharea.key"]
