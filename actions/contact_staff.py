"""`action_contact_staff`: how to reach bureau staff directly."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import conversation_lang, send_reply
from actions.digression import answer_digression
from knowledge.answer import Reply
from knowledge.messages import text
from knowledge.service import asks_if_still_open


class ActionContactStaff(Action):
    def name(self) -> str:
        return "action_contact_staff"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = conversation_lang(tracker)
        typed = tracker.latest_message.get("text") or ""
        # «Posso candidatar-me agora?», read by the NLU as asking for staff, asks whether the
        # measure the check is about is still open: it has ended.
        if asks_if_still_open(typed) and (
            reply := answer_digression(tracker, typed, None, "sme_repayment")
        ):
            send_reply(dispatcher, reply)
            return []
        send_reply(dispatcher, Reply(text("staff.contact", lang), lang))
        return []
