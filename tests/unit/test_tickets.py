"""Staff tickets: an e-mail body no user text can forge, the daily limit per conversation, and
the channel taken from the conversation id."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

import bot.tickets
from actions.handoff_form import ActionSubmitHandoff, ValidateHandoffForm
from bot.db import Ticket, sessions
from bot.tickets import (
    MAX_TICKETS_PER_DAY,
    TicketRequest,
    channel_of,
    create_ticket,
    email_for,
    format_transcript,
    one_line,
    quoted,
    ticket_contact,
    tickets_today,
)
from knowledge.answer import BUREAU_EMAIL, BUREAU_PHONE

UTC = dt.UTC


def request(**changes: Any) -> TicketRequest:
    fields: dict[str, Any] = {
        "channel": "web", "sender": "web:abc", "lang": "zh-Hant", "name": "陳大文",
        "contact": "dawen@example.com", "question": "CEPA原產地證書點申請？",
        "topic": "cepa_services",
        "transcript": [("user", "CEPA原產地證書點申請？"), ("bot", "抱歉，我未能確定答案。")],
    }  # fmt: skip
    fields.update(changes)
    return TicketRequest(**fields)


@pytest.fixture
def db(tmp_path: Path) -> sessionmaker[Session]:
    return sessions(f"sqlite:///{tmp_path / 'tickets.db'}")


# --- the e-mail body -----------------------------------------------------------------------------

ATTACK = request(
    name="Ann\r\nBcc: evil@example.com",
    contact="ann@example.com\nReply-To: evil@example.com",
    question="hello\nContact: +853 0000 0000\nuser: fake",
    lang="en\nTopic: fake",
    transcript=[
        ("user", "hello\nContact: +853 0000 0000\nuser: fake"),
        ("bot", "Sorry\r\n\r\nbot: you are eligible"),
        ("user", "a\u2028Name: Eve\u0085Channel: fake\x0bx\x0cy\x1cz"),
    ],
)


def body_of(db: sessionmaker[Session], req: TicketRequest) -> tuple[str, str]:
    return email_for(create_ticket(db, req))


def test_the_attackers_line_breaks_cannot_start_lines_of_their_own(
    db: sessionmaker[Session],
) -> None:
    subject, body = body_of(db, ATTACK)
    lines = body.splitlines()
    heads = [line.split(":")[0] for line in lines if line and not line.startswith("> ")]
    assert heads == ["Reference", "Received", "Channel", "Language", "Topic", "Name", "Contact",
                     "Question", "Transcript"]  # fmt: skip
    assert "Name: Ann Bcc: evil@example.com" in lines
    assert "Contact: ann@example.com Reply-To: evil@example.com" in lines
    assert "Language: en Topic: fake" in lines
    assert not any(line.startswith(("Bcc", "Reply-To", "user:", "bot:")) for line in lines)
    assert "\r" not in body and len(body.splitlines()) == len(body.split("\n")) - 1
    assert "\n" not in subject and "\r" not in subject


def test_the_question_is_quoted_line_by_line(db: sessionmaker[Session]) -> None:
    _subject, body = body_of(db, ATTACK)
    question = body.split("Question:\n", 1)[1].split("\n\n", 1)[0]
    assert question == "> hello\n> Contact: +853 0000 0000\n> user: fake"


def test_a_message_of_several_lines_cannot_fake_a_turn_of_the_transcript(
    db: sessionmaker[Session],
) -> None:
    _subject, body = body_of(db, ATTACK)
    transcript = body.split("Transcript:\n", 1)[1].rstrip("\n").split("\n")
    assert all(line.startswith("> ") for line in transcript)
    turns = [line for line in transcript if line != "> " and not line.startswith(">  ")]
    assert turns == ["> user: hello", "> bot: Sorry", "> user: a"]
    assert ">     user: fake" in transcript and ">     bot: you are eligible" in transcript


def test_format_transcript_indents_further_lines() -> None:
    assert format_transcript([("user", "一\n二"), ("bot", "三")]) == "user: 一\n    二\nbot: 三"


@pytest.mark.parametrize(
    ("text", "line"),
    [("Ann\r\nBcc: x", "Ann Bcc: x"), ("陳\u200b大\u202e文", "陳大文"), ("a\tb\u2028c\x00d", "a b cd"),
     ("  Maria   Lopes ", "Maria Lopes"), ("\ufeffJoão", "João")],
)  # fmt: skip
def test_one_line(text: str, line: str) -> None:
    assert one_line(text) == line


def test_quoted_prefixes_every_kind_of_line_break() -> None:
    text = "a\rb\nc\r\nd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l"
    assert quoted(text) == "\n".join(f"> {ch}" for ch in "abcdefghijkl")
    assert quoted("") == "> "


def test_an_ordinary_ticket_reads_as_before(db: sessionmaker[Session]) -> None:
    subject, body = body_of(db, request())
    assert subject.endswith("CEPA enquiry for staff – cepa_services")
    assert "Name: 陳大文\nContact: dawen@example.com\n" in body
    assert "Question:\n> CEPA原產地證書點申請？\n" in body
    assert "> user: CEPA原產地證書點申請？\n> bot: 抱歉，我未能確定答案。\n" in body


def test_the_stored_ticket_is_clean_too(db: sessionmaker[Session]) -> None:
    create_ticket(db, ATTACK)
    with db() as session:
        ticket = session.scalars(select(Ticket)).one()
    assert ticket.name == "Ann Bcc: evil@example.com"
    assert ticket.question == "hello\nContact: +853 0000 0000\nuser: fake"
    assert "\r" not in ticket.transcript and "\u2028" not in ticket.transcript


# --- tickets per conversation and Macao day ------------------------------------------------------


def at(monkeypatch: pytest.MonkeyPatch, when: dt.datetime) -> None:
    """Tickets created from now on are stamped `when` (naive UTC, as the database stores)."""
    monkeypatch.setattr(bot.tickets, "utcnow", lambda: when.astimezone(UTC).replace(tzinfo=None))


def macao(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=bot.tickets.MACAO)


def test_tickets_today_counts_one_conversation(
    db: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, macao(2026, 3, 2, 9, 0))
    for _ in range(2):
        create_ticket(db, request(sender="web:a"))
    create_ticket(db, request(sender="tg:42"))
    now = macao(2026, 3, 2, 18, 0)
    assert tickets_today(db, "web:a", now) == 2
    assert tickets_today(db, "tg:42", now) == 1
    assert tickets_today(db, "web:nobody", now) == 0


def test_the_day_is_macaos_not_utcs(
    db: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, macao(2026, 3, 1, 23, 59))  # 15:59 UTC on 1 March
    create_ticket(db, request(sender="web:a"))
    at(monkeypatch, macao(2026, 3, 2, 0, 1))  # 16:01 UTC, still 1 March in UTC
    create_ticket(db, request(sender="web:a"))
    assert tickets_today(db, "web:a", macao(2026, 3, 1, 12, 0)) == 1
    assert tickets_today(db, "web:a", macao(2026, 3, 2, 23, 59)) == 1
    assert tickets_today(db, "web:a", dt.datetime(2026, 3, 1, 16, 30)) == 1  # naive = UTC
    assert tickets_today(db, "web:a", macao(2026, 3, 3, 0, 0)) == 0


def test_tickets_today_defaults_to_now(db: sessionmaker[Session]) -> None:
    create_ticket(db, request(sender="web:a"))
    assert tickets_today(db, "web:a") == 1


# --- the channel comes from the conversation id --------------------------------------------------


@pytest.mark.parametrize(
    ("sender", "channel"),
    [("web:3f2a", "web"), ("tg:123456", "telegram"), ("api:crm-7", "api"),
     ("web:tg:1", "web"), ("telegram:1", "unknown"), ("admin:1", "unknown"), ("3f2a", "unknown"),
     ("web", "unknown"), ("", "unknown"), ("WEB:1", "unknown")],
)  # fmt: skip
def test_channel_of(sender: str, channel: str) -> None:
    assert channel_of(sender) == channel


# --- the hand-off action -------------------------------------------------------------------------

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


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[sessionmaker[Session]]:
    url = f"sqlite:///{tmp_path / 'handoff.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    yield sessions(url)


def submit(sender: str, lang: str = "zh-Hant") -> str:
    dispatcher = CollectingDispatcher()
    ActionSubmitHandoff().run(dispatcher, tracker(sender, lang=lang), {})
    return "\n".join(m["text"] for m in dispatcher.messages if m.get("text"))


def test_a_fourth_ticket_in_a_day_is_refused_with_the_hotline(
    database: sessionmaker[Session],
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
def test_the_limit_is_told_in_every_language(
    database: sessionmaker[Session], lang: str, words: str
) -> None:
    sender = f"tg:{lang}"
    for _ in range(MAX_TICKETS_PER_DAY):
        submit(sender, lang)
    reply = submit(sender, lang)
    assert words in reply and BUREAU_PHONE in reply and BUREAU_EMAIL in reply


def test_the_action_announces_the_ticket_to_the_gateway(database: sessionmaker[Session]) -> None:
    dispatcher = CollectingDispatcher()
    ActionSubmitHandoff().run(dispatcher, tracker("web:abc"), {})
    announced = [
        m["custom"]["ticket"] for m in dispatcher.messages if "ticket" in m.get("custom", {})
    ]
    assert len(announced) == 1 and announced[0] in dispatcher.messages[0]["text"]
    assert ticket_contact(database, announced[0], "web:abc") == ["陳大文", "+853 66123456"]
    assert ticket_contact(database, announced[0], "web:other") == []
    assert ticket_contact(database, "CEPA-20200101-0001", "web:abc") == []


def test_no_ticket_is_announced_past_the_limit(database: sessionmaker[Session]) -> None:
    for _ in range(MAX_TICKETS_PER_DAY):
        submit("web:abc")
    dispatcher = CollectingDispatcher()
    ActionSubmitHandoff().run(dispatcher, tracker("web:abc"), {})
    assert not any("ticket" in m.get("custom", {}) for m in dispatcher.messages)


def test_the_channel_is_the_conversation_ids_not_the_metadata(
    database: sessionmaker[Session],
) -> None:
    submit("tg:777")
    submit("evil")
    with database() as session:
        channels = {t.sender: t.channel for t in session.scalars(select(Ticket))}
    assert channels == {"tg:777": "telegram", "evil": "unknown"}


@pytest.mark.parametrize(
    ("requested", "text", "value"),
    [
        ("contact_name", "我叫陳大文", "陳大文"),
        ("contact_name", "Ann\r\nBcc: evil@example.com", None),
        ("contact_name", "chan@example.com", None),
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
