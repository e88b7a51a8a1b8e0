"""Reading the conversation from a rasa-sdk tracker, and sending composed replies."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge.answer import Reply
from knowledge.language import LANGS, Lang, conversation_language, detect_lang, is_telling


def user_texts(tracker: Tracker) -> list[str]:
    """What the user typed, oldest first; button payloads ('/intent{...}') left out."""
    return [
        e.get("text") or ""
        for e in tracker.events
        if e.get("event") == "user" and not (e.get("text") or "").startswith("/")
    ]


def conversation_lang(tracker: Tracker) -> Lang:
    """The language of the latest message when it shows one; else the UI language the channel
    sent (for a button, a number, "ok"); else the conversation's language so far."""
    latest = tracker.latest_message.get("text") or ""
    if not latest.startswith("/") and is_telling(latest):
        return detect_lang(latest)
    metadata = tracker.latest_message.get("metadata") or {}
    if metadata.get("lang") in LANGS:
        return metadata["lang"]  # type: ignore[no-any-return]
    return conversation_language([t for t in user_texts(tracker) if t.strip()])


def latest_entity(tracker: Tracker, name: str) -> str | None:
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == name and isinstance(entity.get("value"), str):
            return str(entity["value"])
    return None


def intent_confidence(tracker: Tracker) -> float:
    """The NLU's confidence in the latest message's intent (0 when it gave none)."""
    intent = tracker.latest_message.get("intent") or {}
    try:
        return float(intent.get("confidence") or 0.0)
    except (TypeError, ValueError):
        return 0.0


def send_reply(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    """The text and buttons, then the metadata the gateway needs as a custom message."""
    buttons: list[dict[str, Any]] = [
        {"title": b.title, "payload": b.payload} for b in reply.buttons
    ]
    dispatcher.utter_message(text=reply.text, buttons=buttons)
    dispatcher.utter_message(
        json_message={
            "sources": reply.sources,
            "handoff_offered": reply.handoff_offered,
            "lang": reply.lang,
        }
    )
