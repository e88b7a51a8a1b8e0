"""`action_contact_staff`: how to reach bureau staff directly."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import conversation_lang, send_reply
from actions.digression import measure_closed_reply
from knowledge.answer import Reply
from knowledge.messages import text


class ActionContactStaff(Action):
    def name(self) -> str:
        return "action_contact_staff"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = conversation_lang(tracker)
        typed = tracker.latest_message.get("text") or ""
        # «Posso candidatar-me agora?», read by the NLU as asking for staff.
        if reply := measure_closed_reply(tracker, typed):
            send_reply(dispatcher, reply)
            return []
        send_reply(dispatcher, Reply(text("staff.contact", lang), lang))
        return []
