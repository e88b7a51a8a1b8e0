"""Tickets and the e-mail outbox, stored with SQLAlchemy (SQLite by default, PostgreSQL in
production via DATABASE_URL). Engines are made on demand, never at import."""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker

from bot.settings import PROJECT_ROOT


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Ticket(Base):
    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    channel: Mapped[str] = mapped_column(String(32))
    sender: Mapped[str] = mapped_column(String(128))
    lang: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(64))
    transcript: Mapped[str] = mapped_column(Text)
    email: Mapped[OutboxEmail] = relationship(back_populates="ticket", uselist=False)


class OutboxEmail(Base):
    """An e-mail waiting to be sent; it stays here, with its attempts, until delivered."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    recipient: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    ticket: Mapped[Ticket] = relationship(back_populates="email")


class Feedback(Base):
    """A 👍/👎 on one bot reply in the web widget."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sender: Mapped[str] = mapped_column(String(128), index=True)
    reply_id: Mapped[str] = mapped_column(String(64))
    rating: Mapped[str] = mapped_column(String(8))
    reply_text: Mapped[str] = mapped_column(Text)


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{PROJECT_ROOT / 'var' / 'cepa.db'}"


@lru_cache(maxsize=4)
def engine_for(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 15})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):  # type: ignore[no-untyped-def]
            # Two processes (action server, gateway) write here: WAL lets readers and a writer mix.
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA busy_timeout=15000")

    else:
        engine = create_engine(url, pool_pre_ping=True, pool_timeout=10)
    Base.metadata.create_all(engine)
    return engine


def sessions(url: str | None = None) -> sessionmaker:  # type: ignore[type-arg]
    return sessionmaker(engine_for(url or database_url()), expire_on_commit=False)
