"""Shaping Rasa's REST channel output into the `/api/chat` response (pure functions)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, field_validator

from bot.formatting import Block, blocks, with_source
from bot.sources import line_hrefs, source_href
from bot.validation import UnicodeText, valid_unicode
from knowledge.language import Lang, detect_lang

MAX_MESSAGE = 2000
MAX_SENDER = 128


def _printable_sender(value: str) -> str:
    value = value.strip()
    if not value or not value.isprintable():
        raise ValueError(f"sender must be 1..{MAX_SENDER} printable characters")
    return value


# A client's conversation id, as every gateway route that takes one reads it.
Sender = Annotated[
    str,
    Field(min_length=1, max_length=MAX_SENDER),
    AfterValidator(valid_unicode),
    AfterValidator(_printable_sender),
]


class ChatRequest(BaseModel):
    sender: Sender
    message: UnicodeText
    lang: Lang | None = None  # the UI language: used when the message itself shows none

    @field_validator("message")
    @classmethod
    def _message_length(cls, value: str) -> str:
        value = value.strip()
        if not 1 <= len(value) <= MAX_MESSAGE:
            raise ValueError(f"message must be 1..{MAX_MESSAGE} characters after trimming")
        return value


class ButtonOut(BaseModel):
    title: str
    payload: str


class ReplySourceOut(BaseModel):
    id: str
    title: str
    url: str  # the newsletter article view, relative to the gateway: /sources/<id>?lang=…


class ReplyOut(BaseModel):
    text: str
    buttons: list[ButtonOut] = []
    # Additions to the contract (README "Channels"): what this one message is and carries.
    kind: Literal["answer", "ticket", "message"] = "message"  # answer: from the knowledge base
    sources: list[ReplySourceOut] = []  # the sources of this message (not of the whole turn)
    ticket: str | None = None  # the staff ticket reference this message announces
    blocks: list[Block] = []  # the text as paragraphs, numbered lists and links (bot/formatting)


class IntentOut(BaseModel):
    name: str
    confidence: float


class SourceOut(BaseModel):
    id: str
    title: str


class ChatResponse(BaseModel):
    sender: str
    replies: list[ReplyOut]
    intent: IntentOut
    sources: list[SourceOut]
    handoff_offered: bool
    lang: str


def build_response(
    sender: str, message: str, rasa_messages: list[dict[str, Any]], intent: dict[str, Any]
) -> ChatResponse:
    """Text messages become replies; the actions' custom messages carry sources and flags, and
    belong to the text message sent just before them."""
    replies: list[ReplyOut] = []
    sources: list[SourceOut] = []
    handoff = False
    lang: Lang | str | None = None
    for msg in rasa_messages:
        custom = msg.get("custom")
        if isinstance(custom, dict):
            found = [SourceOut(**s) for s in custom.get("sources") or []]
            sources.extend(found)
            handoff = handoff or bool(custom.get("handoff_offered"))
            lang = custom.get("lang") or lang
            if replies and found:
                reply_lang = str(custom.get("lang") or detect_lang(message))
                replies[-1].kind = "answer"
                replies[-1].sources.extend(
                    ReplySourceOut(id=s.id, title=s.title, url=source_href(s.id, reply_lang))
                    for s in found
                )
            if replies and custom.get("ticket"):
                replies[-1].kind = "ticket"
                replies[-1].ticket = str(custom["ticket"])
        if msg.get("text"):
            buttons = [
                ButtonOut(title=str(b.get("title", "")), payload=str(b.get("payload", "")))
                for b in msg.get("buttons") or []
            ]
            replies.append(ReplyOut(text=str(msg["text"]), buttons=buttons))
    for reply in replies:
        first = reply.sources[0] if reply.sources else None
        reply.blocks = blocks(reply.text, line_hrefs([(s.id, s.url) for s in reply.sources]))
        if first:
            reply.blocks = with_source(
                reply.blocks, first.url, first.title, str(lang or detect_lang(message))
            )
    return ChatResponse(
        sender=sender,
        replies=replies,
        intent=IntentOut(**intent),
        sources=sources,
        handoff_offered=handoff,
        lang=str(lang or detect_lang(message)),
    )
