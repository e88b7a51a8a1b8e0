"""Bring the project database's schema to the newest migration: `make migrate`.

A deploy step, run once before the processes start (`make run` and the test stacks run it too);
no process creates tables by itself. Safe to run again, and on PostgreSQL concurrent runs queue
on an advisory lock (migrations/env.py).
"""

from __future__ import annotations

import argparse
import fcntl
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, make_url

from bot.db import database_url, engine_for
from bot.settings import PROJECT_ROOT

ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"


class LegacyDatabase(RuntimeError):
    """Tables made before migrations existed: Alembic cannot tell which schema they have."""


def alembic_config(url: str) -> Config:
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    # ConfigParser interpolation would read a password's "%" as a reference.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def current_revision(url: str) -> str | None:
    with engine_for(url).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


@contextmanager
def _one_at_a_time(url: str) -> Iterator[None]:
    """SQLite has no advisory locks (PostgreSQL's is taken in migrations/env.py): runs on one
    file queue on a lock file beside it, or two would both find no tables and both make them."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        yield
        return
    lock_path = Path(str(parsed.database)).with_suffix(".migrate-lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def upgrade(url: str | None = None) -> str | None:
    """Migrate the database at `url` (default DATABASE_URL) to head; returns the revision."""
    url = url or database_url()
    with _one_at_a_time(url):
        tables = set(inspect(engine_for(url)).get_table_names())
        if "tickets" in tables and "alembic_version" not in tables:
            raise LegacyDatabase(
                "this database was made before schema migrations (it has tables but no "
                "alembic_version); back it up and point DATABASE_URL at a new database"
            )
        command.upgrade(alembic_config(url), "head")
        return current_revision(url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Migrate the project database to head")
    parser.add_argument("--url", help="database URL (default: DATABASE_URL, else SQLite in var/)")
    args = parser.parse_args(argv)
    try:
        revision = upgrade(args.url)
    except LegacyDatabase as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"database at revision {revision}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
