"""Probe 12 (2026-12-07), the repayment check: its readers and decisions, in the users' words.

Turn ids are the probe's (`/tmp/probe12/report.md`): conversation-turn.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rasa_sdk import Tracker

from actions.parsing import due_date_options, lone_year, parse_due_date, with_year
from actions.repayment_form import (
    HINT,
    MISREAD,
    STOPPED,
    VAGUE,
    ValidateRepaymentForm,
    amounts_told_before,
    at_first_question,
    tells_nothing,
    year_told_before,
)
from actions.repayment_slots import (
    DECIDED,
    FORM,
    asks_about_the_check,
    declines_the_check,
    implied_facts,
    read_slots,
    revisited_case,
    says_no,
    supposed_slots,
    vague_values,
    without_refusal,
)
from knowledge.language import LANGS
from knowledge.messages import format_date
from knowledge.messages import text as message
from knowledge.repayment import ADJUSTED_INSTALMENT, LAST_DUE_DATE, Case, decide
from knowledge.repayment_text import compose_decision
from tests.helpers import slot_values

TODAY = dt.date(2026, 12, 7)


def user(text: str) -> dict[str, Any]:
    return {"event": "user", "text": text}


def bot(text: str) -> dict[str, Any]:
    return {"event": "bot", "text": text}


ACTIVATED = {"event": "active_loop", "name": FORM}


def tracker(
    text: str,
    events: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    intent: str = "inform",
    lang: str = "zh-Hant",
) -> Tracker:
    return Tracker(
        sender_id="web:test",
        slots=slots or {},
        latest_message={"text": text, "intent": {"name": intent}, "entities": [],
                        "metadata": {"lang": lang}},
        events=[*(events or []), user(text)],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )  # fmt: skip


# --- G. no verdict from the measure's own figure (018-1) -----------------------------------------


def test_018_1_the_measures_own_figure_a_cousin_quoted_is_no_instalment() -> None:
    """018-1: "yo so my cousin said govt lets u pay only 1000 mop for ur sme loan?? can i do that
    now my shop is struggling" was decided "not above MOP 1,000"."""
    said = "yo so my cousin said govt lets u pay only 1000 mop for ur sme loan?? can i do that now my shop is struggling"
    assert read_slots(said, None) == ({}, ())
    assert read_slots("每期1000蚊", "is_last_installment") == ({}, ())
    events = ValidateRepaymentForm().extract_events(
        tracker(said, intent="check_repayment_eligibility"), None
    )
    assert "installment_amount" not in slot_values(events)


def test_018_1_asked_for_the_instalment_the_user_says_1000_it_is_taken() -> None:
    """018-1: the measure's figure is the user's only as the answer to "how much is it?"."""
    assert read_slots("1000", "installment_amount")[0] == {"installment_amount": "1000.00"}
    assert read_slots("MOP 1,000", "installment_amount")[0] == {"installment_amount": "1000.00"}
    assert ADJUSTED_INSTALMENT == 1000


# --- G. a correction after the verdict (047-2) ---------------------------------------------------


def test_047_2_more_instalments_after_a_last_instalment_verdict_reopen_the_case() -> None:
    """047-2: 「唔係喎 我諗錯 應該仲有兩期」 after "the last instalment: not eligible" repeated that
    verdict."""
    decided = {"installment_due_date": "2020-05-31", "is_last_installment": True}
    revisited = revisited_case(decided, "唔係喎 我諗錯 應該仲有兩期")
    assert revisited == {
        "installment_due_date": "2020-05-31",
        "is_last_installment": False,
        "remaining_installments_after": 2,
    }


@pytest.mark.parametrize(
    ("found", "implied"),
    [({"remaining_installments_after": 2}, {"is_last_installment": False}),
     ({"remaining_installments_after": 1}, {}),  # 「仲有一期」 may be this one
     ({"remaining_installments_after": 3, "is_last_installment": True}, {}),
     ({"installment_amount": "5000.00"}, {})],
)  # fmt: skip
def test_instalments_left_imply_no_last_instalment(
    found: dict[str, Any], implied: dict[str, Any]
) -> None:
    assert implied_facts(found) == implied


# --- G. the measure's last day (030-10) -----------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_030_10_an_instalment_due_on_the_last_day_is_flagged(lang: str) -> None:
    """030-10: 「2020年12月31号」 … 「1万」: "eligible" under 「2020年12月31日前」, with no word that
    the newsletter's "before" leaves that very day open."""
    case = Case("typhoon_hato_special_aid", LAST_DUE_DATE, False, False, 0)
    said = compose_decision(decide(case), lang, TODAY, LAST_DUE_DATE)
    assert said.startswith(message("repayment.ended_verdict.eligible", lang)), said
    assert message("repayment.boundary_note", lang) in said
    assert format_date(LAST_DUE_DATE, lang) in message("repayment.boundary_note", lang)
    earlier = compose_decision(decide(case), lang, TODAY, dt.date(2020, 12, 30))
    assert message("repayment.boundary_note", lang) not in earlier


def test_030_10_a_case_ruled_out_otherwise_gets_no_boundary_note() -> None:
    case = Case("sme_aid", LAST_DUE_DATE, True, False, 0)
    said = compose_decision(decide(case), "zh-Hans", TODAY, LAST_DUE_DATE)
    assert message("repayment.boundary_note", "zh-Hans") not in said


# --- F. what begins the check, and leaving it (035, 040, 043, 052) --------------------------------


@pytest.mark.parametrize(
    "said",
    ["last thing: where can I find the newsletter online?",
     "The letter says I'm in arrears. What happens if I can't pay? Will they cancel my grant?",
     "唔係13呀 我問公估 loss adjuster",
     "so the deadline passed? can i get an exception, my case is special (covid losses)"],
)  # fmt: skip
def test_questions_that_began_the_check_speak_of_nothing_it_decides(said: str) -> None:
    """035-6, 043-3, 040-5, 052-2: each began the repayment check."""
    assert tells_nothing(said)
    assert not asks_about_the_check(said)


@pytest.mark.parametrize(
    "said",
    ["咁2020年初嗰陣我哋有冇可能申請到？想check下", "我想查一下我的还款情况，我是天鸽那个计划的",
     "幫我計下啦", "wait what? i never told u my instalment. its like 6000 a month",
     "check my repayment case pls", "Quero verificar o meu caso do reembolso",
     "我間公司可唔可以調整還款？", "am I eligible?"],
)  # fmt: skip
def test_what_asks_about_ones_case_still_begins_it(said: str) -> None:
    assert asks_about_the_check(said)


@pytest.mark.parametrize(
    "said",
    ["I don't want a check. I'm asking what happens if I don't pay.", "唔使check", "唔使check喇",
     "não quero verificar", "I dont want a check", "不用查了"],
)  # fmt: skip
def test_043_4_refusing_the_check(said: str) -> None:
    """043-4: "I don't want a check. I'm asking what happens if I don't pay." was read as "don't
    know", and the check went on."""
    assert declines_the_check(said)


def test_043_4_what_a_refusal_asks_besides() -> None:
    rest = without_refusal("I don't want a check. I'm asking what happens if I don't pay.")
    assert rest == "i'm asking what happens if i don't pay"


@pytest.mark.parametrize(
    ("said", "no"),
    [("no", True), ("what?? no, I asked where the CEPA Express newsletter is on the website", True),
     ("唔係呀", True), ("não", True), ("SME Aid Scheme", False), ("2020年5月", False),
     ("nope", True)],
)  # fmt: skip
def test_035_7_a_no_among_other_words(said: str, no: bool) -> None:
    assert says_no(said) is no


def test_035_7_no_at_the_checks_first_question_leaves_it() -> None:
    """035-7: "what?? no, I asked where the CEPA Express newsletter is on the website" at "which
    scheme?" got "not sure" and the question again."""
    began = [user("last thing: where can I find the newsletter online?"), ACTIVATED, bot("…")]
    said = "what?? no, I asked where the CEPA Express newsletter is on the website"
    state = tracker(said, began, lang="en")
    assert at_first_question(state)
    events = ValidateRepaymentForm().extract_events(state, "scheme")
    assert slot_values(events) == {STOPPED: MISREAD}


@pytest.mark.parametrize(
    ("said", "lang"),
    [("no", "en"), ("唔使check", "zh-Hant"), ("não quero verificar", "pt"),
     ("I don't want a check", "en")],
)  # fmt: skip
def test_no_or_a_refusal_at_the_first_question_leaves_the_check(said: str, lang: str) -> None:
    began = [user("check my repayment case pls"), ACTIVATED, bot("…")]
    events = ValidateRepaymentForm().extract_events(tracker(said, began, lang=lang), "scheme")
    assert slot_values(events) == {STOPPED: MISREAD}


@pytest.mark.parametrize(
    ("said", "requested", "slot"),
    [("唔係，係青創", "installment_due_date", "scheme"),
     ("no, May 2020", "installment_due_date", "installment_due_date")],
)  # fmt: skip
def test_a_no_that_corrects_or_answers_at_the_first_question_stays(
    said: str, requested: str, slot: str
) -> None:
    began = [user("check my repayment case, sme aid"), ACTIVATED, bot("…")]
    events = ValidateRepaymentForm().extract_events(tracker(said, began), requested)
    assert STOPPED not in slot_values(events) and slot in slot_values(events)


def test_no_not_sure_at_the_first_question_is_dont_know() -> None:
    began = [user("check my repayment case, sme aid"), ACTIVATED, bot("…")]
    events = ValidateRepaymentForm().extract_events(
        tracker("no, not sure", began, lang="en"), "installment_due_date"
    )
    assert STOPPED not in slot_values(events)


def test_a_no_later_or_to_a_yes_no_question_is_an_answer() -> None:
    began = [user("check my repayment case pls"), ACTIVATED, bot("…")]
    events = ValidateRepaymentForm().extract_events(
        tracker("no", began, lang="en"), "is_last_installment"
    )
    assert slot_values(events) == {"is_last_installment": False, HINT: None}
    later = [*began, user("SME Aid Scheme"), bot("…")]
    state = tracker("no", later, lang="en")
    assert not at_first_question(state)
    events = ValidateRepaymentForm().extract_events(state, "installment_due_date")
    assert STOPPED not in slot_values(events)


# --- H. facts given before they are asked (034-4, 024-4, 051-5) ----------------------------------


def test_034_4_a_case_supposed_in_the_opening_message_is_the_case() -> None:
    """034-4, 034-5, 034-8: 「如果我2020年11月那期已经调整过两次了，12月那期还能再调吗」 began
    the check, which then asked the month and the adjustments again."""
    said = "如果我2020年11月那期已经调整过两次了，12月那期还能再调吗"
    assert supposed_slots(said)["adjustments_used"] == 2
    events = ValidateRepaymentForm().extract_events(
        tracker(said, intent="check_repayment_eligibility", lang="zh-Hans"), None
    )
    found = slot_values(events)
    assert found["adjustments_used"] == 2
    assert found["installment_due_date"].startswith("2020-")


@pytest.mark.parametrize("said", ["check咗 仲有3期 所以唔係", "仲有3期 所以唔係", "所以唔係"])
def test_024_4_so_no_after_the_count(said: str) -> None:
    """024-4: 「check咗 仲有3期 所以唔係」 at "is this the last instalment?" was asked again."""
    events = ValidateRepaymentForm().extract_events(tracker(said), "is_last_installment")
    assert slot_values(events)["is_last_installment"] is False


def test_051_5_the_instalments_told_before_the_check_began() -> None:
    """051-2, 051-5: 「咁假設係2020年嗰陣 減完之後每期幾多 仲有4期」, then 「幫我計下啦」: the check
    asked whether it was the last instalment."""
    events = [user("我而家每期還5000 如果申請調整 之後要還幾多"), bot("…"),
              user("咁假設係2020年嗰陣 減完之後每期幾多 仲有4期"), ACTIVATED,
              {"event": "active_loop", "name": None}, bot("…")]  # fmt: skip
    # (the NLU read that question as facts: a check began and stopped, answering it instead)
    state = tracker("幫我計下啦", events, intent="check_repayment_eligibility")
    assert amounts_told_before(state) == {
        "installment_amount": "5000.00",
        "remaining_installments_after": 4,
        "is_last_installment": False,
    }
    found = slot_values(ValidateRepaymentForm().extract_events(state, None))
    assert found["remaining_installments_after"] == 4 and found["is_last_installment"] is False


def test_051_5_what_a_question_before_supposed_never_rules_the_case_out() -> None:
    events = [user("what if it was the last instalment and i had adjusted twice?"), bot("…")]
    state = tracker("check my repayment case pls", events, intent="check_repayment_eligibility")
    assert amounts_told_before(state) == {}
    events = [user("my friend's company pays MOP 8,000 an instalment"), bot("…")]
    assert amounts_told_before(tracker("check my case", events)) == {}
    decided = [user("每期8000蚊 仲有5期"), {"event": "slot", "name": DECIDED, "value": {"x": 1}}]
    assert amounts_told_before(tracker("再check下", decided)) == {}


# --- H. dates told vaguely (002-4, 002-5, 030-3, 037-2) ------------------------------------------


@pytest.mark.parametrize(
    ("said", "due"),
    [("春節前後啦 2020年", "2020-01-31"),  # 002-4
     ("应该是2020年底吧", "2020-12-31"),  # 030-3
     ("no verão de 2020, julho acho", "2020-07-31"),  # 037-2
     ("no verão de 2020", "2020-07-31"),
     ("early 2020", "2020-01-31"),
     ("2021年春節前", "2021-02-28")],
)  # fmt: skip
def test_festivals_parts_of_a_year_and_seasons_at_the_due_date_question(
    said: str, due: str
) -> None:
    """002-4, 030-3, 037-2: each was "not understood"; every month they name decides alike."""
    assert read_slots(said, "installment_due_date", today=TODAY)[0] == {"installment_due_date": due}
    assert vague_values(said, "installment_due_date", TODAY) == ()


def test_the_end_of_one_year_or_the_start_of_the_next_is_asked_which() -> None:
    """「2020年底定2021年初」 falls on both sides of the measure's last due date: asked which."""
    said = "2020年底定2021年初"
    assert read_slots(said, "installment_due_date", today=TODAY)[0] == {}
    assert vague_values(said, "installment_due_date", TODAY) == ("installment_due_date",)
    assert read_slots("2020年初定2020年中", "installment_due_date", today=TODAY)[0] == {
        "installment_due_date": "2020-01-31"
    }


def test_a_festival_names_its_month_of_that_year() -> None:
    """春節 2020 fell in late January, 春節 2021 in February: the months around it, its own first."""
    options = due_date_options("春節前後啦 2020年", periods=True)
    assert options[0] == dt.date(2020, 1, 31)
    assert all(day <= LAST_DUE_DATE for day in options)
    assert due_date_options("chinese new year 2021", periods=True)[0] == dt.date(2021, 2, 28)


def test_a_season_is_read_only_where_a_due_date_is_asked() -> None:
    assert due_date_options("2020年底") == []
    assert read_slots("2020年底前可唔可以申請", None)[0] == {}
    assert parse_due_date("2020年中小企業援助計劃") is None


def test_002_5_a_month_after_the_year_told_just_before() -> None:
    """002-5: 「1月尾」 after 「2020年」 was "not understood"."""
    assert lone_year("2020年嘅事啦") == 2020
    assert with_year("1月尾", 2020) is not None
    assert parse_due_date(with_year("1月尾", 2020) or "") == dt.date(2020, 1, 31)
    assert with_year("2021年1月", 2020) is None
    began = [user("check下我可唔可以調整還款"), ACTIVATED, bot("…"), user("中小企"), bot("…"),
             user("2020年嘅事啦"), bot("…")]  # fmt: skip
    state = tracker("1月尾", began)
    assert year_told_before(state) == 2020
    found = slot_values(ValidateRepaymentForm().extract_events(state, "installment_due_date"))
    assert found["installment_due_date"] == "2020-01-31"


def test_002_5_a_month_after_the_year_in_the_message_that_began_the_check() -> None:
    """002-3, 002-5: 「咁2020年初嗰陣我哋有冇可能申請到？想check下」, then 「1月尾」."""
    began = [user("咁2020年初嗰陣我哋有冇可能申請到？想check下"), ACTIVATED, bot("…")]
    found = slot_values(
        ValidateRepaymentForm().extract_events(tracker("1月尾", began), "installment_due_date")
    )
    assert found["installment_due_date"] == "2020-01-31"


def test_024_8_a_rough_amount_is_asked_for_exactly() -> None:
    """024-8: 「大概三千五蚊」 is asked for exactly, never computed with."""
    events = ValidateRepaymentForm().extract_events(tracker("大概三千五蚊"), "installment_amount")
    assert slot_values(events) == {"installment_amount": None, HINT: VAGUE + "installment_amount"}
