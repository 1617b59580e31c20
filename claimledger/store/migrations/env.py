"""Alembic environment: migrations run on the connection the repository hands over."""

from alembic import context

from claimledger.store.schema import metadata

connection = context.config.attributes.get("connection")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
