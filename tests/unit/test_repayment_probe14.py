"""Probe 14 (2026-12-07), the repayment check: its readers and decisions, in the users' words.

Turn ids are the probe's (`/tmp/probe14/report.md`): conversation-turn.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.repayment_form import (
    HANDOFF,
    HINT,
    STOPPED,
    AskGrantCancelled,
    AskScheme,
    ValidateRepaymentForm,
    partial_case,
    typed_facts,
)
from actions.repayment_slots import (
    FORM,
    asks_about_schemes,
    asks_staff_to_act,
    doubted_facts,
    names_other_scheme,
    parse_scheme,
    read_slots,
    revisited_case,
)
from bot.turn_metadata import TYPED_COMMAND
from knowledge.language import LANGS
from knowledge.messages import text as message
from knowledge.repayment import UNKNOWN_SCHEME, decide
from knowledge.repayment_text import compose_decision, compose_facts_used
from tests.helpers import slot_values

TODAY = dt.date(2026, 12, 7)
ACTIVATED = {"event": "active_loop", "name": FORM}


def user(text: str) -> dict[str, Any]:
    return {"event": "user", "text": text}


def tracker(
    text: str,
    events: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    intent: str = "inform",
    lang: str = "zh-Hant",
    typed_command: bool = False,
) -> Tracker:
    metadata: dict[str, Any] = {"lang": lang}
    if typed_command:
        metadata[TYPED_COMMAND] = True
    return Tracker(
        sender_id="web:test",
        slots=slots or {},
        latest_message={"text": text, "intent": {"name": intent}, "entities": [],
                        "metadata": metadata},
        events=[*(events or []), {**user(text), "metadata": metadata}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )  # fmt: skip


def run_form(state: Tracker, requested: str | None) -> tuple[dict[str, Any], list[str]]:
    dispatcher = CollectingDispatcher()
    events = ValidateRepaymentForm().extract_events(state, requested, dispatcher)
    return slot_values(events), [str(m["text"]) for m in dispatcher.messages if m.get("text")]


# --- 1. "which scheme?": don't know and questions never decide -----------------------------------


@pytest.mark.parametrize(
    "said", ["唔知邊個計劃呀，有咩分別？", "咁三個計劃有咩分別？", "不清楚", "我都唔知係邊個計劃"]
)
def test_028_11_043_3_no_scheme_named_is_never_another_scheme(said: str) -> None:
    """028-11 「唔知邊個計劃呀，有咩分別？」 and 043-3 「咁三個計劃有咩分別？」 at 「請問你的企業
    屬於哪一項援助計劃？」 were "the measure only applies to the three schemes" verdicts."""
    assert parse_scheme(said, asked=True) is None
    assert read_slots(said, "scheme")[0].get("scheme") != "other"


def test_028_11_dont_know_which_goes_on_by_the_rules_the_three_share() -> None:
    """028-11: 「唔知邊個計劃呀，有咩分別？」: said that the three share one set of rules, and
    checked by them; never ruled out."""
    slots, said = run_form(tracker("唔知邊個計劃呀，有咩分別？", intent="nlu_fallback"), "scheme")
    assert slots["scheme"] == UNKNOWN_SCHEME
    assert said == [message("form.scheme_unsure", "zh-Hant")]
    assert decide(partial_case({"scheme": UNKNOWN_SCHEME})).eligible


def test_043_3_a_question_about_the_schemes_is_answered_and_asked_again() -> None:
    """043-3 「咁三個計劃有咩分別？」: the three names, the same rules, then the question again."""
    slots, said = run_form(tracker("咁三個計劃有咩分別？", intent="nlu_fallback"), "scheme")
    assert slots == {"scheme": None, HINT: None}
    assert said == [message("form.scheme_info", "zh-Hant")]
    for lang in LANGS:
        info = message("form.scheme_info", lang)
        assert all(message(f"scheme.{s}", lang) in info for s in
                   ("sme_aid", "young_entrepreneurs_aid", "typhoon_hato_special_aid"))  # fmt: skip


def test_043_2_the_dont_know_button_at_the_scheme_goes_on() -> None:
    """043-2 「不清楚」: "this decides the result" for a fact that decides nothing among the
    three; the 不清楚 button too."""
    slots, _said = run_form(tracker("不清楚", intent="dont_know"), "scheme")
    assert slots["scheme"] == UNKNOWN_SCHEME
    button = tracker('/dont_know{"answer_to":"scheme"}', intent="dont_know")
    assert run_form(button, "scheme")[0]["scheme"] == UNKNOWN_SCHEME
    assert any(b.payload == '/dont_know{"answer_to":"scheme"}' for b in
               AskScheme().answer_buttons("zh-Hant"))  # fmt: skip


def test_a_scheme_clearly_named_outside_the_three_still_rules_the_case_out() -> None:
    assert names_other_scheme("我哋係借銀行嘅")
    assert read_slots("銀行貸款", "scheme")[0] == {"scheme": "other"}
    assert read_slots("文化基金計劃", "scheme")[0] == {"scheme": "other"}
    assert not names_other_scheme("邊個計劃")
    assert not names_other_scheme("援助計劃")
    assert not asks_about_schemes("中小企業援助計劃")


def test_an_unknown_scheme_decision_says_it_holds_for_the_three_only() -> None:
    decision = decide(
        partial_case({"scheme": UNKNOWN_SCHEME, "installment_due_date": "2020-11-30"})
    )
    for lang in LANGS:
        said = compose_decision(decision, lang, TODAY, scheme_unknown=True)
        assert said.endswith(message("repayment.scheme_unsure_note", lang))
        facts = compose_facts_used(typed_facts({"scheme": UNKNOWN_SCHEME}), lang)
        assert message("repayment.fact.scheme_unsure", lang) in facts
        assert message("repayment.fact.other_scheme", lang) not in facts


@pytest.mark.parametrize(
    ("said", "scheme"),
    [("hi, my cafe got a youth entrepreneurship aid loan. can we get the instalment lowered?",
      "young_entrepreneurs_aid"),
     ("youth entrepreneurship aid loan", "young_entrepreneurs_aid"),
     ("young entrepreneurs' aid", "young_entrepreneurs_aid"),
     ("the typhoon one", "typhoon_hato_special_aid"),
     ("颱風嗰個", "typhoon_hato_special_aid"),
     ("創業援助", "young_entrepreneurs_aid"),
     ("Plano de Apoio a Jovem Empreendedor", "young_entrepreneurs_aid")],
)  # fmt: skip
def test_037_1_schemes_named_every_way_are_recognised(said: str, scheme: str) -> None:
    """037-1 "youth entrepreneurship aid loan" was asked for six times."""
    assert parse_scheme(said, asked=True) == scheme


# --- 2. a stale 否 for "cancelled?" is no cancelled grant -----------------------------------------


def test_043_8_a_stale_no_button_for_cancelled_adds_no_cancelled_reason() -> None:
    """043-8 `/deny{"answer_to":"grant_cancelled"}` (the gateway passes it on as text) added
    「已被取消援助批給的企業不適用」 to the verdict."""
    said = 'deny{"answer_to":"grant_cancelled"}'
    assert read_slots(said, None) == ({}, ())
    assert read_slots(said, "grant_cancelled") == ({}, ())
    assert revisited_case({"scheme": "sme_aid", "installment_due_date": "2020-11-30"}, said) is None


# --- 3. 「不過…好似…取消咗」: a cancellation, told with doubt -------------------------------------


def test_032_1_a_cancellation_after_but_is_a_cancellation() -> None:
    """032-1 without 好似: 「不過」 is no no."""
    found = read_slots("唔係最後一期，不過之前俾經濟局取消咗資助", "scheme")[0]
    assert found == {"is_last_installment": False, "grant_cancelled": True}


@pytest.mark.parametrize(
    "said",
    ["我想check還款調整：2020年6月到期，唔係最後一期，不過之前好似俾經濟局取消咗資助",
     "2020年6月，唔係最後一期，不過之前好似俾經濟局取消咗資助"],
)  # fmt: skip
def test_032_1_024_2_a_cancellation_told_with_doubt_is_asked_to_confirm(said: str) -> None:
    """032-1 and 024-2 「…不過之前好似俾經濟局取消咗資助」 were read as not cancelled, and 032 was
    then "符合"."""
    found = read_slots(said, "installment_due_date")[0]
    assert "grant_cancelled" not in found
    assert found["is_last_installment"] is False
    assert doubted_facts(said) == ("grant_cancelled",)
    events = [user(said), ACTIVATED]
    asked = AskGrantCancelled().question(tracker("調整過一次", events), "zh-Hant")
    assert asked == message("form.unsure_fact", "zh-Hant") + message(
        "form.question.grant_cancelled", "zh-Hant"
    )


def test_024_2_a_doubt_clears_what_was_told_before() -> None:
    slots, _said = run_form(
        tracker("不過之前好似俾經濟局取消咗資助", slots={"grant_cancelled": False}),
        "adjustments_used",
    )
    assert slots["grant_cancelled"] is None


def test_024_3_suspended_not_cancelled_is_not_cancelled() -> None:
    """024-3 「咦等等，唔係取消，係暫停咗一排，而家已經恢復咗」."""
    found = read_slots("咦等等，唔係取消，係暫停咗一排，而家已經恢復咗", "adjustments_used")[0]
    assert found == {"grant_cancelled": False}


def test_024_4_not_knowing_whether_it_was_cancelled_asks_about_cancellation() -> None:
    """024-4 「唔知算唔算取消」 at the adjustments question got "this decides the result" and the
    adjustments question."""
    slots, _said = run_form(
        tracker("唔知算唔算取消", slots={"grant_cancelled": False}, intent="deny"),
        "adjustments_used",
    )
    assert slots == {"adjustments_used": None, HINT: None, "grant_cancelled": None}


def test_037_5_037_6_a_count_taken_back_and_then_doubted() -> None:
    """037-5 "we adjusted once before. sorry, I meant twice" kept once; 037-6 "hmm actually I'm
    not sure, maybe once" then went on to a verdict with once (037-10)."""
    assert read_slots("we adjusted once before. sorry, I meant twice", "scheme")[0] == {
        "adjustments_used": 2
    }
    slots, _said = run_form(
        tracker("hmm actually I'm not sure, maybe once", slots={"adjustments_used": 2},
                intent="nlu_fallback", lang="en"),
        "scheme",
    )  # fmt: skip
    assert slots["adjustments_used"] is None
    assert slots.get("scheme") is None  # (a doubt of the count, not of the scheme)


# --- 4. every other input at the scheme question --------------------------------------------------


@pytest.mark.parametrize("said", ["1", "4000", "2"])
def test_028_5_bare_numbers_at_the_scheme_get_how_to_answer(said: str) -> None:
    """028-5 … 028-7: "not understood" again; now how to answer (a button, a name, not sure)."""
    slots, _said = run_form(tracker(said), "scheme")
    assert slots == {"scheme": None, HINT: "scheme"}
    for lang in LANGS:
        assert AskScheme().hint(lang) == message("form.hint_scheme", lang)


def test_028_2_a_fact_at_the_scheme_question_is_kept() -> None:
    slots, _said = run_form(tracker("2020年4月"), "scheme")
    assert slots["installment_due_date"] == "2020-04-30"


def test_028_10_a_topic_button_from_elsewhere_at_the_scheme_is_answered() -> None:
    """028-10 `/ask_gba_measures{"kb_entry":"gba-measure-04-wealth-management-connect"}`."""
    said = 'ask_gba_measures{"kb_entry":"gba-measure-04-wealth-management-connect"}'
    state = tracker(said, intent="ask_gba_measures", typed_command=True,
                    slots={"requested_slot": "scheme"})  # fmt: skip
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateRepaymentForm().get_extraction_events(dispatcher, state, {}))
    assert slot_values(events) == {"scheme": None, HINT: None}
    assert dispatcher.messages and "理財通" in dispatcher.messages[0]["text"]


# --- 5. a request for staff ------------------------------------------------------------------------


def test_020_1_asking_staff_to_look_up_records_is_the_hand_off() -> None:
    """020-1 「我想请工作人员帮我查一下我公司的援助计划还款记录」 started the check."""
    said = "我想请工作人员帮我查一下我公司的援助计划还款记录"
    assert asks_staff_to_act(said)
    slots, _said = run_form(
        tracker(said, intent="check_repayment_eligibility", lang="zh-Hans"), None
    )
    assert slots == {STOPPED: HANDOFF}
