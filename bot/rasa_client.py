"""Talking to the Rasa server through the gateway's own channel, always with a timeout and token.

One POST per turn returns the bot's messages and the intent Rasa recognised
(`nlu/channels/gateway_channel.py`), so no tracker is fetched afterwards. The call is on every
turn, so it uses aiohttp's pooled client: httpx cost the gateway ~1.5 ms of CPU per turn more
(docs/benchmarks.md, "Where a turn's time went").
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot import request_id

WEBHOOK = "/webhooks/gateway/webhook"
# Below Rasa's (Sanic's) 5 s keep-alive: the gateway always closes an idle connection first, so
# it never sends on one the server is closing.
KEEPALIVE_S = 2.0


class RasaUnavailable(RuntimeError):
    """Rasa did not answer in time or answered with an error."""


@dataclass(frozen=True)
class Turn:
    messages: list[dict[str, Any]]
    intent: dict[str, Any]  # {"name": str, "confidence": float}


def new_session() -> aiohttp.ClientSession:
    """The pooled session for Rasa; create it inside the running event loop, close it after."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_S, limit=256)
    )


class RasaClient:
    def __init__(
        self, session: aiohttp.ClientSession, base_url: str, timeout: float, token: str
    ) -> None:
        self._session = session
        self._url = base_url.rstrip("/") + WEBHOOK
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._headers = {"Authorization": f"Bearer {token}"}

    async def send(
        self, conversation_id: str, message: str, metadata: dict[str, Any] | None = None
    ) -> Turn:
        """One user turn; returns the bot's messages and the recognised intent."""
        body: dict[str, Any] = {"sender": conversation_id, "message": message}
        if metadata:
            body["metadata"] = metadata
        headers = self._headers
        if current := request_id.current.get():  # Rasa and the action server log it too
            headers = {**headers, request_id.HEADER: current}
        try:
            async with self._session.post(
                self._url, json=body, headers=headers, timeout=self._timeout
            ) as response:
                response.raise_for_status()
                data = await response.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
            raise RasaUnavailable(f"Rasa turn failed: {type(exc).__name__}") from exc
        if not isinstance(data, dict):
            raise RasaUnavailable("unexpected reply from the gateway channel")
        messages, intent = data.get("messages"), data.get("intent")
        if not isinstance(messages, list) or not isinstance(intent, dict):
            raise RasaUnavailable("unexpected reply from the gateway channel")
        return Turn(
            messages=messages,
            intent={
                "name": str(intent.get("name") or ""),
                "confidence": float(intent.get("confidence") or 0.0),
            },
        )
