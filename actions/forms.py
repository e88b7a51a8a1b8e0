"""A FormValidationAction base for forms that read any slot from a free-text message."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict


class ExtractingFormValidation(FormValidationAction):
    """Subclasses turn the latest message into slot events in `extract_events`."""

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
