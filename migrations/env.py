"""Alembic environment: the project database's models, and one migration run at a time."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

import bot.db

# Any number of `migrate` runs may start together (one per replica in a careless deploy):
# on PostgreSQL they queue on this lock, and each later one finds the schema at head.
ADVISORY_LOCK = 72_0001


def run_migrations() -> None:
    url = context.config.get_main_option("sqlalchemy.url") or bot.db.database_url()
    engine = bot.db.engine_for(url)
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK})
            connection.commit()
        try:
            context.configure(
                connection=connection,
                target_metadata=bot.db.metadata(),
                render_as_batch=connection.dialect.name == "sqlite",
            )
            with context.begin_transaction():
                context.run_migrations()
        finally:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK})
                connection.commit()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run `make migrate`")
run_migrations()
