"""The Telegram channel's shared store (bot/telegram_state.py) on a real database, SQLite and
PostgreSQL: what one replica stores, another reads; old rows go with the retention purge."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import sessions
from bot.migrate import upgrade
from bot.retention import purge
from bot.telegram_state import TelegramChat, TelegramPayload, TelegramState, TelegramUpdate
from bot.telegram_text import STOP_PAYLOAD, callback_data, is_callback_key
from tests.services import postgres_available

SHORT = '/ask_contact{"kb_entry":"contact-bureau"}'
LONG = '/ask_gba_measures{"kb_entry":"gba-measure-05-foreign-permanent-residents"}'


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        if not postgres_available():
            pytest.skip("PostgreSQL server binaries missing (scripts/ensure_services.sh)")
        database = str(request.getfixturevalue("pg_url"))
    else:
        database = f"sqlite:///{tmp_path / 'cepa.db'}"
    upgrade(database)  # the tables come from the migrations, as in service
    return database


def replica(url: str) -> TelegramState:
    """One gateway's view of the store: its own state object, the shared database."""
    return TelegramState(lambda: sessions(url))


def test_a_key_made_by_one_replica_is_read_by_another(url: str) -> None:
    keys = asyncio.run(replica(url).offer(7, [[SHORT, LONG]]))
    assert keys == [[SHORT, callback_data(LONG)]] and is_callback_key(keys[0][1])
    other = replica(url)
    assert asyncio.run(other.payload(keys[0][1])) == LONG
    # Offered again (by either replica): the same key, no conflict.
    assert asyncio.run(other.offer(8, [[LONG]])) == [[keys[0][1]]]
    assert asyncio.run(other.payload("k:" + "0" * 24)) is None  # unknown: the caller says so
    with sessions(url)() as session:
        stored = session.scalars(select(TelegramPayload.payload)).all()
    assert stored == [LONG]  # short payloads travel in the button itself


def test_language_and_latest_buttons_per_chat(url: str) -> None:
    a, b = replica(url), replica(url)
    assert asyncio.run(b.chat(9)).lang is None
    asyncio.run(a.choose_lang(9, "en"))
    asyncio.run(a.offer(9, [[SHORT], [LONG, STOP_PAYLOAD]]))
    state = asyncio.run(b.chat(9))
    # The language survives new buttons, and the latest keyboard is the one offered.
    assert state.lang == "en" and state.offered == {LONG, STOP_PAYLOAD}
    asyncio.run(b.forget_offered(9))
    asyncio.run(b.choose_lang(9, "pt"))
    state = asyncio.run(a.chat(9))
    assert state.lang == "pt" and state.offered == frozenset()
    assert asyncio.run(a.chat(10)).lang is None  # chats are separate


def test_an_update_handled_by_one_replica_is_known_to_another(url: str) -> None:
    a, b = replica(url), replica(url)
    assert not asyncio.run(b.handled(10**10))  # update ids need more than 32 bits in time
    asyncio.run(a.mark_handled(10**10))
    assert asyncio.run(b.handled(10**10)) and not asyncio.run(b.handled(11))
    asyncio.run(b.mark_handled(10**10))  # marking twice (two replicas racing) is harmless


def test_unused_rows_are_purged_after_the_retention_period(url: str) -> None:
    db: sessionmaker[Session] = sessions(url)
    now = dt.datetime(2026, 3, 2, 9, 30)
    state = replica(url)
    asyncio.run(state.offer(1, [[LONG]]))
    asyncio.run(state.offer(2, [[SHORT]]))
    asyncio.run(state.mark_handled(501))
    old_key = callback_data(LONG)
    with db() as session:  # chat 1 and the long payload were last used 91 days ago
        session.get_one(TelegramChat, 1).updated_at = now - dt.timedelta(days=91)
        session.get_one(TelegramPayload, old_key).used_at = now - dt.timedelta(days=91)
        session.get_one(TelegramChat, 2).updated_at = now - dt.timedelta(days=89)
        session.get_one(TelegramUpdate, 501).handled_at = now - dt.timedelta(days=91)
        session.commit()

    dry = purge(db, None, 90, now, dry_run=True)
    assert dry.telegram == 3 and "Telegram chats, button keys and update ids to delete: 3" in (
        dry.lines()
    )
    assert purge(db, None, 90, now).telegram == 3
    with db() as session:
        assert session.scalars(select(TelegramChat.chat_id)).all() == [2]
        assert session.scalars(select(TelegramPayload.key)).all() == []
        assert session.scalars(select(TelegramUpdate.update_id)).all() == []
    assert asyncio.run(state.payload(old_key)) is None
