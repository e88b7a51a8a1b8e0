"""Talking to the Rasa server over its REST channel and HTTP API, always with timeouts."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx


class RasaUnavailable(RuntimeError):
    """Rasa did not answer in time or answered with an error."""


class RasaClient:
    def __init__(self, client: httpx.AsyncClient, base_url: str, timeout: float) -> None:
        self._client = client
        self._base = base_url.rstrip("/")
        self._timeout = timeout

    async def send(
        self, sender: str, message: str, metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """One user turn through the REST channel; returns the bot's messages."""
        body: dict[str, Any] = {"sender": sender, "message": message}
        if metadata:
            body["metadata"] = metadata
        data = await self._request("POST", "/webhooks/rest/webhook", json=body)
        if not isinstance(data, list):
            raise RasaUnavailable("unexpected reply from the Rasa REST channel")
        return data

    async def latest_intent(self, sender: str) -> dict[str, Any]:
        """The intent Rasa recognised for the sender's latest message."""
        path = f"/conversations/{quote(sender, safe='')}/tracker"
        data = await self._request("GET", path, params={"include_events": "NONE"})
        intent = (data.get("latest_message") or {}).get("intent") or {}
        return {
            "name": str(intent.get("name") or ""),
            "confidence": float(intent.get("confidence") or 0.0),
        }

    async def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = await self._client.request(
                method, self._base + path, timeout=self._timeout, **kwargs
            )
            response.raise_for_status()
            return response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise RasaUnavailable(f"Rasa {method} {path} failed: {type(exc).__name__}") from exc
