"""A question on another topic asked inside a form: answered from the knowledge base before the
form asks its question again (both forms), counted as action_answer_question counts."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.conversation import (
    check_context,
    conversation_lang,
    intent_confidence,
    latest_entity,
    unanswered_before,
)
from actions.forms import is_payload
from actions.knowledge_base import get_retriever
from actions.parsing import looks_like_question
from knowledge.answer import Reply, without_check_button
from knowledge.clock import macao_today
from knowledge.schema import Topic, topic_for_intent
from knowledge.service import Context, answer_question, asks_if_still_open

CONTACT_TOPIC: Topic = "contact"


def answer_digression(
    tracker: Tracker, typed: str, intent: str | None, context: Context | None = None
) -> Reply | None:
    """The knowledge base's reply to a question on another topic asked inside a form: a confident
    answer, or (for a message that reads as a question) the refusal or the closest topics; None
    for a message that is neither (an answer the form could not read). Never "check my case":
    a form is under way. `context`: the form's own (conversation.check_context), whose follow-up
    questions are not held to the out-of-scope bar (knowledge/service.py, answer_question)."""
    if not typed.strip():
        return None
    reply = answer_question(
        get_retriever(),
        typed,
        conversation_lang(tracker),
        macao_today(),
        topic=topic_for_intent(intent),
        intent_confidence=intent_confidence(tracker),
        out_of_scope=intent == "out_of_scope",
        unanswered_before=unanswered_before(tracker),
        context=context,
    )
    reply = without_check_button(reply)
    return reply if reply.sources or looks_like_question(typed) else None


def measure_closed_reply(tracker: Tracker, typed: str, intent: str | None = None) -> Reply | None:
    """ "Can I still apply now?" of the repayment measure, whatever the NLU read it as (a
    greeting, a request for staff, an answer inside the check): that it has ended
    (knowledge/service.py); None for any other message."""
    if not asks_if_still_open(typed):
        return None
    return answer_digression(tracker, typed, intent, check_context(get_retriever().entries))


def button_answer(tracker: Tracker) -> Reply | None:
    """A topic button of an earlier answer pressed inside a form: that entry's answer (at the
    privacy notice it was "not understood"; probe 6). None for any other message."""
    entry_id = latest_entity(tracker, "kb_entry")
    if not is_payload(tracker) or entry_id is None:
        return None
    reply = answer_question(
        get_retriever(), "", conversation_lang(tracker), macao_today(), entry_id=entry_id
    )
    return without_check_button(reply) if reply.sources else None


def contact_answer(tracker: Tracker) -> Reply:
    """How to reach the Economic Bureau: the contact entry's answer ("who do I contact?" after
    an answer repeated that answer; 「咁我點搵你哋」 reopened the privacy notice; probe 6)."""
    retriever = get_retriever()
    entry = next(e for e in retriever.entries.values() if e.topic == CONTACT_TOPIC)
    return answer_question(
        retriever, "", conversation_lang(tracker), macao_today(), entry_id=entry.id
    )
