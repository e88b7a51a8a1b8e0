"""Staff tickets: an e-mail body no user text can forge, the daily limit per conversation, and
the channel taken from the conversation id. (The action that files them through the gateway:
tests/integration/test_handoff_api.py; numbering and the outbox under concurrency:
tests/integration/test_handoff_concurrency.py.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

import handoff.tickets
from handoff.contract import MAX_TICKETS_PER_DAY, TicketRequest, channel_of
from handoff.models import OutboxEmail, Ticket
from handoff.text import format_transcript, one_line, quoted
from handoff.tickets import (
    DailyLimitReached,
    create_ticket,
    email_for,
    tickets_today,
)
from tests.helpers import project_db

UTC = dt.UTC


def request(**changes: Any) -> TicketRequest:
    fields: dict[str, Any] = {
        "sender": "web:abc", "lang": "zh-Hant", "name": "陳大文",
        "contact": "dawen@example.com", "question": "CEPA原產地證書點申請？",
        "topic": "cepa_services",
        "transcript": [("user", "CEPA原產地證書點申請？"), ("bot", "抱歉，我未能確定答案。")],
    }  # fmt: skip
    fields.update(changes)
    return TicketRequest(**fields)


STAFF = "staff@example.com"


@pytest.fixture
def db(tmp_path: Path) -> sessionmaker[Session]:
    return project_db(f"sqlite:///{tmp_path / 'tickets.db'}")


def create(db: sessionmaker[Session], req: TicketRequest) -> Ticket:
    return create_ticket(db, req, STAFF)


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
    return email_for(create(db, req))


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
    create(db, ATTACK)
    with db() as session:
        ticket = session.scalars(select(Ticket)).one()
    assert ticket.name == "Ann Bcc: evil@example.com"
    assert ticket.question == "hello\nContact: +853 0000 0000\nuser: fake"
    assert "\r" not in ticket.transcript and "\u2028" not in ticket.transcript


# --- tickets per conversation and Macao day ------------------------------------------------------


def at(monkeypatch: pytest.MonkeyPatch, when: dt.datetime) -> None:
    """Tickets created from now on are stamped `when` (naive UTC, as the database stores)."""
    monkeypatch.setattr(
        handoff.tickets, "utcnow", lambda: when.astimezone(UTC).replace(tzinfo=None)
    )


def macao(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=handoff.tickets.MACAO)


def test_tickets_today_counts_one_conversation(
    db: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, macao(2026, 3, 2, 9, 0))
    for _ in range(2):
        create(db, request(sender="web:a"))
    create(db, request(sender="tg:42"))
    now = macao(2026, 3, 2, 18, 0)
    assert tickets_today(db, "web:a", now) == 2
    assert tickets_today(db, "tg:42", now) == 1
    assert tickets_today(db, "web:nobody", now) == 0


def test_the_day_is_macaos_not_utcs(
    db: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, macao(2026, 3, 1, 23, 59))  # 15:59 UTC on 1 March
    create(db, request(sender="web:a"))
    at(monkeypatch, macao(2026, 3, 2, 0, 1))  # 16:01 UTC, still 1 March in UTC
    create(db, request(sender="web:a"))
    assert tickets_today(db, "web:a", macao(2026, 3, 1, 12, 0)) == 1
    assert tickets_today(db, "web:a", macao(2026, 3, 2, 23, 59)) == 1
    assert tickets_today(db, "web:a", dt.datetime(2026, 3, 1, 16, 30)) == 1  # naive = UTC
    assert tickets_today(db, "web:a", macao(2026, 3, 3, 0, 0)) == 0


def test_tickets_today_defaults_to_now(db: sessionmaker[Session]) -> None:
    create(db, request(sender="web:a"))
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


def test_a_fourth_ticket_in_a_macao_day_is_refused_and_gives_its_number_back(
    db: sessionmaker[Session],
) -> None:
    refs = [create(db, request(sender="web:a")).reference for _ in range(MAX_TICKETS_PER_DAY)]
    with pytest.raises(DailyLimitReached):
        create(db, request(sender="web:a"))
    other = create(db, request(sender="web:b")).reference
    numbers = [int(ref[-4:]) for ref in [*refs, other]]
    assert numbers == list(range(1, MAX_TICKETS_PER_DAY + 2))  # no gap left by the refusal


def test_a_deleted_ticket_does_not_make_its_number_come_round_again(
    db: sessionmaker[Session],
) -> None:
    """Issue 11: with count(*)+1, deleting one ticket of the day broke every later hand-off."""
    first = create(db, request(sender="web:a"))
    second = create(db, request(sender="web:b"))
    with db() as session:
        session.execute(delete(OutboxEmail).where(OutboxEmail.ticket_id == first.id))
        session.execute(delete(Ticket).where(Ticket.id == first.id))
        session.commit()
    third = create(db, request(sender="web:c"))
    assert [t.reference[-4:] for t in (first, second, third)] == ["0001", "0002", "0003"]


def test_the_e_mail_goes_to_the_staff_address_given(db: sessionmaker[Session]) -> None:
    ticket = create(db, request())
    with db() as session:
        email = session.scalars(select(OutboxEmail)).one()
    assert (email.recipient, email.status, email.attempts) == (STAFF, "pending", 0)
    assert email.ticket_id == ticket.id
