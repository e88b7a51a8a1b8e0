"""The repayment-eligibility form: slot extraction, questions, and the decision.

`validate_check_repayment_eligibility_form` reads every slot it can from each message, whatever
was asked (actions/repayment_slots.py); ends the form as soon as a known fact rules the case out;
never takes "don't know" as yes or no (it says where to ask, then asks again); leaves on stop words
and on the cancel button; and answers a question on another topic from the knowledge base before
asking again. `action_ask_<slot>` asks in the user's language with a hint after a misunderstood
answer, and `action_submit_eligibility` applies knowledge/repayment.py.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import (
    CHECK_TOPIC,
    check_context,
    conversation_lang,
    follow_up_context,
    intent_confidence,
    is_typed_command,
    language_request,
    language_switched,
    send_reply,
    typed_texts,
    unanswered_events,
)
from actions.digression import answer_digression, measure_closed_reply
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
from actions.knowledge_base import get_retriever
from actions.parsing import (
    Answer,
    about_own_case,
    corrected_month,
    declines_to_say,
    is_dont_know,
    is_thanks,
    lone_year,
    looks_like_question,
    parse_contact,
    says_goodbye,
    takes_leave,
    wants_own_adjustment,
    wants_staff,
    with_year,
)
from actions.repayment_slots import (
    BOUNDS,
    DECIDED,
    DOUBTABLE,
    FORM,
    OPTIONAL,
    REQUIRED,
    SCHEME_BUTTONS,
    SKIPPED,
    about_repayment,
    another_case,
    another_topic_only,
    answer_to_fact,
    asks_about_schemes,
    asks_about_the_check,
    asks_besides_the_check,
    asks_facts_used,
    asks_if_rejected_counts,
    asks_staff_to_act,
    asks_when_or_where_to_apply,
    declines_the_check,
    denies_a_loan,
    doubted_facts,
    due_of,
    extract,
    implied_facts,
    in_other_currency,
    mentions_rejected_application,
    opens_a_check,
    read_slots,
    revisited_case,
    says_misread,
    says_no,
    scheme_told,
    states_a_case,
    supposed_slots,
    unclear_values,
    vague_values,
    wants_to_stop,
    without_refusal,
)
from actions.service_questions import after_ticket_stop, send_service_reply, service_reply
from actions.small_talk import small_talk_key
from knowledge.answer import (
    HANDOFF_PAYLOAD,
    Button,
    Reply,
    compose_contact_offer,
    compose_measure_closed,
    without_check_button,
)
from knowledge.clock import macao_today
from knowledge.language import Lang, asked_besides_language
from knowledge.messages import text
from knowledge.numbered import place_named_alone
from knowledge.repayment import (
    ADJUSTED_INSTALMENT,
    LAST_DUE_DATE,
    RULE_ENTRIES,
    UNKNOWN_SCHEME,
    Case,
    decide,
    measure_open,
)
from knowledge.repayment_text import compose_decision, compose_facts_used
from knowledge.service import answer_question, answer_within_check

STOPPED = "eligibility_stopped"
# STOPPED's value when the check never began: its first message was a contact, not a fact.
CONTACT_GIVEN = "contact_given"
# ... or a question the NLU read as a fact, answered instead (「剩低嗰啲點還」 after an answer).
ANSWERED = "answered"
# ... or the user asked for staff: the check gives way to the hand-off (its privacy notice next).
HANDOFF = "handoff"
# ... or took leave ("thx bye"): the check ends with a goodbye, not "not understood" (probe 7).
GOODBYE = "goodbye"
# ... or has no loan, or the check began on a message that asked for none and the user says so
# (「我冇借錢呀 你搞錯咗」, p10-006): it ends, saying that it misunderstood.
MISREAD = "misread"
HINT = "eligibility_hint"
# HINT holds the slot whose answer could not be read, or this prefix and the slot whose number
# was beyond its bound: the next question then starts with the bound.
TOO_LARGE = "too_large:"
# ... or this prefix and the amount's slot: it was given in another currency (HKD 3000), so the
# next question starts by asking for patacas.
CURRENCY = "currency:"
# ... or this prefix and a count's slot: it was given only roughly (「十幾期」, "more than ten"),
# so the next question starts by saying the exact number is needed; or the due date's, given as
# two months either side of the measure's end (p10-003).
VAGUE = "vague:"
VAGUE_SLOTS = frozenset({*BOUNDS, "installment_due_date"})
# ... or this prefix and a slot: the user declined to say it (「不想说」, "I'd rather not say"), which
# is no answer, least of all a no (p15-012): said so, then "don't know"'s where to ask.
DECLINED = "declined:"
# ... or this prefix and the amount's slot: it was written as neither way of writing amounts
# reads (4.500.00), so which sum is meant is asked, never guessed (p16-017).
UNCLEAR = "unclear:"
# ... or this prefix and the slot asked: other facts were told instead of its answer (「倒數第二期」
# at "which scheme?"), and kept; the question says so (p15-028: they were lost, the user trapped).
NOTED = "noted:"
# What an unknown scheme stands for while other facts are checked (any covered one): the three
# schemes' rules are the same, so "don't know which" (UNKNOWN_SCHEME) is checked by them too.
NEUTRAL_SCHEME = "sme_aid"
# Intents that, when nothing in the message answers the form, are a question to answer first.
DIGRESSIONS = frozenset(
    {"ask_cepa_services", "ask_trade_committee", "ask_gba_measures",
     "ask_sme_repayment", "ask_kimberley_process", "ask_import_licensing", "ask_cites",
     "ask_quality_certification", "ask_contact"}
)  # fmt: skip


# Small talk inside the form gets its reply, then the question again.
SMALL_TALK_IN_FORM = frozenset({"greet", "thank", "bot_challenge"})


def outright(reply: Reply) -> bool:
    """An answer, not "is this what you mean?" or a refusal."""
    return bool(reply.sources) and not reply.handoff_offered


def turned_away(tracker: Tracker) -> bool:
    """Whether the user has turned away from this run of the check: since its first question
    they have written (before the latest message) and answered none of its questions, asking
    other things instead."""
    began = max(
        (
            i
            for i, e in enumerate(tracker.events)
            if e.get("event") == "active_loop" and e.get("name") == FORM
        ),
        default=-1,
    )
    asked, written = False, 0
    for event in tracker.events[began + 1 :]:
        kind = event.get("event")
        asked = asked or kind == "bot"
        if not asked:
            continue
        if kind == "slot" and event.get("name") in REQUIRED and event.get("value") is not None:
            return False  # a question answered
        if kind == "user":
            written += 1
    return written > 1  # (the last one is the latest message)


def not_a_repayment(typed: str, intent: str | None) -> bool:
    """Whether a message that starts the check, stating none of its facts, is about no repayment:
    no word of one, and, when the NLU read it as the check itself (「我想check下我間公司」 is one),
    a question whose best entry is another topic's."""
    if about_repayment(typed):
        return False
    if intent != "check_repayment_eligibility":
        return True
    best = get_retriever().search(typed, k=1)
    return looks_like_question(typed) and bool(best) and best[0].entry.topic != "sme_repayment"


class ValidateRepaymentForm(ExtractingFormValidation):
    form = FORM
    hint_slot = HINT
    # "Check my case" pressed while the check runs: the same question again, not a new check.
    restart_intents = frozenset({"check_repayment_eligibility"})

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """A switch of language that answers the question too (「我用中文吧，是青年创业援助计划」):
        said so, and the answer read; the scheme was asked again (p10-073). Anything else as
        every form reads it (actions/forms.py)."""
        requested = tracker.get_slot("requested_slot")
        if requested and is_typed_command(tracker):
            return self.typed_command(dispatcher, tracker, requested)
        switched = None if is_payload(tracker) else language_request(tracker)
        if requested and switched is not None:
            besides = asked_besides_language(tracker.latest_message.get("text") or "")
            found, too_large = read_slots(besides, requested) if besides else ({}, ())
            if found and not too_large:
                send_reply(dispatcher, language_switched(switched))
                return [
                    *(SlotSet(slot, value) for slot, value in found.items()),
                    SlotSet(HINT, None),
                ]
        return await super().get_extraction_events(dispatcher, tracker, domain)

    def typed_command(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str
    ) -> list[dict[str, Any]]:
        """A button from elsewhere, or a command typed, at a question: answers nothing (its words
        are no fact), but a topic button's entry is answered; then the question again (at "which
        scheme?" with how to answer it). Every such message there was "not understood", a topic
        button too (p14-028)."""
        said = str(tracker.latest_message.get("text") or "")
        entry_id = command_entry(said)
        if entry_id is not None and entry_id in get_retriever().entries:
            lang = conversation_lang(tracker)
            reply = answer_question(get_retriever(), "", lang, macao_today(), entry_id=entry_id)
            if reply.sources:
                send_reply(dispatcher, without_check_button(reply))
                return ask_again_events(requested, HINT)
        return hint_events(requested, HINT)  # (at "which scheme?" the hint says how to answer)

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
        if ruled_out(facts):
            return []  # a known fact already rules the case out: nothing else would change it
        return list(REQUIRED)

    def extract_events(
        self,
        tracker: Tracker,
        requested: str | None,
        dispatcher: CollectingDispatcher | None = None,
    ) -> list[dict[str, Any]]:
        events = self.read_message(tracker, requested, dispatcher)
        if any(e.get("name") == STOPPED for e in events) or is_payload(tracker):
            return events
        # A deciding fact told with doubt, or not known (「好似俾經濟局取消咗資助」, "not sure,
        # maybe once", 「唔知算唔算取消」): no value is kept for it, so its question is asked (to
        # confirm: AskRepaymentSlot), whatever it was before (p14-032, p14-037, p14-024).
        typed = "" if is_typed_command(tracker) else tracker.latest_message.get("text") or ""
        told = {
            e.get("name") for e in events if e.get("event") == "slot" and e.get("value") is not None
        }
        cleared = [
            SlotSet(slot, None) for slot in doubted_facts(typed, requested) if slot not in told
        ]
        return [*events, *cleared]

    def read_message(
        self,
        tracker: Tracker,
        requested: str | None,
        dispatcher: CollectingDispatcher | None = None,
    ) -> list[dict[str, Any]]:
        # A button's payload is read by its intent, never as words; nor is a command typed.
        payload = is_payload(tracker) or is_typed_command(tracker)
        typed = "" if payload else tracker.latest_message.get("text") or ""
        intent = latest_intent(tracker)
        if dispatcher is not None and typed and (withdrawn := after_ticket_stop(tracker, typed)):
            # 「算了，幫我撤回張單」, "please cancel my ticket, delete my data" while the check runs
            # stopped the check and left the ticket open (p16): the ticket is withdrawn, and the
            # check ends (before the stop words, which would end it only)
            return [SlotSet(STOPPED, ANSWERED), *send_service_reply(dispatcher, tracker, withdrawn)]
        if (
            (intent == "request_human" and requested)
            or wants_staff(typed)
            or asks_staff_to_act(typed)
        ):
            # 「可否轉介予貴局職員跟進？」: the hand-off, not the phone number and this question
            # again, after which the consent, name and phone it asks for were "not understood";
            # "please pass my question on" (NLU: the check) opens no check (probe 6).
            return [SlotSet(STOPPED, HANDOFF)]
        if (
            requested
            and not payload
            and (
                declines_the_check(typed)
                or (at_first_question(tracker) and declines_at(requested) and no_but_nothing(typed))
            )
        ):
            # "I don't want a check. I'm asking what happens if I don't pay." (p12-043), "what??
            # no, I asked where the CEPA Express newsletter is on the website" at the check's
            # first question (p12-035): the check ends, and what they asked is answered.
            return self.left(dispatcher, tracker, typed)
        if requested and (clicked_stop(tracker) or wants_to_stop(typed)):
            return [SlotSet(STOPPED, True)]
        if requested and (says_goodbye(typed) or takes_leave(typed)):
            return [SlotSet(STOPPED, GOODBYE)]  # "thx bye", 「算喇，唔該晒」 leave, as 取消 does
        if requested and (denies_a_loan(typed) or (says_misread(typed) and began_unasked(tracker))):
            return [SlotSet(STOPPED, MISREAD)]  # 「我冇借錢呀 你搞錯咗」 (p10-006)
        if requested and stale_button(tracker, requested):
            return ask_again_events(requested, HINT)
        if dispatcher is not None and not payload and asks_if_rejected_counts(typed):
            # 「俾人拒絕咗嗰次申請計唔計入兩次入面㗎？」 got "not sure" (p16-016): what the
            # newsletter says of the limit, that it says no more, and staff
            reply = rejected_application_reply(conversation_lang(tracker), typed)
            send_reply(dispatcher, reply)
            events = (
                [SlotSet(STOPPED, ANSWERED)]
                if requested is None
                else ask_again_events(requested, HINT)
            )
            return [*events, *unanswered_events(tracker, reply)]
        if (
            dispatcher is not None
            and not payload
            and (about := service_reply(tracker, typed, conversation_lang(tracker)))
        ):
            # "please delete my name and email from the ticket you just made" (NLU: the check),
            # "how old is your information?" while it runs: answered, and no check begun (probe 8)
            send_reply(dispatcher, about)
            if requested is None:
                return [SlotSet(STOPPED, ANSWERED)]
            return ask_again_events(requested, HINT)
        # 「我现在可以申请吗？」 (read by the NLU as a greeting): the measure has ended.
        if (
            dispatcher is not None
            and requested is not None
            and (digression := measure_closed_reply(tracker, typed, intent))
        ):
            send_reply(dispatcher, digression)
            return [*ask_again_events(requested, HINT), *unanswered_events(tracker, digression)]
        if (
            dispatcher is not None
            and requested is not None
            and not payload
            and asks_when_or_where_to_apply(typed)
            and not extract(typed, requested)
        ):
            # 「咁幾時截止㗎」 ("not sure", p10-010), "where do i submit it" (NLU: out of scope, the
            # scope sentence, p10-046): the measure's end, which says whom to ask; the question
            lang = conversation_lang(tracker)
            closed = compose_measure_closed(
                get_retriever().entries[RULE_ENTRIES["outside_period"]], lang
            )
            send_reply(dispatcher, closed)
            return [*ask_again_events(requested, HINT), *unanswered_events(tracker, closed)]
        if requested is None and not payload:
            decided = tracker.get_slot(DECIDED)
            if dispatcher is not None and decided and asks_facts_used(typed):
                # "what date did u use for my instalment?": the facts said back, no new check
                lang = conversation_lang(tracker)
                said = compose_facts_used(typed_facts(decided), lang)
                send_reply(dispatcher, Reply(said, lang))
                return [SlotSet(STOPPED, ANSWERED)]
            revisited = revisited_case(decided, typed)
            if revisited is not None:
                # "sorry, I meant March 2020", 「如果係最後一期呢？」, "so am I eligible or not?"
                # after a decision: decided again from its facts, not asked from the start.
                return [SlotSet(slot, value) for slot, value in revisited.items()]
            if dispatcher is not None and another_topic_only(typed):
                # 「我想問下CITES證書點申請」 (NLU: the check): another topic, no repayment word,
                # so the knowledge base's reply, and no check (p16-034)
                return self.no_check(dispatcher, tracker, typed, follow_up=True)
            if (
                dispatcher is not None
                and looks_like_question(typed)
                and not about_own_case(typed)
                and not wants_own_adjustment(typed)
                and not states_a_case(typed)
                and (
                    answered := answer_digression(tracker, typed, None, follow_up_context(tracker))
                )
                and (intent != "check_repayment_eligibility" or outright(answered))
            ):
                # A question about something, not one's own case: "3.16 billion MOP or USD?" after
                # the trade figures, 「2020年6月1號之後仲有冇再修訂？」 began the check on their
                # number or date (probe 8). The knowledge base's reply, refusal included, unless
                # the NLU read the check itself and the knowledge base is not sure.
                send_reply(dispatcher, answered)
                return [SlotSet(STOPPED, ANSWERED), *unanswered_events(tracker, answered)]
            if (
                dispatcher is not None
                and not wants_own_adjustment(typed)
                and set(extract(typed, None)) <= {"scheme"}
                and (closed := measure_closed_reply(tracker, typed, intent))
            ):
                # 「我想知道青年创业援助计划现在还接受申请吗」 asks whether it is still open, not
                # about a case of one's own: that it has ended, and no check (p9-039).
                send_reply(dispatcher, closed)
                return [SlotSet(STOPPED, ANSWERED), *unanswered_events(tracker, closed)]
            if dispatcher is not None and tells_nothing(typed) and not parse_contact(typed):
                if asks_when_or_where_to_apply(typed):
                    # "so the deadline passed? can i get an exception, my case is special"
                    # (p12-052): the measure's end, which says whom to ask; no check
                    lang = conversation_lang(tracker)
                    closed = compose_measure_closed(
                        get_retriever().entries[RULE_ENTRIES["outside_period"]], lang
                    )
                    send_reply(dispatcher, closed)
                    return [SlotSet(STOPPED, ANSWERED), *unanswered_events(tracker, closed)]
                if not asks_about_the_check(typed) and not wants_own_adjustment(typed):
                    # "where can I find the newsletter online?" (p12-035), "What happens if I
                    # can't pay?" (p12-043), 「唔係13呀 我問公估」 (p12-040), read by the NLU as the
                    # check: nothing of one's case under the measure, so the knowledge base's reply
                    return self.no_check(
                        dispatcher, tracker, typed, follow_up=bool(_WORD.search(typed))
                    )
        if intent in DIGRESSIONS and looks_like_question(typed) and not supposed_slots(typed):
            # A question on a topic is answered, not read for facts: its date or its 係咪 is
            # not the user's (the form rejects; a digression rule answers, then resumes). A case
            # supposed ("what if it was due jan 2021?") is the check's own question.
            return self.scheme_told_before(tracker, requested, {})
        told_due = due_of({"installment_due_date": tracker.get_slot("installment_due_date")})
        found, too_large = read_slots(typed, requested, intent, told_due=told_due)
        correction = None if payload else corrected_month(typed)
        if (
            correction is not None
            and correction[0] is None
            and told_due is not None
            and told_due.month == correction[1]
            and "installment_due_date" not in found
        ):
            # 「唔係八月」: the due date told is taken back, with no other given: asked again
            found["installment_due_date"] = None
        if (
            requested is None
            and found
            and dispatcher is not None
            and not payload
            and not opens_a_check(typed, found, self.on_the_measure(tracker))
        ):
            # "ok and the last one" after the Greater Bay Area measures: no last instalment of a
            # check nobody asked for (p9-052), but the knowledge base's reply
            return self.no_check(dispatcher, tracker, typed, follow_up=True)
        if (
            requested == "installment_due_date"
            and "installment_due_date" not in found
            and (year := year_told_before(tracker)) is not None
            and (dated := with_year(typed, year)) is not None
        ):
            # 「1月尾」 after 「2020年」 (p12-002): the month read in the year told just before
            found.update(read_slots(dated, requested, intent)[0])
        if not found and not too_large and requested is None and about_repayment(typed):
            # 「如果我2020年11月那期已经调整过两次了，12月那期还能再调吗」 begins the check with the
            # case it supposes, which is the user's: not asked for again (p12-034)
            found = supposed_slots(typed)
        if not found and not too_large and requested is not None:
            # "ok what if it was due jan 2021" at the scheme question (it fell to "not sure"):
            # a fact not told yet, supposed, is checked, and one ruling the case out decides it
            # now; a fact told stays as told (「如果到期日是2021年1月…」 after 2020年2月).
            supposed = supposed_slots(typed).items()
            found = {slot: value for slot, value in supposed if tracker.get_slot(slot) is None}
        if requested == "scheme" and "scheme" not in found:
            unknown = self.scheme_unknown(dispatcher, tracker, typed, intent, found)
            if unknown is not None:
                return unknown
        hint_value = TOO_LARGE + too_large[0] if too_large else None
        if not hint_value and (vague := vague_values(typed, requested)):
            hint_value = VAGUE + vague[0]  # 「仲有成十幾期」: the exact number is asked for
        if not hint_value and "installment_amount" not in found:
            unclear = unclear_values(typed, requested)
            hint_value = UNCLEAR + unclear[0] if unclear else None  # 4.500.00: asked again
        if "installment_amount" not in found and in_other_currency(typed):
            hint_value = CURRENCY + "installment_amount"  # HKD 3000: asked again, in patacas
        noting = requested == "scheme" or (
            correction is not None and requested != "installment_due_date"
        )
        if not hint_value and noting and found and requested not in found:
            # told at "which scheme?" instead of it: kept, and said so (p15-028); a month
            # corrected at a yes/no question (「九月唔係八月」): kept, and the question again
            # (p16-028)
            hint_value = NOTED + requested
        hint = SlotSet(HINT, hint_value)
        if found:
            implied = {
                slot: value
                for slot, value in implied_facts(found).items()
                if tracker.get_slot(slot) is None or requested == slot
            }
            told = [SlotSet(slot, value) for slot, value in {**found, **implied}.items()]
            return [*told, *self.scheme_told_before(tracker, requested, found), hint]
        if hint_value:
            if requested:
                return [SlotSet(requested, None), hint]
            return [*self.scheme_told_before(tracker, requested, found), hint]
        if requested is None:
            if dispatcher is not None and parse_contact(typed):
                # A phone number or e-mail out of the blue (「6612 3456」) is no repayment fact:
                # the offer of staff, not the check.
                send_reply(dispatcher, compose_contact_offer(conversation_lang(tracker)))
                return [SlotSet(STOPPED, CONTACT_GIVEN)]
            if (
                dispatcher is not None
                and intent == "inform"
                and looks_like_question(typed)
                and not about_own_case(typed)
                and (
                    answered := answer_digression(tracker, typed, None, follow_up_context(tracker))
                )
            ):
                # A question that states no fact and is not about one's own case, read by the NLU
                # as facts ("how do I repay the rest?", 「咁仲有咩」 after an answer): answered, as
                # a follow-up of that answer, and the check not begun (the fourth probe).
                send_reply(dispatcher, answered)
                return [SlotSet(STOPPED, ANSWERED), *unanswered_events(tracker, answered)]
            if dispatcher is not None and not payload and not_a_repayment(typed, intent):
                # 「15」, 「2020」, "<script>", a film distributor's 「可否在內地設立獨資公司？」:
                # no check (probe 5), but the knowledge base's reply, or the prompt for a question.
                return self.no_check(dispatcher, tracker, typed)
            return self.scheme_told_before(tracker, requested, found)
        answer = answer_to_fact(typed, intent)
        doubted = doubted_facts(typed, requested)
        if doubted and (requested not in doubted or answer is not Answer.DONT_KNOW):
            # 「唔知算唔算取消」 at the adjustments question is no "don't know" of the adjustments
            # (p14-024); 「好似係」 is no yes: the question (the doubted one first) to confirm.
            return ask_again_events(requested, HINT)
        if answer is Answer.DONT_KNOW:
            if requested in OPTIONAL:
                return [SlotSet(requested, SKIPPED), SlotSet(HINT, None)]
            # Never decided on a fact the user does not have, or will not say (「不想说」, read
            # by the NLU as deny, p15-012): where to ask, then the question.
            declined = bool(typed) and declines_to_say(typed)
            return hint_events(
                requested, HINT, (DECLINED if declined else DONT_KNOW_HINT) + requested
            )
        if intent in DIGRESSIONS:
            return []  # the form rejects; a digression rule answers, then the form resumes
        if intent == "check_repayment_eligibility" or payload:
            # asked to start again: already under way. A rule of the measure asked on the way
            # (「咁減完之後仲有幾多期要還」 got the question again, p15-028) is answered first.
            rule = (
                answer_within_check(
                    get_retriever(),
                    typed,
                    conversation_lang(tracker),
                    macao_today(),
                    end_noted=True,
                    intent_confidence=intent_confidence(tracker),
                )
                if dispatcher is not None and not payload and asks_besides_the_check(typed)
                else None
            )
            if rule is not None and dispatcher is not None:
                send_reply(dispatcher, rule)
            return ask_again_events(requested, HINT)
        if is_thanks(typed):
            intent = "thank"  # «obrigado», which the NLU may not read as thanks
        if intent in SMALL_TALK_IN_FORM:
            if dispatcher is not None:  # 你好 · 唔該 · are you a bot: the reply, then the question
                lang = conversation_lang(tracker)
                said = text(f"small_talk.{small_talk_key(intent)}", lang)
                send_reply(dispatcher, Reply(said, lang))
            if intent == "thank" and turned_away(tracker):
                # 「謝謝。」 after questions on other things, none of the check's answered: thanks
                # back, and the check ends; its question had followed every reply (p9-023, p9-044)
                return [SlotSet(STOPPED, ANSWERED)]
            return ask_again_events(requested, HINT)
        if dispatcher is not None and (
            digression := answer_digression(
                tracker, typed, intent, check_context(get_retriever().entries)
            )
        ):
            send_reply(dispatcher, digression)
            return [*ask_again_events(requested, HINT), *unanswered_events(tracker, digression)]
        return hint_events(requested, HINT)

    def scheme_unknown(
        self,
        dispatcher: CollectingDispatcher | None,
        tracker: Tracker,
        typed: str,
        intent: str | None,
        found: dict[str, Any],
    ) -> list[dict[str, Any]] | None:
        """At "which scheme?", an answer that names none: not knowing which (「不清楚」, 「唔知邊個
        計劃呀，有咩分別？」) goes on by the rules the three share, saying so; a question about the
        schemes (「咁三個計劃有咩分別？」) gets what the newsletter says of them, then the question
        again. Either was a "not one of the three schemes" verdict (p14-028, p14-043); None for
        any other message."""
        lang = conversation_lang(tracker)
        told = [SlotSet(slot, value) for slot, value in found.items()]
        dont_know = (is_payload(tracker) and intent == "dont_know") or (
            bool(typed)
            and (is_dont_know(typed) or declines_to_say(typed))
            and not doubted_facts(typed, "scheme")
        )
        if dont_know:
            if dispatcher is not None:
                send_reply(dispatcher, Reply(text("form.scheme_unsure", lang), lang))
            return [*told, SlotSet("scheme", UNKNOWN_SCHEME), SlotSet(HINT, None)]
        if typed and asks_about_schemes(typed):
            if dispatcher is not None:
                send_reply(dispatcher, Reply(text("form.scheme_info", lang), lang))
            return [*told, *ask_again_events("scheme", HINT)]
        return None

    def scheme_told_before(
        self, tracker: Tracker, requested: str | None, found: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """As the check begins: the scheme the user named before it began, or in the message
        that began it as a case supposed (「如果调整还款的话…」), which is not asked for again
        (p9-002, p9-033, p9-046); nothing once it runs or when the scheme is known."""
        if requested is not None:
            return []
        before = [
            SlotSet(slot, value)
            for slot, value in amounts_told_before(tracker).items()
            if slot not in found and tracker.get_slot(slot) is None
        ]
        if "scheme" in found or tracker.get_slot("scheme"):
            return before
        told = scheme_told(typed_texts(tracker))
        return before if told is None else [SlotSet("scheme", told), *before]

    def on_the_measure(self, tracker: Tracker) -> bool:
        """Whether the conversation is on the repayment measure: a decision made, or the last
        answers (or the check itself) on it."""
        context = follow_up_context(tracker)
        return bool(tracker.get_slot(DECIDED)) or (
            context is not None and context.topic == CHECK_TOPIC
        )

    def left(
        self, dispatcher: CollectingDispatcher | None, tracker: Tracker, typed: str
    ) -> list[dict[str, Any]]:
        """The check left by refusing it, or by a no at its first question: the question that
        began it wrongly, when it asked one about something else, or else what the message asks
        besides, is answered (the knowledge base's reply, after saying the check has stopped);
        else "I misunderstood"."""
        if dispatcher is None:
            return [SlotSet(STOPPED, MISREAD)]
        lang = conversation_lang(tracker)
        began = began_with(tracker) or ""
        wrongly = "" if asks_about_the_check(began) else began
        for asked in (wrongly, without_refusal(typed)):
            if not asked or not looks_like_question(asked) or about_own_case_check(asked):
                continue
            answered = answer_digression(tracker, asked, None, None)
            if answered is not None:
                send_reply(dispatcher, Reply(text("form.left", lang), lang))
                send_reply(dispatcher, answered)
                return [SlotSet(STOPPED, ANSWERED), *unanswered_events(tracker, answered)]
        return [SlotSet(STOPPED, MISREAD)]

    def no_check(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        typed: str,
        follow_up: bool = False,
    ) -> list[dict[str, Any]]:
        """A message that begins no check: the knowledge base's reply to it (to any message read
        as a `follow_up` of the previous answer), or the prompt for a question (a bare number is
        no follow-up of the previous answer, which it would repeat)."""
        lang = conversation_lang(tracker)
        answered = None
        if follow_up or looks_like_question(typed) or place_named_alone(typed):
            # ("the second one" after the list of measures: NLU, facts)
            answered = answer_digression(tracker, typed, None, follow_up_context(tracker))
        reply = answered or Reply(text("small_talk.prompt", lang), lang)
        send_reply(dispatcher, reply)
        return [SlotSet(STOPPED, ANSWERED), *unanswered_events(tracker, reply)]


def began_unasked(tracker: Tracker) -> bool:
    """Whether this run of the check began on a message that spoke of no repayment and told none
    of its facts (「我想自己開間鑽石公司 仲使唔使其他牌」, which the NLU read as the check: p10-006)."""
    began = max(
        (
            i
            for i, e in enumerate(tracker.events)
            if e.get("event") == "active_loop" and e.get("name") == FORM
        ),
        default=-1,
    )
    said = next(
        (
            str(e.get("text") or "")
            for e in reversed(tracker.events[:began])
            if e.get("event") == "user"
        ),
        None,
    )
    if said is None or said.startswith("/"):
        return False  # (a button asks for the check)
    return not (about_repayment(said) or wants_own_adjustment(said) or extract(said, None))


# A letter of any script: a message with none ("15", "2020") is no follow-up of an answer.
_WORD = re.compile(r"[^\W\d_]")


def tells_nothing(typed: str) -> bool:
    """Whether `typed` tells no fact of the check, exactly or roughly, nor supposes one."""
    found, too_large = read_slots(typed, None)
    return not (
        found or too_large or vague_values(typed, None) or supposed_slots(typed)
        or in_other_currency(typed)
    )  # fmt: skip


def about_own_case_check(asked: str) -> bool:
    """Whether `asked` asks the check's own question (a case of one's own under the measure),
    which leaving the check must not answer with an article."""
    return wants_own_adjustment(asked) or bool(extract(asked, None))


# Questions a check with a bare no at them cannot take as an answer (a no answers a yes/no
# question, and "no" adjustments is none).
_NO_ANSWERS = frozenset({"is_last_installment", "grant_cancelled", "adjustments_used"})


def declines_at(requested: str) -> bool:
    return requested not in _NO_ANSWERS


def no_but_nothing(typed: str) -> bool:
    """A no that tells no fact of the check and no doubt: 「唔係，係青創」 and "no, May 2020"
    correct or answer, "no, not sure" does not know."""
    return says_no(typed) and not is_dont_know(typed) and tells_nothing(typed)


def _runs(tracker: Tracker) -> tuple[int, list[dict[str, Any]]]:
    """The index of this run's activation of the form (-1 when not logged yet) and the events."""
    events = tracker.events
    began = max(
        (
            i
            for i, e in enumerate(events)
            if e.get("event") == "active_loop" and e.get("name") == FORM
        ),
        default=-1,
    )
    return began, events


def at_first_question(tracker: Tracker) -> bool:
    """Whether the latest message answers this run's first question: it is the only message
    since the form began."""
    began, events = _runs(tracker)
    if began < 0:
        return False
    return sum(1 for e in events[began + 1 :] if e.get("event") == "user") == 1


def began_with(tracker: Tracker) -> str | None:
    """The typed message that began this run of the check (None for a button)."""
    began, events = _runs(tracker)
    said = next(
        (str(e.get("text") or "") for e in reversed(events[:began]) if e.get("event") == "user"),
        None,
    )
    return None if said is None or said.startswith("/") else said


def year_told_before(tracker: Tracker) -> int | None:
    """The one year the message before the latest named (「2020年」 before 「1月尾」), in this
    run of the check or in the message that began it (「咁2020年初嗰陣…想check下」)."""
    began, events = _runs(tracker)
    users = [e for e in events[max(began, 0) :] if e.get("event") == "user"]
    earlier = users[-2].get("text") if len(users) >= 2 else began_with(tracker)
    previous = str(earlier or "")
    return None if previous.startswith("/") else lone_year(previous)


# How many of the user's messages before a check began are read for its amounts.
EARLIER_MESSAGES = 3


def amounts_told_before(tracker: Tracker) -> dict[str, Any]:
    """The instalment and the instalments left, told about one's repayment in the few messages
    before the check began (「我而家每期還5000 如果申請調整…」, 「…仲有4期」, then 「幫我計下啦」:
    the check asked whether it was the last instalment, p12-051), and what they imply. Only
    facts that rule nothing out: a verdict never rests on what a question before the check
    supposed. Not past a decision, the hand-off or another company's case."""
    texts: list[str] = []
    latest_seen = False
    for event in reversed(tracker.events):
        decided = event.get("event") == "slot" and event.get("name") == DECIDED
        handoff = event.get("event") == "active_loop" and event.get("name") == HANDOFF_FORM
        if (decided and event.get("value")) or handoff or len(texts) >= EARLIER_MESSAGES:
            break  # (a check that stopped as it began, answering a question instead, is none)
        if event.get("event") != "user":
            continue
        if not latest_seen:
            latest_seen = True  # the message that begins the check, read by the form itself
            continue
        if not str(event.get("text") or "").startswith("/"):
            texts.append(str(event.get("text") or ""))
    found: dict[str, Any] = {}
    for said in reversed(texts):  # oldest first: a later message's value wins
        if another_case(said):
            break  # another company's case, or a scheme not covered: not this one's
        if not about_repayment(said) or asks_facts_used(said):
            continue
        told = read_slots(said, None)[0] or supposed_slots(said)
        amount = told.get("installment_amount")
        if amount not in (None, SKIPPED) and Decimal(str(amount)) > ADJUSTED_INSTALMENT:
            found["installment_amount"] = amount
        if isinstance(told.get("remaining_installments_after"), int):
            found["remaining_installments_after"] = told["remaining_installments_after"]
    return {**found, **implied_facts(found)}


def ruled_out(facts: dict[str, Any]) -> bool:
    """Whether the facts known so far already rule the case out."""
    try:
        return not decide(partial_case(facts)).eligible
    except ValueError:  # a value stored before the bounds existed: ask for it all
        return False


def run_texts(tracker: Tracker) -> list[str]:
    """What the user typed in this run of the check, the message that began it included."""
    began, events = _runs(tracker)
    start = max(
        (i for i, e in enumerate(events[: max(began, 0)]) if e.get("event") == "user"), default=0
    )
    return [
        str(e.get("text") or "")
        for e in events[start:]
        if e.get("event") == "user"
        and not str(e.get("text") or "").startswith("/")
        and not (e.get("metadata") or {}).get("typed_command")
    ]


def doubted_before(tracker: Tracker, slot: str) -> bool:
    """Whether a message of this run told `slot` with doubt or said it was not known."""
    return any(slot in doubted_facts(said) for said in run_texts(tracker))


# A button's payload typed or sent from elsewhere: `ask_gba_measures{"kb_entry":"gba-…"}`.
_COMMAND_ENTRY = re.compile(r'"kb_entry"\s*:\s*"([\w-]+)"')


def command_entry(said: str) -> str | None:
    """The knowledge entry a topic button's payload names, or None."""
    found = _COMMAND_ENTRY.search(said)
    return found.group(1) if found else None


def first_question(tracker: Tracker) -> bool:
    """Whether the bot has said nothing since this run of the form began (the form's activation
    is among the events Rasa sends with its first question)."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return False
        if event.get("event") == "active_loop" and event.get("name") == FORM:
            return True
    return False


class AskRepaymentSlot(AskSlot):
    hint_slot = HINT

    def question(self, tracker: Tracker, lang: Lang) -> str:
        question = text(f"form.question.{self.slot}", lang)
        hint = str(tracker.get_slot(HINT) or "")
        bounded = hint.removeprefix(TOO_LARGE) if hint.startswith(TOO_LARGE) else None
        if bounded is not None and bounded in BOUNDS:
            question = f"{text(f'form.too_large.{bounded}', lang)} {question}"
        elif hint.startswith(CURRENCY):
            question = f"{text('form.not_patacas', lang)} {question}"
        elif hint == UNCLEAR + "installment_amount" and self.slot == "installment_amount":
            question = f"{text('form.unclear_amount', lang)} {question}"
        elif hint.startswith(VAGUE) and (rough := hint.removeprefix(VAGUE)) in VAGUE_SLOTS:
            question = f"{text(f'form.vague.{rough}', lang)} {question}"
        elif (
            self.slot in DOUBTABLE
            and hint != DONT_KNOW_HINT + self.slot
            and doubted_before(tracker, self.slot)
        ):
            # told with doubt (「好似俾經濟局取消咗資助」): asked to be confirmed, not assumed
            question = f"{text('form.unsure_fact', lang)}{question}"
        if hint == DECLINED + self.slot:
            # declined (「不方便讲」): no answer, so no verdict without it; where to ask; Cancel
            question = f"{text('form.declined', lang)}{text('form.dont_know', lang)}\n{question}"
        elif hint == NOTED + self.slot:
            question = f"{text('form.noted', lang)}{question}"
        return question

    def preface(self, tracker: Tracker, lang: Lang) -> Reply | None:
        """Before the check's first question: today, that the measure has ended (a business
        asking about its case hears it before any question or amount), then the rule the user's
        message asked about when the knowledge base states it ("I have adjusted once, can I apply
        again?"), so that it is not passed over. A message that asks nothing but whether one's
        repayment can be adjusted gets no article: the check answers that (「check下我可唔可以調整
        還款」 got three, the application statistics among them: p10-004)."""
        if not first_question(tracker):
            return None
        today = macao_today()
        ended = not measure_open(today)
        asked = tracker.latest_message.get("text") or ""
        rule = (
            None
            if is_payload(tracker) or not asks_besides_the_check(asked)
            else answer_within_check(get_retriever(), asked, lang, today, end_noted=ended)
        )
        parts = ([text("form.ended_intro", lang)] if ended else []) + ([rule.text] if rule else [])
        return Reply("\n\n".join(parts), lang, [], rule.sources if rule else []) if parts else None


# Named classes (not generated ones): the action server's workers must be able to pickle them.
class AskScheme(AskRepaymentSlot):
    slot = "scheme"
    # "don't know which" goes on by the rules the three schemes share (a button to say so)
    dont_know_button = True

    def hint(self, lang: Lang) -> str:
        """How to answer: a button, the scheme's name, or "not sure" (p14-028: every other input
        got "not understood" again)."""
        return text("form.hint_scheme", lang)

    def answer_buttons(self, lang: Lang) -> list[Button]:
        labels = [text(f"scheme.{scheme}", lang) for scheme in SCHEME_BUTTONS]
        return [*(Button(label, label) for label in labels), *super().answer_buttons(lang)]


class AskDueDate(AskRepaymentSlot):
    slot = "installment_due_date"


class AskIsLast(AskRepaymentSlot):
    slot = "is_last_installment"
    yes_no = True
    dont_know_button = True


class AskGrantCancelled(AskRepaymentSlot):
    slot = "grant_cancelled"
    yes_no = True
    dont_know_button = True


class AskAdjustmentsUsed(AskRepaymentSlot):
    slot = "adjustments_used"


class AskAmount(AskRepaymentSlot):
    slot = "installment_amount"


class AskRemaining(AskRepaymentSlot):
    slot = "remaining_installments_after"


def typed_facts(slots: dict[str, Any]) -> dict[str, Any]:
    """The check's facts as kept in slots (ISO dates, amounts as strings, "skipped"), typed, in
    the order the check asks them; None for a fact not given."""
    due = slots.get("installment_due_date")
    amount = slots.get("installment_amount")
    facts = {slot: slots.get(slot) for slot in REQUIRED}
    facts["installment_due_date"] = None if due is None else dt.date.fromisoformat(str(due))
    facts["installment_amount"] = None if amount in (None, SKIPPED) else Decimal(str(amount))
    if facts["remaining_installments_after"] == SKIPPED:
        facts["remaining_installments_after"] = None
    return facts


def partial_case(slots: dict[str, Any]) -> Case:
    """The case from the facts known so far; an unknown fact takes the one value that rules
    nothing out, so the decision's reasons are all facts the user gave."""
    amount = slots.get("installment_amount")
    remaining = slots.get("remaining_installments_after")
    due = slots.get("installment_due_date")
    adjustments = slots.get("adjustments_used")
    scheme = slots.get("scheme")
    return Case(
        scheme=NEUTRAL_SCHEME if scheme in (None, UNKNOWN_SCHEME) else str(scheme),
        installment_due_date=LAST_DUE_DATE if due is None else dt.date.fromisoformat(str(due)),
        is_last_installment=bool(slots.get("is_last_installment")),
        grant_cancelled=bool(slots.get("grant_cancelled")),
        adjustments_used=0 if adjustments is None else int(adjustments),
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
        if stopped := tracker.get_slot(STOPPED):
            if stopped == HANDOFF:
                return [*reset, FollowupAction(HANDOFF_FORM)]
            if stopped == GOODBYE:
                send_reply(dispatcher, Reply(text("small_talk.goodbye", lang), lang))
                return reset
            if stopped == MISREAD:
                send_reply(dispatcher, Reply(text("form.misread", lang), lang))
                return reset
            if stopped not in (CONTACT_GIVEN, ANSWERED):  # that turn had its own reply
                send_reply(dispatcher, Reply(text("form.stopped", lang), lang))
            return reset
        slots = {slot: tracker.get_slot(slot) for slot in (*REQUIRED, "repayment_completed")}
        # Every mandatory fact, or those that already rule the case out (partial_case).
        decision = decide(partial_case(slots))
        entries = get_retriever().entries
        sources = [
            {"id": entry_id, "title": entries[entry_id].title.get(lang)}
            for entry_id in decision.cited_entries
        ]
        case = partial_case(slots)
        due = case.installment_due_date if slots.get("installment_due_date") else None
        unknown = slots.get("scheme") == UNKNOWN_SCHEME
        # a rejected application counted towards the limit: said so, and staff offered (p16-016)
        rejected = "adjustment_limit_reached" in decision.reason_codes and any(
            mentions_rejected_application(said) for said in typed_texts(tracker)
        )
        typed = compose_decision(
            decision, lang, macao_today(), due, scheme_unknown=unknown, rejected_counted=rejected
        )
        buttons = [Button(text("button.handoff", lang), HANDOFF_PAYLOAD)] if rejected else []
        send_reply(dispatcher, Reply(typed, lang, buttons, sources, handoff_offered=rejected))
        if supposed_slots(tracker.latest_message.get("text") or ""):
            return reset  # "what if it was the last instalment?": the case told stays the case
        decided = {slot: value for slot, value in slots.items() if value is not None}
        return [*reset, SlotSet(DECIDED, decided)]


def rejected_application_reply(lang: Lang, asked: str) -> Reply:
    """Whether a rejected application counts towards the limit: what the newsletter says of the
    limit (its entry cited), that it says no more, and the offer of staff, who get `asked`."""
    entry = get_retriever().entries[RULE_ENTRIES["adjustment_limit_reached"]]
    return Reply(
        text("repayment.rejected_application_rule", lang),
        lang,
        [Button(text("button.handoff", lang), HANDOFF_PAYLOAD)],
        [{"id": entry.id, "title": entry.title.get(lang)}],
        handoff_offered=True,
        unanswered=(asked,),
    )
