"""Flat front-matter read without PyYAML is exactly what PyYAML loads: the same values of the same types."""

from datetime import date
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from qkvstudy.notes import flat_yaml
from qkvstudy.notes.flat_yaml import load_flat
from qkvstudy.notes.yamlsafe import BoundedLoader

NOTES = Path(__file__).resolve().parents[2] / "notes"


def typed(value):
    """A value with every type spelled out: True is not 1, 1.0 is not 1, a date is not its text."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, repr(value))


def pyyaml(text):
    try:
        return typed(yaml.load(text, Loader=BoundedLoader))
    except Exception as exc:  # the flat reader must never accept what PyYAML refuses
        return ("error", type(exc).__name__)


def agrees(text):
    flat = load_flat(text)
    if flat is not None:
        assert typed(flat) == pyyaml(text), text
    return flat is not None


# Values that mean something else to YAML than they seem to, next to ordinary ones.
TRICKY = [
    *("yes", "No", "ON", "off", "y", "n", "True", "TRUE", "true", "false", "Null", "NULL", "null", "~", "none"),
    *("0", "-0", "+1", "012", "0o7", "0x1f", "1_000", "10", "-7", "99999999999999999999", "1:30", "190:20:30"),
    *("0.0", "-0.0", "1.", ".5", "1.50", "1e3", "1.5e3", "0.1", ".inf", ".NaN", "-.inf"),
    *("2025-10-19", "2025-02-30", "2025-1-5", "0000-01-01", "2025-10-19T10:00:00", "2025-10-19 10:00"),
    *("[]", "{}", "[a]", "[a, b]", "{a: 1}", "&a x", "*a", "!!str 1", "!x", "|", ">", "%x", "@x", "`x"),
    *("'x'", "''", "'a''b'", "' sp '", '"x"', '""', '"a\\tb"', '"\\u4e2d"', "'#'", "'a: b'", '"- x"'),
    *("medium", "hard", "Transformer", "Transformer/Query、Key、Value的概念来源和物理意义.md", "训练技巧"),
    *("a b", "a  b", "a #b", "a#b", "a: b", "a:b", "a -b", "a - b", "a,b", "a?", "?a", "-a", "- a", "-"),
    *("é", "ǅ", "KV-cache", "C++", "x\u3000y", "x\xa0y", "x\x85y", "x\u2028y", "x\ufeffy", "\U0001f600", "a\tb"),
]
KEYS = ["created", "last_reviewed", "next_review", "tags", "sr-due", "_x", "yes", "On", "null", "x1", "K"]


@st.composite
def front_matter(draw):
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        key = draw(st.sampled_from(KEYS))
        kind = draw(st.sampled_from(["value", "value", "empty", "list"]))
        value = draw(st.one_of(st.sampled_from(TRICKY), st.text(max_size=12)))
        if kind == "value":
            lines.append(f"{key}:{draw(st.sampled_from([' ', '  ', '']))}{value}")
        else:
            lines.append(f"{key}:")
            if kind == "list":
                for _ in range(draw(st.integers(0, 3))):
                    item = draw(st.one_of(st.sampled_from(TRICKY), st.text(max_size=12)))
                    lines.append(f"{draw(st.sampled_from(['- ', '-  ', '  - ', '-']))}{item}")
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(["", "# c", " ", "---", "- x", "\t"])))
    return "\n".join(lines)


@settings(max_examples=3000, deadline=None)
@given(front_matter())
def test_generated_front_matter_reads_as_pyyaml_reads_it(text):
    agrees(text)


PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="'\"\\\u2028\u2029\ufeff")
WORD = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd")) | st.sampled_from("/._+()、"), min_size=1)
GOOD = st.one_of(
    st.integers(-(10**17), 10**17).map(str),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: f"{f:.{abs(hash(f)) % 6 + 1}f}"),
    st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat),
    st.text(PRINTABLE, max_size=15).map(lambda t: f"'{t}'"),
    st.text(PRINTABLE, max_size=15).map(lambda t: f'"{t}"'),
    st.lists(WORD, min_size=1, max_size=3).map(" ".join),
    st.sampled_from(["null", "~", "true", "false", "[]", "{}", "2025-02-30", "yes", "012"]),
)


@st.composite
def usual_front_matter(draw):
    lines = []
    for key in draw(st.lists(st.sampled_from(KEYS[:6] + ["review_count", "mastery_level"]), min_size=1, max_size=9)):
        if draw(st.integers(0, 3)) == 0:
            lines.append(f"{key}:")
            lines.extend(f"- {v}" for v in draw(st.lists(GOOD, max_size=3)))
        else:
            lines.append(f"{key}: {draw(GOOD)}")
    return "\n".join(lines)


@settings(max_examples=3000, deadline=None)
@given(usual_front_matter())
def test_usual_front_matter_reads_as_pyyaml_reads_it(text):
    agrees(text)


def test_the_usual_generator_mostly_takes_the_fast_way():
    taken = []

    @settings(max_examples=300, deadline=None, database=None)
    @given(usual_front_matter())
    def count(text):
        taken.append(agrees(text))

    count()
    assert sum(taken) > len(taken) // 3  # the property above is about the fast way, not only the fallback


@settings(max_examples=1500, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_read_as_pyyaml_reads_it_or_left_to_pyyaml(text):
    agrees(text)


def test_the_usual_front_matter_is_read_without_pyyaml_and_means_the_same():
    texts = []
    for path in sorted(NOTES.rglob("*.md")):
        head = path.read_text(encoding="utf-8").split("---\n")[1].rstrip("\n")
        texts.append(head)
    assert texts and all(agrees(t) for t in texts)  # every bundled note takes the fast way
    seed = Path(__file__).resolve().parents[3] / "shared" / "seed-note.md"
    if seed.exists():
        assert agrees(seed.read_text(encoding="utf-8").split("---\n")[1].rstrip("\n"))


def test_what_each_kind_of_value_becomes():
    text = "a: 'q'\nb: null\nc: 2025-10-19\nd: 2025-02-30\ne: 3\nf: 0.5\ng: true\nh: []\ntags:\n- x/y.md\n- 中文\nk:"
    assert load_flat(text) == {
        "a": "q",
        "b": None,
        "c": date(2025, 10, 19),
        "d": "2025-02-30",
        "e": 3,
        "f": 0.5,
        "g": True,
        "h": [],
        "tags": ["x/y.md", "中文"],
        "k": None,
    }
    for outside in ("a: yes", "a: 012", "# c\na: 1", "a: 1\n\nb: 2", "  a: 1", "a: [x]", "a: 'x' # c", "yes: 1"):
        assert load_flat(outside) is None, outside


def test_a_line_reads_the_same_from_the_cache_and_lists_are_never_shared():
    text = "tags:\n- a\nh: []\nd: {}\nc: 2025-10-19\nr: 0"
    flat_yaml._LINES.clear()
    cold = load_flat(text)
    warm = load_flat(text)
    assert typed(cold) == typed(warm) == pyyaml(text)
    assert cold is not None and warm is not None
    assert cold["h"] is not warm["h"] and cold["d"] is not warm["d"] and cold["tags"] is not warm["tags"]
    warm["h"].append(1)
    assert load_flat(text) == cold  # what a caller does with its mapping never reaches the next note


def test_the_line_cache_stays_bounded():
    for n in range(flat_yaml._LINES_MAX + 10):
        assert load_flat(f"k{n}: {n}") == {f"k{n}": n}
    assert len(flat_yaml._LINES) <= flat_yaml._LINES_MAX
    long_line = "k: " + "x" * flat_yaml._LINE_KEPT_CHARS
    assert load_flat(long_line) == {"k": "x" * flat_yaml._LINE_KEPT_CHARS}
    assert long_line not in flat_yaml._LINES  # a long line is read every time, never kept
