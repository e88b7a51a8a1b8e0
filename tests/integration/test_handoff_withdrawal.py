"""Withdrawing consent after a ticket (probe 12: p12-007, p12-050), across the real boundary:
the action server's reply to "I withdraw my consent" calls the gateway's internal route
`POST /internal/tickets/{reference}/withdraw` (the real router, served by uvicorn on loopback,
on a migrated SQLite or PostgreSQL database); the e-mail goes to a real SMTP server."""

# ruff: noqa: F811  (the fixtures `database` and `gateway` come from test_handoff_api)
from __future__ import annotations

from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from rasa_sdk import Tracker
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from actions.service_questions import service_reply
from handoff.client import HandoffClient, HandoffUnavailable
from handoff.models import CANCELLED, PENDING, SENT, WITHDRAWAL_NOTICE, OutboxEmail, Ticket
from handoff.outbox import SmtpSettings, deliver_due, message_id
from knowledge.messages import text as message
from tests.helpers import Inbox, free_port
from tests.integration.test_handoff_api import (  # noqa: F401  (fixtures)
    TOKEN,
    Gateway,
    database,
    gateway,
    run,
)

NAME, PHONE = "陳大文", "+853 66123456"


def file(sender: str) -> str:
    dispatcher = run(sender)
    return next(
        m["custom"]["ticket"] for m in dispatcher.messages if "ticket" in m.get("custom", {})
    )


def after_ticket(sender: str, typed: str, reference: str, lang: str = "zh-Hant") -> Tracker:
    """A conversation told of ticket `reference`, where the user now types `typed`."""
    events: list[dict[str, Any]] = [
        {"event": "user", "text": f"我叫{NAME}，電話66123456"},
        {"event": "bot", "text": "…", "data": {"custom": {"ticket": reference}}},
        {"event": "user", "text": typed},
    ]
    return Tracker(
        sender_id=sender,
        slots={},
        latest_message={
            "text": typed,
            "intent": {"name": "nlu_fallback"},
            "metadata": {"lang": lang},
        },
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )


def ticket_row(db: sessionmaker[Session], reference: str) -> tuple[Ticket, OutboxEmail]:
    with db() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.reference == reference)).one()
        email = ticket.email
        session.expunge_all()
        return ticket, email


def test_p12_007_withdrawal_before_the_email_went_cancels_it_and_redacts_the_ticket(
    gateway: Gateway, database: sessionmaker[Session]
) -> None:
    """p12-007: 「我要撤回同意 請刪除我嘅個人資料」 after ticket 0003 only got "phone the
    bureau"; the ticket kept the name and phone, and its e-mail stayed queued."""
    reference = file("web:p12-007")
    reply = service_reply(
        after_ticket("web:p12-007", "我要撤回同意 請刪除我嘅個人資料", reference),
        "我要撤回同意 請刪除我嘅個人資料",
        "zh-Hant",
    )
    assert reply is not None
    assert reply.text == message("handoff.withdrawn", "zh-Hant", reference=reference)
    ticket, email = ticket_row(database, reference)
    assert ticket.status == "withdrawn" and ticket.withdrawn_at is not None
    assert ticket.name == "[withdrawn]" and ticket.contact == "[withdrawn]"
    assert email.status == CANCELLED
    for stored in (ticket.question, ticket.transcript, email.body):
        assert NAME not in stored and "66123456" not in stored, stored
    # nothing is left for the outbox to send
    assert deliver_due(database, SmtpSettings("127.0.0.1", free_port())).sent == 0


def test_p12_050_withdrawal_after_the_email_went_tells_staff_to_delete_the_data(
    gateway: Gateway, database: sessionmaker[Session]
) -> None:
    """p12-050: 「我要撤回刚才的转交，删除我的资料」 after ticket 0013: the staff e-mail had gone
    (here: marked sent), so staff get a notice to delete the data, with no personal data in it."""
    reference = file("web:p12-050")
    with database() as session:
        session.scalars(select(OutboxEmail)).one().status = SENT
        session.commit()
    typed = "我要撤回刚才的转交，删除我的资料"
    reply = service_reply(
        after_ticket("web:p12-050", typed, reference, "zh-Hans"), typed, "zh-Hans"
    )
    assert reply is not None
    assert reply.text == message("handoff.withdrawn_notified", "zh-Hans", reference=reference)
    ticket, email = ticket_row(database, reference)
    assert ticket.status == "withdrawn" and NAME not in ticket.transcript
    assert (email.kind, email.status, email.sent_at) == (WITHDRAWAL_NOTICE, PENDING, None)
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        assert deliver_due(database, SmtpSettings("127.0.0.1", controller.port)).sent == 1
    finally:
        controller.stop()
    (mail,) = inbox.messages
    body = mail.get_payload(decode=True).decode()
    assert reference in mail["Subject"] and "Consent withdrawn" in mail["Subject"]
    assert "delete" in body and NAME not in body and "66123456" not in body
    assert mail["Message-ID"] == message_id(email) and "withdrawal" in mail["Message-ID"]


def test_only_the_conversation_that_filed_a_ticket_may_withdraw_it(
    gateway: Gateway, database: sessionmaker[Session]
) -> None:
    """p12-007, p12-050: the withdrawal the users asked for; no other conversation may ask it
    (a stranger learns nothing), and asking twice changes nothing."""
    reference = file("web:owner")
    client = HandoffClient(gateway.url, TOKEN)
    with pytest.raises(HandoffUnavailable, match="404"):
        client.withdraw(reference, "web:stranger")
    ticket, email = ticket_row(database, reference)
    assert (ticket.status, ticket.name, email.status) == ("open", NAME, PENDING)
    # without the token the route says nothing at all
    url = f"{gateway.url}/internal/tickets/{reference}/withdraw"
    assert httpx.post(url, json={"sender": "web:owner"}).status_code == 401
    assert (
        httpx.post(
            url, json={"sender": "web:owner"}, headers={"Authorization": "Bearer x"}
        ).status_code
        == 401
    )
    bad = httpx.post(
        f"{gateway.url}/internal/tickets/not-a-ref/withdraw",
        json={"sender": "web:owner"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert bad.status_code == 422
    # the owner may, once; a second withdrawal changes nothing
    assert client.withdraw(reference, "web:owner").email == "cancelled"
    assert client.withdraw(reference, "web:owner").email == "already_withdrawn"
    assert ticket_row(database, reference)[1].status == CANCELLED


def test_an_unreachable_gateway_still_tells_how_to_withdraw(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """p12-007 turn 6, «I withdraw my consent» with the gateway down: the reference and the
    bureau's phone and e-mail, as before, never a false "done"."""
    monkeypatch.setenv("GATEWAY_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("HANDOFF_TOKEN", TOKEN)
    reference = "CEPA-20261207-0003"
    typed = "I withdraw my consent"
    reply = service_reply(after_ticket("web:x", typed, reference, "en"), typed, "en")
    assert reply is not None
    assert reply.text == message("handoff.after_ticket_stop", "en", reference=reference)
