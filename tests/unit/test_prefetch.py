"""The gateway's search preparation: sent with the token, never for button payloads, and a
failing action server changes nothing for the turn."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from bot.prefetch import Prefetcher
from bot.rasa_client import new_session
from tests.helpers import free_port


async def _serve(status: int, seen: list[dict[str, Any]]) -> tuple[web.AppRunner, str]:
    async def prepare(request: web.Request) -> web.Response:
        seen.append({"auth": request.headers.get("Authorization"), **await request.json()})
        return web.Response(status=status)

    app = web.Application()
    app.router.add_post("/prepare", prepare)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, f"http://127.0.0.1:{port}"


async def _settle(prefetcher: Prefetcher) -> None:
    await asyncio.gather(*list(prefetcher._pending))


def test_questions_are_prepared_with_the_token_and_payloads_are_not() -> None:
    async def scenario() -> list[dict[str, Any]]:
        seen: list[dict[str, Any]] = []
        runner, url = await _serve(204, seen)
        async with new_session() as session:
            prefetcher = Prefetcher(session, url, "s3cret")
            prefetcher.start("澳門註冊嘅藥可唔可以喺大灣區用？")
            prefetcher.start('/ask_sme_repayment{"kb_entry":"sme-repayment-amount"}')
            prefetcher.start("  /request_human")
            await _settle(prefetcher)
        await runner.cleanup()
        return seen

    seen = asyncio.run(scenario())
    assert seen == [{"auth": "Bearer s3cret", "text": "澳門註冊嘅藥可唔可以喺大灣區用？"}]


def test_a_refusing_or_absent_action_server_is_only_logged() -> None:
    async def scenario() -> int:
        seen: list[dict[str, Any]] = []
        runner, url = await _serve(401, seen)
        async with new_session() as session:
            refused = Prefetcher(session, url, "wrong")
            refused.start("What is CEPA?")
            absent = Prefetcher(session, f"http://127.0.0.1:{free_port()}", "s3cret")
            absent.start("O que é o CEPA?")
            await _settle(refused)
            await _settle(absent)  # no exception escapes
        await runner.cleanup()
        return len(seen)

    assert asyncio.run(scenario()) == 1
