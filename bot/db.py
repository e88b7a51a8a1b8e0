"""The project database (SQLite by default, PostgreSQL in production via DATABASE_URL): its
declarative base, engines and sessions, and the widget's feedback table.

Engines are made on demand, never at import. Tables are made by the migrations (`migrations/`,
run once per deploy by `python -m bot.migrate`), never by a starting process: several replicas
creating tables at once on PostgreSQL fail on each other's half-made catalogue rows."""

from __future__ import annotations

import datetime as dt
import importlib
import os
from functools import lru_cache

from sqlalchemy import DateTime, Integer, MetaData, String, Text, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

from bot.settings import DatabaseSettings


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Feedback(Base):
    """A 👍/👎 on one bot reply in the web widget."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sender: Mapped[str] = mapped_column(String(128), index=True)
    reply_id: Mapped[str] = mapped_column(String(64))
    rating: Mapped[str] = mapped_column(String(8))
    reply_text: Mapped[str] = mapped_column(Text)


# Every module that defines tables on Base: the migrations compare against all of them.
MODEL_MODULES = ("bot.db", "handoff.models", "bot.telegram_state", "console.models")


def metadata() -> MetaData:
    """Base's metadata with every table of the project database registered."""
    for module in MODEL_MODULES:
        importlib.import_module(module)
    return Base.metadata


def database_url() -> str:
    """DATABASE_URL (validated, bot/settings.py), default SQLite in var/."""
    return DatabaseSettings.from_env().database_url


@lru_cache(maxsize=4)
def engine_for(url: str) -> Engine:
    """One engine per database. Its errors never carry the statement's values (names,
    contacts, questions) into a log: `hide_parameters`."""
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 15}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):  # type: ignore[no-untyped-def]
            # Gateways and `make purge` may write at once: WAL lets readers and a writer mix.
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA busy_timeout=15000")

    else:
        engine = create_engine(url, pool_pre_ping=True, pool_timeout=10, hide_parameters=True)
    return engine


def sessions(url: str | None = None) -> sessionmaker:  # type: ignore[type-arg]
    return sessionmaker(engine_for(url or database_url()), expire_on_commit=False)
