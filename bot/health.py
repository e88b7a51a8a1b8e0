"""Whether each part of the service is up: Rasa, the action server and the knowledge index
(`/healthz`, the contract), and whether this replica may take traffic (`/readyz`: those, the
database and the staff e-mail backlog). `/livez` needs nothing from here: it only shows the
process serves.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings
from handoff.outbox import Backlog, backlog
from knowledge.index import index_state

logger = logging.getLogger(__name__)


async def _responds(
    client: httpx.AsyncClient, url: str, timeout: float, params: dict[str, str] | None = None
) -> bool:
    try:
        response = await client.get(url, timeout=timeout, params=params)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


async def check(client: httpx.AsyncClient, settings: Settings) -> dict[str, bool]:
    rasa, actions = await asyncio.gather(
        # /status answers 200 only once a model is loaded (409 before): Rasa is up *and* ready.
        _responds(
            client,
            settings.rasa_url.rstrip("/") + "/status",
            settings.probe_timeout,
            params={"token": settings.rasa_token},
        ),
        _responds(client, settings.actions_url.rstrip("/") + "/health", settings.probe_timeout),
    )
    knowledge = index_state(settings.index_dir, encoder_spec=settings.encoder_spec) == "ready"
    return {"rasa": rasa, "actions": actions, "knowledge": knowledge}


# --- Readiness (/readyz): may this replica take traffic? -----------------------------------------


@dataclass(frozen=True)
class Store:
    """What the database said: whether it answers, and the outbox backlog (None: unread)."""

    database: bool
    backlog: Backlog | None


def read_store(sessions: sessionmaker[Session]) -> Store:
    """`SELECT 1`, then the backlog (blocking: run it in a worker thread)."""
    try:
        with sessions() as session:
            session.execute(text("SELECT 1"))
    except Exception as exc:  # any driver error means "not ready", never a 500
        logger.warning("readiness: database not answering: %s", type(exc).__name__)
        return Store(database=False, backlog=None)
    try:
        return Store(database=True, backlog=backlog(sessions))
    except Exception as exc:  # e.g. migrations not run yet: the outbox table is missing
        logger.warning("readiness: outbox backlog not read: %s", type(exc).__name__)
        return Store(database=True, backlog=None)


class StoreProbe:
    """One database probe at a time. A hung database would otherwise leave one blocked worker
    thread per probe and scrape, and the few threads of the default executor are what the rest
    of the gateway's blocking work runs on; a caller that finds a probe running waits for it."""

    def __init__(self, sessions: Callable[[], sessionmaker[Session]]) -> None:
        self._sessions = sessions
        self._running: asyncio.Future[Store] | None = None

    async def read(self, timeout: float) -> Store:
        if self._running is None or self._running.done():
            self._running = asyncio.ensure_future(asyncio.to_thread(read_store, self._sessions()))
        try:
            return await asyncio.wait_for(asyncio.shield(self._running), timeout)
        except TimeoutError:
            logger.warning("database slower than %s s", timeout)
            return Store(database=False, backlog=None)


def outbox_check(found: Backlog | None, limit: int) -> dict[str, Any]:
    """Ok while fewer than `limit` e-mails wait (OUTBOX_BACKLOG_LIMIT; 0: always ok). Failed
    ones are for staff to see, not a reason to take a replica out of the load balancer. Not ok
    when the backlog cannot be read."""
    if found is None:
        return {"ok": False, "pending": None, "failed": None, "oldest_pending_seconds": None}
    oldest = found.oldest_pending_seconds
    return {
        "ok": limit == 0 or found.pending < limit,
        "pending": found.pending,
        "failed": found.failed,
        "oldest_pending_seconds": None if oldest is None else round(oldest, 1),
    }


def readiness(parts: dict[str, bool], store: Store, limit: int) -> tuple[bool, dict[str, Any]]:
    """The /readyz verdict and body from the probes' results (pure)."""
    outbox = outbox_check(store.backlog, limit)
    checks: dict[str, Any] = {
        "database": store.database,
        "rasa": parts.get("rasa", False),
        "actions": parts.get("actions", False),
        "knowledge": parts.get("knowledge", False),
        "outbox": outbox,
    }
    ready = all(v for k, v in checks.items() if k != "outbox") and bool(outbox["ok"])
    return ready, {"status": "ready" if ready else "not ready", "checks": checks}


async def ready(
    client: httpx.AsyncClient, settings: Settings, store: StoreProbe, limit: int
) -> tuple[bool, dict[str, Any]]:
    """Probe Rasa, the action server and the index, and the database, all at once."""
    parts, found = await asyncio.gather(check(client, settings), store.read(settings.probe_timeout))
    return readiness(parts, found, limit)
