"""`action_answer_question`: answer any topic question from the knowledge base."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import (
    conversation_lang,
    follow_up_context,
    intent_confidence,
    language_request,
    language_switched,
    latest_entity,
    send_reply,
    unanswered_before,
    unanswered_events,
)
from actions.forms import HANDOFF_FORM
from actions.knowledge_base import get_retriever
from actions.parsing import (
    is_social,
    is_thanks,
    looks_like_question,
    takes_leave,
    wants_own_adjustment,
    wants_staff,
)
from actions.parsing.repeats import says_not_answered
from actions.repayment_slots import (
    DECIDED,
    FORM,
    revisited_case,
    states_a_case,
    tells_a_whole_case,
)
from actions.service_questions import send_service_reply, service_reply
from knowledge.answer import Reply, compose_nothing_more, without_check_button
from knowledge.clock import macao_today
from knowledge.language import asked_besides_language
from knowledge.messages import text
from knowledge.schema import topic_for_intent
from knowledge.service import answer_question


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return answer_turn(dispatcher, tracker)


def answer_turn(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """The reply to the latest message read as a question (also small talk's, for a language
    asked for with a question beside it: a FollowupAction to this action had the policy predict
    small talk again after it, eight times, and the conversation then got no replies, p13-005)."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    typed = tracker.latest_message.get("text") or ""
    lang = conversation_lang(tracker)
    if language_request(tracker) is not None and not (tracker.active_loop or {}).get("name"):
        # "please reply in English", 「可唔可以講英文」: said so, in it (a running form says
        # so itself, then asks its question again: actions/forms.py); and what else it asks,
        # answered in it: 「請用英文答我：CEPA修訂協議幾時生效」 was dropped (probe 9)
        typed = asked_besides_language(typed)
        if not typed:
            send_reply(dispatcher, language_switched(lang, text("small_talk.prompt", lang)))
            return []
        send_reply(dispatcher, language_switched(lang))
    if about := service_reply(tracker, typed, lang):
        # 「你能做什么？」 (NLU: unsure), "do you store my data?", "who do I contact?"
        return send_service_reply(dispatcher, tracker, about)
    if is_thanks(typed) or is_social(typed) or takes_leave(typed):
        # «obrigado», "really?", 「係咪真㗎」 read as a topic or out of scope: small talk, not
        # "not sure" or the scope sentence with an offer of staff (the fourth probe);
        # 「算喇，唔該晒」 takes leave (probe 9).
        key = "goodbye" if takes_leave(typed) else "thank" if is_thanks(typed) else "prompt"
        send_reply(dispatcher, Reply(text(f"small_talk.{key}", lang), lang))
        return []
    checking = (tracker.active_loop or {}).get("name") == FORM
    if wants_staff(typed) and not checking:
        return [FollowupAction(HANDOFF_FORM)]  # «Preciso de um humano» (NLU: unsure)
    if not checking and revisited_case(tracker.get_slot(DECIDED), typed) is not None:
        return [FollowupAction(FORM)]  # "what if it was the last instalment?" after a decision
    if not checking and tells_a_whole_case(typed):
        return [FollowupAction(FORM)]  # a whole case told, which no article answers
    context = follow_up_context(tracker)
    reply = answer_question(
        get_retriever(),
        typed,
        lang,
        macao_today(),
        topic=topic_for_intent(intent),
        intent_confidence=intent_confidence(tracker),
        entry_id=latest_entity(tracker, "kb_entry"),
        out_of_scope=intent == "out_of_scope",
        unanswered_before=unanswered_before(tracker),
        context=context,
    )
    if (
        context is not None
        and reply.sources
        and {s["id"] for s in reply.sources} == {e.id for e in context.entries}
        and says_not_answered(typed)
    ):
        # "u just repeated urself. tax breaks for green finance: yes/no/dont know?" got the same
        # answer a third time (p16-033): it says no more, and staff are offered
        reply = compose_nothing_more(lang)
    if checking:
        reply = without_check_button(reply)  # answered inside the check: it is under way
    elif (not reply.sources or reply.handoff_offered) and (
        wants_own_adjustment(typed) or (states_a_case(typed) and not looks_like_question(typed))
    ):
        # 「本公司想申請調整還款」, «Quero ajustar a prestação do meu apoio», or a case told
        # without a question (「中小企业援助计划，2020年9月30日到期的那期8500澳门元…」), read as a
        # question the knowledge base is not sure of: the user's own case, so the check.
        return [FollowupAction(FORM)]
    send_reply(dispatcher, reply)
    return unanswered_events(tracker, reply)
