"""The repayment-eligibility form: slot extraction, questions, and the decision.

`validate_check_repayment_eligibility_form` reads every slot it can from each message
(actions/repayment_slots.py), `action_ask_<slot>` asks in the user's language with a hint after a
misunderstood answer, and `action_submit_eligibility` applies knowledge/repayment.py.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import conversation_lang, send_reply
from actions.forms import AskSlot, ExtractingFormValidation, hint_events
from actions.knowledge_base import get_retriever
from actions.messages import FORM_QUESTIONS, FORM_STOPPED, SCHEME_LABELS, TOO_LARGE_HINTS
from actions.repayment_slots import FORM, MANDATORY, REQUIRED, SKIPPED, read_slots, wants_to_stop
from knowledge.answer import Button, Reply
from knowledge.clock import macao_today
from knowledge.language import Lang
from knowledge.repayment import Case, decide
from knowledge.repayment_text import compose_decision

STOPPED = "eligibility_stopped"
HINT = "eligibility_hint"
# HINT holds the slot whose answer could not be read, or this prefix and the slot whose number
# was beyond its bound: the next question then starts with the bound.
TOO_LARGE = "too_large:"
# Intents that, when nothing in the message answers the form, are a question to answer first.
DIGRESSIONS = frozenset(
    {"request_human", "ask_cepa_services", "ask_trade_committee", "ask_gba_measures",
     "ask_sme_repayment", "ask_kimberley_process", "ask_import_licensing", "ask_cites",
     "ask_quality_certification", "ask_contact"}
)  # fmt: skip


class ValidateRepaymentForm(ExtractingFormValidation):
    form = FORM

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        if tracker.get_slot(STOPPED):
            return []
        facts = {slot: tracker.get_slot(slot) for slot in (*REQUIRED, "repayment_completed")}
        if all(facts[slot] is not None for slot in MANDATORY):
            try:
                ruled_out = not decide(case_from_slots(facts)).eligible
            except ValueError:  # a value stored before the bounds existed: ask for it all
                ruled_out = False
            if ruled_out:
                return list(MANDATORY)  # already ruled out: the amounts would change nothing
        return list(REQUIRED)

    def extract_events(self, tracker: Tracker, requested: str | None) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        if requested and wants_to_stop(text):
            return [SlotSet(STOPPED, True)]
        found, too_large = read_slots(text, requested)
        hint = SlotSet(HINT, TOO_LARGE + too_large[0] if too_large else None)
        if found:
            return [SlotSet(slot, value) for slot, value in found.items()] + [hint]
        if too_large:
            return [SlotSet(requested, None), hint] if requested else [hint]
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if requested is None or intent in DIGRESSIONS:
            return []  # the form rejects; a digression rule answers, then the form resumes
        return hint_events(requested, HINT)


class AskRepaymentSlot(AskSlot):
    hint_slot = HINT

    def question(self, tracker: Tracker, lang: Lang) -> str:
        text = FORM_QUESTIONS[self.slot][lang]
        hint = str(tracker.get_slot(HINT) or "")
        bounded = hint.removeprefix(TOO_LARGE) if hint.startswith(TOO_LARGE) else None
        if bounded is not None and bounded in TOO_LARGE_HINTS:
            text = f"{TOO_LARGE_HINTS[bounded][lang]} {text}"
        return text


# Named classes (not generated ones): the action server's workers must be able to pickle them.
class AskScheme(AskRepaymentSlot):
    slot = "scheme"

    def buttons(self, lang: Lang) -> list[Button]:
        return [Button(labels[lang], labels[lang]) for labels in SCHEME_LABELS.values()]


class AskDueDate(AskRepaymentSlot):
    slot = "installment_due_date"


class AskIsLast(AskRepaymentSlot):
    slot = "is_last_installment"
    yes_no = True


class AskGrantCancelled(AskRepaymentSlot):
    slot = "grant_cancelled"
    yes_no = True


class AskAdjustmentsUsed(AskRepaymentSlot):
    slot = "adjustments_used"


class AskAmount(AskRepaymentSlot):
    slot = "installment_amount"


class AskRemaining(AskRepaymentSlot):
    slot = "remaining_installments_after"


def case_from_slots(slots: dict[str, Any]) -> Case:
    amount = slots.get("installment_amount")
    remaining = slots.get("remaining_installments_after")
    return Case(
        scheme=str(slots["scheme"]),
        installment_due_date=dt.date.fromisoformat(str(slots["installment_due_date"])),
        is_last_installment=bool(slots["is_last_installment"]),
        grant_cancelled=bool(slots["grant_cancelled"]),
        adjustments_used=int(slots["adjustments_used"]),
        repayment_completed=bool(slots.get("repayment_completed")),
        installment_amount=None if amount in (None, SKIPPED) else Decimal(str(amount)),
        remaining_installments_after=None if remaining in (None, SKIPPED) else int(remaining),
    )


class ActionSubmitEligibility(Action):
    def name(self) -> str:
        return "action_submit_eligibility"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = conversation_lang(tracker)
        reset = [SlotSet(slot, None) for slot in (*REQUIRED, "repayment_completed", STOPPED, HINT)]
        if tracker.get_slot(STOPPED):
            send_reply(dispatcher, Reply(FORM_STOPPED[lang], lang))
            return reset
        slots = {slot: tracker.get_slot(slot) for slot in (*REQUIRED, "repayment_completed")}
        decision = decide(case_from_slots(slots))
        entry = get_retriever().entries["sme-repayment-overview"]
        sources = [{"id": entry.id, "title": entry.title.get(lang)}]
        text = compose_decision(decision, lang, macao_today())
        send_reply(dispatcher, Reply(text, lang, sources=sources))
        return reset
