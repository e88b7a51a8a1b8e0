"""A FormValidationAction base for forms that read any slot from a free-text message, and the
form questions with their buttons (answers, "don't know", cancel)."""

from __future__ import annotations

import json
from abc import abstractmethod
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import (
    conversation_lang,
    is_typed_command,
    language_request,
    language_switched,
    latest_entity,
    send_reply,
)
from knowledge.answer import Button, Reply
from knowledge.language import Lang
from knowledge.messages import text

# Button payloads a form reads (other `/…` payloads are questions for the rules to answer).
FORM_PAYLOAD_INTENTS = frozenset({"affirm", "deny", "dont_know"})
# A hint slot holding this prefix and a slot: the user did not know that fact.
DONT_KNOW_HINT = "dont_know:"
ANSWER_TO = "answer_to"
# The cancel button of every form question: a "no" to the form itself, so that the model's
# labels stay the intents of the contract (DESIGN.md) — `/deny{"answer_to":"stop"}`.
STOP_TARGET = "stop"
# The hand-off form's name (actions/handoff_form.py), which small talk starts on a yes to the offer.
HANDOFF_FORM = "handoff_form"


def answer_payload(intent: str, slot: str) -> str:
    """`/affirm{"answer_to":"grant_cancelled"}`: a button answering one question only."""
    return f"/{intent}{json.dumps({ANSWER_TO: slot}, separators=(',', ':'))}"


STOP_PAYLOAD = answer_payload("deny", STOP_TARGET)


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def is_payload(tracker: Tracker) -> bool:
    return (tracker.latest_message.get("text") or "").startswith("/")


def clicked_stop(tracker: Tracker) -> bool:
    """The cancel button (only the payload: typed words such as 取消 are left to the form's own
    stop words, which know that 已被取消 is a fact about the grant)."""
    return is_payload(tracker) and latest_entity(tracker, ANSWER_TO) == STOP_TARGET


def stale_button(tracker: Tracker, requested: str | None) -> bool:
    """An answer button of another question than the one asked now."""
    answered = latest_entity(tracker, ANSWER_TO)
    return is_payload(tracker) and answered not in (None, requested, STOP_TARGET)


class ExtractingFormValidation(FormValidationAction):
    """Subclasses name their `form` and turn the latest message into slot events in
    `extract_events` (which may send replies of its own through `dispatcher`)."""

    form = ""
    hint_slot = ""  # where "the answer could not be read" is noted (each form's own)
    # Payloads of these intents are read by the form too (its own "start" button pressed again).
    restart_intents: frozenset[str] = frozenset()

    def name(self) -> str:
        return f"validate_{self.form}"

    @abstractmethod
    def extract_events(
        self,
        tracker: Tracker,
        requested: str | None,
        dispatcher: CollectingDispatcher | None = None,
    ) -> list[dict[str, Any]]: ...

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        intent = latest_intent(tracker)
        if is_payload(tracker) and intent not in FORM_PAYLOAD_INTENTS | self.restart_intents:
            return []
        requested = tracker.get_slot("requested_slot")
        if requested and (lang := language_request(tracker)) is not None:
            # "please reply in English" while a form asks: said so, then the question again, in it.
            send_reply(dispatcher, language_switched(lang))
            return ask_again_events(requested, self.hint_slot)
        if is_typed_command(tracker) and requested:
            # `/deny{"answer_to":"grant_cancelled"}` typed: its words and its NLU reading are no
            # answer to the question asked (they had ruled a case out as "aid cancelled").
            return hint_events(requested, self.hint_slot)
        return self.extract_events(tracker, requested, dispatcher)

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        # rasa-sdk returns only the form's own slots; helper slots (stop flags, hints) must reach
        # Rasa too, so extraction events are kept, with validated values taking precedence.
        extraction = await self.get_extraction_events(dispatcher, tracker, domain)
        tracker.add_slots(extraction)
        validation = await self._extract_validation_events(dispatcher, tracker, domain)
        validated = {e.get("name") for e in validation if e.get("event") == "slot"}
        return [e for e in extraction if e.get("name") not in validated] + validation


def hint_events(requested: str, hint_slot: str, hint: str | None = None) -> list[dict[str, Any]]:
    """Re-setting the (still empty) requested slot keeps Rasa from rejecting the form, so the form
    asks again, now with a hint (by default: the answer could not be read)."""
    return [SlotSet(requested, None), SlotSet(hint_slot, requested if hint is None else hint)]


def ask_again_events(requested: str, hint_slot: str) -> list[dict[str, Any]]:
    """The same question again, without a hint (after an answered digression, a stale button)."""
    return [SlotSet(requested, None), SlotSet(hint_slot, None)]


class AskSlot(Action):
    """`action_ask_<slot>`: a form's question in the user's language, after a hint when the last
    answer could not be read, with answer buttons and a cancel button. Subclasses set `slot` and
    `hint_slot` and supply `question`."""

    slot = ""
    hint_slot = ""
    yes_no = False
    dont_know_button = False

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def question(self, tracker: Tracker, lang: Lang) -> str:
        raise NotImplementedError

    def preface(self, tracker: Tracker, lang: Lang) -> Reply | None:
        """What this turn says before the question: none by default. A preface with sources is
        a message of its own (its source line belongs to it); a plain one opens the question."""
        return None

    def hint(self, lang: Lang) -> str:
        return text("form.hint", lang)

    def dont_know(self, lang: Lang) -> str:
        return text("form.dont_know", lang)

    def buttons(self, lang: Lang) -> list[Button]:
        """The answer buttons, then the cancel button."""
        return [*self.answer_buttons(lang), Button(text("button.cancel", lang), STOP_PAYLOAD)]

    def answer_buttons(self, lang: Lang) -> list[Button]:
        buttons = []
        if self.yes_no:
            buttons += [
                Button(text("button.yes", lang), answer_payload("affirm", self.slot)),
                Button(text("button.no", lang), answer_payload("deny", self.slot)),
            ]
        if self.dont_know_button:
            buttons.append(
                Button(text("button.dont_know", lang), answer_payload("dont_know", self.slot))
            )
        return buttons

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = conversation_lang(tracker)
        said = self.question(tracker, lang)
        if (preface := self.preface(tracker, lang)) is not None:
            if preface.sources:
                send_reply(dispatcher, preface)
            else:
                said = f"{preface.text}\n\n{said}"
        hint = tracker.get_slot(self.hint_slot)
        if hint == self.slot:
            said = f"{self.hint(lang)} {said}"
        elif hint == DONT_KNOW_HINT + self.slot:
            said = f"{self.dont_know(lang)}\n{said}"
        send_reply(dispatcher, Reply(said, lang, self.buttons(lang)))
        return [SlotSet(self.hint_slot, None)]
