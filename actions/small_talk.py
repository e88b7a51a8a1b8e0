"""`action_small_talk`: greetings, thanks, goodbyes and "are you a bot", in the user's language."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import conversation_lang, latest_entity, send_reply
from actions.forms import ANSWER_TO, STOP_TARGET
from knowledge.answer import Reply
from knowledge.messages import text

# Intents with a reply of their own (`small_talk.<intent>`); any other gets `small_talk.prompt`.
SMALL_TALK_INTENTS = frozenset({"greet", "goodbye", "thank", "bot_challenge"})


def small_talk_key(intent: str | None) -> str:
    return intent if intent in SMALL_TALK_INTENTS else "prompt"


class ActionSmallTalk(Action):
    def name(self) -> str:
        return "action_small_talk"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = conversation_lang(tracker)
        key = small_talk_key((tracker.latest_message.get("intent") or {}).get("name"))
        if latest_entity(tracker, ANSWER_TO) == STOP_TARGET:
            key = "stop_form"  # a cancel button pressed when no form is running
        send_reply(dispatcher, Reply(text(f"small_talk.{key}", lang), lang))
        return []
