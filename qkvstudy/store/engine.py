"""Engine set-up and migrations.

Every SQLite connection gets foreign keys, WAL and a busy timeout (set with a plain cursor in a
`connect` event: the autocommit-toggling recipe needs Python 3.12). pysqlite's own transaction
handling is switched off (`isolation_level = None`) and SQLAlchemy's `begin` event emits BEGIN
itself, SQLAlchemy's documented recipe: a write session (`write_sessions`) begins with
`BEGIN IMMEDIATE`, so a read-modify-write holds the write lock from its first read and two
processes can never both grade from the same stale card. Reads stay deferred and never wait for
a writer (WAL).

Errors the file or another process causes become one-line `StoreError`s (store.health). The
schema is brought to Alembic's head before anything else touches the database; a new database
file is created whole (schema first, then renamed into place) so that an empty file at the
database's path always means a lost history, never a fresh start.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.interfaces import ExceptionContext
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from qkvstudy.i18n import t
from qkvstudy.store import head_schema, health
from qkvstudy.store.busy import busy_timeout_ms
from qkvstudy.store.health import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
WRITE = "qkvstudy_write"  # execution option: this connection's transactions begin IMMEDIATE


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we say BEGIN ourselves (the `begin` event below)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL is durable against a killed process in WAL mode; only a power cut can lose the last commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")


def sqlite_path(engine: Engine) -> Path | None:
    """The database file of a SQLite engine, or None (memory, another database)."""
    if engine.dialect.name != "sqlite":
        return None
    name = engine.url.database
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def make_engine(url: str) -> Engine:
    kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": busy_timeout_ms() / 1000}
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        db = sqlite_path(engine)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)

        def _one_line(context: ExceptionContext) -> None:
            found = health.describe(db, context.original_exception)
            if found is not None:
                raise found from context.original_exception

        event.listen(engine, "handle_error", _one_line)
    return engine


def write_engine(engine: Engine) -> Engine:
    """The same engine (pool, events) whose transactions take the write lock at BEGIN."""
    return engine.execution_options(**{WRITE: True})


def alembic_config(connection: Connection | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(alembic_config()).get_current_head())


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        rev = MigrationContext.configure(conn).get_current_revision()
        return str(rev) if rev is not None else None


_migrating = threading.Lock()  # Alembic's context is module-global: one upgrade at a time per process


def migrate(engine: Engine, revision: str = "head") -> None:
    """Check the file, create it whole if new, upgrade the schema to `revision` (head by default).

    Cheap when already at head: Alembic is not even imported then (commands such as `grade` start
    faster without it). A copy is taken with SQLite's backup API before any upgrade of an existing
    database and once a day. Raises StoreError (one line) for a file that cannot be used.
    """
    db = sqlite_path(engine)
    created = False
    if db is not None:
        health.check_file(db)
        if not db.exists() and revision == "head":
            _create_database(db)
            created = True
    try:
        existing = _stamp(engine)
        if existing is not None and existing not in _KNOWN:
            raise StoreError(t("trust.db.newer", db=db or engine.url, revision=existing))
        if revision == "head" and existing == _HEAD:
            if db is not None and not created:
                health.backup_if_due(db)
            return
        if db is not None and existing is not None:
            health.backup(db, reason=f"before-{_HEAD}")
        from alembic import command

        with _migrating, write_engine(engine).begin() as conn:
            command.upgrade(alembic_config(conn), revision)
        if existing is not None:
            _compact_if_sparse(engine)
    except DBAPIError as exc:  # anything handle_error did not recognise: still one line when it is the file's fault
        found = health.describe(db, exc.orig) if exc.orig is not None else None
        if found is not None:
            raise found from exc
        raise


def _compact_if_sparse(engine: Engine) -> None:
    """After an upgrade that freed much of the file (0005 dropped a second copy of every body), give
    the pages back: VACUUM, outside the migration's transaction (it cannot run inside one)."""
    from qkvstudy.store.compact import compact, free_pages

    with engine.connect() as conn:
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)
    if pages and free_pages(engine) * 4 >= pages:
        compact(engine)


def _stamp(engine: Engine) -> str | None:
    """The schema's revision, read without Alembic's MigrationContext (not imported on a plain start)."""
    if not inspect(engine).has_table("alembic_version"):
        return None
    with engine.connect() as conn:  # the stamp itself, read without Alembic's MigrationContext
        stamps = list(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    return str(stamps[0]) if len(stamps) == 1 else None


def _create_database(db: Path) -> None:
    """Build a new database at head beside `db`, then link it into place (never over a file that appeared meanwhile).

    From the recorded schema (store.head_schema) when it is this code's revision, else by Alembic.
    """
    db.parent.mkdir(parents=True, exist_ok=True)
    fresh = db.with_name(f".qkvnew-{os.getpid()}-{threading.get_ident() % 10000}.db")
    try:
        recorded = head_schema.load()
        if recorded is not None:
            head_schema.create(fresh, recorded)
        else:
            _create_by_alembic(fresh)
        try:
            os.link(fresh, db)
        except FileExistsError:
            pass  # another process created it first: theirs is as good
        except OSError:  # a file system without hard links
            if not db.exists():
                os.replace(fresh, db)
    finally:
        for leftover in (fresh, fresh.with_name(fresh.name + "-wal"), fresh.with_name(fresh.name + "-shm")):
            leftover.unlink(missing_ok=True)


def _create_by_alembic(fresh: Path) -> None:
    from alembic import command

    eng = make_engine(f"sqlite:///{fresh}")
    try:
        with _migrating, write_engine(eng).begin() as conn:
            command.upgrade(alembic_config(conn), "head")
    finally:
        eng.dispose()  # the last connection checkpoints and removes the WAL


class Sessions(sessionmaker[Session]):
    """`sessions()` reads (deferred BEGIN, never waits for a writer); `sessions.begin()` is a write transaction.

    Every `with sessions.begin() as s:` in the product is a unit of work that may read and then
    write (a grade, an undo, a scan's id allocation): it begins IMMEDIATE, holding SQLite's write
    lock from its first read, so another process's write can never fall between the two.
    """

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, expire_on_commit=False)
        self.write_bind = write_engine(engine)

    @contextmanager
    def begin(self) -> Iterator[Session]:
        with self(bind=self.write_bind) as session, session.begin():
            yield session

    @contextmanager
    def writer(self) -> Iterator[Connection]:
        """One connection for a run of write transactions: each `conn.begin()` begins IMMEDIATE."""
        with self.write_bind.connect() as conn:
            yield conn


def session_factory(engine: Engine) -> Sessions:
    return Sessions(engine)


def _version_ids() -> list[str]:
    """Revision ids, read from the version files' names (NNNN_*.py) without importing Alembic."""
    return sorted(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


_KNOWN = frozenset(_version_ids())
_HEAD = _version_ids()[-1]
