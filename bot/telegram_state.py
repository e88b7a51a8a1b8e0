"""What the Telegram channel remembers between updates, kept in the project database so that any
gateway replica can handle any update: a button sent by one replica is pressed on another.

- `telegram_payloads`: the payload behind each callback key. Telegram's callback data holds at
  most 64 bytes; a longer payload travels as a short key (bot/telegram_text.callback_data).
  Keys are hashes of the payload, so every replica makes the same key and storing it twice
  changes nothing.
- `telegram_chats`: per chat, the language chosen with /lang and the payloads of the latest
  buttons (for /cancel).
- `telegram_updates`: the ids of webhook updates already handled. Telegram sends an update
  again when it got no 200 (the replica died after replying, or the answer was lost); that one
  is not handled twice.

No message text is stored: payloads are the bot's own button payloads (intents, knowledge entry
ids, form answers). Rows not used for RETENTION_DAYS are purged (bot/retention.py). Why not
python-telegram-bot's persistence: it loads its data once at start, so a replica would never see
what another one wrote afterwards.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, DateTime, String, Text, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from bot.db import Base, sessions, utcnow
from bot.telegram_text import callback_data


class TelegramPayload(Base):
    __tablename__ = "telegram_payloads"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)
    # Refreshed each time the button is offered again; the purge goes by it.
    used_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class TelegramChat(Base):
    __tablename__ = "telegram_chats"

    # Telegram chat ids exceed 32 bits (groups are -100…).
    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    lang: Mapped[str | None] = mapped_column(String(8), nullable=True)
    offered: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of payloads
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class TelegramUpdate(Base):
    __tablename__ = "telegram_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    handled_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


@dataclass(frozen=True)
class ChatState:
    lang: str | None = None
    offered: frozenset[str] = frozenset()


def _upsert(session: Session, model: type[Base], values: dict[str, Any], key: str) -> None:
    """Insert the row, or update the given columns of the row with the same `key` column, in one
    statement: two replicas writing the same chat (or payload) at once must not fail."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    if dialect not in ("postgresql", "sqlite"):
        raise RuntimeError(f"no upsert for database dialect {dialect!r}")
    statement = insert(model).values(**values)
    changed = {name: statement.excluded[name] for name in values if name != key}
    session.execute(statement.on_conflict_do_update(index_elements=[key], set_=changed))


class TelegramState:
    """The shared store, for the channel's coroutines: each call runs in a worker thread."""

    def __init__(self, project_sessions: Callable[[], sessionmaker[Session]] = sessions) -> None:
        # Called in the worker thread, so making the engine never blocks the event loop.
        self._sessions = project_sessions

    def _read_chat(self, chat_id: int) -> ChatState:
        with self._sessions()() as session:
            row = session.get(TelegramChat, chat_id)
            if row is None:
                return ChatState()
            return ChatState(row.lang, frozenset(json.loads(row.offered or "[]")))

    def _write_chat(self, chat_id: int, **values: Any) -> None:
        with self._sessions()() as session:
            _upsert(
                session,
                TelegramChat,
                {"chat_id": chat_id, "updated_at": utcnow(), **values},
                "chat_id",
            )
            session.commit()

    def _offer(self, chat_id: int, keyboards: Sequence[Sequence[str]]) -> list[list[str]]:
        now = utcnow()
        keys = [[callback_data(p) for p in keyboard] for keyboard in keyboards]
        with self._sessions()() as session:
            stored = {k: p for ks, ps in zip(keys, keyboards, strict=True)
                      for k, p in zip(ks, ps, strict=True) if k != p}  # fmt: skip
            for key, payload in sorted(stored.items()):  # one order: no deadlock between replicas
                values = {"key": key, "payload": payload, "used_at": now}
                _upsert(session, TelegramPayload, values, "key")
            # The latest keyboard is what the chat is offered now (/cancel looks there).
            offered = json.dumps(list(keyboards[-1]) if keyboards else [])
            chat = {"chat_id": chat_id, "offered": offered, "updated_at": now}
            _upsert(session, TelegramChat, chat, "chat_id")
            session.commit()
        return keys

    def _handled(self, update_id: int) -> bool:
        with self._sessions()() as session:
            return session.get(TelegramUpdate, update_id) is not None

    def _mark_handled(self, update_id: int) -> None:
        with self._sessions()() as session:
            values = {"update_id": update_id, "handled_at": utcnow()}
            _upsert(session, TelegramUpdate, values, "update_id")
            session.commit()

    def _payload(self, key: str) -> str | None:
        with self._sessions()() as session:
            return session.scalar(select(TelegramPayload.payload).where(TelegramPayload.key == key))

    async def chat(self, chat_id: int) -> ChatState:
        return await asyncio.to_thread(self._read_chat, chat_id)

    async def choose_lang(self, chat_id: int, lang: str) -> None:
        await asyncio.to_thread(self._write_chat, chat_id, lang=lang)

    async def forget_offered(self, chat_id: int) -> None:
        await asyncio.to_thread(self._write_chat, chat_id, offered="[]")

    async def offer(self, chat_id: int, keyboards: Sequence[Sequence[str]]) -> list[list[str]]:
        """Store the payloads of a response's keyboards; the last one becomes the chat's offered
        buttons. Returns each keyboard's callback data, in order."""
        return await asyncio.to_thread(self._offer, chat_id, [list(k) for k in keyboards])

    async def handled(self, update_id: int) -> bool:
        """Whether a webhook update was handled before (Telegram is sending it again)."""
        return await asyncio.to_thread(self._handled, update_id)

    async def mark_handled(self, update_id: int) -> None:
        await asyncio.to_thread(self._mark_handled, update_id)

    async def payload(self, key: str) -> str | None:
        """The payload behind a callback key, or None when it is unknown (purged, or never ours)."""
        return await asyncio.to_thread(self._payload, key)


def purge_telegram_state(session: Session, cutoff: dt.datetime, dry_run: bool = False) -> int:
    """Delete (or count) payload keys, chats and handled update ids not used since `cutoff`;
    the caller commits."""
    old: list[tuple[type[Base], ColumnElement[bool]]] = [
        (TelegramPayload, TelegramPayload.used_at < cutoff),
        (TelegramChat, TelegramChat.updated_at < cutoff),
        (TelegramUpdate, TelegramUpdate.handled_at < cutoff),
    ]
    if dry_run:
        count = select(func.count())
        return sum(int(session.scalar(count.select_from(m).where(w)) or 0) for m, w in old)
    fresh = {"synchronize_session": False}
    removed = 0
    for model, where in old:
        result = session.execute(delete(model).where(where).execution_options(**fresh))
        removed += int(getattr(result, "rowcount", 0) or 0)
    return removed
