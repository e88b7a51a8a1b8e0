"""Passing a question to staff: privacy notice and consent, name, contact, question → a ticket.

The gateway owns tickets and their e-mails (handoff/): this action files the ticket through the
gateway's internal API and never touches the database. A conversation opens at most
MAX_TICKETS_PER_DAY tickets a Macao day (the gateway enforces it); the channel is read from the
conversation id the gateway prefixes (`web:`, `tg:`, `api:`), never from client metadata.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import (
    LAST_UNANSWERED,
    conversation_lang,
    follow_up_context,
    intent_confidence,
    previous_turn,
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
    EDIT,
    MAX_NAME_LENGTH,
    WITHDRAW,
    Answer,
    after_ticket_request,
    asks_about_own_data,
    asks_about_privacy,
    asks_for_others_data,
    asks_if_one_contact_enough,
    asks_if_withdrawn,
    asks_question_only,
    asks_to_withdraw,
    declines_name,
    declines_one_contact,
    introduced_name,
    is_aside,
    is_bare_answer,
    is_bare_name,
    is_closing,
    looks_like_question,
    names_its_subject,
    numbered_part,
    only_contact,
    opening_answer,
    parse_contact,
    parse_name,
    read_answer,
    says_already_told,
    says_goodbye,
    says_not_agreed,
    split_contact_message,
    wants_staff,
    withdraws_consent,
    withdraws_the_ticket,
    withholds_details,
)
from actions.repayment_slots import wants_to_stop
from actions.service_questions import (
    cannot_edit,
    declined_reply,
    filed_references,
    live_references,
    privacy_reply,
    service_reply,
    withdraw_tickets,
    withdrawal_state,
)
from bot.settings import ActionServerSettings
from handoff.client import DailyLimit, HandoffClient, HandoffUnavailable
from handoff.contract import HANDOFF_ENDED, MAX_TICKETS_PER_DAY, REDACTED_TEXT, TicketRequest
from handoff.text import MAX_QUESTION_LENGTH, MAX_TRANSCRIPT_TURNS, MAX_TURN_LENGTH, text_lines
from knowledge.answer import Reply
from knowledge.language import LANGS, Lang
from knowledge.messages import text
from knowledge.schema import topic_for_intent
from knowledge.service import question_parts

logger = logging.getLogger(__name__)
FORM = HANDOFF_FORM
SLOTS = ("handoff_consent", "contact_name", "contact_detail", "handoff_question")
STOPPED = "handoff_stopped"
# STOPPED's value when the message that opened the hand-off was answered instead: no "declined".
ANSWERED = "answered"
HINT = "handoff_hint"
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
            # "I need a human. I'm Mary Lee, email …, my question: …": kept for after consent
            # (stored only once consent is given); its question is read back for a yes.
            if details := _details_events(typed) or _earlier_details(tracker, typed):
                return details
            if numbered := _numbered_question(tracker, typed):
                # 「第3个转给职员吧」 after a pasted e-mail (p12-014): that question, offered
                return [SlotSet(LAST_UNANSWERED, numbered)]
            if names_its_subject(typed):
                # 「…專人跟進本公司關於CEPA原產地證書之申請事宜」 is the question to pass on: the
                # question step offers it (p9-029 was asked to write it again).
                return [SlotSet(LAST_UNANSWERED, typed[:MAX_QUESTION_LENGTH])]
            if name := introduced_name(typed):
                return [SlotSet("contact_name", name)]  # 「我想搵職員，我叫陳大文」
            return []
        if (
            dispatcher is not None
            and typed
            and (after := _about_the_ticket(tracker, requested, typed))
        ):
            # 「我已經轉咗喇…我只係想改電話」, 「成張單撤回咗佢」 inside a new hand-off while a ticket of
            # this conversation is open (p16-005: 「不是，我已经提交过了，我只是要删微信号」 at the
            # consent got "nothing will be collected", the ticket kept): the ticket's matter first
            reply, events = after
            send_reply(dispatcher, reply)
            return events
        if dispatcher is not None and asks_if_one_contact_enough(typed):
            # 「一定要留電話咩？…可唔可以淨係留email」 (p12-033) ended the hand-off as a refusal:
            # either is enough, and the same step again (with the e-mail, if it came along)
            send_reply(dispatcher, Reply(text("handoff.one_contact_enough", lang), lang))
            if requested == "contact_detail" and (contact := parse_contact(typed)):
                return [SlotSet(requested, contact), SlotSet(HINT, None)]
            return ask_again_events(requested, HINT)
        if requested == "contact_detail" and dispatcher is not None:
            # 「email都唔想俾，可唔可以淨係留個問題？」 (p14-034: "still cannot answer"): what is
            # possible; 「唔想俾電話」 (p14-034: the hand-off ended): the other one is enough.
            key = (
                "handoff.contact_needed"
                if asks_question_only(typed)
                else "handoff.one_contact_enough"
                if declines_one_contact(typed) and not parse_contact(typed)
                else None
            )
            if key and not (asks_to_withdraw(typed) or withdraws_consent(typed)):
                # (「唔想你哋有我電話，撤回啦」 takes it all back, p15-019: below)
                send_reply(dispatcher, Reply(text(key, lang), lang))
                return ask_again_events(requested, HINT)
        if requested == "handoff_consent" and _asks_for_staff(tracker, typed):
            # 「算了，给我转人工」: yes
            return [SlotSet(requested, True), SlotSet(HINT, None), *_read_back(tracker)]
        if (
            dispatcher is not None
            and requested == "contact_name"
            and declines_name(typed)
            and not _alias_explained(tracker)
        ):
            # "I don't want to give my name", «Prefiro não dizer o meu nome» ended the hand-off,
            # and a name typed after it got "still cannot answer" (p14-013, p14-031): any name
            # will do, said once; declined again, the hand-off stops as before.
            send_reply(dispatcher, Reply(text("handoff.name_alias", lang), lang))
            return ask_again_events(requested, HINT)
        if withdraws_consent(typed) or withholds_details(typed) or asks_to_withdraw(typed):
            # 「考慮後，本人撤回同意，請勿保留我的姓名及電郵。」 at the question (p12-041: ignored,
            # and then the withdrawal filed as the question): stop, and keep nothing, not even
            # the question offered.
            if dispatcher is not None and (privacy := privacy_reply(typed, lang)):
                send_reply(dispatcher, privacy)
            kept = withdraws_consent(typed) and tracker.get_slot(LAST_UNANSWERED)
            return [SlotSet(STOPPED, True), *([SlotSet(LAST_UNANSWERED, None)] if kept else [])]
        if (
            clicked_stop(tracker)
            or wants_to_stop(typed)
            or (requested == "contact_name" and declines_name(typed))
        ):
            # 「我唔想留名喇」, 「唔同意 唔好記我嘢」 (p10-016), "actually no, I changed my mind,
            # don't keep my name" (p10-058) at any step: nothing more is asked, nothing is kept.
            # 「唔講得」, 「匿名」, "I'd rather not say" at the name likewise (probe 11: stored as
            # the name, looped or cancelled by language); the notice said the name is needed, and
            # "declined" gives the bureau's phone and e-mail instead.
            # A privacy question asked with it ("no! cancel. delete what I wrote") is answered.
            if dispatcher is not None and (privacy := privacy_reply(typed, lang)):
                send_reply(dispatcher, privacy)
            return [SlotSet(STOPPED, True)]
        if requested != "handoff_consent" and says_not_agreed(typed):
            # 「我都未答應你 我問緊你資料點處理」 at the name (p10-016): the privacy answer when
            # asked, then the consent question again; nothing given since is kept.
            if dispatcher is not None and (privacy := privacy_reply(typed, lang)):
                send_reply(dispatcher, privacy)
            cleared = ("handoff_consent", "contact_name", "contact_detail", requested)
            return [*(SlotSet(slot, None) for slot in dict.fromkeys(cleared)), SlotSet(HINT, None)]
        if requested in ("contact_name", "contact_detail") and (
            is_closing(typed) or (is_bare_answer(typed) and _answer(tracker) is Answer.NO)
        ):
            return [SlotSet(STOPPED, True)]  # "thanks, bye" or "no" is nobody's name or contact
        if stale_button(tracker, requested):
            return ask_again_events(requested, HINT)
        if dispatcher is not None and (pressed := button_answer(tracker)):
            send_reply(dispatcher, pressed)  # a topic button of an earlier answer
            return ask_again_events(requested, HINT)
        if (
            dispatcher is not None
            and requested != "handoff_question"
            and (declined := _decline_and_answer(tracker, typed, dispatcher))
        ):
            return declined
        if dispatcher is not None and (privacy := privacy_reply(typed, lang)):
            # 「你哋會點用我啲資料？」 at the privacy notice, 「個人資料將保存多久？」 for the
            # question, "can you show me what the previous user asked?": what is kept and why (or
            # that others' conversations are not shown), then the same step.
            send_reply(dispatcher, privacy)
            return ask_again_events(requested, HINT)
        if requested == "handoff_consent" and (given := _consent_with_details(tracker, typed)):
            return given
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
            if is_bare_name(typed) and read_answer(typed, None) is None:
                # 「张伟」 to 「你是否同意？」 (NLU: yes, p14-040) is a name, no consent yet
                return hint_events(requested, HINT)
            if answer is Answer.DONT_KNOW:
                return hint_events(requested, HINT, DONT_KNOW_HINT + requested)
            if says_goodbye(typed) or (answer is None and latest_intent(tracker) == "goodbye"):
                # 「拜拜」 to the privacy notice, and 「得喇，早唞」, "ok bye" (p16-030: the name was
                # asked): leaving is no consent, and nothing is collected
                answer = Answer.NO
            value = None if answer is None else answer is Answer.YES
        elif requested == "contact_name":
            # "yes" (to a question asked before) is nobody's name
            value = None if is_bare_answer(typed) else parse_name(typed)
        elif requested == "contact_detail":
            value = parse_contact(typed)
            if value is None and dispatcher is not None and _is_question_for_staff(tracker, typed):
                # 「内地企业在澳门设公司后能否…」 where the contact was asked (p14-040: lost, and
                # the first message filed instead): offered at the question step
                send_reply(dispatcher, Reply(text("handoff.question_noted", lang), lang))
                question = typed[:MAX_QUESTION_LENGTH]
                return [SlotSet(LAST_UNANSWERED, question), *ask_again_events(requested, HINT)]
        elif requested == "handoff_question":
            earlier = offered_question(tracker)
            question = "\n".join(text_lines(typed))
            if (contact := only_contact(typed)) is not None:
                # 「62887711」 after the contact was asked (in Chinese numerals): filed as the
                # question (p15-006). Nobody's question; a contact other than the one noted
                # corrects it.
                corrected = contact != tracker.get_slot("contact_detail")
                return [
                    *([SlotSet("contact_detail", contact)] if corrected else []),
                    *hint_events(requested, HINT),
                ]
            if earlier and (_answer(tracker) is Answer.YES or says_already_told(typed)):
                value = earlier  # 「頭先講咗」 (p10-017): the question the request asked
            elif numbered := _numbered_question(tracker, typed):
                value = numbered  # 「就是邮件里第3个问题啊」 (p12-014): that question's words
            elif len(question.strip()) >= 2 and not (
                is_bare_answer(typed)
                or says_already_told(typed)
                # "ok pass it to staff pls" (p12-031) asks for staff, it is no question for them
                or (wants_staff(typed) and not names_its_subject(typed))
            ):
                value = question  # a bare yes or no is no question for staff
        if value is None:
            return hint_events(requested, HINT)
        read_back = _read_back(tracker) if requested == "handoff_consent" and value else []
        return [SlotSet(requested, value), SlotSet(HINT, None), *read_back]


def _about_the_ticket(
    tracker: Tracker, requested: str, typed: str
) -> tuple[Reply, list[dict[str, Any]]] | None:
    """At a step of a hand-off while a ticket this conversation filed is still open: a
    withdrawal withdraws it and ends this hand-off too; a question whether it was withdrawn gets
    its state and the step again; one detail to change, at the consent question (the user is
    giving none yet), hears that a filed ticket cannot be edited here, and this hand-off ends.
    None for any other message, or without an open ticket."""
    if not live_references(tracker):
        return None
    if asks_if_withdrawn(typed):
        return withdrawal_state(tracker), ask_again_events(requested, HINT)
    request = after_ticket_request(typed)
    if request == WITHDRAW and withdraws_the_ticket(typed):
        # (「唔好留我個名」 alone may be about this hand-off: it stops, and the reply says the
        # ticket is still kept and how to withdraw it)
        return withdraw_tickets(tracker, filed_references(tracker)), [SlotSet(STOPPED, ANSWERED)]
    if request == EDIT and requested == "handoff_consent":
        return cannot_edit(tracker), [SlotSet(STOPPED, ANSWERED)]
    return None


def _alias_explained(tracker: Tracker) -> bool:
    """Whether the bot's turn before the latest message said that any name will do."""
    said = [str(e.get("text") or "") for e in previous_turn(tracker) if e.get("event") == "bot"]
    return any(text("handoff.name_alias", lang) in s for s in said for lang in LANGS)


def _is_question_for_staff(tracker: Tracker, typed: str) -> bool:
    """A question typed at a step, which could be the one to pass on."""
    # (「…能否以澳门服务提供者身份进入内地市场」 has no question mark: the NLU's topic tells)
    asks = looks_like_question(typed) or topic_for_intent(latest_intent(tracker)) is not None
    return (
        len(typed) >= MIN_QUESTION
        and asks
        and not asks_about_privacy(typed)
        and not asks_about_own_data(typed)
        and not wants_staff(typed)
    )


# Shorter than this (characters), a message typed at the contact step is no question for staff.
MIN_QUESTION = 8


def offered_question(tracker: Tracker) -> str | None:
    """The earlier question the question step offers, unless it is no question for staff: the
    contact ("ok: jon.doe@gmail.com", p14-013), the name ("Maria", p14-031), a question about
    one's data (「咁如果我之後想刪走點算」, p14-038)."""
    earlier = tracker.get_slot(LAST_UNANSWERED)
    if not earlier or earlier == REDACTED_TEXT:
        return None  # (what the gateway redacted is no question to offer)
    earlier = str(earlier)
    names = {str(tracker.get_slot(s) or "").casefold() for s in ("contact_name", "contact_detail")}
    without_contact = earlier
    if contact := parse_contact(earlier):
        without_contact = re.sub(r"\S*@\S*|[+\d][\d\s()+-]{6,}\d", " ", earlier)
    words = re.sub(
        r"[\W_]|\b(?:ok|okay|email|e-mail|mail|phone|tel)\b", "", without_contact, flags=re.I
    )
    if (
        earlier.strip().casefold() in names
        or (contact and len(words) < MIN_QUESTION)
        or asks_about_privacy(earlier)
        or asks_about_own_data(earlier)
        or is_bare_name(earlier)
    ):
        return None
    return earlier


def _asks_for_staff(tracker: Tracker, typed: str) -> bool:
    """Asking for a person at the consent question, which is a yes: in words (「算了，给我转人工」),
    or as the NLU read it, unless it asks something (「你哋d資料會俾邊個睇 會唔會賣俾人」, NLU: a
    person at 0.49, was taken as consent, p10-016)."""
    if withholds_details(typed):
        return False  # 「唔好轉交職員」
    if wants_staff(typed):
        return True
    asks = looks_like_question(typed) or asks_about_privacy(typed) or asks_for_others_data(typed)
    return latest_intent(tracker) == "request_human" and not asks


def _consent_with_details(tracker: Tracker, typed: str) -> list[dict[str, Any]]:
    """Consent with the details given in the same message, as slot events; [] for a message
    that says no yes, or gives no name or contact. 「得 我叫黃小姐 電話62223333」 (p10-017) and "sure thing,
    I'm Maria Santos, maria.santos@example.com, I want to know…" (p10-050) were asked for the
    name, the contact and the question again."""
    opening, _rest = opening_answer(typed)
    if Answer.YES not in (opening, _answer(tracker)):
        return []
    details = _details_events(typed)
    if not details and (name := introduced_name(typed)):
        details = [SlotSet("contact_name", name)]
    if not details:
        return []
    if any(e["name"] == STOPPED for e in details):
        return details  # 「可以，名字就不留了，电话…」: the name declined
    asked_now = any(e["name"] == "handoff_question" for e in details)
    read_back = [] if asked_now else _read_back(tracker)
    return [SlotSet("handoff_consent", True), *details, SlotSet(HINT, None), *read_back]


def _decline_and_answer(
    tracker: Tracker, typed: str, dispatcher: CollectingDispatcher
) -> list[dict[str, Any]]:
    """A no, and a question after it: 「唔使住 我想知邊個部門搞澳門產品優質認證」 at the consent
    question got "nothing will be collected", and the question was dropped (p10-018). Now no
    hand-off, and the question answered; [] (nothing said) for any other message."""
    opening, rest = opening_answer(typed)
    if opening is not Answer.NO or not looks_like_question(rest):
        return []
    lang = conversation_lang(tracker)
    privacy = privacy_reply(rest, lang)
    answered = privacy or answer_digression(tracker, rest, latest_intent(tracker))
    if answered is None:
        return []
    send_reply(dispatcher, declined_reply(tracker, lang))
    send_reply(dispatcher, answered)
    return [SlotSet(STOPPED, ANSWERED), *([] if privacy else unanswered_events(tracker, answered))]


def _details_events(typed: str) -> list[dict[str, Any]]:
    """Name, contact and question given in one message holding a contact, as slot events; a
    name declined with them (「可以，名字就不
    留了，电话66778899，问题是…」, p12-045: stored as the name) stops the hand-off as a declined
    name does at the name step, in every language, and nothing is kept."""
    details = split_contact_message(typed)
    if details is None:
        return []
    if details.declined_name:
        return [SlotSet(STOPPED, True)]
    values = {
        "contact_name": details.name,
        "contact_detail": details.contact,
        "handoff_question": details.question and details.question[:MAX_QUESTION_LENGTH],
    }
    return [SlotSet(slot, value) for slot, value in values.items() if value]


def _read_back(tracker: Tracker) -> list[dict[str, Any]]:
    """At the consent, a question kept from the request message is offered for a yes at the
    question step rather than filed unread (p12-007: 「幫我問下…還款，我叫李家明」 was filed, and
    the question asked dropped; p12-031: "ok pass it to staff pls. name is Tom")."""
    earlier = tracker.get_slot("handoff_question")
    if not earlier:
        return []
    return [SlotSet("handoff_question", None), SlotSet(LAST_UNANSWERED, earlier)]


def _earlier_user_texts(tracker: Tracker) -> list[str]:
    """What the user typed before the latest message, newest first (buttons left out)."""
    texts = [
        str(event.get("text") or "")
        for event in tracker.events
        if event.get("event") == "user" and not str(event.get("text") or "").startswith("/")
    ]
    return texts[-2::-1] if not is_payload(tracker) else texts[::-1]


def _earlier_details(tracker: Tracker, typed: str) -> list[dict[str, Any]]:
    """The details of the message before a "pass to staff" button: "actually ok fine, pass it
    on. Name: Peter Ho, peter.ho@mail.mo", then the button (p12-011: asked for both again)."""
    if typed or not is_payload(tracker):
        return []
    earlier = _earlier_user_texts(tracker)
    return _details_events(earlier[0]) if earlier else []


def _numbered_question(tracker: Tracker, typed: str) -> str | None:
    """The question numbered in `typed` (「第3个转给职员吧」), from the latest earlier message that
    asked that many (a pasted e-mail's "1. … 2. … 3. …"); None when none did."""
    number = numbered_part(typed) if typed else None
    if number is None:
        return None
    for said in _earlier_user_texts(tracker):
        parts = question_parts(said)
        if len(parts) >= 2 and (number == -1 or number <= len(parts)):
            return parts[number - 1 if number > 0 else -1][:MAX_QUESTION_LENGTH]
    return None


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

    def hint(self, lang: Lang) -> str:
        return text("handoff.question_hint", lang)

    def question(self, tracker: Tracker, lang: Lang) -> str:
        earlier = offered_question(tracker)
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


def ended_without_ticket(dispatcher: CollectingDispatcher) -> None:
    """Tell the gateway (bot/turns.py) that the hand-off ended without a ticket: it redacts the
    name, contact and question the conversation stored for it (p15-012: 「不同意，不要记录我的信息」
    after 「我想找工作人员，我叫王建国，电话13800138000」; p15-037: "cancel" after the name), as
    it redacts the contact after a ticket."""
    dispatcher.utter_message(json_message={HANDOFF_ENDED: True})


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
            if any(tracker.get_slot(slot) for slot in SLOTS[1:]):
                ended_without_ticket(dispatcher)
            return reset
        if tracker.get_slot(STOPPED) or not tracker.get_slot("handoff_consent"):
            # (with a ticket of this conversation open: that it still holds the details)
            send_reply(dispatcher, declined_reply(tracker, lang))
            ended_without_ticket(dispatcher)  # "none of your details will be collected"
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
            ended_without_ticket(dispatcher)
            return reset
        except HandoffUnavailable as exc:
            logger.error("hand-off not filed: %s", exc)
            send_reply(dispatcher, Reply(text("handoff.unavailable", lang), lang))
            ended_without_ticket(dispatcher)
            return reset
        done = "handoff.ticket_created" if ticket.emailed else "handoff.ticket_recorded"
        send_reply(dispatcher, Reply(text(done, lang, reference=ticket.reference), lang))
        # For the gateway (bot/turns.py): it then redacts the contact from the stored conversation.
        dispatcher.utter_message(json_message={"ticket": ticket.reference})
        return [*reset, SlotSet(LAST_UNANSWERED, None)]
