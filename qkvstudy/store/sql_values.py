"""Values as the store keeps them in SQLite, for code that writes with the driver itself.

SQLAlchemy's SQLite DateTime keeps a datetime as text, naive UTC, always with microseconds. The
commands answered with sqlite3 alone (facade.quick_*) and the import's bulk insert (where building
SQLAlchemy's parameters cost more than the insert) write that text themselves: this is its one
definition, and a test holds it equal to what SQLAlchemy stores.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any, Protocol


def db_datetime(value: datetime | None) -> str | None:
    """A datetime (aware, or naive taken as UTC) -> the text the store keeps; None stays None."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return "%04d-%02d-%02d %02d:%02d:%02d.%06d" % (
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
    )


def db_value(value: Any) -> Any:
    """A column value as sqlite3 should bind it: datetimes as the store's text, the rest as they are
    (sqlite3 binds bool as 0/1 and a str enum as its text, as SQLAlchemy does)."""
    return db_datetime(value) if isinstance(value, datetime) else value


class Driver(Protocol):
    def exec_driver_sql(self, statement: str, parameters: Any = ...) -> Any: ...


def insert_rows(conn: Driver, table: str, rows: Sequence[Mapping[str, Any]], datetimes: Sequence[str] = ()) -> None:
    """Rows in one executemany per set of columns named (one, as callers build them).

    Only the columns named in `datetimes` are converted (`db_datetime`): the rest are bound as they
    are, taken out of each row by an itemgetter (this is the hot loop of a cold import). Callers name
    every column: the models' defaults are SQLAlchemy's (Python-side), not the table's.
    """
    groups: dict[frozenset[str], list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault(frozenset(row), []).append(row)
    for same in groups.values():
        columns = list(same[0])
        get = itemgetter(*columns) if len(columns) > 1 else (lambda row, c=columns[0]: (row[c],))
        at = [n for n, c in enumerate(columns) if c in datetimes]
        params: list[Any] = [get(row) for row in same]
        if at:
            for n, values in enumerate(params):
                values = list(values)
                for i in at:
                    values[i] = db_datetime(values[i])
                params[n] = tuple(values)
        marks = ", ".join("?" for _ in columns)
        conn.exec_driver_sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", params)
