"""Memory figures from rows grading never writes (a damaged or hand-edited database)."""

from datetime import UTC, datetime, timedelta

from qkvstudy import config
from qkvstudy.schedule import memory


def test_no_forgetting_curve_without_a_positive_stability():
    scheduler = memory.make_scheduler(config.Settings())
    then = datetime(2026, 1, 1, tzinfo=UTC)
    later = then + timedelta(days=3)
    for bad in (0.0, -1.0, float("nan")):
        assert memory.retrievability(scheduler, bad, then, later) is None
    recall = memory.retrievability(scheduler, 5.0, then, later)
    assert recall is not None and 0 < recall < 1
