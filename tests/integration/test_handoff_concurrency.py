"""Ticket references and schema migrations under concurrency, on SQLite and PostgreSQL.

Issue 11: with `count(*)+1` and five retries, 2 × 8 simultaneous hand-offs gave 3 errors; four
processes starting on an empty database each ran `create_all` and 2 of 3 starts failed."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

import bot.db
from bot.migrate import LegacyDatabase, current_revision, head_revision, upgrade
from bot.settings import PROJECT_ROOT
from handoff.contract import TicketRequest
from handoff.models import OutboxEmail, Ticket
from handoff.tickets import create_ticket
from tests.helpers import project_db


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cepa.db'}"
    return str(request.getfixturevalue("pg_url"))


def request(sender: str) -> TicketRequest:
    return TicketRequest(
        sender=sender, lang="en", name="Ann", contact="ann@example.com",
        question="How do I apply?", topic="general", transcript=[("user", "How do I apply?")],
    )  # fmt: skip


def test_simultaneous_hand_offs_get_distinct_consecutive_references(db_url: str) -> None:
    db = project_db(db_url)
    # Two "gateways" (separate engines and pools) with eight hand-offs each, released together.
    second: sessionmaker[Session] = sessionmaker(create_engine(db_url), expire_on_commit=False)
    start = threading.Barrier(16)
    references: list[str] = []
    errors: list[BaseException] = []

    def hand_off(sessions: sessionmaker[Session], n: int) -> None:
        start.wait()
        try:
            references.append(
                create_ticket(sessions, request(f"web:{n}"), "s@example.com").reference
            )
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=hand_off, args=(db if n % 2 else second, n)) for n in range(16)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(int(ref[-4:]) for ref in references) == list(range(1, 17))
    with db() as session:
        assert session.scalar(select(Ticket).where(Ticket.reference == references[0])) is not None
        assert len(session.scalars(select(OutboxEmail)).all()) == 16


def test_processes_migrating_together_all_succeed(db_url: str) -> None:
    command = [sys.executable, "-m", "bot.migrate", "--url", db_url]
    processes = [
        subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    outcomes = [(p.wait(120), p.stderr.read().decode() if p.stderr else "") for p in processes]
    assert [code for code, _ in outcomes] == [0, 0, 0, 0], outcomes
    assert current_revision(db_url) == head_revision()


def test_the_migrations_make_exactly_the_models_tables(db_url: str) -> None:
    """A model changed without a migration (or the reverse) fails here."""
    upgrade(db_url)
    with bot.db.engine_for(db_url).connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), bot.db.metadata())
    assert diff == []


def test_migrating_again_changes_nothing(db_url: str) -> None:
    upgrade(db_url)
    tables = set(inspect(bot.db.engine_for(db_url)).get_table_names())
    assert upgrade(db_url) == head_revision()
    assert set(inspect(bot.db.engine_for(db_url)).get_table_names()) == tables
    assert {"tickets", "ticket_counters", "outbox", "feedback", "alembic_version"} <= tables


def test_a_database_made_before_migrations_is_refused_with_a_clear_message(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with bot.db.engine_for(url).begin() as connection:
        connection.execute(text("CREATE TABLE tickets (id INTEGER PRIMARY KEY)"))
    with pytest.raises(LegacyDatabase, match="before schema migrations"):
        upgrade(url)
    done = subprocess.run(
        [sys.executable, "-m", "bot.migrate", "--url", url],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1 and "error: this database was made before" in done.stderr
