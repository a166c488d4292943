"""Alembic environment: always called programmatically by store.engine.migrate with a live connection."""

from alembic import context

from qkvstudy.store.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only ALTER by copying tables
)
with context.begin_transaction():
    context.run_migrations()
