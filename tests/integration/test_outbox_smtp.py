"""Tickets and the outbox against a real SMTP server (aiosmtpd) on loopback, on SQLite and on
PostgreSQL: delivery, back-off, permanent refusals, and several workers never sending an e-mail
twice (issue 11: two gateways sent 5 tickets as 10 e-mails)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import engine_for, sessions
from handoff.contract import TicketRequest
from handoff.models import OutboxEmail, Ticket
from handoff.outbox import (
    MAX_PERMANENT_FAILURES,
    Backlog,
    RunResult,
    SmtpSettings,
    backlog,
    claim,
    deliver_due,
    retry_delay,
    retry_failed,
)
from handoff.tickets import create_ticket
from tests.helpers import Inbox, free_port, project_db

STAFF = "info@cepa.gov.mo"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tickets.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def db(db_url: str) -> sessionmaker[Session]:
    return project_db(db_url)


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def smtp_server(port: int) -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox
    controller.stop()


def request(sender: str = "web:u1") -> TicketRequest:
    return TicketRequest(
        sender=sender, lang="zh-Hant", name="陳大文", contact="dawen@example.com",
        question="CEPA原產地證書點申請？", topic="cepa_services",
        transcript=[("user", "CEPA原產地證書點申請？"), ("bot", "抱歉，我未能確定答案。")],
    )  # fmt: skip


def test_ticket_references_count_up_per_day(db: sessionmaker[Session]) -> None:
    first = create_ticket(db, request("web:a"), STAFF)
    second = create_ticket(db, request("web:b"), STAFF)
    assert first.reference.startswith("CEPA-") and first.reference.endswith("-0001")
    assert second.reference.endswith("-0002")
    assert first.reference[:13] == second.reference[:13]


def test_ticket_email_reaches_the_smtp_server(
    db: sessionmaker[Session], smtp_server: Inbox, port: int
) -> None:
    ticket = create_ticket(db, request(), STAFF)
    assert deliver_due(db, SmtpSettings("127.0.0.1", port)) == RunResult(sent=1)
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert ticket.reference in mail["Subject"]
    assert (
        mail["Message-ID"]
        == f"<outbox-{ticket.email.id}-ticket-{ticket.id}@cepa-assistant.invalid>"
    )
    body = mail.get_payload(decode=True).decode()
    assert "陳大文" in body and "dawen@example.com" in body
    assert "CEPA原產地證書點申請？" in body and "bot: 抱歉" in body
    assert mail["To"] == STAFF
    with db() as session:
        email = session.scalars(select(OutboxEmail)).one()
        assert email.status == "sent" and email.attempts == 1 and email.sent_at is not None
        assert email.claimed_by is None and email.lease_until is None
    assert deliver_due(db, SmtpSettings("127.0.0.1", port)) == RunResult()  # never sent twice
    assert backlog(db) == Backlog(pending=0, failed=0, oldest_pending_seconds=None)


def test_server_down_then_up_delivers_after_back_off(
    db: sessionmaker[Session], db_url: str
) -> None:
    port = free_port()
    settings = SmtpSettings("127.0.0.1", port, timeout=2)
    ticket = create_ticket(db, request(), STAFF)
    assert deliver_due(db, settings) == RunResult(retrying=1)
    with db() as session:
        email = session.scalars(select(OutboxEmail)).one()
        assert email.status == "pending" and email.attempts == 1 and email.last_error
        retry_at = email.next_attempt_at
    assert deliver_due(db, settings) == RunResult()  # not due yet: nothing is tried
    waiting = backlog(db)
    assert (
        waiting.pending == 1 and waiting.failed == 0 and waiting.oldest_pending_seconds is not None
    )

    # Every process restarts: a new engine on the same database still has the ticket and e-mail.
    engine_for.cache_clear()
    reopened = sessions(db_url)
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        later = retry_at + dt.timedelta(seconds=1)
        assert deliver_due(reopened, settings, now=later) == RunResult(sent=1)
    finally:
        controller.stop()
    assert ticket.reference in inbox.messages[0]["Subject"]
    with reopened() as session:
        assert session.scalars(select(Ticket)).one().email.status == "sent"


class Refusing:
    """An SMTP server that refuses every message for good (550)."""

    def __init__(self) -> None:
        self.tries = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.tries += 1
        return "550 5.7.1 message refused"


def test_a_permanent_refusal_stops_after_a_bounded_number_of_attempts_then_staff_can_retry(
    db: sessionmaker[Session], port: int
) -> None:
    refusing = Refusing()
    controller = Controller(refusing, hostname="127.0.0.1", port=port)
    controller.start()
    settings = SmtpSettings("127.0.0.1", port, first_retry=dt.timedelta(0))
    ticket = create_ticket(db, request(), STAFF)
    try:
        results = [deliver_due(db, settings) for _ in range(MAX_PERMANENT_FAILURES + 2)]
    finally:
        controller.stop()
    assert refusing.tries == MAX_PERMANENT_FAILURES  # then it stops trying
    assert sum(r.failed for r in results) == 1
    with db() as session:
        email = session.scalars(select(OutboxEmail)).one()
        assert email.status == "failed" and "550" in (email.last_error or "")
    assert backlog(db).failed == 1 and backlog(db).pending == 0

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert retry_failed(db, ticket.reference)
        assert not retry_failed(db, ticket.reference)  # only a failed e-mail can be retried
        assert deliver_due(db, settings) == RunResult(sent=1)
    finally:
        controller.stop()
    assert len(inbox.messages) == 1


class Slow(Inbox):
    """Takes a moment per message, so concurrent workers overlap."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        import asyncio

        await asyncio.sleep(0.05)
        return str(await super().handle_DATA(server, session, envelope))


def test_workers_in_parallel_send_every_email_exactly_once(
    db: sessionmaker[Session], port: int
) -> None:
    inbox = Slow()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    tickets = [create_ticket(db, request(f"web:{n}"), STAFF) for n in range(24)]
    settings = SmtpSettings("127.0.0.1", port)
    results: list[RunResult] = []
    start = threading.Barrier(4)

    def work() -> None:
        start.wait()
        results.append(deliver_due(db, settings))

    threads = [threading.Thread(target=work) for _ in range(4)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        controller.stop()
    subjects = sorted(m["Subject"] for m in inbox.messages)
    assert len(subjects) == len(tickets) == len(set(subjects))
    assert sum(r.sent for r in results) == len(tickets)
    with db() as session:
        assert {e.attempts for e in session.scalars(select(OutboxEmail))} == {1}


def test_an_expired_lease_passes_the_email_to_another_worker_and_the_late_one_is_ignored(
    db: sessionmaker[Session], smtp_server: Inbox, port: int
) -> None:
    create_ticket(db, request(), STAFF)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert len(claim(db, "dead-worker", now)) == 1  # claimed, then the worker died mid-send
    assert claim(db, "other", now) == []  # held under the lease
    after = now + dt.timedelta(minutes=6)
    assert deliver_due(db, SmtpSettings("127.0.0.1", port), "other", now=after) == RunResult(sent=1)
    with db() as session:
        email = session.scalars(select(OutboxEmail)).one()
        assert (email.status, email.attempts) == ("sent", 2)
    assert len(smtp_server.messages) == 1


def test_back_off_doubles_and_is_capped() -> None:
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert retry_delay(50) == dt.timedelta(hours=1)
