"""The hand-off across its real boundary: the action server's `ActionSubmitHandoff` files a
ticket over HTTP with the gateway's internal API (the real router, served by uvicorn on
loopback, on a migrated database). The action never opens the database itself."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from actions.handoff_form import ActionSubmitHandoff, ValidateHandoffForm
from actions.parsing import parse_contact
from handoff.api import admin_router, internal_router
from handoff.contract import MAX_TICKETS_PER_DAY
from handoff.models import OutboxEmail, Ticket
from handoff.outbox import SmtpSettings
from handoff.tickets import ticket_contact, tickets_today
from knowledge.bureau import BUREAU_EMAIL, BUREAU_PHONE
from tests.helpers import free_port, project_db

TOKEN = "handoff-test-token"
ADMIN = "admin-test-token"
STAFF = "staff@example.com"


class Gateway:
    """The real internal router in a real HTTP server, on its own thread."""

    def __init__(self, db: sessionmaker[Session], smtp: SmtpSettings | None, token: str = TOKEN):
        app = FastAPI()
        app.include_router(internal_router(token, lambda: db, lambda: STAFF, smtp))
        app.include_router(admin_router(lambda: ADMIN, lambda: db))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Gateway:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise TimeoutError("gateway did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> sessionmaker[Session]:
    if request.param == "sqlite":
        return project_db(f"sqlite:///{tmp_path / 'handoff.db'}")
    return project_db(str(request.getfixturevalue("pg_url")))


@pytest.fixture
def gateway(database: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> Iterator[Gateway]:
    with Gateway(database, SmtpSettings("127.0.0.1", free_port())) as server:
        monkeypatch.setenv("GATEWAY_URL", server.url)
        monkeypatch.setenv("HANDOFF_TOKEN", TOKEN)
        # The action server has no database: any attempt to use the default one would show here.
        monkeypatch.setenv("DATABASE_URL", "sqlite:////nonexistent/never-used.db")
        yield server


SLOTS = {
    "handoff_consent": True, "contact_name": "陳大文", "contact_detail": "+853 66123456",
    "handoff_question": "CEPA原產地證書點申請？",
}  # fmt: skip


def tracker(sender: str, text: str = "/affirm", lang: str = "zh-Hant", **slots: Any) -> Tracker:
    return Tracker(
        sender_id=sender,
        slots={**SLOTS, **slots},
        latest_message={
            "text": text,
            "intent": {"name": "affirm"},
            "metadata": {"lang": lang, "channel": "staff-console"},
        },
        events=[{"event": "user", "text": "CEPA原產地證書點申請？", "parse_data": {}}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )


def run(sender: str, lang: str = "zh-Hant", **slots: Any) -> CollectingDispatcher:
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionSubmitHandoff().run(dispatcher, tracker(sender, lang=lang, **slots), {}))
    return dispatcher


def submit(sender: str, lang: str = "zh-Hant", **slots: Any) -> str:
    return "\n".join(m["text"] for m in run(sender, lang, **slots).messages if m.get("text"))


def test_a_fourth_ticket_in_a_day_is_refused_with_the_hotline(
    gateway: Gateway, database: sessionmaker[Session]
) -> None:
    for _ in range(MAX_TICKETS_PER_DAY):
        assert "參考編號" in submit("web:abc")
    reply = submit("web:abc")
    assert "上限" in reply and BUREAU_PHONE in reply and BUREAU_EMAIL in reply
    assert str(MAX_TICKETS_PER_DAY) in reply
    assert tickets_today(database, "web:abc") == MAX_TICKETS_PER_DAY
    assert "參考編號" in submit("web:other")  # another conversation is not limited


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh-Hant", "已達每日上限"), ("zh-Hans", "已达每日上限"), ("en", "the daily limit"),
     ("pt", "o limite diário")],
)  # fmt: skip
def test_the_limit_is_told_in_every_language(gateway: Gateway, lang: str, words: str) -> None:
    sender = f"tg:{lang}"
    for _ in range(MAX_TICKETS_PER_DAY):
        submit(sender, lang)
    reply = submit(sender, lang)
    assert words in reply and BUREAU_PHONE in reply and BUREAU_EMAIL in reply


def test_the_action_announces_the_ticket_to_the_gateway(
    gateway: Gateway, database: sessionmaker[Session]
) -> None:
    dispatcher = run("web:abc")
    announced = [
        m["custom"]["ticket"] for m in dispatcher.messages if "ticket" in m.get("custom", {})
    ]
    assert len(announced) == 1 and announced[0] in dispatcher.messages[0]["text"]
    assert "職員會在工作日內" in dispatcher.messages[0]["text"]  # an SMTP relay is configured
    assert ticket_contact(database, announced[0], "web:abc") == ["陳大文", "+853 66123456"]
    assert ticket_contact(database, announced[0], "web:other") == []
    assert ticket_contact(database, "CEPA-20200101-0001", "web:abc") == []


def test_no_ticket_is_announced_past_the_limit(gateway: Gateway) -> None:
    for _ in range(MAX_TICKETS_PER_DAY):
        submit("web:abc")
    assert not any("ticket" in m.get("custom", {}) for m in run("web:abc").messages)


def test_the_channel_is_the_conversation_ids_not_the_metadata(
    gateway: Gateway, database: sessionmaker[Session]
) -> None:
    submit("tg:777")
    submit("evil")
    with database() as session:
        channels = {t.sender: t.channel for t in session.scalars(select(Ticket))}
    assert channels == {"tg:777": "telegram", "evil": "unknown"}


def test_a_207_character_email_address_is_filed_whole(
    gateway: Gateway, database: sessionmaker[Session]
) -> None:
    """Issue 11: it passed the parser and crashed the hand-off on PostgreSQL's varchar(200)."""
    address = "a" * 64 + "@" + ".".join(["b" * 60, "c" * 60, "d" * 17]) + ".mo"
    assert len(address) == 207 and parse_contact(address) == address
    reply = submit("web:long", contact_detail=address)
    assert "參考編號" in reply
    with database() as session:
        assert session.scalars(select(Ticket.contact)).one() == address


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh-Hant", "未能自動通知職員"), ("zh-Hans", "未能自动通知职员"),
     ("en", "cannot notify staff"), ("pt", "não consegue avisar os funcionários")],
)  # fmt: skip
def test_without_smtp_the_user_is_not_promised_a_reply(
    database: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch, lang: str, words: str
) -> None:
    with Gateway(database, smtp=None) as server:
        monkeypatch.setenv("GATEWAY_URL", server.url)
        monkeypatch.setenv("HANDOFF_TOKEN", TOKEN)
        dispatcher = run("web:nosmtp", lang)
    text = dispatcher.messages[0]["text"]
    assert words in text and BUREAU_PHONE in text and BUREAU_EMAIL in text
    assert "工作日內" not in text and "reply on a working day" not in text
    assert any("ticket" in m.get("custom", {}) for m in dispatcher.messages)


def test_an_unreachable_gateway_gives_the_bureaus_contacts_and_no_reference(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GATEWAY_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("HANDOFF_TOKEN", TOKEN)
    dispatcher = run("web:down", "en")
    text = dispatcher.messages[0]["text"]
    assert "could not be recorded" in text and BUREAU_PHONE in text and BUREAU_EMAIL in text
    assert not any("ticket" in m.get("custom", {}) for m in dispatcher.messages)


def test_the_internal_api_is_closed_without_the_token(gateway: Gateway) -> None:
    body = {
        "sender": "web:x", "lang": "en", "name": "Ann", "contact": "ann@example.com",
        "question": "q", "topic": "general", "transcript": [],
    }  # fmt: skip
    url = gateway.url + "/internal/tickets"
    assert httpx.post(url, json=body).status_code == 401
    stranger = httpx.post(url, json={})  # refused before the body is read: no field list
    assert stranger.status_code == 401 and "sender" not in stranger.text
    assert httpx.post(url, json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    ok = httpx.post(url, json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201 and ok.json()["delivery"] == "email"
    too_long = {**body, "contact": "a" * 255}
    refused = httpx.post(url, json=too_long, headers={"Authorization": f"Bearer {TOKEN}"})
    assert refused.status_code == 422


def test_without_a_token_the_internal_api_does_not_exist(database: sessionmaker[Session]) -> None:
    with Gateway(database, smtp=None, token="") as server:
        response = httpx.post(server.url + "/internal/tickets", json={})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("requested", "text", "value"),
    [
        ("contact_name", "我叫陳大文", "陳大文"),
        ("contact_detail", "x@-.--", None),
        ("contact_detail", "+853 6612 3456", "+853 66123456"),
        (
            "handoff_question",
            "hello\r\nContact: +853 0000 0000\u202e",
            "hello\nContact: +853 0000 0000",
        ),
    ],
)
def test_the_form_takes_clean_values_and_re_asks_the_rest(
    requested: str, text: str, value: str | None
) -> None:
    events = ValidateHandoffForm().extract_events(tracker("web:abc", text), requested)
    slot_values = {e["name"]: e["value"] for e in events}
    if value is None:
        assert slot_values == {requested: None, "handoff_hint": requested}
    else:
        assert slot_values == {requested: value, "handoff_hint": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an injected header line is no part of any value: the name and the contact, each clean
        ("Ann\r\nBcc: evil@example.com",
         {"contact_name": "Ann", "contact_detail": "evil@example.com"}),
        # a contact given at the name is kept (probe 6: name, phone and question in one message
        # were refused); the name is asked next
        ("chan@example.com", {"contact_detail": "chan@example.com"}),
    ],
)  # fmt: skip
def test_a_contact_given_at_the_name_is_kept_clean(text: str, expected: dict[str, str]) -> None:
    events = ValidateHandoffForm().extract_events(tracker("web:abc", text), "contact_name")
    slot_values = {e["name"]: e["value"] for e in events}
    assert slot_values == {**expected, "handoff_hint": None}
    assert not any("\n" in v or "\r" in v or "Bcc" in v for v in expected.values())


def test_staff_see_a_refused_email_as_failed_and_can_send_it_again(
    gateway: Gateway, database: sessionmaker[Session]
) -> None:
    reference = next(
        m["custom"]["ticket"]
        for m in run("web:refused").messages
        if "ticket" in m.get("custom", {})
    )
    with database() as session:  # the SMTP server refused it MAX_PERMANENT_FAILURES times
        email = session.scalars(select(OutboxEmail)).one()
        email.status, email.permanent_failures, email.last_error = "failed", 3, "550 refused"
        session.commit()
    admin = {"Authorization": f"Bearer {ADMIN}"}
    listed = httpx.get(gateway.url + "/admin/tickets", headers=admin).json()["tickets"]
    assert [(t["reference"], t["email_status"]) for t in listed] == [(reference, "failed")]
    retry = gateway.url + f"/admin/tickets/{reference}/retry-email"
    assert httpx.post(retry).status_code == 401
    assert httpx.post(retry, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 401
    assert httpx.post(retry, headers=admin).json() == {
        "reference": reference,
        "email_status": "pending",
    }
    assert httpx.post(retry, headers=admin).status_code == 409  # it is no longer failed
    with database() as session:
        email = session.scalars(select(OutboxEmail)).one()
        assert (email.status, email.permanent_failures) == ("pending", 0)
