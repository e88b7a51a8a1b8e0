"""The only way into Rasa's dialogue: the gateway's channel, token-checked, one round trip a turn.

Rasa's stock REST channel is open to anyone who can reach the port and answers without the
intent, so the gateway had to fetch the whole tracker after every turn. This channel refuses
calls without the shared `RASA_TOKEN` (Bearer) and returns the NLU result with the replies: the
message is parsed once here and the parse is handed to the processor, which then skips its own.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.shared.core.events import BotUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import request_id
from bot.auth import bearer_matches
from bot.turn_metadata import TYPED_COMMAND

logger = logging.getLogger(__name__)
MAX_TEXT = 2000


async def offered_payloads(agent: Any, sender: str) -> set[str]:
    """Button payloads the bot has sent in this conversation: the only `/…` a user may send."""
    tracker = await agent.tracker_store.retrieve(sender)
    if tracker is None:
        return set()
    return {
        str(button.get("payload"))
        for event in tracker.events
        if isinstance(event, BotUttered)
        for button in (event.data or {}).get("buttons") or []
        if isinstance(button, dict)
    }


class GatewayInput(InputChannel):
    """POST /webhooks/gateway/webhook {sender, message, metadata} → {messages, intent}."""

    @classmethod
    def name(cls) -> str:
        return "gateway"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        token = str((credentials or {}).get("token") or "")
        if not token:
            raise ValueError("the gateway channel needs a token (RASA_TOKEN)")
        return cls(token)

    def __init__(self, token: str) -> None:
        self.token = token

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("gateway_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not bearer_matches(request.headers.get("authorization"), self.token):
                return response.json({"error": "unauthorized"}, status=401)
            body = request.json if isinstance(request.json, dict) else {}
            sender, text = body.get("sender"), body.get("message")
            metadata = body.get("metadata")
            if not isinstance(sender, str) or not sender or not isinstance(text, str):
                return response.json({"error": "sender and message are required"}, status=400)
            metadata = metadata if isinstance(metadata, dict) else {}
            # The gateway's request id: on every log line of this turn, and sent on to the
            # action server (nlu/speedups.py).
            bound = request_id.bind(request_id.accept(request.headers.get(request_id.HEADER)))
            try:
                return await self._handle(request, sender, text, metadata, on_new_message)
            finally:
                request_id.reset(bound)

        return webhook

    async def _handle(
        self,
        request: Request,
        sender: str,
        text: str,
        metadata: dict[str, Any],
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> HTTPResponse:
        agent = request.app.ctx.agent
        if text.lstrip().startswith("/") and text.strip() not in await offered_payloads(
            agent, sender
        ):
            # Typed commands (/restart, /intent{"slot": ...}) would force intents and slots. Their
            # words show no language ("check_repayment_eligibility" is no English reply's cue).
            text = text.lstrip().lstrip("/") or "?"
            metadata = {**metadata, TYPED_COMMAND: True}
        collector = CollectingOutputChannel()
        message = UserMessage(
            text[:MAX_TEXT], collector, sender, input_channel=self.name(), metadata=metadata
        )
        message.parse_data = await agent.processor.parse_message(message)
        await on_new_message(message)
        intent = message.parse_data.get("intent") or {}
        name = str(intent.get("name") or "")
        logger.info("turn handled", extra={"intent": name, "replies": len(collector.messages)})
        return response.json(
            {
                "messages": collector.messages,
                "intent": {"name": name, "confidence": float(intent.get("confidence") or 0.0)},
            }
        )
