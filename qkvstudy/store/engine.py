"""Engine set-up and migrations.

Every SQLite connection gets foreign keys, WAL and a busy timeout (set with a plain cursor in a
`connect` event: the autocommit-toggling recipe needs Python 3.12). The schema is brought to
Alembic's head before anything else touches the database.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL is durable against a killed process in WAL mode; only a power cut can lose the last commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(url: str) -> Engine:
    kwargs = {}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000}
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


_migrating = threading.Lock()  # Alembic's context is module-global: one upgrade at a time per process


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to `revision` (head by default). Cheap when already there: Alembic is not
    even imported then (commands such as `grade` start faster without it)."""
    if revision == "head" and _at_head_fast(engine):
        return
    from alembic import command

    with _migrating, engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def _at_head_fast(engine: Engine) -> bool:
    """Skip loading Alembic's script directory on every start when the stamp already says head."""
    if not inspect(engine).has_table("alembic_version"):
        return False
    with engine.connect() as conn:  # the stamp itself, read without Alembic's MigrationContext
        return list(conn.execute(text("SELECT version_num FROM alembic_version")).scalars()) == [_HEAD]


def session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(engine, expire_on_commit=False)


def _newest_version_file() -> str:
    """The head revision id, read from the version files' names (NNNN_*.py) without importing Alembic."""
    names = sorted(p.name for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return names[-1].split("_", 1)[0]


_HEAD = _newest_version_file()
