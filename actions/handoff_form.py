"""Passing a question to staff: privacy notice and consent, name, contact, question → a ticket.

The gateway owns tickets and their e-mails (handoff/): this action files the ticket through the
gateway's internal API and never touches the database. A conversation opens at most
MAX_TICKETS_PER_DAY tickets a Macao day (the gateway enforces it); the channel is read from the
conversation id the gateway prefixes (`web:`, `tg:`, `api:`), never from client metadata.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import (
    conversation_lang,
    follow_up_context,
    intent_confidence,
    send_reply,
    unanswered_events,
)
from actions.digression import (
    answer_digression,
    button_answer,
    measure_closed_reply,
)
from actions.forms import (
    DONT_KNOW_HINT,
    HANDOFF_FORM,
    AskSlot,
    ExtractingFormValidation,
    ask_again_events,
    clicked_stop,
    hint_events,
    is_payload,
    latest_intent,
    stale_button,
)
from actions.parsing import (
    MAX_NAME_LENGTH,
    Answer,
    asks_about_privacy,
    is_aside,
    is_bare_answer,
    is_closing,
    looks_like_question,
    names_its_subject,
    parse_contact,
    parse_name,
    read_answer,
    split_contact_message,
    wants_staff,
    withholds_details,
)
from actions.repayment_slots import wants_to_stop
from actions.service_questions import service_reply
from bot.settings import ActionServerSettings
from handoff.client import DailyLimit, HandoffClient, HandoffUnavailable
from handoff.contract import MAX_TICKETS_PER_DAY, TicketRequest
from handoff.text import MAX_QUESTION_LENGTH, MAX_TRANSCRIPT_TURNS, MAX_TURN_LENGTH, text_lines
from knowledge.answer import Reply, compose_privacy
from knowledge.language import Lang
from knowledge.messages import text
from knowledge.schema import topic_for_intent

logger = logging.getLogger(__name__)
FORM = HANDOFF_FORM
SLOTS = ("handoff_consent", "contact_name", "contact_detail", "handoff_question")
STOPPED = "handoff_stopped"
# STOPPED's value when the message that opened the hand-off was answered instead: no "declined".
ANSWERED = "answered"
HINT = "handoff_hint"
LAST_UNANSWERED = "last_unanswered_question"
# Below this confidence, a request for staff that the knowledge base answers is that question.
SURE_REQUEST = 0.8


def _answer(tracker: Tracker) -> Answer | None:
    """Yes / no / don't know: the NLU's intent, else the words (好，唔該 is yes; 唔知 is neither)."""
    typed = "" if is_payload(tracker) else tracker.latest_message.get("text") or ""
    return read_answer(typed, latest_intent(tracker))


class ValidateHandoffForm(ExtractingFormValidation):
    form = FORM
    hint_slot = HINT

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        if tracker.get_slot(STOPPED) or tracker.get_slot("handoff_consent") is False:
            return []
        return list(SLOTS)

    def extract_events(
        self,
        tracker: Tracker,
        requested: str | None,
        dispatcher: CollectingDispatcher | None = None,
    ) -> list[dict[str, Any]]:
        typed = "" if is_payload(tracker) else (tracker.latest_message.get("text") or "").strip()
        lang = conversation_lang(tracker)
        if requested is None:
            # «Então posso candidatar-me agora?» after a decision, read by the NLU as asking for
            # staff: that the measure has ended, and no hand-off (the third probe of new users).
            if dispatcher is not None and (closed := measure_closed_reply(tracker, typed)):
                send_reply(dispatcher, closed)
                return [SlotSet(STOPPED, ANSWERED)]
            if dispatcher is not None and (about := service_reply(tracker, typed, lang)):
                # 「咁我點搵你哋」 (NLU: a person) after declining: the bureau's phone and e-mail;
                # "what languages do you speak?" (NLU: a person, probe 8): what it does
                send_reply(dispatcher, about)
                return [SlotSet(STOPPED, ANSWERED)]
            if (
                dispatcher is not None
                and intent_confidence(tracker) < SURE_REQUEST
                and looks_like_question(typed)
                and not wants_staff(typed)
                and (
                    answered := answer_digression(tracker, typed, None, follow_up_context(tracker))
                )
                and answered.sources
            ):
                # 「谁负责清关？」 after the first diamonds (NLU, unsure: a person): its answer
                send_reply(dispatcher, answered)
                return [SlotSet(STOPPED, ANSWERED), *unanswered_events(tracker, answered)]
            # "I need a human. I'm Mary Lee, email …, my question: …": kept for after consent.
            if not (details := _details_events(typed)) and names_its_subject(typed):
                # 「…專人跟進本公司關於CEPA原產地證書之申請事宜」 is the question to pass on: the
                # question step offers it (p9-029 was asked to write it again).
                return [SlotSet(LAST_UNANSWERED, typed[:MAX_QUESTION_LENGTH])]
            return details
        if requested == "handoff_consent" and (
            latest_intent(tracker) == "request_human" or wants_staff(typed)
        ):
            return [SlotSet(requested, True), SlotSet(HINT, None)]  # 「算了，给我转人工」: yes
        if clicked_stop(tracker) or wants_to_stop(typed) or withholds_details(typed):
            return [SlotSet(STOPPED, True)]  # 「我唔想留名喇」 at the name: nothing more is asked
        if requested in ("contact_name", "contact_detail") and (
            is_closing(typed) or (is_bare_answer(typed) and _answer(tracker) is Answer.NO)
        ):
            return [SlotSet(STOPPED, True)]  # "thanks, bye" or "no" is nobody's name or contact
        if stale_button(tracker, requested):
            return ask_again_events(requested, HINT)
        if dispatcher is not None and (pressed := button_answer(tracker)):
            send_reply(dispatcher, pressed)  # a topic button of an earlier answer
            return ask_again_events(requested, HINT)
        if dispatcher is not None and asks_about_privacy(typed):
            # 「你哋會點用我啲資料？」 at the privacy notice, 「個人資料將保存多久？」 for the
            # question: what is kept and why, then the same step.
            send_reply(dispatcher, compose_privacy(conversation_lang(tracker)))
            return ask_again_events(requested, HINT)
        if requested in ("contact_name", "contact_detail") and (details := _details_events(typed)):
            return [*details, SlotSet(HINT, None)]  # 「陳生，66889900，我想問…」 at the name
        # A question on a topic before the user's own question is asked for ("what is CEPA?" as
        # the name): its answer, then the same question again.
        if (
            (requested != "handoff_question" or is_aside(typed))
            and dispatcher is not None
            and looks_like_question(typed)
            and _answer(tracker) is None
            and (digression := answer_digression(tracker, typed, latest_intent(tracker)))
        ):
            send_reply(dispatcher, digression)
            return [*ask_again_events(requested, HINT), *unanswered_events(tracker, digression)]
        value: Any = None
        if requested == "handoff_consent":
            answer = _answer(tracker)
            if answer is Answer.DONT_KNOW:
                return hint_events(requested, HINT, DONT_KNOW_HINT + requested)
            if answer is None and latest_intent(tracker) == "goodbye":
                answer = Answer.NO  # 「拜拜」 to the privacy notice: nothing is collected
            value = None if answer is None else answer is Answer.YES
        elif requested == "contact_name":
            # "yes" (to a question asked before) is nobody's name
            value = None if is_bare_answer(typed) else parse_name(typed)
        elif requested == "contact_detail":
            value = parse_contact(typed)
        elif requested == "handoff_question":
            earlier = tracker.get_slot(LAST_UNANSWERED)
            question = "\n".join(text_lines(typed))
            if earlier and _answer(tracker) is Answer.YES:
                value = earlier
            elif not is_bare_answer(typed) and len(question.strip()) >= 2:
                value = question  # a bare yes or no is no question for staff
        if value is None:
            return hint_events(requested, HINT)
        return [SlotSet(requested, value), SlotSet(HINT, None)]


def _details_events(typed: str) -> list[dict[str, Any]]:
    """Name, contact and question given in one message holding a contact, as slot events."""
    details = split_contact_message(typed)
    if details is None:
        return []
    values = {
        "contact_name": details.name,
        "contact_detail": details.contact,
        "handoff_question": details.question,
    }
    return [SlotSet(slot, value) for slot, value in values.items() if value]


class AskHandoffSlot(AskSlot):
    hint_slot = HINT

    def question(self, tracker: Tracker, lang: Lang) -> str:
        return text(f"handoff.question.{self.slot}", lang)


class AskConsent(AskHandoffSlot):
    slot = "handoff_consent"
    yes_no = True

    def question(self, tracker: Tracker, lang: Lang) -> str:
        return text("handoff.privacy_notice", lang)

    def dont_know(self, lang: Lang) -> str:
        return text("handoff.consent_dont_know", lang)


class AskName(AskHandoffSlot):
    slot = "contact_name"

    def hint(self, lang: Lang) -> str:
        return text("handoff.name_hint", lang, limit=MAX_NAME_LENGTH)


class AskContact(AskHandoffSlot):
    slot = "contact_detail"

    def hint(self, lang: Lang) -> str:
        return text("handoff.contact_hint", lang)


class AskQuestion(AskHandoffSlot):
    slot = "handoff_question"

    def question(self, tracker: Tracker, lang: Lang) -> str:
        earlier = tracker.get_slot(LAST_UNANSWERED)
        if earlier:
            return text("handoff.same_question", lang, question=earlier)
        return super().question(tracker, lang)


def transcript_of(tracker: Tracker) -> list[tuple[str, str]]:
    """The conversation's latest messages, as the internal API bounds them."""
    lines = []
    for event in tracker.events:
        said = event.get("text")
        if event.get("event") in ("user", "bot") and said and not said.startswith("/"):
            lines.append(("user" if event["event"] == "user" else "bot", said[:MAX_TURN_LENGTH]))
    return lines[-MAX_TRANSCRIPT_TURNS:]


def topic_of(tracker: Tracker) -> str:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            topic = topic_for_intent(
                ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            )
            if topic:
                return topic
    return "general"


class ActionSubmitHandoff(Action):
    def __init__(self) -> None:
        self.client = HandoffClient.from_settings(ActionServerSettings.from_env())

    def name(self) -> str:
        return "action_submit_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = conversation_lang(tracker)
        reset = [SlotSet(slot, None) for slot in (*SLOTS, STOPPED, HINT)]
        if tracker.get_slot(STOPPED) == ANSWERED:
            return reset
        if tracker.get_slot(STOPPED) or not tracker.get_slot("handoff_consent"):
            send_reply(dispatcher, Reply(text("handoff.declined", lang), lang))
            return reset
        request = TicketRequest(
            sender=tracker.sender_id,
            lang=lang,
            name=str(tracker.get_slot("contact_name")),
            contact=str(tracker.get_slot("contact_detail")),
            question=str(tracker.get_slot("handoff_question"))[:MAX_QUESTION_LENGTH],
            topic=topic_of(tracker),
            transcript=transcript_of(tracker),
        )
        try:
            ticket = await self.client.file(request)
        except DailyLimit:
            said = text("handoff.ticket_limit_reached", lang, limit=MAX_TICKETS_PER_DAY)
            send_reply(dispatcher, Reply(said, lang))
            return reset
        except HandoffUnavailable as exc:
            logger.error("hand-off not filed: %s", exc)
            send_reply(dispatcher, Reply(text("handoff.unavailable", lang), lang))
            return reset
        done = "handoff.ticket_created" if ticket.emailed else "handoff.ticket_recorded"
        send_reply(dispatcher, Reply(text(done, lang, reference=ticket.reference), lang))
        # For the gateway (bot/turns.py): it then redacts the contact from the stored conversation.
        dispatcher.utter_message(json_message={"ticket": ticket.reference})
        return [*reset, SlotSet(LAST_UNANSWERED, None)]
