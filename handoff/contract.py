"""What a hand-off request holds, shared by the action server (client) and the gateway (owner).

No database here: the action server imports this, never the tables.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a ticket reference looks like (handoff/tickets.py makes them); routes refuse others.
REFERENCE_PATTERN = r"^CEPA-\d{8}-\d{4}$"
MAX_TICKETS_PER_DAY = 3  # per conversation (sender) and Macao calendar day
# Conversation-id prefixes the gateway adds (`web:<id>`, `tg:<chat id>`, `api:<id>`) and the
# channel name a ticket shows for each; anything else is "unknown".
CHANNELS = {"web": "web", "tg": "telegram", "api": "api"}
UNKNOWN_CHANNEL = "unknown"
# The custom field of an action's reply saying a hand-off ended without a ticket (declined,
# cancelled, withdrawn before it, not filed): the gateway then redacts the name, contact and
# question that conversation stored for it (bot/turns.py). A flag only, never the data.
HANDOFF_ENDED = "handoff_ended"
# What the gateway writes in Rasa's tracker store in place of what it redacted (bot/retention.py):
# the action server reads it there to tell a user truthfully what was deleted.
REDACTED_TEXT = "[redacted]"


def channel_of(sender_id: str) -> str:
    """The channel a conversation id names (`tg:123` → telegram); never client metadata."""
    prefix, colon, _rest = sender_id.partition(":")
    return CHANNELS.get(prefix, UNKNOWN_CHANNEL) if colon else UNKNOWN_CHANNEL


@dataclass(frozen=True)
class TicketRequest:
    sender: str
    lang: str
    name: str
    contact: str
    question: str
    topic: str
    transcript: list[tuple[str, str]]  # (who, text), oldest first

    @property
    def channel(self) -> str:
        return channel_of(self.sender)
