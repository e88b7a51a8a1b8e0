"""Whether each part of the service is up: Rasa, the action server and the knowledge index."""

from __future__ import annotations

import asyncio

import httpx

from bot.settings import Settings
from knowledge.index import index_state


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
