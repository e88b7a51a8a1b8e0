"""Creating a staff ticket and its e-mail in one transaction (references like CEPA-20261127-0001)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.db import OutboxEmail, Ticket, utcnow

MACAO = dt.timezone(dt.timedelta(hours=8))
DEFAULT_STAFF_EMAIL = "info@cepa.gov.mo"


@dataclass(frozen=True)
class TicketRequest:
    channel: str
    sender: str
    lang: str
    name: str
    contact: str
    question: str
    topic: str
    transcript: list[tuple[str, str]]  # (who, text), oldest first


def staff_email() -> str:
    return os.environ.get("STAFF_EMAIL") or DEFAULT_STAFF_EMAIL


def reference_for(day: dt.date, number: int) -> str:
    return f"CEPA-{day:%Y%m%d}-{number:04d}"


def format_transcript(transcript: list[tuple[str, str]]) -> str:
    return "\n".join(f"{who}: {text}" for who, text in transcript)


def email_for(ticket: Ticket) -> tuple[str, str]:
    subject = f"[{ticket.reference}] CEPA enquiry for staff – {ticket.topic}"
    body = (
        f"Reference: {ticket.reference}\n"
        f"Received: {ticket.created_at:%Y-%m-%d %H:%M} UTC\n"
        f"Channel: {ticket.channel}\n"
        f"Language: {ticket.lang}\n"
        f"Topic: {ticket.topic}\n"
        f"Name: {ticket.name}\n"
        f"Contact: {ticket.contact}\n\n"
        f"Question:\n{ticket.question}\n\n"
        f"Transcript:\n{ticket.transcript}\n"
    )
    return subject, body


def create_ticket(sessions: sessionmaker[Session], request: TicketRequest) -> Ticket:
    """Store the ticket and queue its e-mail atomically; retry if two tickets race for a number."""
    for _attempt in range(5):
        with sessions() as session:
            now = utcnow()
            day = now.replace(tzinfo=dt.UTC).astimezone(MACAO).date()
            prefix = reference_for(day, 0)[:-4]
            count = session.scalar(
                select(func.count()).select_from(Ticket).where(Ticket.reference.like(prefix + "%"))
            )
            ticket = Ticket(
                reference=reference_for(day, int(count or 0) + 1),
                created_at=now,
                channel=request.channel,
                sender=request.sender,
                lang=request.lang,
                name=request.name,
                contact=request.contact,
                question=request.question,
                topic=request.topic,
                transcript=format_transcript(request.transcript),
            )
            subject, body = email_for(ticket)
            ticket.email = OutboxEmail(recipient=staff_email(), subject=subject, body=body)
            session.add(ticket)
            try:
                session.commit()
            except IntegrityError:
                session.rollback()
                continue
            return ticket
    raise RuntimeError("could not allocate a ticket reference")


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
                "email_status": t.email.status if t.email else None,
                "attempts": t.email.attempts if t.email else 0,
                "last_error": t.email.last_error if t.email else None,
            }
            for t in tickets
        ]
