"""The hand-off tables: tickets, their per-day reference counter and the e-mail outbox."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db import Base, utcnow
from handoff.text import MAX_CONTACT_LENGTH, MAX_NAME_LENGTH, MAX_TOPIC_LENGTH

# Outbox states: waiting (or waiting again after a failure), claimed by one worker under a
# lease, delivered, or given up after permanent refusals (staff retry it from the console).
PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
# An e-mail never sent because the user withdrew consent first; no worker claims it.
CANCELLED = "cancelled"
# What an outbox row carries: the ticket to staff, or (once that was sent) the notice that the
# user withdrew consent and its personal data must be deleted.
TICKET_EMAIL, WITHDRAWAL_NOTICE = "ticket", "withdrawal"
OPEN, WITHDRAWN = "open", "withdrawn"


class Ticket(Base):
    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    channel: Mapped[str] = mapped_column(String(32))
    sender: Mapped[str] = mapped_column(String(128), index=True)
    lang: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(MAX_NAME_LENGTH))
    contact: Mapped[str] = mapped_column(String(MAX_CONTACT_LENGTH))
    question: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(MAX_TOPIC_LENGTH))
    transcript: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=OPEN)
    # When the user withdrew consent (name and contact then redacted), or None.
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    email: Mapped[OutboxEmail] = relationship(back_populates="ticket", uselist=False)


class TicketCounter(Base):
    """The last reference number given out on a Macao day. Incremented in the ticket's own
    transaction (an upsert that returns the new value), so two hand-offs can never share a
    number, and deleting a ticket never makes a number come round again."""

    __tablename__ = "ticket_counters"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class OutboxEmail(Base):
    """An e-mail waiting to be sent; it stays here, with its attempts, until delivered."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), unique=True)
    recipient: Mapped[str] = mapped_column(String(MAX_CONTACT_LENGTH))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default=TICKET_EMAIL, server_default=TICKET_EMAIL)
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Permanent (5xx) refusals so far; at MAX_PERMANENT_FAILURES the e-mail is `failed`.
    permanent_failures: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # A claimed e-mail belongs to one worker until then; a worker that dies mid-send loses it.
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    ticket: Mapped[Ticket] = relationship(back_populates="email")
