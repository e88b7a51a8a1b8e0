"""Readiness (/readyz) and liveness (/livez): the verdict, the body, and the database probe."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from bot import health
from bot.app import create_app
from bot.db import engine_for, metadata, sessions
from handoff.contract import TicketRequest
from handoff.outbox import Backlog
from handoff.tickets import create_ticket
from tests.helpers import offline_settings, project_db
from tests.services import free_port

ALL_UP = {"rasa": True, "actions": True, "knowledge": True}
EMPTY = Backlog(pending=0, failed=0, oldest_pending_seconds=None)


def _database(tmp_path: Path) -> sessionmaker[Session]:
    url = f"sqlite:///{tmp_path / 'cepa.db'}"
    metadata().create_all(engine_for(url))  # what the migrations make
    return sessions(url)


def _ticket(made: sessionmaker[Session], sender: str) -> None:
    request = TicketRequest(sender, "en", "A", "a@example.com", "Q?", "other", [("user", "Q?")])
    create_ticket(made, request, "staff@example.com")


@pytest.mark.parametrize(
    ("pending", "limit", "ok"), [(0, 100, True), (99, 100, True), (100, 100, False), (500, 0, True)]
)
def test_the_backlog_fails_readiness_from_its_limit_on(pending: int, limit: int, ok: bool) -> None:
    found = Backlog(pending=pending, failed=3, oldest_pending_seconds=12.345)
    assert health.outbox_check(found, limit) == {
        "ok": ok,
        "pending": pending,
        "failed": 3,
        "oldest_pending_seconds": 12.3,
    }


def test_failed_emails_alone_do_not_take_a_replica_out() -> None:
    assert health.outbox_check(Backlog(0, 40, None), 10)["ok"] is True


def test_ready_only_when_every_check_passes() -> None:
    ok, body = health.readiness(ALL_UP, health.Store(True, EMPTY), 100)
    assert ok
    assert body == {
        "status": "ready",
        "checks": {
            "database": True,
            "rasa": True,
            "actions": True,
            "knowledge": True,
            "outbox": {"ok": True, "pending": 0, "failed": 0, "oldest_pending_seconds": None},
        },
    }


@pytest.mark.parametrize(
    ("parts", "store", "failed"),
    [
        ({**ALL_UP, "rasa": False}, health.Store(True, EMPTY), "rasa"),
        ({**ALL_UP, "actions": False}, health.Store(True, EMPTY), "actions"),
        ({**ALL_UP, "knowledge": False}, health.Store(True, EMPTY), "knowledge"),
        (ALL_UP, health.Store(False, None), "database"),
    ],
)
def test_the_body_names_the_check_that_failed(
    parts: dict[str, bool], store: health.Store, failed: str
) -> None:
    ok, body = health.readiness(parts, store, 100)
    assert not ok and body["status"] == "not ready"
    assert [k for k, v in body["checks"].items() if v is False] == [failed]


def test_an_unreadable_backlog_is_not_ready() -> None:
    ok, body = health.readiness(ALL_UP, health.Store(True, None), 100)
    assert not ok
    assert body["checks"]["outbox"]["ok"] is False


def test_the_store_probe_reads_a_real_database_and_its_backlog(tmp_path: Path) -> None:
    made = _database(tmp_path)
    assert health.read_store(made) == health.Store(True, EMPTY)
    _ticket(made, "api:one")
    _ticket(made, "api:two")
    store = health.read_store(made)
    assert store.database and store.backlog is not None
    assert (store.backlog.pending, store.backlog.failed) == (2, 0)
    assert store.backlog.oldest_pending_seconds is not None


def test_a_database_without_tables_answers_but_its_backlog_is_unread(tmp_path: Path) -> None:
    assert health.read_store(sessions(f"sqlite:///{tmp_path / 'empty.db'}")) == health.Store(
        True, None
    )


def test_a_hung_database_is_not_ready_and_is_probed_once_at_a_time(pg_url: str) -> None:
    """The outbox table locked by another transaction: the backlog query waits for it."""
    made = project_db(pg_url)
    probe = health.StoreProbe(lambda: made)
    with create_engine(pg_url).connect() as holder:
        holder.execute(text("LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE"))

        async def scenario() -> tuple[health.Store, health.Store, bool, health.Store]:
            first = await probe.read(0.5)
            running = probe._running
            second = await probe.read(0.5)  # joins the probe still running, starts none
            joined = running is probe._running and running is not None and not running.done()
            holder.rollback()  # the lock goes; the waiting probe finishes
            return first, second, joined, await probe.read(60)

        first, second, joined, after = asyncio.run(scenario())
    assert first == second == health.Store(False, None)
    assert joined
    assert after == health.Store(True, EMPTY)


def test_a_database_that_does_not_answer_is_reported_not_raised() -> None:
    url = f"postgresql+psycopg://cepa:x@127.0.0.1:{free_port()}/cepa?connect_timeout=2"
    assert health.read_store(sessions(url)) == health.Store(False, None)


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """The real gateway app with a real (migrated) SQLite database; Rasa and actions down."""
    _database(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cepa.db'}")
    with TestClient(create_app(offline_settings(tmp_path))) as test_client:
        yield test_client


def test_livez_answers_while_the_parts_are_down_and_readyz_says_which(client: TestClient) -> None:
    live = client.get("/livez")
    assert (live.status_code, live.json()) == (200, {"status": "alive"})
    ready = client.get("/readyz")
    assert ready.status_code == 503
    body = ready.json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"] is True
    assert body["checks"]["outbox"]["ok"] is True
    assert (body["checks"]["rasa"], body["checks"]["actions"]) == (False, False)


def test_every_response_carries_a_request_id(client: TestClient) -> None:
    kept = client.get("/livez", headers={"X-Request-ID": "lb-1234.abcd"})
    assert kept.headers["x-request-id"] == "lb-1234.abcd"
    replaced = client.post("/api/chat", content=b"x" * 20000, headers={"X-Request-ID": "x y"})
    assert replaced.status_code == 413
    assert replaced.headers["x-request-id"] not in ("x y", "")
