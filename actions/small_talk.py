"""`action_small_talk`: greetings, thanks, goodbyes and "are you a bot", in the user's language."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_question import answer_turn
from actions.conversation import (
    conversation_lang,
    follow_up_context,
    intent_confidence,
    language_request,
    language_switched,
    latest_entity,
    previous_payloads,
    send_reply,
    unanswered_before,
    unanswered_events,
)
from actions.digression import measure_closed_reply
from actions.forms import ANSWER_TO, HANDOFF_FORM, STOP_TARGET, is_payload
from actions.knowledge_base import get_retriever
from actions.parsing import (
    Answer,
    addresses_the_assistant,
    is_closing,
    is_reaction,
    is_social,
    looks_like_question,
    only_acknowledges,
    read_answer,
    takes_leave,
    wants_staff,
    withholds_details,
)
from actions.repayment_slots import DECIDED, revisited_case
from actions.repayment_slots import FORM as CHECK_FORM
from actions.service_questions import after_ticket_stop, send_service_reply, service_reply
from knowledge.answer import (
    HANDOFF_PAYLOAD,
    Reply,
)
from knowledge.clock import macao_today
from knowledge.language import Lang, asked_besides_language
from knowledge.messages import text
from knowledge.numbered import place_named_alone
from knowledge.service import answer_question

# Intents with a reply of their own (`small_talk.<intent>`); any other gets `small_talk.prompt`.
SMALL_TALK_INTENTS = frozenset({"greet", "goodbye", "thank", "bot_challenge"})
# Intents the NLU gives short follow-up questions it has no topic for ("Who chaired it?" as
# thanks, "Where was it held?" as a greeting, 「律師行呢」 as a no, "who can see this chat?" as a
# goodbye): such a question, when its words are no small talk, gets the knowledge base's reply
# (`answered_question`).
MISREAD_QUESTIONS = frozenset({"greet", "goodbye", "thank", "affirm", "deny", "dont_know"})
# Below this confidence, a small-talk intent given to a question that the knowledge base answers
# (as a follow-up or alone) is taken for that question.
SURE_SMALL_TALK = 0.8


def small_talk_key(intent: str | None) -> str:
    return intent if intent in SMALL_TALK_INTENTS else "prompt"


class ActionSmallTalk(Action):
    def name(self) -> str:
        return "action_small_talk"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = conversation_lang(tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        typed = "" if is_payload(tracker) else tracker.latest_message.get("text") or ""
        if typed and (withdrawn := after_ticket_stop(tracker, typed)):
            return send_service_reply(dispatcher, tracker, withdrawn)  # before any other reading
        if language_request(tracker) is not None:
            if asked_besides_language(typed):
                return answer_turn(dispatcher, tracker)  # and a question: switched, answered
            # «muda para inglês por favor» (NLU: small talk): the switch, said in the new language
            send_reply(dispatcher, language_switched(lang, text("small_talk.prompt", lang)))
            return []
        if reply := measure_closed_reply(tracker, typed):
            send_reply(dispatcher, reply)  # 「现在还能申请吗？」, read by the NLU as a greeting
            return []
        if about := service_reply(tracker, typed, lang):
            return send_service_reply(dispatcher, tracker, about)  # «Olá, fala português?»
        if wants_staff(typed) and not withholds_details(typed):
            return [
                FollowupAction(HANDOFF_FORM)
            ]  # 「你好，…能转人工吗」 (NLU: a greeting, p14-040)
        if (
            HANDOFF_PAYLOAD in previous_payloads(tracker)
            and read_answer(typed, intent) is Answer.YES
            and not is_closing(typed)
            and not is_reaction(typed)
            and not only_acknowledges(typed)  # 「ok 明白」 (p14-014)
        ):
            # 「好，唔該」 / "ok sure" to "I can pass your question to our staff": the hand-off's
            # privacy notice and consent question, as the button would ("ok thanks bye" is none).
            return [FollowupAction(HANDOFF_FORM)]
        if typed and revisited_case(tracker.get_slot(DECIDED), typed) is not None:
            return [FollowupAction(CHECK_FORM)]  # 「唔好意思，打錯，係2020年3月」 after a decision
        misread = intent in MISREAD_QUESTIONS
        # 「讲者是谁？」 after the WTO workshop, read as "are you a bot?" (probe 8): a question
        # the knowledge base answers outright is that question.
        challenged = intent == "bot_challenge"
        if misread or challenged or intent_confidence(tracker) < SURE_SMALL_TALK:
            answered = answered_question(tracker, typed, lang)
            # Any reply for a misread intent; for one the NLU is unsure of («Carros também?»
            # after the goods that need a licence, read as "are you a bot?"), only an answer.
            outright = answered is not None and bool(answered.sources)
            if (
                challenged
                and answered is not None
                and (answered.handoff_offered or addresses_the_assistant(typed))
            ):
                outright = False  # "Are you a real person?" after an answer is about the bot
            if answered is not None and (misread or outright):
                send_reply(dispatcher, answered)
                return unanswered_events(tracker, answered)
        key = "goodbye" if takes_leave(typed) else small_talk_key(intent)  # 「算喇，唔該晒」
        if latest_entity(tracker, ANSWER_TO) == STOP_TARGET:
            key = "stop_form"  # a cancel button pressed when no form is running
        send_reply(dispatcher, Reply(text(f"small_talk.{key}", lang), lang))
        return []


def answered_question(tracker: Tracker, typed: str, lang: Lang) -> Reply | None:
    """The knowledge base's reply to a question the NLU read as small talk, read as a follow-up
    of the previous answer (knowledge/service.py): "not sure" or the scope sentence when it is not
    answered, never a greeting. None for small talk by its words and for what is no question."""
    if not (looks_like_question(typed) or place_named_alone(typed)) or is_social(typed):
        return None  # ("the second one" after the list of measures is its item)
    retriever = get_retriever()
    return answer_question(
        retriever,
        typed,
        lang,
        macao_today(),
        unanswered_before=unanswered_before(tracker),
        context=follow_up_context(tracker),
    )
