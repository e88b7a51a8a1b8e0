"""`action_small_talk`: greetings, thanks, goodbyes and "are you a bot", in the user's language."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import conversation_lang, latest_entity, previous_payloads, send_reply
from actions.digression import measure_closed_reply
from actions.forms import ANSWER_TO, HANDOFF_FORM, STOP_TARGET, is_payload
from actions.parsing import Answer, read_answer
from knowledge.answer import HANDOFF_PAYLOAD, Reply
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
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        typed = "" if is_payload(tracker) else tracker.latest_message.get("text") or ""
        if (
            HANDOFF_PAYLOAD in previous_payloads(tracker)
            and read_answer(typed, intent) is Answer.YES
        ):
            # 「好，唔該」 / "ok sure" to "I can pass your question to our staff": the hand-off's
            # privacy notice and consent question, as the button would.
            return [FollowupAction(HANDOFF_FORM)]
        if reply := measure_closed_reply(tracker, typed):
            send_reply(dispatcher, reply)  # 「现在还能申请吗？」, read by the NLU as a greeting
            return []
        key = small_talk_key(intent)
        if latest_entity(tracker, ANSWER_TO) == STOP_TARGET:
            key = "stop_form"  # a cancel button pressed when no form is running
        send_reply(dispatcher, Reply(text(f"small_talk.{key}", lang), lang))
        return []
