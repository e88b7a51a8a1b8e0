"""Asking the action server to prepare a turn's search while Rasa parses the message.

A question's turn is Rasa's parse (one core), then the answering action's search, whose slow part
is encoding the question (the other core sits idle meanwhile). The gateway sends the text to the
action server's `/prepare` at the same time as to Rasa, so the encoding is done, and cached
(knowledge/retriever.py `query_vector`), by the time Rasa calls the action. Best effort: a
failure or a slow reply changes nothing but the latency of that one turn.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp

from bot import request_id

logger = logging.getLogger(__name__)
PREPARE_TIMEOUT_S = 2.0


class Prefetcher:
    def __init__(self, session: aiohttp.ClientSession, actions_url: str, token: str) -> None:
        self._session = session
        self._url = actions_url.rstrip("/") + "/prepare"
        self._headers = {"Authorization": f"Bearer {token}"}
        self._timeout = aiohttp.ClientTimeout(total=PREPARE_TIMEOUT_S)
        self._pending: set[asyncio.Task[None]] = set()

    def start(self, text: str) -> None:
        """Fire and forget; button payloads (`/…`) are never searched, so never prepared."""
        if text.lstrip().startswith("/"):
            return
        task = asyncio.create_task(self._prepare(text))
        self._pending.add(task)  # a reference until done, so the task is not collected
        task.add_done_callback(self._pending.discard)

    async def _prepare(self, text: str) -> None:
        headers = self._headers
        if current := request_id.current.get():
            headers = {**headers, request_id.HEADER: current}
        try:
            async with self._session.post(
                self._url, json={"text": text}, headers=headers, timeout=self._timeout
            ) as response:
                if response.status >= 400:
                    logger.warning("prepare refused: HTTP %s", response.status)
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            logger.debug("prepare failed: %s", type(exc).__name__)
