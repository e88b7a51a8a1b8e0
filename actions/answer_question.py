"""`action_answer_question`: answer any topic question from the knowledge base."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import (
    conversation_lang,
    follow_up_context,
    intent_confidence,
    latest_entity,
    send_reply,
)
from actions.knowledge_base import get_retriever
from actions.parsing import is_social, is_thanks
from actions.repayment_slots import FORM
from knowledge.answer import Reply, without_check_button
from knowledge.clock import macao_today
from knowledge.messages import text
from knowledge.schema import topic_for_intent
from knowledge.service import answer_question

# Questions in a row the assistant could not answer: the second one goes straight to staff.
UNANSWERED = "unanswered_turns"


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        typed = tracker.latest_message.get("text") or ""
        if is_thanks(typed) or is_social(typed):
            # «obrigado», "really?", 「係咪真㗎」 read as a topic or out of scope: small talk, not
            # "not sure" or the scope sentence with an offer of staff (the fourth probe).
            lang = conversation_lang(tracker)
            key = "thank" if is_thanks(typed) else "prompt"
            send_reply(dispatcher, Reply(text(f"small_talk.{key}", lang), lang))
            return []
        retriever = get_retriever()
        lang = conversation_lang(tracker)
        reply = answer_question(
            retriever,
            tracker.latest_message.get("text") or "",
            lang,
            macao_today(),
            topic=topic_for_intent(intent),
            intent_confidence=intent_confidence(tracker),
            entry_id=latest_entity(tracker, "kb_entry"),
            out_of_scope=intent == "out_of_scope",
            unanswered_before=int(tracker.get_slot(UNANSWERED) or 0),
            context=follow_up_context(tracker),
        )
        if (tracker.active_loop or {}).get("name") == FORM:
            reply = without_check_button(reply)  # answered inside the check: it is under way
        send_reply(dispatcher, reply)
        if reply.sources:
            return [SlotSet(UNANSWERED, 0)]
        # Remembered so that a hand-off to staff can offer this question.
        return [
            SlotSet(UNANSWERED, int(tracker.get_slot(UNANSWERED) or 0) + 1),
            SlotSet("last_unanswered_question", tracker.latest_message.get("text")),
        ]
