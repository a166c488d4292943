"""One error base class: a user-caused problem prints as one line, located when it can be."""

import pytest

from qkvstudy.config import UsageError
from qkvstudy.drills.answers import AnswerError
from qkvstudy.drills.sampling import SpecConflict
from qkvstudy.drills.spec import DrillSpecError
from qkvstudy.errors import QkvError
from qkvstudy.notes.parse import NoteRejected
from qkvstudy.notes.writeback import WriteBackError
from qkvstudy.study import StudyError


@pytest.mark.parametrize(
    ("path", "line", "shown"),
    [
        ("notes/T/a.md", 3, "notes/T/a.md:3: invalid YAML"),
        ("notes/T/a.md", None, "notes/T/a.md: invalid YAML"),
        (None, None, "invalid YAML"),
    ],
)
def test_str_is_the_one_line_a_user_sees(path, line, shown):
    error = QkvError("invalid YAML", path=path, line=line)
    assert str(error) == shown
    assert (error.message, error.path, error.line) == ("invalid YAML", path, line)


def test_the_errors_a_user_can_cause_share_the_base():
    for error in (
        StudyError("no card with id 7"),
        UsageError("--level must be 1-3"),
        NoteRejected("no H1 (# question)", line=4),
        WriteBackError("front-matter is not a mapping"),
        DrillSpecError("unknown drill type 'x'", line=2),
        SpecConflict("mask must be 3x3", key="mask"),
        AnswerError("expected 3 numbers"),
    ):
        assert isinstance(error, QkvError)
        assert str(error) == error.message  # no path yet: the reader adds where it is
    # The drills' errors stay ValueErrors for the code that already catches those.
    assert isinstance(DrillSpecError("x"), ValueError) and isinstance(AnswerError("x"), ValueError)
