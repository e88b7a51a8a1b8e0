"""Probe 16 (2026-12-08), the repayment check: no verdict on a fact the user did not give, in
the users' words.

Turn ids are the probe's (`/tmp/probe16/urgent.md`, transcripts p16-NNN): conversation-turn.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.parsing import corrected_month, parse_amount
from actions.parsing.numbers import unclear_number
from actions.repayment_form import (
    ANSWERED,
    HANDOFF,
    HINT,
    NOTED,
    STOPPED,
    UNCLEAR,
    ActionSubmitEligibility,
    AskAdjustmentsUsed,
    AskAmount,
    ValidateRepaymentForm,
    partial_case,
)
from actions.repayment_slots import (
    DECIDED,
    FORM,
    another_topic_only,
    asks_if_rejected_counts,
    asks_staff_to_act,
    doubted_facts,
    read_slots,
    revisited_case,
)
from handoff.client import WithdrawnTicket
from knowledge.answer import HANDOFF_PAYLOAD
from knowledge.language import LANGS
from knowledge.messages import text as message
from knowledge.repayment import (
    ADJUSTMENT_LIMIT_RULE,
    MAX_ADJUSTMENTS,
    decide,
)
from tests.helpers import slot_values

ACTIVATED = {"event": "active_loop", "name": FORM}
SOURCE = Path(__file__).resolve().parents[2] / "knowledge" / "source" / "cepa-express-2019-12.txt"


def tracker(
    text: str,
    intent: str = "inform",
    lang: str = "zh-Hant",
    slots: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
) -> Tracker:
    metadata: dict[str, Any] = {"lang": lang}
    return Tracker(
        sender_id="web:test",
        slots=slots or {},
        latest_message={"text": text, "intent": {"name": intent}, "entities": [],
                        "metadata": metadata},
        events=[*(events if events is not None else [ACTIVATED, {"event": "bot", "text": "?"}]),
                {"event": "user", "text": text, "metadata": metadata}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )  # fmt: skip


def run_form(state: Tracker, requested: str | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = ValidateRepaymentForm().extract_events(state, requested, dispatcher)
    return slot_values(events), dispatcher.messages


def said(messages: list[dict[str, Any]]) -> str:
    return "\n".join(str(m.get("text") or "") for m in messages)


def asked(action: Any, hint: str, lang: str) -> str:
    dispatcher = CollectingDispatcher()
    action.run(dispatcher, tracker("x", lang=lang, slots={HINT: hint}), {})
    return said(dispatcher.messages)


# --- 1. "the one after the last one i paid" is no last instalment --------------------------------

P008_2 = (
    "its the one after the last one i paid... lemme check. it was due 15th of july 2020, "
    "amount MOP 2,750"
)


def test_008_2_the_one_after_the_last_one_paid_is_not_said_to_be_the_last() -> None:
    """008-2, the first answer of the check: "would not have met the conditions: it does not
    apply to the last instalment". The user never said it was the last instalment."""
    found = read_slots(P008_2, "installment_due_date")[0]
    assert "is_last_installment" not in found
    assert found["installment_due_date"] == "2020-07-15"
    assert found["installment_amount"] == "2750.00"
    slots, replies = run_form(tracker(P008_2, lang="en"), "installment_due_date")
    assert "is_last_installment" not in slots
    assert replies == []
    assert decide(partial_case(slots)).eligible  # nothing rules it out: the check goes on


# Another instalment called "last" (the last one paid), in all five styles.
NOT_SAID_LAST = [
    P008_2,
    "the last one I paid",
    "the last one i paid was june, this is the one after",
    "the one after my last instalment i paid",
    "the one after the last one",
    "上一期之後嗰期",
    "我最後還咗嗰期之後嗰期",
    "最後嗰期我已經還咗，想調佢下一期",
    "最后还的那期的下一期",
    "上一期之后那期",
    "為本人最後繳付之一期之後的一期",
    "é a seguinte à última que paguei",
    "a próxima depois da última paga",
    "a última que paguei foi em junho",
    "the last payment was in March, this one is due in April 2020",
    "a última prestação foi em março",
]


@pytest.mark.parametrize("said_", NOT_SAID_LAST)
@pytest.mark.parametrize("requested", ["installment_due_date", "is_last_installment", None])
def test_another_instalment_called_last_is_no_last_instalment(
    said_: str, requested: str | None
) -> None:
    assert "is_last_installment" not in read_slots(said_, requested)[0], said_


# The instalment itself said to be the last one, in all five styles.
SAID_LAST = [
    "最後一期",
    "係最後一期",
    "呢期係最尾嗰期",
    "这是最后一期",
    "該期為最後一期",
    "it's the last instalment",
    "yes it's the last one",
    "it's the last one i have to pay",
    "é a última prestação",
    "sim, é a última",
]


@pytest.mark.parametrize("said_", SAID_LAST)
def test_the_instalment_said_to_be_the_last_is_the_last(said_: str) -> None:
    assert read_slots(said_, "is_last_installment")[0] == {"is_last_installment": True}, said_
    assert read_slots(said_, "installment_due_date")[0].get("is_last_installment") is True


# --- 2. amounts as Portuguese (and European) writing has them; a corrected amount --------------

P017_6 = "nao, faltavam mais 3 depois dessa. O valor era MOP 4.500,00 e nunca ajustei nada"
P017_7 = "como assim? 4.500 patacas e mais que 1000!"
P017_8 = "quatro mil e quinhentas patacas. refaz o calculo por favor"


@pytest.mark.parametrize(
    ("written", "amount"),
    [("MOP 4.500,00", "4500"), ("4.500", "4500"), ("4.50", "4.50"), ("2,750", "2750"),
     ("MOP 2,750", "2750"), ("4,50", "4.50"), ("12000,50", "12000.50"), ("4.500,5", "4500.50"),
     ("1.234.567,89", "1234567.89"), ("4,500.00", "4500"), ("1,5 mil", "1500"),
     ("quatro mil e quinhentas patacas", "4500"), ("quatro mil e quinhentas", "4500"),
     ("mil e quinhentas patacas", "1500"), ("dois mil setecentos e cinquenta", "2750"),
     ("doze mil patacas", "12000"), ("4 mil e quinhentas", "4500"), ("2 mil e 500 patacas", "2500"), ("oito mil patacas", "8000"),
     ("four thousand five hundred", "4500"), ("two thousand seven hundred and fifty", "2750"),
     ("twelve thousand", "12000"), ("fifteen hundred patacas", "1500"),
     ("一萬二", "12000"), ("一萬二千五", "12500"), ("1萬2", "12000")],
)  # fmt: skip
def test_017_amounts_in_every_writing(written: str, amount: str) -> None:
    """017-6 «MOP 4.500,00» was MOP 4.50 (not above MOP 1,000); 017-8 «quatro mil e quinhentas
    patacas» was not read at all."""
    assert parse_amount(written) == Decimal(amount), written


@pytest.mark.parametrize("written", ["the one", "one", "uma vez", "the last one i paid", "e o"])
def test_number_words_alone_are_no_amount(written: str) -> None:
    assert parse_amount(written) is None, written


def test_017_6_the_amount_beside_mop_is_the_instalment() -> None:
    """017-6: verdict «a prestação não é superior a 1 000 patacas»: the 3 instalments left, or
    4.50, were taken for the instalment."""
    found = read_slots(P017_6, "is_last_installment", "nlu_fallback")[0]
    assert found == {
        "is_last_installment": False,
        "remaining_installments_after": 3,
        "installment_amount": "4500.00",
        "adjustments_used": 0,
    }


@pytest.mark.parametrize(
    "written", ["MOP 4.500.00", "4,500,00 patacas", "MOP 4.5000", "12,34,567 patacas"]
)
def test_a_number_neither_way_of_writing_reads_is_asked_for_again(written: str) -> None:
    """If a number is genuinely ambiguous, the check asks rather than guesses."""
    assert unclear_number(written)
    assert "installment_amount" not in read_slots(written, "installment_amount")[0]
    slots, _ = run_form(tracker(written, lang="pt"), "installment_amount")
    assert slots == {"installment_amount": None, HINT: UNCLEAR + "installment_amount"}
    for lang in LANGS:
        question = asked(AskAmount(), UNCLEAR + "installment_amount", lang)
        assert message("form.unclear_amount", lang) in question
        assert message("form.question.installment_amount", lang) in question


@pytest.mark.parametrize("written", ["MOP 4.500,00", "4.500", "2,750", "4.50", "12000"])
def test_numbers_one_way_of_writing_reads_are_clear(written: str) -> None:
    assert not unclear_number(written)


DECIDED_017 = {
    "scheme": "young_entrepreneurs_aid",
    "installment_due_date": "2020-12-31",
    "is_last_installment": False,
    "adjustments_used": 0,
    "installment_amount": "4.50",
    "remaining_installments_after": 3,
}


@pytest.mark.parametrize("said_", [P017_7, P017_8])
def test_017_7_017_8_an_amount_corrected_after_the_verdict_is_decided_again(said_: str) -> None:
    """017-7 and 017-8 after the wrong verdict got "not sure" twice."""
    revisited = revisited_case(DECIDED_017, said_)
    assert revisited is not None
    assert revisited["installment_amount"] == "4500.00"
    assert revisited["remaining_installments_after"] == 3
    assert not decide(partial_case(revisited)).reason_codes


def test_017_7_the_check_reopens_and_asks_what_is_missing() -> None:
    """Reached after the verdict (the NLU's inform starts the form): the facts again, the amount
    corrected, so the cancellation, never asked, is asked next."""
    state = tracker(P017_7, lang="pt", slots={DECIDED: DECIDED_017}, events=[])
    slots, replies = run_form(state, None)
    assert slots["installment_amount"] == "4500.00"
    assert "grant_cancelled" not in slots
    assert replies == []


# --- 3. a correction of another fact is no answer to the yes/no question --------------------------

P028_4 = "等等，佢而家話係九月唔係八月，sorry"
AUGUST = {"installment_due_date": "2020-08-31"}


def test_028_4_a_month_corrected_at_is_it_the_last_instalment() -> None:
    """028-4: 「唔係」 of 「九月唔係八月」 was taken as "not the last instalment", the due date
    kept as August, and 028-8 was 「符合」."""
    assert corrected_month(P028_4) == (9, 8)
    august = dt.date(2020, 8, 31)
    found = read_slots(P028_4, "is_last_installment", "out_of_scope", told_due=august)[0]
    assert found == {"installment_due_date": "2020-09-30"}
    slots, replies = run_form(tracker(P028_4, intent="out_of_scope", slots=AUGUST),
                              "is_last_installment")  # fmt: skip
    assert slots == {"installment_due_date": "2020-09-30", HINT: NOTED + "is_last_installment"}
    assert replies == []


@pytest.mark.parametrize(
    "said_",
    [P028_4, "唔係八月，係九月", "是九月不是八月", "更正：應為九月，並非八月", "sorry, not August, September",
     "it's september not august", "não é agosto, é setembro", "nao e agosto e setembro"],
)  # fmt: skip
def test_a_month_corrected_in_every_style(said_: str) -> None:
    assert corrected_month(said_) == (9, 8), said_
    found = read_slots(said_, "is_last_installment", "deny", told_due=dt.date(2020, 8, 31))[0]
    assert found == {"installment_due_date": "2020-09-30"}, said_
    # without the year told before: no date, and still no answer
    assert "is_last_installment" not in read_slots(said_, "is_last_installment", "deny")[0]


@pytest.mark.parametrize(
    "said_",
    ["唔係兩次，係一次", "not twice, once", "não são duas, é uma", "唔係八月", "not august"],
)
def test_another_value_corrected_is_no_no(said_: str) -> None:
    for requested in ("is_last_installment", "grant_cancelled"):
        assert requested not in read_slots(said_, requested, "deny")[0], (said_, requested)


def test_a_month_only_denied_asks_for_the_due_date_again() -> None:
    slots, _ = run_form(tracker("唔係八月", intent="deny", slots=AUGUST), "is_last_installment")
    assert slots["installment_due_date"] is None
    assert "is_last_installment" not in slots


def test_plain_noes_still_answer() -> None:
    for no in ("唔係", "唔係，之後仲有兩期", "no", "não", "不是最后一期"):
        assert read_slots(no, "is_last_installment", "deny")[0]["is_last_installment"] is False


def test_a_month_corrected_after_the_verdict() -> None:
    decided = {**DECIDED_017, "installment_amount": "2400.00", "installment_due_date": "2020-08-31"}
    revisited = revisited_case(decided, "sorry, not August, September")
    assert revisited is not None and revisited["installment_due_date"] == "2020-09-30"


# --- 4. the limit is on applications ---------------------------------------------------------------


def test_the_rule_as_the_newsletter_words_it() -> None:
    """「每间受惠企业最多可申请调整还款两次」: at most two applications, one constant."""
    source = SOURCE.read_text(encoding="utf-8")
    assert ADJUSTMENT_LIMIT_RULE in "".join(source.split())
    assert ADJUSTMENT_LIMIT_RULE == "每间受惠企业最多可申请调整还款两次"
    assert MAX_ADJUSTMENTS == 2


def test_the_question_asks_about_applications() -> None:
    words = {"zh-Hant": "申請", "zh-Hans": "申请", "en": "appl", "pt": "pediu"}
    for lang in LANGS:
        question = message("form.question.adjustments_used", lang)
        assert words[lang] in question, lang
        assert words[lang] in message("repayment.reason.adjustment_limit_reached", lang) or (
            lang == "pt" and "pedir" in message("repayment.reason.adjustment_limit_reached", lang)
        )
        assert message("form.question.adjustments_used", lang) in asked(
            AskAdjustmentsUsed(), "", lang
        )


P016_7 = "調過兩次…啊唔係，一次咋，另一次係俾人拒絕咗"


@pytest.mark.parametrize(
    ("said_", "count"),
    [(P016_7, 2), ("adjusted once, and another application was rejected", 2),
     ("申請過兩次，其中一次被拒", 2), ("ajustei uma vez e outro pedido foi recusado", 2),
     ("applied twice, one was rejected", 2), ("申请过一次，被拒绝了", 1),
     ("调过一次，另外有一次申请被驳回", 2), ("一次，冇俾人拒絕過", 1), ("調過一次", 1)],
)  # fmt: skip
def test_016_7_a_rejected_application_is_counted(said_: str, count: int) -> None:
    """016-7: one approved adjustment and one rejected application, read as one; 016-8 「一萬二」
    then got 「符合」."""
    assert read_slots(said_, "adjustments_used")[0]["adjustments_used"] == count, said_


@pytest.mark.parametrize(
    ("said_", "count"),
    [("中小企業援助，申請過兩次調整", 2), ("SME aid, applied twice already", 2),
     ("Plano de Apoio a PME, pedi duas vezes", 2)],
)  # fmt: skip
def test_applications_told_outside_the_question(said_: str, count: int) -> None:
    assert read_slots(said_, None)[0]["adjustments_used"] == count, said_


def test_016_8_no_eligible_verdict_with_two_applications() -> None:
    slots, _ = run_form(tracker(P016_7), "adjustments_used")
    assert slots["adjustments_used"] == 2
    case = {"scheme": "typhoon_hato_special_aid", "installment_due_date": "2020-11-30",
            "is_last_installment": False, "grant_cancelled": False, **slots,
            "installment_amount": "12000.00", "remaining_installments_after": 2}  # fmt: skip
    assert decide(partial_case(case)).reason_codes == ("adjustment_limit_reached",)


def test_016_8_the_verdict_says_the_rejected_application_was_counted() -> None:
    """The verdict counts it, and says the newsletter does not say whether it counts."""
    events = [
        {"event": "user", "text": "天鴿嗰陣我間車房浸晒，攞咗特別援助，想計下當年個還款可以點調"},
        ACTIVATED,
        {"event": "bot", "text": "?"},
        {"event": "user", "text": P016_7},
    ]
    case = {"scheme": "typhoon_hato_special_aid", "installment_due_date": "2020-11-30",
            "is_last_installment": False, "grant_cancelled": False, "adjustments_used": 2}  # fmt: skip
    dispatcher = CollectingDispatcher()
    ActionSubmitEligibility().run(dispatcher, tracker("一萬二", slots=case, events=events), {})
    reply = said(dispatcher.messages)
    assert message("repayment.rejected_counted_note", "zh-Hant") in reply
    assert "符合調整還款的條件；" not in reply
    buttons = [b for m in dispatcher.messages for b in m.get("buttons") or []]
    assert any(b["payload"] == HANDOFF_PAYLOAD for b in buttons)


P016_9 = "咦，俾人拒絕咗嗰次申請計唔計入兩次入面㗎？"


@pytest.mark.parametrize(
    "said_",
    [
        P016_9,
        "does the rejected application count towards the two?",
        "o pedido recusado conta para as duas vezes?",
        "被拒绝的那次申请算不算在两次里面？",
    ],
)
def test_016_9_whether_a_rejected_application_counts_is_asked(said_: str) -> None:
    assert asks_if_rejected_counts(said_), said_


@pytest.mark.parametrize("said_", ["如果俾人拒絕咗點算？", "調過一次", "does it count?"])
def test_other_questions_are_not_whether_a_rejection_counts(said_: str) -> None:
    assert not asks_if_rejected_counts(said_), said_


def test_016_9_the_newsletter_says_this_much_and_no_more() -> None:
    """016-9 got 「抱歉，我未能確定答案」: what the newsletter says, that it says no more, staff."""
    decided = {"scheme": "typhoon_hato_special_aid", "adjustments_used": 2}
    assert revisited_case(decided, P016_9) is not None
    slots, replies = run_form(
        tracker(P016_9, intent="nlu_fallback", slots={DECIDED: decided}, events=[]), None
    )
    assert slots[STOPPED] == ANSWERED
    reply = said(replies)
    assert message("repayment.rejected_application_rule", "zh-Hant") in reply
    assert any(b["payload"] == HANDOFF_PAYLOAD for m in replies for b in m.get("buttons") or [])
    # inside the check too: answered, then the question again
    slots, replies = run_form(tracker(P016_9, intent="nlu_fallback"), "adjustments_used")
    assert message("repayment.rejected_application_rule", "zh-Hant") in said(replies)
    assert slots.get("adjustments_used") is None


@pytest.mark.parametrize("lang", LANGS)
def test_the_rule_reply_quotes_the_rule_and_offers_staff(lang: str) -> None:
    rule = message("repayment.rejected_application_rule", lang).lower()
    reason = message("repayment.reason.adjustment_limit_reached", lang).rstrip("。.").lower()
    assert reason in rule


# --- 5. another topic starts no check ----------------------------------------------------------------

P034_1 = "hi，我想搵人跟進下我公司CITES證書嘅申請進度，唔該"


def test_034_1_a_staff_follow_up_on_cites_is_the_hand_off() -> None:
    """034-1 (NLU: check_repayment_eligibility 0.52) started the repayment check."""
    assert asks_staff_to_act(P034_1)
    assert another_topic_only(P034_1)
    slots, replies = run_form(
        tracker(P034_1, intent="check_repayment_eligibility", events=[]), None
    )
    assert slots == {STOPPED: HANDOFF}
    assert replies == []


@pytest.mark.parametrize(
    "said_",
    [P034_1, "我想問下CITES證書點申請", "diamond import licence for my company", "我公司申請進口准照",
     "licença de importação de diamantes", "金伯利進程證書", "CITES證書幾時到期"],
)  # fmt: skip
def test_another_topic_without_a_repayment_word(said_: str) -> None:
    assert another_topic_only(said_), said_


@pytest.mark.parametrize(
    "said_",
    ["我間鑽石公司攞過中小企業援助，想調整還款", "CITES公司嘅貸款還款可唔可以調",
     "my diamond shop had the SME aid loan, can I adjust the instalment?", "我想調整還款"],
)  # fmt: skip
def test_another_topic_with_a_repayment_word_may_check(said_: str) -> None:
    assert not another_topic_only(said_), said_


@pytest.mark.parametrize(
    "said_",
    ["我想搵人跟進下", "可唔可以搵個職員幫我跟進", "can someone follow up on my application?",
     "alguém pode acompanhar o meu pedido?"],
)  # fmt: skip
def test_asking_someone_to_follow_up_is_asking_staff(said_: str) -> None:
    assert asks_staff_to_act(said_), said_


# --- 6. a date of a past adjustment is no due date -------------------------------------------------

P045_2 = "2020年6月我調過一次，今次想問嘅係2021年2月到期嗰期"
P001_5 = "調過一次㗎喇，係2020年3月嗰期"


@pytest.mark.parametrize(
    ("said_", "due"),
    [(P045_2, "2021-02-28"),
     ("adjusted once in June 2020, this one is due February 2021", "2021-02-28"),
     ("ajustei uma vez em junho de 2020, a que quero saber vence em fevereiro de 2021",
      "2021-02-28"),
     ("2020年6月调整过一次，这次想问的是2021年2月到期那期", "2021-02-28")],
)  # fmt: skip
def test_045_2_the_instalment_asked_about_is_the_due_date(said_: str, due: str) -> None:
    """045-2 stored 2020-06, the date of an earlier adjustment, and later said 「符合」 for an
    instalment due February 2021."""
    found = read_slots(said_, "installment_due_date")[0]
    assert found["installment_due_date"] == due, said_
    assert found["adjustments_used"] == 1, said_


def test_045_2_the_instalment_asked_about_is_ruled_out_by_its_date() -> None:
    slots, _ = run_form(tracker(P045_2), "installment_due_date")
    case = {"scheme": "sme_aid", "is_last_installment": False, "grant_cancelled": False, **slots}
    assert "outside_period" in str(decide(partial_case(case)).reason_codes)


@pytest.mark.parametrize(
    "said_",
    [P001_5, "本公司曾於二〇二〇年三月調整一次。", "we adjusted it once, back in March 2020",
     "ajustei uma vez em março de 2020"],
)  # fmt: skip
def test_001_5_a_date_of_a_past_adjustment_is_no_due_date(said_: str) -> None:
    """001-5: the due date told before (September 2020) was silently replaced by 2020-03."""
    found = read_slots(said_, "adjustments_used")[0]
    assert "installment_due_date" not in found, said_
    assert found["adjustments_used"] == 1, said_


def test_001_5_the_due_date_told_before_is_kept() -> None:
    told = {"scheme": "young_entrepreneurs_aid", "installment_due_date": "2020-09-30",
            "is_last_installment": False, "grant_cancelled": False}  # fmt: skip
    slots, _ = run_form(tracker(P001_5, slots=told), "adjustments_used")
    assert "installment_due_date" not in slots
    assert slots["adjustments_used"] == 1


@pytest.mark.parametrize(
    "said_", ["2020年9月到期，之前調過一次", "SME aid, due May 2020, adjusted once"]
)
def test_a_due_date_told_beside_an_adjustment_is_still_the_due_date(said_: str) -> None:
    assert read_slots(said_, None)[0]["installment_due_date"] in ("2020-09-30", "2020-05-31")


# --- 7. a number that is part of a date is no count ---------------------------------------------

P044_5 = "本公司曾於二〇二〇年三月調整一次。"


@pytest.mark.parametrize(
    "said_",
    [P044_5, "三月調整過一次", "3月調整過一次", "adjusted once on March 3", "adjusted once, on 3 March",
     "ajustei uma vez a 3 de março"],
)  # fmt: skip
def test_044_5_a_month_is_no_count(said_: str) -> None:
    """044-5 stored 3 adjustments (from 三月) and said "not eligible: at most two"."""
    assert read_slots(said_, "adjustments_used")[0]["adjustments_used"] == 1, said_


def test_044_5_the_check_is_not_ruled_out_on_the_month() -> None:
    slots, _ = run_form(tracker(P044_5, lang="zh-Hant"), "adjustments_used")
    assert slots["adjustments_used"] == 1


# --- 8. a ticket withdrawn while the check runs ---------------------------------------------------

TICKET = "CEPA-20261208-0007"


def filed_ticket(lang: str) -> list[dict[str, Any]]:
    return [
        {"event": "bot", "text": message("handoff.ticket_recorded", lang, reference=TICKET)},
        {"event": "bot", "text": None, "data": {"custom": {"ticket": TICKET}}},
        ACTIVATED,
        {"event": "bot", "text": "?"},
    ]


class Withdrawals:
    def __init__(self) -> None:
        self.withdrawn: list[str] = []

    def withdraw(self, reference: str, sender: str) -> Any:
        self.withdrawn.append(reference)
        return WithdrawnTicket(reference=reference, email="cancelled")


@pytest.mark.parametrize(
    ("said_", "lang"),
    [("算了，幫我撤回張單", "zh-Hant"), ("please cancel my ticket, delete my data", "en")],
)
def test_a_ticket_withdrawn_during_the_check_is_withdrawn(
    monkeypatch: pytest.MonkeyPatch, said_: str, lang: str
) -> None:
    """The check stopped and the ticket stayed open."""
    fake = Withdrawals()
    monkeypatch.setattr(
        "actions.service_questions.HandoffClient.from_settings", lambda *_a, **_k: fake
    )
    state = tracker(said_, lang=lang, events=filed_ticket(lang))
    slots, replies = run_form(state, "grant_cancelled")
    assert fake.withdrawn == [TICKET]
    assert said(replies).strip() == message("handoff.withdrawn", lang, reference=TICKET)
    assert slots[STOPPED] == ANSWERED


def test_without_a_ticket_a_stop_still_stops_the_check() -> None:
    slots, replies = run_form(tracker("算了，唔查喇"), "grant_cancelled")
    assert slots[STOPPED] is True
    assert replies == []


# --- 9. a grant cancelled and reinstated is asked to be confirmed ---------------------------------

P037_5 = "hmm it was cancelled once in 2019 but then DSE reinstated it a month later"


@pytest.mark.parametrize(
    "said_",
    [P037_5, "之前俾經濟局取消過，後來恢復咗", "取消过一次，后来恢复了", "foi cancelado mas depois reposto",
     "it was restored later"],
)  # fmt: skip
def test_037_5_a_grant_reinstated_is_asked_to_be_confirmed(said_: str) -> None:
    """037-5 was read as cancelled, and "not eligible"."""
    assert "grant_cancelled" not in read_slots(said_, "grant_cancelled")[0], said_
    assert "grant_cancelled" in doubted_facts(said_, "grant_cancelled"), said_


def test_037_5_the_question_is_asked_again_to_confirm() -> None:
    slots, _ = run_form(tracker(P037_5, lang="en"), "grant_cancelled")
    assert slots == {"grant_cancelled": None, HINT: None}  # asked again, to be confirmed
