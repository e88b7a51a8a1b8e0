"""`action_answer_question`: answer any topic question from the knowledge base."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import conversation_lang, latest_entity, send_reply
from actions.knowledge_base import get_retriever
from knowledge.schema import topic_for_intent
from knowledge.service import answer_question


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        reply = answer_question(
            get_retriever(),
            tracker.latest_message.get("text") or "",
            conversation_lang(tracker),
            dt.date.today(),
            topic=topic_for_intent(intent),
            entry_id=latest_entity(tracker, "kb_entry"),
            out_of_scope=intent == "out_of_scope",
        )
        send_reply(dispatcher, reply)
        return []
