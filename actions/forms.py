"""A FormValidationAction base for forms that read any slot from a free-text message."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import conversation_lang, send_reply
from actions.messages import FORM_HINT, YES_NO_BUTTONS
from knowledge.answer import Button, Reply
from knowledge.language import Lang


class ExtractingFormValidation(FormValidationAction):
    """Subclasses name their `form` and turn the latest message into slot events in
    `extract_events`."""

    form = ""

    def name(self) -> str:
        return f"validate_{self.form}"

    @abstractmethod
    def extract_events(self, tracker: Tracker, requested: str | None) -> list[dict[str, Any]]: ...

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        if text.startswith("/") and not text.startswith(("/affirm", "/deny")):
            return []
        return self.extract_events(tracker, tracker.get_slot("requested_slot"))

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


def hint_events(requested: str, hint_slot: str) -> list[dict[str, Any]]:
    """Re-setting the (still empty) requested slot keeps Rasa from rejecting the form, so the form
    asks again, now with a hint."""
    return [SlotSet(requested, None), SlotSet(hint_slot, requested)]


class AskSlot(Action):
    """`action_ask_<slot>`: a form's question in the user's language, after a hint when the last
    answer could not be read. Subclasses set `slot` and `hint_slot` and supply `question`."""

    slot = ""
    hint_slot = ""
    yes_no = False

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def question(self, tracker: Tracker, lang: Lang) -> str:
        raise NotImplementedError

    def hint(self, lang: Lang) -> str:
        return FORM_HINT[lang]

    def buttons(self, lang: Lang) -> list[Button]:
        if self.yes_no:
            yes, no = YES_NO_BUTTONS[lang]
            return [Button(yes, yes), Button(no, no)]
        return []

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = conversation_lang(tracker)
        text = self.question(tracker, lang)
        if tracker.get_slot(self.hint_slot) == self.slot:
            text = f"{self.hint(lang)} {text}"
        send_reply(dispatcher, Reply(text, lang, self.buttons(lang)))
        return [SlotSet(self.hint_slot, None)]
