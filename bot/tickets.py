"""Creating a staff ticket and its e-mail in one transaction (references like CEPA-20261127-0001).

Everything the user typed reaches the staff e-mail body in a shape that cannot forge a line of its
own: single-line fields lose their line breaks and invisible characters, and multi-line text
(the question, the transcript) is quoted, every line starting with "> ".
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.db import OutboxEmail, Ticket, utcnow
from knowledge.clock import MACAO, macao_today

DEFAULT_STAFF_EMAIL = "info@cepa.gov.mo"
MAX_TICKETS_PER_DAY = 3  # per conversation (sender) and Macao calendar day
# Conversation-id prefixes the gateway adds (`web:<id>`, `tg:<chat id>`, `api:<id>`) and the
# channel name a ticket shows for each; anything else is "unknown".
CHANNELS = {"web": "web", "tg": "telegram", "api": "api"}
UNKNOWN_CHANNEL = "unknown"
# Control characters, format characters (zero-width, bidi overrides, BOM, soft hyphen), line and
# paragraph separators, surrogates, private-use and unassigned code points.
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


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


def channel_of(sender_id: str) -> str:
    """The channel a conversation id names (`tg:123` → telegram); never client metadata."""
    prefix, colon, _rest = sender_id.partition(":")
    return CHANNELS.get(prefix, UNKNOWN_CHANNEL) if colon else UNKNOWN_CHANNEL


def _visible(text: str) -> str:
    """`text` without invisible characters; whitespace (line breaks too) becomes a space."""
    return "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in _INVISIBLE
    )


def one_line(text: str) -> str:
    """One line: no line breaks, tabs or invisible characters, runs of spaces collapsed."""
    return " ".join(_visible(text).split())


def text_lines(text: str) -> list[str]:
    """The lines of `text` (every Unicode line break counts), each made visible, trailing spaces
    removed; no leading or trailing blank lines."""
    lines = [_visible(line).rstrip() for line in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def quoted(text: str) -> str:
    """Every line of `text` prefixed with "> ", so none can pass for a line of the e-mail."""
    return "\n".join(f"> {line}" for line in text_lines(text) or [""])


def format_transcript(transcript: list[tuple[str, str]]) -> str:
    """One turn per line ("user: …"); a message's further lines follow indented, so no message
    can fake a turn."""
    out = []
    for who, text in transcript:
        first, *rest = text_lines(text) or [""]
        out.append(f"{one_line(who)}: {first}")
        out.extend(f"    {line}" for line in rest)
    return "\n".join(out)


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


def tickets_today(
    sessions: sessionmaker[Session], sender: str, now: dt.datetime | None = None
) -> int:
    """How many tickets conversation `sender` opened on the Macao day of `now` (default: now)."""
    day = macao_today(now)
    start = dt.datetime.combine(day, dt.time(), MACAO).astimezone(dt.UTC).replace(tzinfo=None)
    with sessions() as session:
        count = session.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(
                Ticket.sender == sender,
                Ticket.created_at >= start,
                Ticket.created_at < start + dt.timedelta(days=1),
            )
        )
    return int(count or 0)


def create_ticket(sessions: sessionmaker[Session], request: TicketRequest) -> Ticket:
    """Store the ticket and queue its e-mail atomically; retry if two tickets race for a number."""
    for _attempt in range(5):
        with sessions() as session:
            now = utcnow()
            day = macao_today(now)
            prefix = reference_for(day, 0)[:-4]
            count = session.scalar(
                select(func.count()).select_from(Ticket).where(Ticket.reference.like(prefix + "%"))
            )
            ticket = Ticket(
                reference=reference_for(day, int(count or 0) + 1),
                created_at=now,
                channel=one_line(request.channel),
                sender=request.sender,
                lang=one_line(request.lang),
                name=one_line(request.name),
                contact=one_line(request.contact),
                question="\n".join(text_lines(request.question)),
                topic=one_line(request.topic),
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
                "email_status": t.email.status if t.email else None,
                "attempts": t.email.attempts if t.email else 0,
                "last_error": t.email.last_error if t.email else None,
            }
            for t in tickets
        ]
