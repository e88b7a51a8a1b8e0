import asyncio
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.forms import DONT_KNOW_HINT, STOP_PAYLOAD
from actions.parsing import looks_like_question
from actions.repayment_form import (
    ANSWERED,
    CURRENCY,
    GOODBYE,
    HINT,
    STOPPED,
    TOO_LARGE,
    ActionSubmitEligibility,
    AskAdjustmentsUsed,
    AskAmount,
    AskDueDate,
    AskGrantCancelled,
    AskIsLast,
    AskRemaining,
    AskScheme,
    ValidateRepaymentForm,
    partial_case,
    ruled_out,
)
from actions.repayment_slots import (
    BOUNDS,
    DECIDED,
    REQUIRED,
    SKIPPED,
    asks_facts_used,
    extract,
    parse_scheme,
    read_slots,
    revisited_case,
    supposed_slots,
    wants_to_stop,
)
from bot.turn_metadata import TYPED_COMMAND
from knowledge.language import LANGS
from knowledge.messages import format_date
from knowledge.messages import text as message
from knowledge.repayment import (
    MAX_ADJUSTMENTS_USED,
    MAX_INSTALMENT_AMOUNT,
    MAX_REMAINING_INSTALMENTS,
    decide,
)
from knowledge.repayment_text import format_mop
from tests.helpers import slot_values

ALL_AT_ONCE = [
    (
        "我係中小企業援助計劃，下期2020年5月到期，每期12000，仲有10期，之前調整過一次",
        {"scheme": "sme_aid", "installment_due_date": "2020-05-31", "installment_amount": "12000.00",
         "remaining_installments_after": 10, "adjustments_used": 1},
    ),
    (
        "My SME Aid Scheme instalment of MOP 12,000 is due in May 2020, 10 instalments remain "
        "after it, adjusted once so far",
        {"scheme": "sme_aid", "installment_due_date": "2020-05-31", "installment_amount": "12000.00",
         "remaining_installments_after": 10, "adjustments_used": 1},
    ),
    (
        "Plano de Apoio a Jovens Empreendedores, prestação de 8000 patacas em Maio de 2020, "
        "restam 5 prestações, nunca ajustei",
        {"scheme": "young_entrepreneurs_aid", "installment_due_date": "2020-05-31",
         "installment_amount": "8000.00", "remaining_installments_after": 5, "adjustments_used": 0},
    ),
    (
        "天鴿特別援助計劃 2021年3月到期 係最後一期 援助已被取消 調整過兩次",
        {"scheme": "typhoon_hato_special_aid", "installment_due_date": "2021-03-31",
         "is_last_installment": True, "grant_cancelled": True, "adjustments_used": 2},
    ),
    ("唔係最後一期，援助冇被取消", {"is_last_installment": False, "grant_cancelled": False}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "slots"), ALL_AT_ONCE)
def test_several_facts_in_one_message(text: str, slots: dict[str, object]) -> None:
    assert extract(text, None) == slots


@pytest.mark.parametrize(
    ("text", "requested", "slots"),
    [
        ("兩次", "adjustments_used", {"adjustments_used": 2}),
        ("冇", "adjustments_used", {"adjustments_used": 0}),
        ("係", "is_last_installment", {"is_last_installment": True}),
        ("no", "grant_cancelled", {"grant_cancelled": False}),
        ("澳門幣一萬", "installment_amount", {"installment_amount": "10000.00"}),
        ("10", "remaining_installments_after", {"remaining_installments_after": 10}),
        ("唔知", "installment_amount", {"installment_amount": SKIPPED}),
        ("não sei", "remaining_installments_after", {"remaining_installments_after": SKIPPED}),
        ("文化基金計劃", "scheme", {"scheme": "other"}),
        ("5/2020", "installment_due_date", {"installment_due_date": "2020-05-31"}),
    ],
)
def test_bare_answers_fill_the_requested_slot(
    text: str, requested: str, slots: dict[str, object]
) -> None:
    assert extract(text, requested) == slots


def test_bare_values_do_not_fill_other_slots() -> None:
    assert extract("係", "grant_cancelled") == {"grant_cancelled": True}
    assert extract("12", "adjustments_used") == {"adjustments_used": 12}
    assert extract("唔係最後一期", "grant_cancelled") == {"is_last_installment": False}
    assert extract("唔知", "scheme") == {}


def test_schemes_in_every_language() -> None:
    assert parse_scheme("青年創業援助計劃") == "young_entrepreneurs_aid"
    assert parse_scheme("SME Aid Scheme") == "sme_aid"
    assert parse_scheme("tufão Hato") == "typhoon_hato_special_aid"
    assert parse_scheme("你好") is None


@pytest.mark.parametrize("text", ["算啦唔查喇", "stop", "cancel please", "quero parar"])
def test_stop_words(text: str) -> None:
    assert wants_to_stop(text)


def test_cancelled_grant_is_not_a_stop() -> None:
    assert not wants_to_stop("my grant was cancelled")


def test_a_completed_repayment_is_heard() -> None:
    assert extract("我已經還清晒", "scheme")["repayment_completed"] is True
    assert extract("I have fully repaid the loan", None)["repayment_completed"] is True
    assert extract("未還清", None)["repayment_completed"] is False


# --- numbers beyond the bounds of knowledge/repayment.py ---------------------------------------


@pytest.mark.parametrize(
    ("text", "requested", "slot"),
    [
        ("每期還款 99999999999999999999999999999 蚊", None, "installment_amount"),  # the probe
        ("每期还款1e400澳门元", None, "installment_amount"),
        ("99999999999999999999999999999", "installment_amount", "installment_amount"),
        ("1e400", "installment_amount", "installment_amount"),
        ("MOP 100,000,000.01", "installment_amount", "installment_amount"),
        ("每期十億", None, "installment_amount"),
        ("my instalment is MOP 2e8", None, "installment_amount"),
        (
            "９９９９９９９９９９９９",
            "remaining_installments_after",
            "remaining_installments_after",
        ),
        ("仲有 601 期", None, "remaining_installments_after"),
        ("restam 1e400 prestações", None, "remaining_installments_after"),
        ("調整過一萬次", None, "adjustments_used"),
        ("adjusted 101 times", None, "adjustments_used"),
        ("12000", "adjustments_used", "adjustments_used"),
        ("9" * 5000, "adjustments_used", "adjustments_used"),
    ],
)
def test_numbers_beyond_the_bounds_fill_nothing_and_are_reported(
    text: str, requested: str | None, slot: str
) -> None:
    found, too_large = read_slots(text, requested)
    assert slot not in found and too_large == (slot,)


@pytest.mark.parametrize(
    ("text", "requested", "slots"),
    [
        ("每期 100,000,000 蚊", None, {"installment_amount": "100000000.00"}),
        ("一億", "installment_amount", {"installment_amount": "100000000.00"}),
        ("仲有600期", None, {"remaining_installments_after": MAX_REMAINING_INSTALMENTS}),
        ("adjusted 100 times", None, {"adjustments_used": MAX_ADJUSTMENTS_USED}),
        ("1e4", "installment_amount", {"installment_amount": "10000.00"}),
        ("１２０００", "installment_amount", {"installment_amount": "12000.00"}),
    ],
)
def test_numbers_at_the_bounds_are_taken(
    text: str, requested: str | None, slots: dict[str, object]
) -> None:
    assert read_slots(text, requested) == (slots, ())


@pytest.mark.parametrize(
    ("text", "amount"),
    [("$8,500.50", "8500.50"), ("MOP 1500.50", "1500.50"), ("每期 12000.5 蚊", "12000.50"),
     ("15.5.2020到期, 每期 8000", "8000.00")],
)  # fmt: skip
def test_decimals_are_amounts_not_dates(text: str, amount: str) -> None:
    assert extract(text, "installment_amount")["installment_amount"] == amount


def test_a_number_beyond_its_bound_leaves_the_other_facts() -> None:
    found, too_large = read_slots("中小企業援助計劃，每期 999999999999 蚊，仲有10期", None)
    assert found == {"scheme": "sme_aid", "remaining_installments_after": 10}
    assert too_large == ("installment_amount",)


def test_bounds_are_the_rules_bounds() -> None:
    assert BOUNDS == {
        "installment_amount": MAX_INSTALMENT_AMOUNT,
        "remaining_installments_after": MAX_REMAINING_INSTALMENTS,
        "adjustments_used": MAX_ADJUSTMENTS_USED,
    }


@given(st.text(max_size=200), st.sampled_from([None, *REQUIRED]))
def test_any_message_is_read_without_raising(text: str, requested: str | None) -> None:
    found, _too_large = read_slots(text, requested)
    for slot, bound in BOUNDS.items():
        if slot in found and found[slot] != SKIPPED:
            assert 0 <= float(found[slot]) <= bound


@given(
    st.text(alphabet="0123456789,.e+k万千亿十百一二 期次蚊仲有调整过每", max_size=60),
    st.sampled_from([None, *REQUIRED]),
)
def test_number_soup_is_read_without_raising(text: str, requested: str | None) -> None:
    read_slots(text, requested)


def tracker(text: str, slots: dict[str, Any] | None = None, lang: str = "zh-Hant") -> Tracker:
    return Tracker(
        sender_id="web:test",
        slots=slots or {},
        latest_message={"text": text, "intent": {"name": "inform"}, "metadata": {"lang": lang}},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )


def test_the_form_re_asks_a_too_large_amount_naming_the_bound() -> None:
    probe = "每期還款 99999999999999999999999999999 蚊"
    events = ValidateRepaymentForm().extract_events(tracker(probe), "installment_amount")
    assert events == [
        {"event": "slot", "timestamp": None, "name": "installment_amount", "value": None},
        {
            "event": "slot",
            "timestamp": None,
            "name": HINT,
            "value": TOO_LARGE + "installment_amount",
        },
    ]
    asked = AskAmount().question(tracker("", {HINT: TOO_LARGE + "installment_amount"}), "zh-Hant")
    assert asked.startswith("抱歉，每期還款額不能超過 100,000,000 澳門元。")
    assert asked.endswith("這一期原本要還多少澳門元？（不清楚可回答「不清楚」）")


def test_the_bound_is_said_before_whichever_question_comes_next() -> None:
    events = ValidateRepaymentForm().extract_events(tracker("restam 700 prestações"), None)
    assert events == [
        {"event": "slot", "timestamp": None, "name": HINT,
         "value": TOO_LARGE + "remaining_installments_after"},
    ]  # fmt: skip
    slots = {HINT: TOO_LARGE + "remaining_installments_after"}
    asked = AskScheme().question(tracker("", slots), "pt")
    assert asked.startswith("Desculpe, não podem faltar mais de 600 prestações.")


def test_an_ordinary_hint_adds_no_bound() -> None:
    asked = AskAmount().question(tracker("", {HINT: "installment_amount"}), "en")
    assert asked == 'How much is the instalment, in MOP? (say "don\'t know" to skip)'


@pytest.mark.parametrize("slot", sorted(BOUNDS))
def test_every_bound_hint_names_its_bound_in_every_language(slot: str) -> None:
    bound = f"{int(BOUNDS[slot]):,}"
    for lang in LANGS:
        text = message(f"form.too_large.{slot}", lang)
        assert bound in text or bound.replace(",", " ") in text, (slot, lang, text)


# --- issue 8: a form that listens ------------------------------------------------------------


def said(
    text: str,
    intent: str = "inform",
    slots: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    lang: str = "zh-Hant",
) -> Tracker:
    return Tracker(
        sender_id="web:test",
        slots=slots or {},
        latest_message={"text": text, "intent": {"name": intent}, "entities": entities or [],
                        "metadata": {"lang": lang}},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )  # fmt: skip


def test_a_fact_for_another_question_is_kept() -> None:
    # Asked "is this the last instalment?", the user says they adjusted twice.
    assert extract("已經調整咗兩次", "is_last_installment") == {"adjustments_used": 2}
    events = ValidateRepaymentForm().extract_events(said("已經調整咗兩次"), "is_last_installment")
    assert slot_values(events) == {"adjustments_used": 2, HINT: None}


@pytest.mark.parametrize(
    "text",
    ["取消", "我想取消", "算啦", "唔使喇", "唔要喇", "cancel", "stop", "never mind", "parar",
     "cancelar", "算啦唔查喇"],
)  # fmt: skip
def test_every_leaving_word_stops_the_form(text: str) -> None:
    assert wants_to_stop(text)
    events = ValidateRepaymentForm().extract_events(said(text, "deny"), "grant_cancelled")
    assert slot_values(events) == {STOPPED: True}


@pytest.mark.parametrize("text", ["援助已被取消", "冇被取消", "取消咗", "the grant was cancelled",
                                  "o apoio foi cancelado"])  # fmt: skip
def test_a_cancelled_grant_is_a_fact_not_a_stop(text: str) -> None:
    assert not wants_to_stop(text)


def test_the_cancel_button_stops_the_form() -> None:
    button = said(STOP_PAYLOAD, "deny", entities=[{"entity": "answer_to", "value": "stop"}])
    events = ValidateRepaymentForm().extract_events(button, "scheme")
    assert slot_values(events) == {STOPPED: True}


def test_a_typed_deny_is_not_the_cancel_button() -> None:
    # The NLU may read 已被取消 as deny; the words decide: it is a fact.
    events = ValidateRepaymentForm().extract_events(said("援助已被取消", "deny"), "grant_cancelled")
    assert slot_values(events) == {"grant_cancelled": True, HINT: None}


@pytest.mark.parametrize(("text", "intent"), [("唔知", "dont_know"), ("不清楚", "dont_know"),
                                              ("not sure", "nlu_fallback"), ("não sei", "inform")])  # fmt: skip
def test_dont_know_is_never_taken_for_no(text: str, intent: str) -> None:
    # Asked "has your grant been cancelled?", 唔知 used to be read as "not cancelled".
    events = ValidateRepaymentForm().extract_events(said(text, intent), "grant_cancelled")
    assert slot_values(events) == {
        "grant_cancelled": None,
        HINT: DONT_KNOW_HINT + "grant_cancelled",
    }


def test_dont_know_says_where_to_ask_then_asks_again_with_a_cancel_button() -> None:
    dispatcher = CollectingDispatcher()
    AskGrantCancelled().run(
        dispatcher, said("", slots={HINT: DONT_KNOW_HINT + "grant_cancelled"}), {}
    )
    text = dispatcher.messages[0]["text"]
    assert "85972343" in text and "不能在未知的情況下作出判斷" in text
    assert text.endswith("你的援助批給有沒有被取消？")
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert payloads == [
        '/affirm{"answer_to":"grant_cancelled"}',
        '/deny{"answer_to":"grant_cancelled"}',
        '/dont_know{"answer_to":"grant_cancelled"}',
        STOP_PAYLOAD,
    ]


@pytest.mark.parametrize("ask", [AskScheme, AskDueDate, AskIsLast, AskGrantCancelled,
                                 AskAdjustmentsUsed, AskAmount, AskRemaining])  # fmt: skip
def test_every_form_question_has_a_cancel_button(ask: type) -> None:
    for lang in LANGS:
        dispatcher = CollectingDispatcher()
        ask().run(dispatcher, said("", lang=lang), {})
        assert dispatcher.messages[0]["buttons"][-1] == {
            "title": message("button.cancel", lang),
            "payload": STOP_PAYLOAD,
        }


def test_dont_know_skips_only_the_optional_amounts() -> None:
    events = ValidateRepaymentForm().extract_events(said("唔知", "dont_know"), "installment_amount")
    assert slot_values(events)["installment_amount"] == SKIPPED


def test_a_stale_button_is_not_an_answer_to_another_question() -> None:
    stale = said('/affirm{"answer_to":"is_last_installment"}', "affirm",
                 entities=[{"entity": "answer_to", "value": "is_last_installment"}])  # fmt: skip
    events = ValidateRepaymentForm().extract_events(stale, "grant_cancelled")
    assert slot_values(events) == {"grant_cancelled": None, HINT: None}
    fresh = said('/affirm{"answer_to":"grant_cancelled"}', "affirm",
                 entities=[{"entity": "answer_to", "value": "grant_cancelled"}])  # fmt: skip
    events = ValidateRepaymentForm().extract_events(fresh, "grant_cancelled")
    assert slot_values(events) == {"grant_cancelled": True, HINT: None}


def test_starting_again_inside_the_form_asks_the_same_question() -> None:
    events = ValidateRepaymentForm().extract_events(
        said("我想申請調整還款", "check_repayment_eligibility"), "installment_due_date"
    )
    assert slot_values(events) == {"installment_due_date": None, HINT: None}


@pytest.mark.parametrize(
    ("facts", "reason"),
    [({"is_last_installment": True}, "last_installment"),
     ({"grant_cancelled": True}, "grant_cancelled"),
     ({"adjustments_used": 2}, "adjustment_limit_reached"),
     ({"installment_due_date": "2021-03-31"}, "outside_period"),
     ({"scheme": "other"}, "scheme_not_covered"),
     ({"installment_amount": "800.00"}, "installment_not_above_minimum")],
)  # fmt: skip
def test_a_fact_that_rules_the_case_out_ends_the_form_at_once(
    facts: dict[str, Any], reason: str
) -> None:
    assert ruled_out(facts)
    assert decide(partial_case(facts)).reason_codes == (reason,)
    assert required(facts) == []


def required(facts: dict[str, Any]) -> list[str]:
    form = ValidateRepaymentForm()
    return asyncio.run(form.required_slots([], CollectingDispatcher(), said("", slots=facts), {}))


def test_unknown_facts_rule_nothing_out() -> None:
    facts = {"scheme": "sme_aid", "is_last_installment": False}
    assert not ruled_out(facts)
    assert required(facts) == list(REQUIRED)


@pytest.mark.parametrize(
    "text", ["What is CEPA?", "CEPA係咩嚟㗎？", "今日天氣點樣？", "como me inscrevo"]
)
def test_questions_are_told_from_unreadable_answers(text: str) -> None:
    assert looks_like_question(text)


@pytest.mark.parametrize("text", ["遲啲先", "係", "2020年5月", "maybe"])
def test_unreadable_answers_are_not_questions(text: str) -> None:
    assert not looks_like_question(text)


def test_small_talk_inside_the_form_is_answered_then_the_question_again() -> None:
    dispatcher = CollectingDispatcher()
    events = ValidateRepaymentForm().extract_events(
        said("你係咪機械人", "bot_challenge"), "installment_due_date", dispatcher
    )
    assert slot_values(events) == {"installment_due_date": None, HINT: None}
    assert "不是真人" in dispatcher.messages[0]["text"]


def test_an_nlu_goodbye_is_not_leaving() -> None:
    # 遲啲先 ("later") may be read as goodbye: it is an answer the form cannot read, not a stop.
    events = ValidateRepaymentForm().extract_events(said("遲啲先", "goodbye"), "scheme")
    assert slot_values(events) == {"scheme": None, HINT: "scheme"}


# The live probe of 2026-12-06 (new users, multi-turn): negations written other ways than 唔係 /
# not were read as the fact itself, and the check ruled the case out on a fact never stated.
@pytest.mark.parametrize(
    ("text", "slots"),
    [
        (
            "該期並非最後一期，援助批給亦未被取消，此前未曾申請調整。",
            {"is_last_installment": False, "grant_cancelled": False, "adjustments_used": 0},
        ),
        ("並非最後一期", {"is_last_installment": False}),
        (
            "It's not the last one and the aid wasn't cancelled",
            {"is_last_installment": False, "grant_cancelled": False},
        ),
        (
            "it isn't the last instalment and the aid was not cancelled; we adjusted once",
            {"is_last_installment": False, "grant_cancelled": False, "adjustments_used": 1},
        ),
        (
            "我公司是中小企业援助计划的受惠企业，2020年4月那期还没还，不是最后一期，也没被取消资助，"
            "之前调整过一次，每期5000澳门元，还剩6期。能调整吗？",
            {"scheme": "sme_aid", "installment_due_date": "2020-04-30",
             "is_last_installment": False, "grant_cancelled": False, "adjustments_used": 1,
             "installment_amount": "5000.00", "remaining_installments_after": 6},
        ),
        (
            "Não é a última prestação e o apoio não foi cancelado",
            {"is_last_installment": False, "grant_cancelled": False},
        ),
    ],
)  # fmt: skip
def test_negations_written_any_way_are_no(text: str, slots: dict[str, object]) -> None:
    assert extract(text, "is_last_installment") == slots


def test_a_year_is_no_count_and_no_amount() -> None:
    """«…queria ajustar a prestação de Março de 2020»: 2020 was read as the adjustments made
    ("cannot exceed 100") and as the instalment, whose "remaining MOP 1,020" the decision quoted."""
    text = (
        "Bom dia, a minha empresa tem um empréstimo do Plano de Apoio a Pequenas e Médias "
        "Empresas e queria ajustar a prestação de Março de 2020."
    )
    assert read_slots(text, None) == (
        {"scheme": "sme_aid", "installment_due_date": "2020-03-31"},
        (),
    )
    assert read_slots("I'd like to adjust my instalment for March 2020", "adjustments_used") == (
        {"installment_due_date": "2020-03-31"},
        (),
    )


@pytest.mark.parametrize(
    ("text", "intent", "requested"),
    [
        # 係咪 opens a question, not a yes; the date is the question's, not the user's instalment.
        ("係咪要申請牌先可以做毛坯鑽石生意？", "ask_kimberley_process", "is_last_installment"),
        ("請問截至2019年12月18日共收到多少宗調整還款申請？", "ask_sme_repayment", "scheme"),
        ("最低要還幾多？", "ask_sme_repayment", "is_last_installment"),
    ],
)
def test_a_question_on_a_topic_inside_the_form_is_answered_not_read_for_facts(
    text: str, intent: str, requested: str
) -> None:
    """The form rejects the turn (no slot set), so the digression rule answers it and resumes."""
    assert ValidateRepaymentForm().extract_events(said(text, intent), requested) == []


@pytest.mark.parametrize("text", ["咁點算好", "咁點算？", "那怎么办", "so what do I do?"])
def test_what_shall_i_do_is_no_yes(text: str) -> None:
    """「咁點算好」 (so what do I do?), read by the NLU as affirm, answered "is it the last
    instalment?" with yes, and the case was ruled out."""
    events = ValidateRepaymentForm().extract_events(said(text, "affirm"), "is_last_installment")
    assert slot_values(events).get("is_last_installment") is None


@pytest.mark.parametrize("text", ["不用了", "唔使喇", "不需要了", "no need"])
def test_no_need_any_more_leaves_the_form(text: str) -> None:
    assert wants_to_stop(text)


def test_the_check_my_case_button_inside_the_form_asks_the_same_question() -> None:
    """Pressed while the check ran, /check_repayment_eligibility was rejected by the form; no rule
    took it, and Rasa answered "not sure" ten times, then nothing to any later message."""
    tracker = said("/check_repayment_eligibility", "check_repayment_eligibility",
                   slots={"requested_slot": "is_last_installment"})  # fmt: skip
    events = asyncio.run(
        ValidateRepaymentForm().get_extraction_events(CollectingDispatcher(), tracker, {})
    )
    assert slot_values(events) == {"is_last_installment": None, HINT: None}


@pytest.mark.parametrize(
    ("text", "requested", "slots"),
    [
        # the probe: "the last" alone, and zero in words, were not read
        ("no it isn't the last", "installment_due_date", {"is_last_installment": False}),
        ("zero", "adjustments_used", {"adjustments_used": 0}),
        ("nenhum", "adjustments_used", {"adjustments_used": 0}),
        ("2020.11", "installment_due_date", {"installment_due_date": "2020-11-30"}),
    ],
)
def test_answers_the_probe_found_unread(
    text: str, requested: str, slots: dict[str, object]
) -> None:
    assert extract(text, requested) == slots


def test_a_contact_out_of_the_blue_is_offered_staff_not_the_check() -> None:
    """「6612 3456」, meant for staff, started the repayment check (the probe of 2026-12-06)."""
    from actions.repayment_form import CONTACT_GIVEN

    dispatcher = CollectingDispatcher()
    events = ValidateRepaymentForm().extract_events(said("6612 3456"), None, dispatcher)
    assert slot_values(events) == {STOPPED: CONTACT_GIVEN}
    assert dispatcher.messages[0]["text"] == message("answer.contact_given", "zh-Hant")
    # A fact with it is a fact: the check goes on.
    events = ValidateRepaymentForm().extract_events(said("中小企業援助計劃 66123456"), None)
    assert slot_values(events).get("scheme") == "sme_aid"


# The second probe (2026-12-06): a correction's negation, "not sure" in a sentence, and a case
# supposed ("what if…") were read as answers to "is it the last instalment?".
@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("更正：應為2020年9月，並非8月。", {"installment_due_date": "2020-09-30"}),
        ("sorry, it was September 2020, not August", {"installment_due_date": "2020-09-30"}),
        ("是最后一期吗？我不太确定", {}),
        ("Não tenho a certeza se é a última prestação", {}),
        ("倘該期為最後一期，結果有何不同？", {}),
        ("如果係最後一期又點？", {}),
        ("What if it was not the last instalment?", {}),
    ],
)
def test_what_is_asked_corrected_or_supposed_is_no_answer(
    text: str, slots: dict[str, object]
) -> None:
    assert extract(text, "is_last_installment") == slots


def test_not_sure_in_a_sentence_is_dont_know() -> None:
    events = ValidateRepaymentForm().extract_events(
        said("是最后一期吗？我不太确定", "inform", lang="zh-Hans"), "is_last_installment"
    )
    assert slot_values(events) == {
        "is_last_installment": None,
        HINT: DONT_KNOW_HINT + "is_last_installment",
    }


# The third probe (2026-12-06): each of these ruled a case out or decided it on a fact never given.
@pytest.mark.parametrize(
    ("text", "requested", "slots"),
    [
        ("援助批給並無被取消", "grant_cancelled", {"grant_cancelled": False}),
        # a due date's digits are no instalment of MOP 20 or 9
        (
            "Could my company have adjusted its repayment? SME Aid Scheme, instalment due May '20.",
            None,
            {"scheme": "sme_aid", "installment_due_date": "2020-05-31"},
        ),
        (
            "Queria verificar o caso da minha empresa: Plano de Apoio a Jovens Empreendedores, "
            "prestação com vencimento em 2020/09.",
            None,
            {"scheme": "young_entrepreneurs_aid", "installment_due_date": "2020-09-30"},
        ),
        # a date supposed is no due date; "ajustar uma prestação" is no adjustment made
        ("What if the due date had been January 2021?", "scheme", {}),
        ("如果到期日是2021年1月，結果會否不同？", "is_last_installment", {}),
        ("Quero ajustar uma prestação", "adjustments_used", {}),
        (
            "二〇二〇年五月到期的那期",
            "installment_due_date",
            {"installment_due_date": "2020-05-31"},
        ),
        ("5月2020", "installment_due_date", {"installment_due_date": "2020-05-31"}),
        ("每期800蚊", None, {"installment_amount": "800.00"}),
        ("800", "installment_amount", {"installment_amount": "800.00"}),
    ],
)
def test_facts_the_third_probe_found_misread(
    text: str, requested: str | None, slots: dict[str, object]
) -> None:
    assert extract(text, requested) == slots


@pytest.mark.parametrize("text", ["取消本次查核", "取消佢啦"])
def test_more_ways_to_leave(text: str) -> None:
    assert wants_to_stop(text)


def test_a_doubt_in_a_full_sentence_is_dont_know() -> None:
    events = ValidateRepaymentForm().extract_events(
        said("这个我目前还没法确定，要翻一下公司的文件才知道", "deny", lang="zh-Hans"),
        "grant_cancelled",
    )
    assert slot_values(events) == {
        "grant_cancelled": None,
        HINT: DONT_KNOW_HINT + "grant_cancelled",
    }


def test_a_typed_command_is_no_answer() -> None:
    """`/deny{"answer_to":"grant_cancelled"}` typed while another question was asked ended the
    check as "aid cancelled"."""
    tracker = said('deny{"answer_to":"grant_cancelled"}', "deny",
                   slots={"requested_slot": "is_last_installment"})  # fmt: skip
    tracker.latest_message["metadata"][TYPED_COMMAND] = True
    events = asyncio.run(
        ValidateRepaymentForm().get_extraction_events(CollectingDispatcher(), tracker, {})
    )
    assert slot_values(events) == {"is_last_installment": None, HINT: "is_last_installment"}


# Probe 5 (2026-12-06): facts misread into a decision the user's own words contradict.
def test_one_instalment_of_an_amount_is_that_amount_not_mop_1() -> None:
    """「…到期之一期為8,500澳門元…該期亦非最後一期」 was ruled out as "the last instalment" and
    "not above MOP 1,000": 一期 ("one instalment") was read as MOP 1, and 亦非 was no negation."""
    text = (
        "本公司於2018年獲批《中小企業援助計劃》，現尚有欠款。原定於2020年9月30日到期之一期為"
        "8,500澳門元，其後尚餘十期；本公司此前從未申請調整，該期亦非最後一期，援助亦未被取消。"
        "請問可否申請調整還款？"
    )
    assert extract(text, None) == {
        "scheme": "sme_aid", "installment_due_date": "2020-09-30", "is_last_installment": False,
        "grant_cancelled": False, "adjustments_used": 0, "installment_amount": "8500.00",
        "remaining_installments_after": 10,
    }  # fmt: skip
    assert extract("到期的一期为5000澳门元", "installment_amount") == {
        "installment_amount": "5000.00"
    }


@pytest.mark.parametrize("text", ["六期", "仲有6期", "第3期"])
def test_a_number_of_instalments_is_no_amount(text: str) -> None:
    """「六期」 (six instalments left), typed at the amount question, became an instalment of
    MOP 6, "not above MOP 1,000"."""
    assert "installment_amount" not in extract(text, "installment_amount")


@pytest.mark.parametrize(
    ("text", "amount"),
    [("2.500 patacas", "2500.00"), ("8.500,50 patacas", "8500.50"), ("MOP 12.000", "12000.00"),
     ("伍仟澳門元", "5000.00"), ("壹萬貳仟元", "12000.00")],
)  # fmt: skip
def test_amounts_written_the_portuguese_or_the_formal_chinese_way(text: str, amount: str) -> None:
    """«2.500 patacas» (a Portuguese thousands point) was MOP 2.5; 「伍仟澳門元」 was not read."""
    assert extract(text, "installment_amount") == {"installment_amount": amount}


@pytest.mark.parametrize(
    "text", ["唔好意思，唔做住，取消", "唔做住", "sorry, cancel", "não quero continuar, cancelar"]
)
def test_cancel_after_other_words_is_leaving_not_a_cancelled_grant(text: str) -> None:
    """「唔好意思，唔做住，取消」 at the due-date question was read as "the aid was cancelled"."""
    assert wants_to_stop(text)
    events = ValidateRepaymentForm().extract_events(said(text, "deny"), "installment_due_date")
    assert slot_values(events) == {STOPPED: True}


@pytest.mark.parametrize(
    "text",
    ["ok and can I apply online?", "好，但係可唔可以網上申請？", "sim, mas posso pedir online?"],
)
def test_a_yes_word_opening_a_question_is_no_yes(text: str) -> None:
    """ "ok and can I apply online?" at "has your aid been cancelled?" ruled the case out as
    cancelled, although the user had said it was not."""
    assert extract(text, "grant_cancelled") == {}


# Probe 6 (2026-12-06): the MOP 1,000 the measure lowers an instalment to, named by a user who
# wants it, was taken for the instalment and the case ruled out as "not above MOP 1,000".
@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("我間公司有借青年創業援助計劃，想問可唔可以將下期還款減到1000蚊",
         {"scheme": "young_entrepreneurs_aid"}),
        ("Olá, a minha empresa tem um empréstimo do Plano de Apoio a Jovens Empreendedores. "
         "Posso reduzir a próxima prestação para 1000 patacas?",
         {"scheme": "young_entrepreneurs_aid"}),
        ("Can my company reduce its next instalment to MOP 1,000? We're on the SME Aid Scheme, "
         "the instalment is MOP 6,500 due in September 2020, not the last one, aid not "
         "cancelled, never adjusted before.",
         {"scheme": "sme_aid", "installment_due_date": "2020-09-30", "is_last_installment": False,
          "grant_cancelled": False, "adjustments_used": 0, "installment_amount": "6500.00"}),
        ("敬啟者：本企業為中小企業援助計劃受惠企業，擬申請將下一期還款調低至一千澳門元。該期還款原定於"
         "2020年9月到期，金額為澳門元12,000，並非最後一期，援助亦未被取消，本企業此前未曾申請調整。",
         {"scheme": "sme_aid", "installment_due_date": "2020-09-30", "is_last_installment": False,
          "grant_cancelled": False, "adjustments_used": 0, "installment_amount": "12000.00"}),
        ("想將每期供款降至1,000澳門元", {}),
        ("could we lower the repayment down to 1000 patacas", {}),
        ("reduce my instalment of MOP 6500 to 1000", {"installment_amount": "6500.00"}),
        ("reduzir a prestação de 6500 patacas para 1000", {"installment_amount": "6500.00"}),
    ],
)  # fmt: skip
def test_the_amount_wanted_is_not_the_instalment(text: str, slots: dict[str, object]) -> None:
    assert extract(text, None) == slots
    if "installment_amount" not in slots:  # nor at the amount question
        assert "installment_amount" not in extract(text, "installment_amount")


# Probe 6: after a decision, "what if…", a correction and "so am I eligible?" began a check from
# nothing (the scheme and date given before were asked again) or got "not sure".
DECIDED_CASE = {
    "scheme": "typhoon_hato_special_aid", "installment_due_date": "2020-03-31",
    "is_last_installment": False, "grant_cancelled": False, "adjustments_used": 0,
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "supposed"),
    [("如果係最後一期呢？", {"is_last_installment": True}),
     ("如該期為最後一期，結果是否不同？", {"is_last_installment": True}),
     ("那如果不是最后一期呢", {"is_last_installment": False}),
     ("What if it was the last instalment?", {"is_last_installment": True}),
     ("E se fosse a última prestação?", {"is_last_installment": True}),
     ("what if the aid had been cancelled?", {"grant_cancelled": True}),
     ("what if it was due in January 2021?", {"installment_due_date": "2021-01-31"}),
     ("如果我之前已經調整過兩次呢", {"adjustments_used": 2})],
)  # fmt: skip
def test_a_case_supposed_is_read_as_supposed(text: str, supposed: dict[str, object]) -> None:
    assert supposed_slots(text) == supposed
    assert extract(text, None) == {}  # and states no fact of the user's own case


@pytest.mark.parametrize(
    ("text", "changed"),
    [("如果係最後一期呢？", {"is_last_installment": True}),
     ("唔好意思，打錯，係2020年9月", {"installment_due_date": "2020-09-30"}),
     ("Desculpe, enganei-me, é Fevereiro de 2020", {"installment_due_date": "2020-02-29"}),
     ("不是最后一期", {}),
     ("咁即係點？我可唔可以申請？", {}),
     ("ok so am I eligible or not?", {})],
)  # fmt: skip
def test_after_a_decision_its_facts_are_decided_again(
    text: str, changed: dict[str, object]
) -> None:
    assert revisited_case(DECIDED_CASE, text) == {**DECIDED_CASE, **changed}


@pytest.mark.parametrize(
    "text", ["thanks", "CEPA係咩", "2019年的贸易额是多少？", "what happened in 2019?"]
)
def test_after_a_decision_other_messages_leave_it(text: str) -> None:
    assert revisited_case(DECIDED_CASE, text) is None
    assert revisited_case(None, "如果係最後一期呢？") is None


def test_a_number_in_a_question_answers_nothing() -> None:
    """Probe 6: 「那剩下的7000怎么还？」 at the remaining-instalments question was told "at most
    600 instalments can remain"; "20年9月" at the due date was not understood."""
    assert read_slots("那剩下的7000怎么还？", "remaining_installments_after") == ({}, ())
    assert extract("10?", "remaining_installments_after") == {"remaining_installments_after": 10}
    assert extract("20年9月", "installment_due_date") == {"installment_due_date": "2020-09-30"}


# --- probe 7 (2026-12-07): the repayment check ------------------------------------------------

PROBE7_TODAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("text", "requested", "slots"),
    [
        ("prestação de 2 mil patacas", None, {"installment_amount": "2000.00"}),
        ("são 2 mil patacas", "installment_amount", {"installment_amount": "2000.00"}),
        ("instalment of 2 thousand patacas", None, {"installment_amount": "2000.00"}),
        ("2k", "installment_amount", {"installment_amount": "2000.00"}),
        ("3 thousand", "installment_amount", {"installment_amount": "3000.00"}),
        ("1.5 mil", "installment_amount", {"installment_amount": "1500.00"}),
    ],
)  # fmt: skip
def test_thousands_in_words_are_thousands(
    text: str, requested: str | None, slots: dict[str, object]
) -> None:
    """Item 1: «são 2 mil patacas» was MOP 2, and the case "not above MOP 1,000"."""
    assert read_slots(text, requested) == (slots, ())


def test_the_tens_as_one_character_count_instalments() -> None:
    """Item 2: 「廿四期」 was 4 instalments."""
    assert extract("中小企業援助計劃，2020年5月到期，仲有廿四期", None) == {
        "scheme": "sme_aid", "installment_due_date": "2020-05-31",
        "remaining_installments_after": 24,
    }  # fmt: skip
    assert extract("仲有卅期", None) == {"remaining_installments_after": 30}
    assert extract("廿五", "remaining_installments_after") == {"remaining_installments_after": 25}


@pytest.mark.parametrize("intent", ["affirm", "inform", "nlu_fallback"])
def test_a_corrected_count_of_instalments_is_no_yes(intent: str) -> None:
    """Item 3: after 「…仲有二十四期」, asked "is this the last instalment?", 「sorry 講錯，係卅期」
    was a yes (the case refused as a last instalment): it corrects the count."""
    assert read_slots("sorry 講錯，係卅期", "is_last_installment", intent) == (
        {"remaining_installments_after": 30}, (),
    )  # fmt: skip
    assert extract("唔好意思打錯，應該係24期", "grant_cancelled") == {
        "remaining_installments_after": 24
    }


@pytest.mark.parametrize(
    ("text", "requested", "slots"),
    [
        ("我間公司可唔可以調整還款？中小企業援助計劃，2020年5月到期，唔係尾期，冇取消，冇調過", None,
         {"scheme": "sme_aid", "installment_due_date": "2020-05-31", "is_last_installment": False,
          "grant_cancelled": False, "adjustments_used": 0}),
        ("唔係尾期", "grant_cancelled", {"is_last_installment": False}),
        ("冇調過", None, {"adjustments_used": 0}),
        ("its not last, adjusted once, 11 left, 8000 per instalment", None,
         {"is_last_installment": False, "adjustments_used": 1, "remaining_installments_after": 11,
          "installment_amount": "8000.00"}),
        ("not last", "grant_cancelled", {"is_last_installment": False}),
        ("hato scheme, adjusted once, 11 left?", None,
         {"scheme": "typhoon_hato_special_aid", "adjustments_used": 1,
          "remaining_installments_after": 11}),
        ("adjusted once so far, 11 left - am I eligible?", None,
         {"adjustments_used": 1, "remaining_installments_after": 11}),
        ("Faltavam 3", None, {"remaining_installments_after": 3}),
        # a last of another thing is no last instalment
        ("my last payment was in March 2020", None, {"installment_due_date": "2020-03-31"}),
        ("Faltavam 3", "installment_amount", {"remaining_installments_after": 3}),
        ("PME, Maio 2020, não é a última, não foi cancelado, nunca ajustei, faltam 5 prestações "
         "de 3000 patacas", None,
         {"scheme": "sme_aid", "installment_due_date": "2020-05-31", "is_last_installment": False,
          "grant_cancelled": False, "adjustments_used": 0, "remaining_installments_after": 5,
          "installment_amount": "3000.00"}),
    ],
)  # fmt: skip
def test_facts_the_seventh_probe_found_not_taken(
    text: str, requested: str | None, slots: dict[str, object]
) -> None:
    """Item 4: facts given in free text were not taken, and asked for again."""
    assert extract(text, requested) == slots


@pytest.mark.parametrize(
    "text", ["HKD 3000", "HK$3,000", "每期港幣3000", "三千港元", "3000 Hong Kong dollars"]
)
def test_an_amount_in_another_currency_is_not_taken_for_patacas(text: str) -> None:
    """Item 5: «HKD 3000» was taken as MOP 3,000."""
    assert "installment_amount" not in extract(text, "installment_amount")
    assert "installment_amount" not in extract(text, None)
    events = ValidateRepaymentForm().extract_events(said(text), "installment_amount")
    assert slot_values(events) == {
        "installment_amount": None,
        HINT: CURRENCY + "installment_amount",
    }
    for lang in LANGS:
        asked = AskAmount().question(tracker("", {HINT: CURRENCY + "installment_amount"}), lang)
        assert asked == (
            f"{message('form.not_patacas', lang)} {message('form.question.installment_amount', lang)}"
        )


def test_other_facts_beside_an_amount_in_another_currency_are_kept() -> None:
    events = ValidateRepaymentForm().extract_events(
        said("中小企業援助計劃，每期港幣3000，仲有10期"), None
    )
    assert slot_values(events) == {
        "scheme": "sme_aid", "remaining_installments_after": 10,
        "is_last_installment": False,  # ten left after it: not the last (probe 12)
        HINT: CURRENCY + "installment_amount",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "due"),
    [("今年三月", "2026-03-31"), ("next month", "2027-01-31"), ("last month", "2026-11-30"),
     ("上個月", "2026-11-30"), ("下個月", "2027-01-31"), ("no próximo mês", "2027-01-31")],
)  # fmt: skip
def test_relative_months_at_the_due_date_question(text: str, due: str) -> None:
    """Item 6: not understood; each is a month after the measure, which rules the case out."""
    found, _ = read_slots(text, "installment_due_date", today=PROBE7_TODAY)
    assert found == {"installment_due_date": due}
    assert ruled_out(found)
    # "last month" is no last instalment
    assert read_slots("last month", "grant_cancelled", today=PROBE7_TODAY) == ({}, ())


def test_a_relative_month_elsewhere_is_read_when_it_is_the_due_date() -> None:
    found, _ = read_slots("SME aid, due next month", None, today=PROBE7_TODAY)
    assert found == {"scheme": "sme_aid", "installment_due_date": "2027-01-31"}
    # "I adjusted it last month" names no due date
    assert read_slots("I adjusted it last month", None, today=PROBE7_TODAY)[0] == {}


FULL_CASE = {**DECIDED_CASE, "installment_amount": "8000.00", "remaining_installments_after": 10}


@pytest.mark.parametrize(
    ("text", "changed"),
    [("what if it were 1,200", {"installment_amount": "1200.00"}),
     ("哦，那如果是1200呢", {"installment_amount": "1200.00"}),
     ("E se fosse 1.000?", {"installment_amount": "1000.00"}),
     ("若為澳門幣一千元正呢？", {"installment_amount": "1000.00"}),
     ("咁如果係十二期呢", {"remaining_installments_after": 12}),
     ("那如果只用过一次呢", {"adjustments_used": 1}),
     ("e se vencesse a 1/1/2021?", {"installment_due_date": "2021-01-01"}),
     ("返返去頭先個還款，如果我調過兩次呢？", {"adjustments_used": 2}),
     ("sorry, it was 3 thousand", {"installment_amount": "3000.00"}),
     ("and if it's the e-commerce subsidy scheme?", {"scheme": "other"}),
     ("請問本公司是否可申請？", {}),
     ("請問本公司現時可否提出申請？", {}),
     ("can we apply?", {}),
     ("Podemos candidatar-nos?", {})],
)  # fmt: skip
def test_what_ifs_and_corrections_after_a_decision(text: str, changed: dict[str, object]) -> None:
    """Items 7, 8 and 10: refused, "not sure", or a check begun from nothing."""
    assert revisited_case(FULL_CASE, text) == {**FULL_CASE, **changed}


@pytest.mark.parametrize(
    "text", ["sorry, my phone is 66123456", "第一次用呢個服務", "thx bye", "15", "sorry"]
)
def test_after_a_decision_what_corrects_nothing_leaves_it(text: str) -> None:
    assert revisited_case(FULL_CASE, text) is None


def test_a_scheme_not_covered_is_ruled_out_as_such() -> None:
    """Item 10: «and if it's the e-commerce subsidy scheme?» got "the information does not give
    funding amounts"."""
    revisited = revisited_case(FULL_CASE, "and if it's the e-commerce subsidy scheme?")
    assert revisited is not None
    assert decide(partial_case(revisited)).reason_codes == ("scheme_not_covered",)
    # "the scheme" names none
    assert supposed_slots("what if the scheme had ended?") == {}


def test_another_company_is_a_case_of_its_own() -> None:
    """Item 9: the friend's company inherited "grant cancelled" from the user's own case."""
    told = "ok what about my friend's company, Typhoon Hato scheme, last instalment due Oct 2020"
    assert revisited_case({**FULL_CASE, "grant_cancelled": True}, told) is None
    assert extract(told, None) == {
        "scheme": "typhoon_hato_special_aid", "installment_due_date": "2020-10-31",
        "is_last_installment": True,
    }  # fmt: skip


@pytest.mark.parametrize(
    "text", ["what date did u use for my instalment?", "你用咗咩日期計？", "que data usou?",
             "which facts did you use?"],
)  # fmt: skip
def test_which_facts_a_decision_used_is_asked(text: str) -> None:
    """Item 8: "what date did u use for my instalment?" began the check from nothing."""
    assert asks_facts_used(text)
    assert revisited_case(FULL_CASE, text) == FULL_CASE  # the kept facts, to say, not a new check
    dispatcher = CollectingDispatcher()
    events = ValidateRepaymentForm().extract_events(
        said(text, "check_repayment_eligibility", {DECIDED: FULL_CASE}, lang="en"), None, dispatcher
    )
    assert slot_values(events) == {STOPPED: ANSWERED}
    said_text = dispatcher.messages[0]["text"]
    lang = next(lang for lang in LANGS if message("repayment.facts_used", lang) in said_text)
    assert format_date(dt.date(2020, 3, 31), lang) in said_text, said_text
    assert format_mop(Decimal("8000"), lang) in said_text
    assert message("scheme.typhoon_hato_special_aid", lang) in said_text


def test_a_what_if_inside_the_check_is_decided_at_once() -> None:
    """Item 7: "ok what if it was due jan 2021" asked at the scheme question fell to "not
    sure"; a due date after the measure decides the case (outside the period)."""
    events = ValidateRepaymentForm().extract_events(
        said("ok what if it was due jan 2021", "nlu_fallback"), "scheme"
    )
    values = slot_values(events)
    assert values["installment_due_date"] == "2021-01-31"
    assert ruled_out(values)


def test_the_adjustment_bound_says_what_the_question_accepts() -> None:
    """Item 11: 「已調整的次數不能超過 100 次」 while the question asks 0, 1 or 2."""
    for lang in LANGS:
        said_text = message("form.too_large.adjustments_used", lang)
        choices = message("form.question.adjustments_used", lang).rsplit("(", 1)[-1]
        choices = choices.rsplit("（", 1)[-1].rstrip(")）")
        assert choices in said_text, (lang, said_text)


@pytest.mark.parametrize("intent", ["goodbye", "thank", "inform"])
def test_a_goodbye_ends_the_check(intent: str) -> None:
    """Item 12: "thx bye" (NLU: goodbye, 0.80) got "could not understand that answer"."""
    events = ValidateRepaymentForm().extract_events(said("thx bye", intent), "scheme")
    assert slot_values(events) == {STOPPED: GOODBYE}
    dispatcher = CollectingDispatcher()
    ActionSubmitEligibility().run(dispatcher, said("thx bye", slots={STOPPED: GOODBYE}), {})
    assert dispatcher.messages[0]["text"] in {message("small_talk.goodbye", lang) for lang in LANGS}


def test_a_whole_case_told_is_the_check_whatever_the_articles_say() -> None:
    """«Plano de Apoio a PME, Maio de 2020, não é a última, …, são 2 mil patacas» (NLU: unsure)
    got the measure's overview."""
    from actions.repayment_slots import tells_a_whole_case

    assert tells_a_whole_case(
        "Plano de Apoio a Pequenas e Médias Empresas, Maio de 2020, não é a última, apoio não "
        "cancelado, nunca ajustei, faltam 4 prestações, são 2 mil patacas"
    )
    assert not tells_a_whole_case("中小企業援助計劃，2020年5月到期")  # two facts: the KB may answer
    assert not tells_a_whole_case(
        "SME aid, due May 2020, not the last one, never adjusted: can I still apply?"
    )


def test_a_what_if_inside_the_check_leaves_a_fact_told_as_told() -> None:
    """The third probe: 「如果到期日是2021年1月，結果會否不同？」 after 2020年2月 was told is no
    new due date."""
    events = ValidateRepaymentForm().extract_events(
        said(
            "如果到期日是2021年1月，結果會否不同？",
            "inform",
            {"installment_due_date": "2020-02-29"},
        ),
        "is_last_installment",
    )
    assert "installment_due_date" not in slot_values(events)


# --- probe 8 (2026-12-07) ------------------------------------------------------------------------

DECIDED_CASE = {
    "scheme": "sme_aid",
    "installment_due_date": "2020-05-31",
    "is_last_installment": False,
    "grant_cancelled": False,
    "adjustments_used": 0,
}


def test_an_instalment_named_by_a_relative_month_after_a_decision_is_decided_again() -> None:
    """「如果是去年12月那期呢？」 after an eligible result began the check from the scheme."""
    from actions.repayment_slots import revisited_case

    again = revisited_case(DECIDED_CASE, "如果是去年12月那期呢？")
    assert again is not None and again["installment_due_date"] > "2020-12-31"


def test_a_fact_put_as_and_if_after_a_decision_is_decided_again() -> None:
    """「我们已经调过两次了呢？」 after a result got "not sure"."""
    from actions.repayment_slots import revisited_case

    assert revisited_case(DECIDED_CASE, "我们已经调过两次了呢？") == {
        **DECIDED_CASE,
        "adjustments_used": 2,
    }
    # a question on something else after the decision states no fact of the case
    assert revisited_case(DECIDED_CASE, "2019年的数字呢？") is None


@pytest.mark.parametrize("typed", ["/restart", "let me start over", "recomeçar", "重新開始"])
def test_starting_over_leaves_the_form(typed: str) -> None:
    """ "/restart" inside a form was "could not understand that answer" (probe 8)."""
    assert wants_to_stop(typed)
    assert not wants_to_stop("the restart of talks")


# --- probe 9 (2026-12-07) ------------------------------------------------------------------------


def test_the_last_instalment_left_unpaid_is_the_last_instalment() -> None:
    """「得返最後一期未還」 ("only the last instalment is left unpaid") was read as "not the last
    instalment" (its 未 as a no), and the check asked five questions before its verdict."""
    told = "我公司係天鴿特別援助計劃嘅，得返最後一期未還，可唔可以調低佢？"
    assert read_slots(told, None) == (
        {"scheme": "typhoon_hato_special_aid", "is_last_installment": True},
        (),
    )
    assert ruled_out(extract(told, None))  # decided at once
    assert extract("最後一期冇還", None) == {"is_last_installment": True}
    assert extract("最後一期仲未到期", None) == {"is_last_installment": True}
    assert extract("the last instalment, not yet paid", None) == {"is_last_installment": True}
    assert extract("唔係最後一期", None) == {"is_last_installment": False}
    assert extract("援助未取消", None) == {"grant_cancelled": False}


@pytest.mark.parametrize(
    ("text", "slots"),
    [("好，仲有3期", {"remaining_installments_after": 3}),
     ("係，仲有3期", {"is_last_installment": True, "remaining_installments_after": 3}),
     ("no, 12 left", {"is_last_installment": False, "remaining_installments_after": 12})],
)  # fmt: skip
def test_an_answer_opening_a_message_of_facts(text: str, slots: dict[str, object]) -> None:
    """A firm yes or a no before cued facts answers the question; an "ok" does not."""
    assert extract(text, "is_last_installment") == slots


@pytest.mark.parametrize(
    ("text", "requested", "slots", "vague"),
    [("唔係，仲有成十幾期", "is_last_installment", {"is_last_installment": False},
      ("remaining_installments_after",)),
     ("大概仲有十幾期", "installment_due_date", {}, ("remaining_installments_after",)),
     ("十幾期", "remaining_installments_after", {}, ("remaining_installments_after",)),
     ("more than ten", "remaining_installments_after", {}, ("remaining_installments_after",)),
     ("about 10 left", "installment_amount", {}, ("remaining_installments_after",)),
     ("一兩次", "adjustments_used", {}, ("adjustments_used",)),
     ("adjusted once or twice", None, {}, ("adjustments_used",)),
     # an amount told roughly (p9-011: 「大概兩萬」 was worked out with as MOP 20,000)
     ("大概兩萬", "installment_amount", {}, ("installment_amount",)),
     ("兩萬左右", "installment_amount", {}, ("installment_amount",)),
     ("about 8k", "installment_amount", {}, ("installment_amount",)),
     ("cerca de 5 mil patacas", "installment_amount", {}, ("installment_amount",)),
     ("每期大概八千蚊", "is_last_installment", {}, ("installment_amount",)),
     # exact counts and amounts stay as they were
     ("仲有10期", "installment_amount", {"remaining_installments_after": 10}, ()),
     ("兩萬", "installment_amount", {"installment_amount": "20000.00"}, ()),
     ("仲有成十幾期，每期八千蚊", "grant_cancelled", {"installment_amount": "8000.00"},
      ("remaining_installments_after",)),
     ("12", "remaining_installments_after", {"remaining_installments_after": 12}, ())],
)  # fmt: skip
def test_a_vague_count_is_never_a_number(
    text: str, requested: str, slots: dict[str, object], vague: tuple[str, ...]
) -> None:
    """「唔係，仲有成十幾期」 and 「大概仲有十幾期」 became exactly 10 remaining instalments, from
    which the increase of each was worked out (p9-001, p9-073)."""
    from actions.repayment_slots import vague_values

    assert read_slots(text, requested) == (slots, ())
    assert vague_values(text, requested) == vague


def test_a_vague_count_is_asked_for_exactly() -> None:
    from actions.repayment_form import VAGUE

    events = ValidateRepaymentForm().extract_events(
        said("唔係，仲有成十幾期", "nlu_fallback"), "is_last_installment"
    )
    assert slot_values(events) == {
        "is_last_installment": False, HINT: VAGUE + "remaining_installments_after"
    }  # fmt: skip
    events = ValidateRepaymentForm().extract_events(
        said("大概十幾期", "inform"), "remaining_installments_after"
    )
    assert slot_values(events) == {
        "remaining_installments_after": None, HINT: VAGUE + "remaining_installments_after"
    }  # fmt: skip
    for lang in LANGS:
        hinted = tracker("", {HINT: VAGUE + "remaining_installments_after"}, lang)
        asked = AskRemaining().question(hinted, lang)
        assert asked.startswith(message("form.vague.remaining_installments_after", lang))
        assert asked.endswith(message("form.question.remaining_installments_after", lang))
        asked = AskGrantCancelled().question(hinted, lang)  # said before whichever comes next
        assert asked.startswith(message("form.vague.remaining_installments_after", lang))


def test_a_rough_amount_is_asked_for_exactly() -> None:
    """p9-011: 「大概兩萬」 at the amount was computed with as MOP 20,000."""
    from actions.repayment_form import VAGUE

    events = ValidateRepaymentForm().extract_events(
        said("大概兩萬", "inform"), "installment_amount"
    )
    assert slot_values(events) == {
        "installment_amount": None, HINT: VAGUE + "installment_amount"
    }  # fmt: skip
    for lang in LANGS:
        hinted = tracker("", {HINT: VAGUE + "installment_amount"}, lang)
        asked = AskAmount().question(hinted, lang)
        assert asked.startswith(message("form.vague.installment_amount", lang))
        assert asked.endswith(message("form.question.installment_amount", lang))


def test_a_vague_count_is_not_supposed_either() -> None:
    assert revisited_case(FULL_CASE, "what if more than ten remained?") is None


@pytest.mark.parametrize(
    ("text", "due"),
    [("3月份嗰期，2020年", "2020-03-31"), ("6/20", "2020-06-30"),
     ("the one due on Aug 15th 2020", "2020-08-15")],
)  # fmt: skip
def test_due_dates_the_ninth_probe_wrote(text: str, due: str) -> None:
    """Each was "not understood" at the due-date question."""
    found, _ = read_slots(text, "installment_due_date", today=PROBE7_TODAY)
    assert found == {"installment_due_date": due}


@pytest.mark.parametrize("text", ["中小企", "中小企業", "SME", "sme one", "PME"])
def test_a_short_name_of_a_scheme_answers_the_scheme_question(text: str) -> None:
    """「中小企」 at "which scheme?" was "not understood" (probe 9)."""
    assert read_slots(text, "scheme") == ({"scheme": "sme_aid"}, ())


def test_a_short_name_of_a_scheme_elsewhere_names_none() -> None:
    """「我哋係中小企」 says what the company is, not which scheme it repays."""
    assert "scheme" not in extract("我哋係中小企，想問調整還款", None)
    assert "scheme" not in extract("我哋係中小企", "installment_due_date")


@pytest.mark.parametrize(
    ("texts", "scheme"),
    [(["hello 我想問下青年創業援助計劃還款可唔可以減少每期金額", "2020年6月"],
      "young_entrepreneurs_aid"),
     (["你好，我们公司参加了中小企业援助计划，想算一下如果调整还款的话之后每期要多还多少钱"], "sme_aid"),
     (["Aiya my company got the Hato loan lah, can adjust the payment or not?", "next one is jan 2021",
       "ok check again"], "typhoon_hato_special_aid"),
     (["我想問CEPA", "2020年6月"], None),
     (["青年創業援助計劃", "what about my friend's company, due May 2020"], None),
     (["電商資助計劃"], None)],
)  # fmt: skip
def test_the_scheme_named_earlier_in_the_conversation(texts: list[str], scheme: str | None) -> None:
    """A scheme named in an earlier message (or in a message supposing an adjustment) was asked
    for again (p9-002, p9-033, p9-046); another company's case starts from nothing."""
    from actions.repayment_slots import scheme_told

    assert scheme_told(texts) == scheme


def test_the_check_takes_the_scheme_named_before_it_began() -> None:
    events = [
        {"event": "user", "text": "hello 我想問下青年創業援助計劃還款可唔可以減少每期金額"},
        {"event": "bot", "text": "…"},
        {"event": "user", "text": "2020年6月"},
    ]
    started = Tracker(
        "web:test", {}, {"text": "2020年6月", "intent": {"name": "inform"}, "entities": []},
        events, False, None, {}, "action_listen",
    )  # fmt: skip
    values = slot_values(ValidateRepaymentForm().extract_events(started, None))
    assert values["scheme"] == "young_entrepreneurs_aid"
    assert values["installment_due_date"] == "2020-06-30"


@pytest.mark.parametrize(
    ("text", "on_repayment", "opens"),
    [("ok and the last one", False, False), ("2020年6月", False, False),
     ("2020年6月", True, True), ("唔係最後一期", False, True),
     ("SME aid, due May 2020", False, True), ("not the last one, due May 2020", False, True)],
)  # fmt: skip
def test_facts_open_a_check_only_when_it_is_asked_for(
    text: str, on_repayment: bool, opens: bool
) -> None:
    """ "ok and the last one" after the Greater Bay Area measures got a verdict on a check
    nobody had asked for: "does not apply to the last instalment" (p9-052)."""
    from actions.repayment_slots import opens_a_check

    assert opens_a_check(text, extract(text, None), on_repayment) is opens


def test_can_i_submit_it_now_after_a_decision_is_the_decision_again() -> None:
    """ "wait, so can I submit this to DSE now?" after a decision got "not sure" (p9-045)."""
    assert revisited_case(FULL_CASE, "wait, so can I submit this to DSE now?") == FULL_CASE


def test_thanks_after_turning_away_from_the_check_end_it() -> None:
    """p9-023, p9-044: after questions on other things, 「謝謝。」 and "thx" got thanks and the
    check's question again; a user who is answering it keeps it (the question again)."""
    from actions.repayment_form import FORM

    def run(*turns: list[dict[str, Any]]) -> Tracker:
        events: list[dict[str, Any]] = [
            {"event": "user", "text": "明白。另請問，若批給未被取消，調整後最近一期須償還多少？"},
            {"event": "active_loop", "name": FORM},
            {"event": "slot", "name": "scheme", "value": "sme_aid"},
            {"event": "bot", "text": message("form.question.installment_due_date", "zh-Hant")},
        ]
        for turn in turns:
            events += turn
        events.append({"event": "user", "text": "謝謝。"})
        return Tracker("web:t", {}, {"text": "謝謝。", "intent": {"name": "thank"}}, events,
                       False, None, {"name": FORM}, "action_listen")  # fmt: skip

    asked_else = [{"event": "user", "text": "餘下款項如何處理？"}, {"event": "bot", "text": "…"}]
    answered = [
        {"event": "user", "text": "2020年5月"},
        {"event": "slot", "name": "installment_due_date", "value": "2020-05-31"},
        {"event": "bot", "text": "…"},
    ]
    form = ValidateRepaymentForm()
    assert slot_values(form.extract_events(run(asked_else), "installment_due_date")) == {
        STOPPED: ANSWERED
    }
    for kept in (run(), run(answered, asked_else)):
        assert STOPPED not in slot_values(form.extract_events(kept, "installment_due_date"))


def test_a_schemes_latin_name_is_a_whole_word() -> None:
    # "pme" (pequenas e médias empresas) inside "shipment" named the SME scheme
    assert parse_scheme("we missed the shipment payment") is None
    assert parse_scheme("Temos um empréstimo do plano PME") == "sme_aid"


def test_a_schemes_latin_name_may_end_in_a_plural() -> None:
    said = "I'd like to check my company's case. We're on the Young Entrepreneurs Aid Scheme."
    assert parse_scheme(said) == "young_entrepreneurs_aid"


# --- probe 10 (2026-12-07) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "requested", "slots"),
    [("1萬2", "installment_amount", {"installment_amount": "12000.00"}),
     ("1萬5千", "installment_amount", {"installment_amount": "15000.00"}),
     ("每期1萬2蚊", None, {"installment_amount": "12000.00"}),
     ("2萬3千5", "installment_amount", {"installment_amount": "23500.00"})],
)  # fmt: skip
def test_probe10_digits_with_chinese_units_are_the_whole_sum(
    text: str, requested: str | None, slots: dict[str, object]
) -> None:
    """p10-003, p10-009: 「1萬5千」 and 「1萬2」 were MOP 10,000, and the remaining sum and each
    later increase were worked out from it."""
    assert read_slots(text, requested) == (slots, ())


def test_probe10_a_rough_sum_with_units_is_asked_for_exactly() -> None:
    """p10-004: 「大概1萬2蚊」 was taken (as MOP 10,000), while 「十期左右」 was asked again."""
    from actions.repayment_form import VAGUE
    from actions.repayment_slots import vague_values

    assert read_slots("大概1萬2蚊", "installment_amount") == ({}, ())
    assert vague_values("大概1萬2蚊", "installment_amount") == ("installment_amount",)
    events = ValidateRepaymentForm().extract_events(said("大概1萬2蚊"), "installment_amount")
    assert slot_values(events) == {"installment_amount": None, HINT: VAGUE + "installment_amount"}


@pytest.mark.parametrize(
    ("text", "requested", "slots"),
    [("兩次 啊唔係 係一次", "adjustments_used", {"adjustments_used": 1}),
     ("两次，不是，是一次", "adjustments_used", {"adjustments_used": 1}),
     ("調過兩次，唔係，一次咋", "adjustments_used", {"adjustments_used": 1}),
     ("twice, no wait, once", "adjustments_used", {"adjustments_used": 1}),
     ("2 times - I mean 1", "adjustments_used", {"adjustments_used": 1}),
     ("duas vezes, quer dizer, uma", "adjustments_used", {"adjustments_used": 1}),
     ("2, aliás, 1", "adjustments_used", {"adjustments_used": 1}),
     ("8000 唔係 9000蚊", "installment_amount", {"installment_amount": "9000.00"}),
     ("2020年3月，唔係，2020年4月", "installment_due_date", {"installment_due_date": "2020-04-30"}),
     ("yes, no wait, no", "is_last_installment", {"is_last_installment": False}),
     # a no after another fact corrects nothing: it answers, or states, a fact of its own
     ("調過一次，唔係最後一期", "adjustments_used",
      {"adjustments_used": 1, "is_last_installment": False}),
     ("2020年5月，唔係最後一期", "installment_due_date",
      {"installment_due_date": "2020-05-31", "is_last_installment": False})],
)  # fmt: skip
def test_probe10_a_value_taken_back_gives_way_to_its_correction(
    text: str, requested: str, slots: dict[str, object]
) -> None:
    """p10-009: 「兩次 啊唔係 係一次」 was read as two adjustments, and the case ruled out as
    "at most twice"; the value the user corrected it to wins."""
    assert read_slots(text, requested) == (slots, ())


def test_probe10_the_corrected_count_decides() -> None:
    events = ValidateRepaymentForm().extract_events(
        said("兩次 啊唔係 係一次", slots=DECIDED_CASE | {"adjustments_used": None}),
        "adjustments_used",
    )
    values = slot_values(events)
    assert values["adjustments_used"] == 1
    assert not ruled_out({**DECIDED_CASE, **values})


@pytest.mark.parametrize(
    ("text", "requested", "slots"),
    [("唔係最後 冇取消過 都未調過", "is_last_installment",
      {"is_last_installment": False, "grant_cancelled": False, "adjustments_used": 0}),
     ("nope, and the grant wasnt cancelled, never adjusted before", "is_last_installment",
      {"is_last_installment": False, "grant_cancelled": False, "adjustments_used": 0}),
     ("it isnt the last one and the grant wasnt cancelled", None,
      {"is_last_installment": False, "grant_cancelled": False}),
     ("不是最后 没有取消 没调过", "is_last_installment",
      {"is_last_installment": False, "grant_cancelled": False, "adjustments_used": 0}),
     ("nao e a ultima, o apoio nao foi cancelado", None,
      {"is_last_installment": False, "grant_cancelled": False})],
)  # fmt: skip
def test_probe10_every_fact_of_one_message_is_read(
    text: str, requested: str | None, slots: dict[str, object]
) -> None:
    """p10-003: 「唔係最後 冇取消過 都未調過」 kept two facts and asked the first again; p10-056:
    "the grant wasnt cancelled" was read as cancelled, and the case ruled out."""
    assert read_slots(text, requested) == (slots, ())


@pytest.mark.parametrize(
    "text",
    ["想問下12000調到1000 剩返幾多要攤還", "12000減到1000之後點還", "想问下12000调到1000还剩多少",
     "reduce it from 12000 to 1000, how much is spread over the rest?",
     "Se reduzir de 12000 para 1000 patacas, quanto fica por pagar?"],
)  # fmt: skip
def test_probe10_the_sum_lowered_from_is_the_instalment(text: str) -> None:
    """p10-005: 「12000調到1000」 in the first message: 12000 is the instalment (1000 the sum it
    is lowered to), and the check asked for it again."""
    assert read_slots(text, None) == ({"installment_amount": "12000.00"}, ())


def test_probe10_the_sum_lowered_to_is_still_no_instalment() -> None:
    assert read_slots("想減到1000蚊", None) == ({}, ())
    assert read_slots("reduce it to MOP 1,000", None) == ({}, ())


@pytest.mark.parametrize(
    "text",
    ["sme個個", "中小企嗰個啦", "中小企那个吧", "sme嗰個", "the sme one", "SME嘅", "中小企嗰個呀"],
)
def test_probe10_short_names_of_the_sme_scheme(text: str) -> None:
    """p10-017: 「sme個個」, 「中小企嗰個啦」 at "which scheme?" were "not understood" twice."""
    assert read_slots(text, "scheme") == ({"scheme": "sme_aid"}, ())


@pytest.mark.parametrize(
    ("text", "due"),
    [("應該係前年嘅三月尾 定四月初 唔記得", "2024-03-31"), ("19年聖誕節前嗰排", "2019-12-31"),
     ("2020年3月定4月", "2020-03-31"), ("May or June 2020", "2020-05-31")],
)  # fmt: skip
def test_probe10_due_dates_the_tenth_probe_wrote(text: str, due: str) -> None:
    """p10-003: two months of 前年 (both after 2020, so the case is settled); p10-020:
    「19年聖誕節前嗰排」 (December 2019). Each was "not understood" or "don't know"."""
    found, _ = read_slots(text, "installment_due_date", today=PROBE7_TODAY)
    assert found == {"installment_due_date": due}


def test_probe10_two_months_either_side_of_the_end_are_asked_again() -> None:
    """Two months, one before 31 December 2020 and one after: which it was decides the case, so
    neither is taken; the form says so and asks again."""
    from actions.repayment_form import VAGUE
    from actions.repayment_slots import vague_values

    text = "2020年12月定2021年1月"
    assert read_slots(text, "installment_due_date", today=PROBE7_TODAY) == ({}, ())
    assert vague_values(text, "installment_due_date") == ("installment_due_date",)
    events = ValidateRepaymentForm().extract_events(said(text), "installment_due_date")
    assert slot_values(events) == {
        "installment_due_date": None, HINT: VAGUE + "installment_due_date"
    }  # fmt: skip
    for lang in LANGS:
        asked = AskDueDate().question(
            tracker("", {HINT: VAGUE + "installment_due_date"}, lang), lang
        )
        assert asked.startswith(message("form.vague.installment_due_date", lang))
        assert asked.endswith(message("form.question.installment_due_date", lang))


@pytest.mark.parametrize(
    ("text", "slots"),
    [("我上個月先開始還青創嘅錢 可唔可以申請調低",
      {"scheme": "young_entrepreneurs_aid", "installment_due_date": "2026-11-30"}),
     ("I only started repaying my Hato loan last month, can I lower it?",
      {"scheme": "typhoon_hato_special_aid", "installment_due_date": "2026-11-30"}),
     ("Comecei a pagar o empréstimo do Plano de Apoio a Jovens Empreendedores no mês passado",
      {"scheme": "young_entrepreneurs_aid", "installment_due_date": "2026-11-30"})],
)  # fmt: skip
def test_probe10_repaying_since_a_month_after_2020_settles_the_case(
    text: str, slots: dict[str, object]
) -> None:
    """p10-010: 「我上個月先開始還青創嘅錢」 told a repayment that began last month (after 2020):
    the check asked the due date although the case was settled."""
    found, _ = read_slots(text, None, today=PROBE7_TODAY)
    assert found == slots
    assert ruled_out(found)


def test_probe10_last_and_never_applied_are_no_misreading() -> None:
    from actions.repayment_slots import denies_a_loan

    # 「我冇申請過」 to "how many times have you adjusted?" is none, not "no loan"
    assert not denies_a_loan("我冇申請過")
    assert extract("我諗到最後", "is_last_installment") == {}  # "in the end" is no last instalment


def test_probe10_a_month_counted_from_today_told_of_something_else_is_no_due_date() -> None:
    assert "installment_due_date" not in extract("我上個月打過電話去經濟局，想調整還款", None)


@pytest.mark.parametrize(
    "text",
    ["我冇借錢呀 你搞錯咗", "我没有借钱啊，你搞错了", "I don't have any loan, you got it wrong",
     "i dont have a loan", "Não tenho nenhum empréstimo, percebeu mal"],
)  # fmt: skip
def test_probe10_no_loan_leaves_the_check(text: str) -> None:
    """p10-006: 「我冇借錢呀 你搞錯咗」 inside a check the user never asked for was "not
    understood", and the scheme was asked again."""
    from actions.repayment_form import MISREAD

    events = ValidateRepaymentForm().extract_events(said(text, "nlu_fallback"), "scheme")
    assert slot_values(events) == {STOPPED: MISREAD}
    dispatcher = CollectingDispatcher()
    ActionSubmitEligibility().run(dispatcher, said(text, slots={STOPPED: MISREAD}), {})
    assert dispatcher.messages[0]["text"] in {message("form.misread", lang) for lang in LANGS}


def _begun_by(first: str, latest: str) -> Tracker:
    from actions.repayment_form import FORM

    events: list[dict[str, Any]] = [
        {"event": "user", "text": first},
        {"event": "active_loop", "name": FORM},
        {"event": "bot", "text": message("form.question.scheme", "zh-Hant")},
        {"event": "user", "text": latest},
    ]
    return Tracker("web:t", {}, {"text": latest, "intent": {"name": "nlu_fallback"}}, events,
                   False, None, {"name": FORM}, "action_listen")  # fmt: skip


def test_probe10_you_got_it_wrong_leaves_only_a_check_nobody_asked_for() -> None:
    from actions.repayment_form import MISREAD

    form = ValidateRepaymentForm()
    unasked = _begun_by("我想自己開間鑽石公司 仲使唔使其他牌", "你搞錯咗")
    assert slot_values(form.extract_events(unasked, "scheme")) == {STOPPED: MISREAD}
    asked = _begun_by("我想check下還款", "你搞錯咗")
    assert STOPPED not in slot_values(form.extract_events(asked, "scheme"))


def test_probe10_a_language_switch_with_the_answer() -> None:
    """p10-073: 「我用中文吧，是青年创业援助计划」 switched the language and asked the scheme
    again, which the same message had named."""
    tracker_ = said("我用中文吧，是青年创业援助计划", slots={"requested_slot": "scheme"},
                    lang="zh-Hans")  # fmt: skip
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateRepaymentForm().get_extraction_events(dispatcher, tracker_, {}))
    assert slot_values(events) == {"scheme": "young_entrepreneurs_aid", HINT: None}
    assert dispatcher.messages[0]["text"].startswith(message("language.switched", "zh-Hans"))


@pytest.mark.parametrize(
    ("text", "asks"),
    [("咁幾時截止㗎", True), ("截止日期係幾時", True), ("when is the deadline?", True),
     ("until when could we apply?", True), ("Até quando era o prazo?", True),
     ("where do i submit it", True), ("how do I apply?", True), ("去邊度申請", True),
     ("喺邊度交申請表", True), ("Onde entrego o pedido?", True),
     ("2020年5月", False), ("when is the instalment due?", False), ("點樣計", False),
     ("o prazo era Maio de 2020", False)],
)  # fmt: skip
def test_probe10_when_it_ends_and_where_to_apply(text: str, asks: bool) -> None:
    """p10-010: 「咁幾時截止㗎」 inside the check got "not sure"; p10-046: "where do i submit it"
    (NLU: out of scope) got the scope sentence. Both are answered by the measure's end."""
    from actions.repayment_slots import asks_when_or_where_to_apply

    assert asks_when_or_where_to_apply(text) is asks


@pytest.mark.parametrize(
    ("text", "besides"),
    [("check下我可唔可以調整還款", False), ("好啦 我想check下還款 我係中小企援助計劃", False),
     ("Olá, a minha empresa tem um empréstimo do Plano de Apoio a Pequenas e Médias Empresas. "
      "Ainda posso pedir o ajustamento da prestação?", False),
     ("我間公司之前借咗中小企援助計劃 想申請調低還款得唔得", False),
     ("帮我算一下我的还款能不能调整，青年创业援助计划", False), ("我間公司可唔可以調整還款？", False),
     ("hey i run a small cafe in taipa, got SME aid loan, can i still reduce my monthly repayment "
      "to 1000?", False), ("check my repayment case pls", False),
     # a question besides: the rule it asks is answered as the check begins
     ("我之前已經調整過一次還款，仲可唔可以再申請多次？", True),
     ("can i adjust my repayemnt more than twice", True),
     ("我間餐廳借咗中小企援助仲未還晒，經濟局嗰個調整還款措施係點㗎？", True),
     ("My SME borrowed under the SME Aid Scheme and cash is tight. How low can my next "
      "instalment go if I apply for the adjustment?", True),
     ("我間舖攞過天鴿特別援助，而家周轉唔到，聽講可以減供，點計㗎？", True)],
)  # fmt: skip
def test_probe10_whether_the_first_message_asks_besides_the_check(text: str, besides: bool) -> None:
    """p10-004, p10-012, p10-062: the check's first question came after three articles nobody
    asked for (statistics among them); a rule asked besides one's case is still answered."""
    from actions.repayment_slots import asks_besides_the_check

    assert asks_besides_the_check(text) is besides


@pytest.mark.parametrize(
    ("text", "slots"),
    [("it was my 2nd adjustment actually - I had adjusted once before", {"adjustments_used": 1}),
     ("this would be our 3rd adjustment", {}),
     ("第二次調整", {})],
)  # fmt: skip
def test_probe11_an_ordinal_is_no_count_of_adjustments(text: str, slots: dict[str, object]) -> None:
    """p11-037: "my 2nd adjustment … adjusted once before" was read as two adjustments made,
    and the case ruled out."""
    assert read_slots(text, "adjustments_used") == (slots, ())
