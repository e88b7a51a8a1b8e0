"""Shaping Rasa's REST channel output into the `/api/chat` response (pure functions)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, field_validator

from bot.validation import UnicodeText
from knowledge.language import Lang, detect_lang

MAX_MESSAGE = 2000
MAX_SENDER = 128


class ChatRequest(BaseModel):
    sender: UnicodeText = Field(min_length=1, max_length=MAX_SENDER)
    message: UnicodeText
    lang: Lang | None = None  # the UI language: used when the message itself shows none

    @field_validator("sender")
    @classmethod
    def _sender_printable(cls, value: str) -> str:
        value = value.strip()
        if not value or not value.isprintable():
            raise ValueError("sender must be 1..128 printable characters")
        return value

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


class ReplyOut(BaseModel):
    text: str
    buttons: list[ButtonOut] = []


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
    """Text messages become replies; the actions' custom messages carry sources and flags."""
    replies: list[ReplyOut] = []
    sources: list[SourceOut] = []
    handoff = False
    lang: Lang | str | None = None
    for msg in rasa_messages:
        custom = msg.get("custom")
        if isinstance(custom, dict):
            sources.extend(SourceOut(**s) for s in custom.get("sources") or [])
            handoff = handoff or bool(custom.get("handoff_offered"))
            lang = custom.get("lang") or lang
        if msg.get("text"):
            buttons = [
                ButtonOut(title=str(b.get("title", "")), payload=str(b.get("payload", "")))
                for b in msg.get("buttons") or []
            ]
            replies.append(ReplyOut(text=str(msg["text"]), buttons=buttons))
    return ChatResponse(
        sender=sender,
        replies=replies,
        intent=IntentOut(**intent),
        sources=sources,
        handoff_offered=handoff,
        lang=str(lang or detect_lang(message)),
    )
