"""The store's values written with the driver itself are the values SQLAlchemy writes."""

import sqlite3
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from qkvstudy.store.engine import make_engine, migrate, session_factory
from qkvstudy.store.models import Card
from qkvstudy.store.sql_values import db_datetime, insert_rows

ZONES = st.sampled_from([UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5, minutes=-30)), None])


def _stored_by_sqlalchemy(url, when):
    sessions = session_factory(make_engine(url))
    with sessions.begin() as s:
        s.execute(text("DELETE FROM cards"))
        s.add(Card(id=1, kind="drill", due=when, state="new", reps=0, lapses=0, suspended=False, ordinal=0))
    with sessions() as s:
        return s.execute(text("SELECT due FROM cards WHERE id = 1")).scalar_one()


@settings(max_examples=150, deadline=None)
@given(
    st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(9000, 12, 30)),
    ZONES,
)
def test_a_datetime_is_the_text_sqlalchemy_stores(tmp_path_factory, naive, zone):
    db = tmp_path_factory.getbasetemp() / "values.db"
    url = f"sqlite:///{db}"
    if not db.exists():
        migrate(make_engine(url))
    when = naive if zone is None else naive.replace(tzinfo=zone)
    assert db_datetime(when) == _stored_by_sqlalchemy(url, when)


def test_insert_rows_binds_each_set_of_columns_and_converts_datetimes(tmp_path):
    con = sqlite3.connect(tmp_path / "t.db")
    con.execute("CREATE TABLE t (a INTEGER, b TEXT, c TEXT)")
    when = datetime(2026, 11, 30, 9, 5, 7, 12, tzinfo=timezone(timedelta(hours=8)))

    class Conn:
        def exec_driver_sql(self, statement, parameters):
            con.executemany(statement, parameters)

    rows = [{"a": 1, "b": "x", "c": when}, {"c": None, "a": True, "b": "y"}, {"a": 3, "b": "z"}]
    insert_rows(Conn(), "t", rows, datetimes=("c",))
    assert con.execute("SELECT a, b, c FROM t ORDER BY b").fetchall() == [
        (1, "x", "2026-11-30 01:05:07.000012"),
        (1, "y", None),
        (3, "z", None),
    ]
