"""Creating a staff ticket and its e-mail in one transaction (references like CEPA-20261127-0001).

The reference number comes from a per-day counter row that the same transaction increments and
reads back (`INSERT … ON CONFLICT DO UPDATE … RETURNING`): the row lock serialises concurrent
hand-offs on any number of gateways, a rolled-back hand-off gives its number back, and a
deleted ticket never frees its number for reuse.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from bot.db import utcnow
from console.recording import forget_turn_texts
from handoff.contract import MAX_TICKETS_PER_DAY, TicketRequest
from handoff.models import (
    CANCELLED,
    FAILED,
    PENDING,
    WITHDRAWAL_NOTICE,
    WITHDRAWN,
    OutboxEmail,
    Ticket,
    TicketCounter,
)
from handoff.text import format_transcript, one_line, quoted, text_lines
from knowledge.clock import MACAO, macao_today

MAX_NUMBER = 9999  # four digits in the reference


class DailyLimitReached(Exception):
    """The conversation already opened MAX_TICKETS_PER_DAY tickets this Macao day."""


def reference_for(day: dt.date, number: int) -> str:
    return f"CEPA-{day:%Y%m%d}-{number:04d}"


def email_for(ticket: Ticket) -> tuple[str, str]:
    subject = one_line(f"[{ticket.reference}] CEPA enquiry for staff – {ticket.topic}")
    body = (
        f"Reference: {one_line(ticket.reference)}\n"
        f"Received: {ticket.created_at:%Y-%m-%d %H:%M} UTC\n"
        f"Channel: {one_line(ticket.channel)}\n"
        f"Language: {one_line(ticket.lang)}\n"
        f"Topic: {one_line(ticket.topic)}\n"
        f"Name: {one_line(ticket.name)}\n"
        f"Contact: {one_line(ticket.contact)}\n\n"
        f"Question:\n{quoted(ticket.question)}\n\n"
        f"Transcript:\n{quoted(ticket.transcript)}\n"
    )
    return subject, body


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The Macao day `day` as naive UTC times [start, end), as tickets store them."""
    start = dt.datetime.combine(day, dt.time(), MACAO).astimezone(dt.UTC).replace(tzinfo=None)
    return start, start + dt.timedelta(days=1)


def _count_today(session: Session, sender: str, day: dt.date) -> int:
    start, end = _day_bounds(day)
    count = session.scalar(
        select(func.count())
        .select_from(Ticket)
        .where(Ticket.sender == sender, Ticket.created_at >= start, Ticket.created_at < end)
    )
    return int(count or 0)


def tickets_today(
    sessions: sessionmaker[Session], sender: str, now: dt.datetime | None = None
) -> int:
    """How many tickets conversation `sender` opened on the Macao day of `now` (default: now)."""
    with sessions() as session:
        return _count_today(session, sender, macao_today(now))


def next_number(session: Session, day: dt.date) -> int:
    """Take the next reference number of `day` inside the caller's transaction."""
    dialect = session.get_bind().dialect.name
    bump = {"last": TicketCounter.last + 1}
    statement: postgresql.Insert | sqlite.Insert
    if dialect == "postgresql":
        pg = postgresql.insert(TicketCounter).values(day=day, last=1)
        statement = pg.on_conflict_do_update(index_elements=[TicketCounter.day], set_=bump)
    elif dialect == "sqlite":
        lite = sqlite.insert(TicketCounter).values(day=day, last=1)
        statement = lite.on_conflict_do_update(index_elements=[TicketCounter.day], set_=bump)
    else:
        raise RuntimeError(f"ticket numbering supports PostgreSQL and SQLite, not {dialect}")
    number = int(session.execute(statement.returning(TicketCounter.last)).scalar_one())
    if number > MAX_NUMBER:
        raise RuntimeError(f"more than {MAX_NUMBER} tickets on {day}")
    return number


def create_ticket(
    sessions: sessionmaker[Session], request: TicketRequest, recipient: str
) -> Ticket:
    """Store the ticket and queue its e-mail to `recipient` atomically.

    Raises DailyLimitReached when the conversation has used its tickets for the day. The count
    is taken after the counter row is locked, so one conversation's parallel hand-offs queue
    behind each other and cannot pass the limit together."""
    with sessions() as session:
        now = utcnow()
        day = macao_today(now)
        number = next_number(session, day)
        if _count_today(session, request.sender, day) >= MAX_TICKETS_PER_DAY:
            session.rollback()  # gives the number back
            raise DailyLimitReached(request.sender)
        ticket = Ticket(
            reference=reference_for(day, number),
            created_at=now,
            channel=request.channel,
            sender=request.sender,
            lang=one_line(request.lang),
            name=one_line(request.name),
            contact=one_line(request.contact),
            question="\n".join(text_lines(request.question)),
            topic=one_line(request.topic),
            transcript=format_transcript(request.transcript),
        )
        subject, body = email_for(ticket)
        ticket.email = OutboxEmail(recipient=recipient, subject=subject, body=body, created_at=now)
        session.add(ticket)
        session.commit()
        return ticket


def ticket_contact(sessions: sessionmaker[Session], reference: str, sender: str) -> list[str]:
    """The name and contact stored on ticket `reference` if conversation `sender` opened it
    (what the gateway then redacts from that conversation's stored events); else nothing."""
    with sessions() as session:
        ticket = session.scalars(
            select(Ticket).where(Ticket.reference == reference, Ticket.sender == sender)
        ).first()
        return [value for value in (ticket.name, ticket.contact) if value] if ticket else []


def ticket_rows(sessions: sessionmaker[Session], limit: int) -> list[dict[str, object]]:
    """Newest tickets first, with where their e-mail stands."""
    with sessions() as session:
        tickets = session.scalars(select(Ticket).order_by(Ticket.id.desc()).limit(limit)).all()
        return [
            {
                "reference": t.reference,
                "created_at": t.created_at.isoformat(timespec="seconds"),
                "channel": t.channel,
                "topic": t.topic,
                "status": t.status,
                "email_status": t.email.status if t.email else None,
                "attempts": t.email.attempts if t.email else 0,
                "last_error": t.email.last_error if t.email else None,
            }
            for t in tickets
        ]


# What stands where a withdrawn ticket's name and contact were.
REDACTED = "[withdrawn]"
EmailOutcome = Literal["cancelled", "staff_notified", "already_withdrawn"]


@dataclass(frozen=True)
class Withdrawal:
    reference: str
    # cancelled: staff never got the ticket's e-mail; staff_notified: they had (or were being
    # sent) it, so a notice to delete the data is queued; already_withdrawn: nothing more done.
    email: EmailOutcome


def withdrawal_email(ticket: Ticket, when: dt.datetime) -> tuple[str, str]:
    """The notice to staff once the ticket's own e-mail has gone: no personal data in it."""
    subject = one_line(
        f"[{ticket.reference}] Consent withdrawn – delete this enquiry's personal data"
    )
    body = (
        f"Reference: {one_line(ticket.reference)}\n"
        f"Consent withdrawn: {when:%Y-%m-%d %H:%M} UTC, by the user in the same conversation\n\n"
        "The user has withdrawn consent to the hand-off of this enquiry. Please delete the name, "
        "contact and conversation sent with it wherever the earlier e-mail was kept or forwarded, "
        "and do not contact the user about it. The assistant's copy has been redacted.\n"
    )
    return subject, body


def withdraw_ticket(
    sessions: sessionmaker[Session], reference: str, sender: str
) -> Withdrawal | None:
    """Withdraw ticket `reference` for conversation `sender` (None when that conversation opened
    no such ticket): its name, contact, question and transcript replaced by REDACTED (in its
    e-mail too), marked withdrawn, the texts of the conversation's turn records dropped, and its
    e-mail cancelled if not sent yet, or else replaced by a notice to staff that the data must be
    deleted. One transaction; a second call changes nothing."""
    with sessions() as session:
        ticket = session.scalars(
            select(Ticket)
            .where(Ticket.reference == reference, Ticket.sender == sender)
            .with_for_update()
        ).first()
        if ticket is None:
            return None
        if ticket.status == WITHDRAWN:
            return Withdrawal(reference, "already_withdrawn")
        now = utcnow()
        # Consent is withdrawn for everything the conversation gave, and no pattern finds all
        # of it: a phone typed as 「六六 一二 三四五六」 (p14-006), a real name typed at the
        # consent question (p14-040), a company name in the question. So nothing the user
        # wrote stays, nor the bot's lines, which quote it; what staff need to see that the
        # ticket existed and was withdrawn stays: reference, times, channel, language, topic.
        ticket.name = ticket.contact = ticket.question = ticket.transcript = REDACTED
        ticket.status, ticket.withdrawn_at = WITHDRAWN, now
        forget_turn_texts(session, sender)
        email = ticket.email
        # Not sent yet (nor being sent): cancelled, atomically against a worker's claim.
        cancelled = session.execute(  # type: ignore[attr-defined]
            update(OutboxEmail)
            .where(OutboxEmail.id == email.id, OutboxEmail.status.in_((PENDING, FAILED)))
            .values(status=CANCELLED, body=email_for(ticket)[1], next_attempt_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        outcome: EmailOutcome = "cancelled"
        if not cancelled:
            # Sent, or being sent: the row now carries the notice (the sent e-mail's copy,
            # with the personal data, goes with it); a worker still sending the ticket's own
            # e-mail finds its claim gone, and the notice follows.
            session.refresh(email)
            email.kind = WITHDRAWAL_NOTICE
            email.subject, email.body = withdrawal_email(ticket, now)
            email.status, email.attempts, email.permanent_failures = PENDING, 0, 0
            email.next_attempt_at, email.lease_until, email.claimed_by = now, None, None
            email.last_error, email.sent_at = None, None
            outcome = "staff_notified"
        session.commit()
        return Withdrawal(reference, outcome)
