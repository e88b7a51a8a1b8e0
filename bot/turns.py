"""One chat turn, the same for every channel: scope the conversation, limit, ask Rasa, shape.

Conversation ids are `<channel>:<client id>` so that no client of one channel (a web page, an API
caller) can reach a conversation of another (a Telegram chat). What happens after a turn that
created a staff ticket — removing the contact details from the stored conversation — is here too,
after a turn whose hand-off ended without one (its details removed likewise), and after a turn
that withdrew a ticket (that turn's own words removed too).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

from bot import metrics
from bot.chat import ChatResponse, build_response
from bot.prefetch import Prefetcher
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.ratelimit import Limiter
from handoff.contract import HANDOFF_ENDED
from handoff.privacy import announces_withdrawal

logger = logging.getLogger(__name__)
Channel = Literal["web", "tg", "api"]
CHANNELS: tuple[Channel, ...] = ("web", "tg", "api")


def conversation_id(channel: Channel, client_id: str) -> str:
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    return f"{channel}:{client_id}"


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after}s")
        self.retry_after = retry_after


# Called with (conversation id, ticket reference) after a turn that created a ticket.
TicketHook = Callable[[str, str], Awaitable[None]]
# Called with the conversation id after a turn whose hand-off ended without a ticket.
HandoffEndedHook = Callable[[str], Awaitable[None]]
# Called with (channel, conversation id, message, reply, seconds) after every answered turn; it
# must return at once (the staff console's turn records are written off the request path).
TurnHook = Callable[[str, str, str, ChatResponse, float], None]


@dataclass
class Turns:
    rasa: RasaClient
    limiter: Limiter
    on_ticket: TicketHook | None = None
    prefetcher: Prefetcher | None = None
    on_turn: TurnHook | None = None
    on_handoff_ended: HandoffEndedHook | None = None
    # Called with the conversation id after a turn that withdrew a ticket: the withdrawal redacted
    # the stored conversation while the turn ran, before Rasa saved it; the turn itself then.
    on_withdrawn: HandoffEndedHook | None = None

    async def take(
        self, channel: Channel, client_id: str, message: str, lang: str | None = None
    ) -> ChatResponse:
        """Raises RateLimited or RasaUnavailable; otherwise the shaped reply."""
        conversation = conversation_id(channel, client_id)
        if (wait := await self.limiter.check("sender", conversation)) is not None:
            raise RateLimited(wait)
        metadata: dict[str, Any] = {"channel": channel}
        if lang:
            metadata["lang"] = lang
        started = time.perf_counter()
        if self.prefetcher is not None:
            self.prefetcher.start(message)
        try:
            turn = await self.rasa.send(conversation, message, metadata)
        except RasaUnavailable:
            metrics.record_failure(channel, time.perf_counter() - started)
            raise
        for ticket in tickets_in(turn.messages):
            await self._after_ticket(conversation, ticket)
        if handoff_ended_in(turn.messages):
            await self._after_handoff_ended(conversation)
        if withdrawal_in(turn.messages):
            await self._after_withdrawal(conversation)
        reply = build_response(client_id, message, turn.messages, turn.intent)
        seconds = time.perf_counter() - started
        metrics.record_turn(channel, reply, seconds)  # bot/metrics.py
        if self.on_turn is not None:
            try:
                self.on_turn(channel, conversation, message, reply, seconds)  # console/recording.py
            except Exception:
                logger.exception("turn record not queued")
        return reply

    async def _after_ticket(self, conversation: str, reference: str) -> None:
        if self.on_ticket is None:
            return
        try:
            await self.on_ticket(conversation, reference)
        except Exception as exc:  # the type only: a database error would quote the contact
            logger.error("post-ticket clean-up failed for %s: %s", reference, type(exc).__name__)

    async def _after_withdrawal(self, conversation: str) -> None:
        await _clean_up(self.on_withdrawn, conversation, "a withdrawal")

    async def _after_handoff_ended(self, conversation: str) -> None:
        await _clean_up(self.on_handoff_ended, conversation, "an ended hand-off")


async def _clean_up(hook: HandoffEndedHook | None, conversation: str, after: str) -> None:
    """Run a clean-up hook on `conversation`; its failure is logged, never the turn's."""
    if hook is None:
        return
    try:
        await hook(conversation)
    except Exception as exc:  # the type only: a database error would quote the data
        logger.error("clean-up after %s failed: %s", after, type(exc).__name__)


def withdrawal_in(messages: list[dict[str, Any]]) -> bool:
    """Whether a reply of the turn announced a ticket withdrawn (handoff/privacy.py)."""
    return any(announces_withdrawal(str(msg.get("text") or "")) for msg in messages)


def handoff_ended_in(messages: list[dict[str, Any]]) -> bool:
    """Whether an action said the hand-off ended without a ticket (a flag of its custom message:
    the gateway then redacts what the conversation stored for it)."""
    return any(
        isinstance(custom := msg.get("custom"), dict) and custom.get(HANDOFF_ENDED) is True
        for msg in messages
    )


def tickets_in(messages: list[dict[str, Any]]) -> list[str]:
    """Ticket references the actions announced in their custom messages."""
    return [
        str(custom["ticket"])
        for msg in messages
        if isinstance(custom := msg.get("custom"), dict) and custom.get("ticket")
    ]
