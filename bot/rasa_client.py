"""Talking to the Rasa server through the gateway's own channel, always with a timeout and token.

One POST per turn returns the bot's messages and the intent Rasa recognised
(`nlu/channels/gateway_channel.py`), so no tracker is fetched afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

WEBHOOK = "/webhooks/gateway/webhook"


class RasaUnavailable(RuntimeError):
    """Rasa did not answer in time or answered with an error."""


@dataclass(frozen=True)
class Turn:
    messages: list[dict[str, Any]]
    intent: dict[str, Any]  # {"name": str, "confidence": float}


class RasaClient:
    def __init__(
        self, client: httpx.AsyncClient, base_url: str, timeout: float, token: str
    ) -> None:
        self._client = client
        self._base = base_url.rstrip("/")
        self._timeout = timeout
        self._headers = {"Authorization": f"Bearer {token}"}

    async def send(
        self, conversation_id: str, message: str, metadata: dict[str, Any] | None = None
    ) -> Turn:
        """One user turn; returns the bot's messages and the recognised intent."""
        body: dict[str, Any] = {"sender": conversation_id, "message": message}
        if metadata:
            body["metadata"] = metadata
        try:
            response = await self._client.post(
                self._base + WEBHOOK, json=body, headers=self._headers, timeout=self._timeout
            )
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise RasaUnavailable(f"Rasa turn failed: {type(exc).__name__}") from exc
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
