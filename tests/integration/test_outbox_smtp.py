"""Tickets and the outbox against a real SMTP server (aiosmtpd) on loopback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from bot.db import OutboxEmail, Ticket, engine_for, sessions
from bot.outbox import SmtpSettings, deliver_due, retry_delay
from bot.tickets import TicketRequest, create_ticket
from tests.helpers import Inbox, free_port


@pytest.fixture
def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    return sessions(f"sqlite:///{tmp_path / 'tickets.db'}")


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


REQUEST = TicketRequest(
    channel="web", sender="u1", lang="zh-Hant", name="陳大文", contact="dawen@example.com",
    question="CEPA原產地證書點申請？", topic="cepa_services",
    transcript=[("user", "CEPA原產地證書點申請？"), ("bot", "抱歉，我未能確定答案。")],
)  # fmt: skip


def test_ticket_references_count_up_per_day(db) -> None:  # type: ignore[no-untyped-def]
    first = create_ticket(db, REQUEST)
    second = create_ticket(db, REQUEST)
    assert first.reference.startswith("CEPA-") and first.reference.endswith("-0001")
    assert second.reference.endswith("-0002")
    assert first.reference[:13] == second.reference[:13]


def test_ticket_email_reaches_the_smtp_server(db, smtp_server: Inbox, port: int) -> None:  # type: ignore[no-untyped-def]
    ticket = create_ticket(db, REQUEST)
    assert deliver_due(db, SmtpSettings("127.0.0.1", port)) == (1, 0)
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert ticket.reference in mail["Subject"]
    body = mail.get_payload(decode=True).decode()
    assert "陳大文" in body and "dawen@example.com" in body
    assert "CEPA原產地證書點申請？" in body and "bot: 抱歉" in body
    assert mail["To"] == "info@cepa.gov.mo"
    with db() as session:
        email = session.scalars(select(OutboxEmail)).one()
        assert email.status == "sent" and email.attempts == 1 and email.sent_at is not None
    assert deliver_due(db, SmtpSettings("127.0.0.1", port)) == (0, 0)  # never sent twice


def test_server_down_then_up_delivers_after_back_off(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    settings = SmtpSettings("127.0.0.1", port, timeout=2)
    ticket = create_ticket(db, REQUEST)
    assert deliver_due(db, settings) == (0, 1)
    with db() as session:
        email = session.scalars(select(OutboxEmail)).one()
        assert email.status == "pending" and email.attempts == 1 and email.last_error
        retry_at = email.next_attempt_at
    # Not due yet: nothing is tried.
    assert deliver_due(db, settings) == (0, 0)

    # Every process restarts: a new engine on the same file still has the ticket and the e-mail.
    engine_for.cache_clear()
    reopened = sessions(f"sqlite:///{tmp_path / 'tickets.db'}")
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert deliver_due(reopened, settings, now=retry_at + dt.timedelta(seconds=1)) == (1, 0)
    finally:
        controller.stop()
    assert ticket.reference in inbox.messages[0]["Subject"]
    with reopened() as session:
        assert session.scalars(select(Ticket)).one().email.status == "sent"


def test_back_off_doubles_and_is_capped() -> None:
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert retry_delay(50) == dt.timedelta(hours=1)
