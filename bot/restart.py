"""Starting a conversation over: a `restart` event appended to its Rasa tracker.

A typed `/restart` never reaches Rasa (the gateway channel passes only payloads the bot offered),
so the restart control of the widget and Telegram's `/restart` come here: the gateway, which
holds Rasa's token, appends the event through Rasa's HTTP API. Rasa then forgets the slots and
any running form of that conversation; what was said stays in the tracker store (retention
purges it as usual).
"""

from __future__ import annotations

from urllib.parse import quote

import httpx
from pydantic import BaseModel

from bot.chat import Sender
from bot.rasa_client import RasaUnavailable
from bot.settings import Settings


class RestartRequest(BaseModel):
    sender: Sender


async def restart_conversation(
    client: httpx.AsyncClient, settings: Settings, conversation: str
) -> None:
    """Raises RasaUnavailable when Rasa does not take the event."""
    url = (
        settings.rasa_url.rstrip("/")
        + f"/conversations/{quote(conversation, safe=':')}/tracker/events"
    )
    try:
        response = await client.post(
            url,
            params={"token": settings.rasa_token, "include_events": "NONE"},
            json=[{"event": "restart"}],
            timeout=settings.rasa_timeout,
        )
        response.raise_for_status()
    except httpx.HTTPError as exc:
        raise RasaUnavailable(f"restart failed: {type(exc).__name__}") from exc
