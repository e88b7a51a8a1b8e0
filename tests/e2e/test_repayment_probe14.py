"""End to end, probe 14 (`/tmp/probe14/report.md`): the repayment check's scheme question, a
stale button, a cancellation told with doubt, and a request for staff, in the users' words.

Real gateway, Rasa and action-server processes, asked through `/api/chat`.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from bot.stack import Stack
from knowledge.messages import text as message
from tests.helpers import chat, text_of

pytestmark = pytest.mark.e2e

NOT_COVERED = ("scheme_not_covered",)
ELIGIBLE = ("符合調整還款的條件", "符合调整还款的条件", "met the conditions")


def reason(code: str, lang: str = "zh-Hant") -> str:
    return message(f"repayment.reason.{code}", lang)


def question(slot: str, lang: str = "zh-Hant") -> str:
    return message(f"form.question.{slot}", lang)


def new_sender() -> str:
    return uuid.uuid4().hex


def payloads(reply: dict[str, Any]) -> list[str]:
    return [b["payload"] for r in reply["replies"] for b in r["buttons"]]


def test_028_the_scheme_question_listens_and_dont_know_goes_on(stack: Stack) -> None:
    """028-1 … 028-11: inside 「請問你的企業屬於哪一項援助計劃？」 every input got 「抱歉，未能理解
    你的答案。」, and 「唔知邊個計劃呀，有咩分別？」 was a "not one of the three schemes" verdict."""
    sender = new_sender()
    said = text_of(chat(stack, "我想查下可唔可以調整還款", sender))
    assert question("scheme") in said, said
    said = text_of(chat(stack, "2020年4月", sender))
    assert question("scheme") in said, said
    for typed in ("1", "4000"):
        said = text_of(chat(stack, typed, sender))
        assert message("form.hint_scheme", "zh-Hant") in said, said
        assert message("form.hint", "zh-Hant") not in said
    said = text_of(
        chat(stack, '/ask_gba_measures{"kb_entry":"gba-measure-04-wealth-management-connect"}',
             sender)
    )  # fmt: skip
    assert "理財通" in said and question("scheme") in said, said
    reply = chat(stack, "唔知邊個計劃呀，有咩分別？", sender)
    said = text_of(reply)
    assert reason("scheme_not_covered") not in said, said
    assert message("form.scheme_unsure", "zh-Hant") in said, said
    # the due date told at the scheme question was kept: the next question is the last instalment
    assert question("is_last_installment") in said, said
    chat(stack, "唔係", sender)
    chat(stack, "冇取消", sender)
    said = text_of(chat(stack, "冇調整過", sender))
    said = text_of(chat(stack, "不清楚", sender))  # the amount, skipped
    said = text_of(chat(stack, "不清楚", sender))  # the count, skipped
    assert any(e in said for e in ELIGIBLE), said
    assert message("repayment.scheme_unsure_note", "zh-Hant") in said, said


def test_043_a_question_about_the_schemes_then_a_stale_no_button(stack: Stack) -> None:
    """043-3 「咁三個計劃有咩分別？」 was the "three schemes only" verdict, repeated for every later
    answer (043-4, 043-6); 043-8 the stale 否 `/deny{"answer_to":"grant_cancelled"}` then added
    「已被取消援助批給的企業不適用」."""
    sender = new_sender()
    said = text_of(chat(stack, "我間公司借咗經濟局啲錢，想睇下當年個還款調整我啱唔啱用", sender))
    assert question("scheme") in said, said
    said = text_of(chat(stack, "咁三個計劃有咩分別？", sender))
    assert message("form.scheme_info", "zh-Hant") in said, said
    assert question("scheme") in said and reason("scheme_not_covered") not in said, said
    said = text_of(chat(stack, "2020年11月", sender))
    assert question("scheme") in said and reason("scheme_not_covered") not in said, said
    said = text_of(chat(stack, "不清楚", sender))
    assert question("is_last_installment") in said, said
    said = text_of(chat(stack, "唔係最後一期", sender))
    assert question("grant_cancelled") in said, said
    said = text_of(chat(stack, '/deny{"answer_to":"grant_cancelled"}', sender))
    assert reason("grant_cancelled") not in said, said
    said = text_of(chat(stack, "算啦，我遲啲再問", sender))
    said = text_of(chat(stack, '/deny{"answer_to":"grant_cancelled"}', sender))
    assert reason("grant_cancelled") not in said, said


def test_032_a_cancellation_told_with_doubt_is_asked_to_confirm(stack: Stack) -> None:
    """032-1 「我想check還款調整：2020年6月到期，唔係最後一期，不過之前好似俾經濟局取消咗資助」 was
    read as not cancelled, and after the scheme (032-3) the check said 「符合」."""
    sender = new_sender()
    said = text_of(
        chat(stack, "我想check還款調整：2020年6月到期，唔係最後一期，不過之前好似俾經濟局取消咗資助",
             sender)
    )  # fmt: skip
    assert question("scheme") in said, said
    said = text_of(chat(stack, "調整過一次，每期5000，仲有3期", sender))
    said = text_of(chat(stack, "中小企業援助計劃", sender))
    assert not any(e in said for e in ELIGIBLE), said
    assert message("form.unsure_fact", "zh-Hant") in said, said
    assert question("grant_cancelled") in said, said
    said = text_of(chat(stack, "係，取消咗", sender))
    assert reason("grant_cancelled") in said, said


def test_024_a_doubt_then_a_correction(stack: Stack) -> None:
    """024-2 … 024-5: the doubtful cancellation was skipped; 「唔知算唔算取消」 then got the
    adjustments question."""
    sender = new_sender()
    said = text_of(chat(stack, "hi 我想check下還款調整，我哋係中小企業援助計劃", sender))
    assert question("installment_due_date") in said, said
    said = text_of(chat(stack, "2020年6月，唔係最後一期，不過之前好似俾經濟局取消咗資助", sender))
    assert question("grant_cancelled") in said, said
    said = text_of(chat(stack, "唔知算唔算取消", sender))
    assert question("grant_cancelled") in said, said
    said = text_of(chat(stack, "冇取消啦", sender))
    assert question("adjustments_used").split("（")[0] in said, said


def test_037_youth_entrepreneurship_aid_loan_is_the_young_entrepreneurs_scheme(
    stack: Stack,
) -> None:
    """037-1 … 037-6: "youth entrepreneurship aid loan" was not recognised; the scheme was asked
    six times."""
    sender = new_sender()
    said = text_of(
        chat(stack, "hi, my cafe got a youth entrepreneurship aid loan. can we get the "
             "instalment lowered?", sender, lang="en")
    )  # fmt: skip
    assert question("scheme", "en") not in said, said
    assert question("installment_due_date", "en") in said, said


def test_020_a_request_for_staff_to_look_up_records_is_the_hand_off(stack: Stack) -> None:
    """020-1 「我想请工作人员帮我查一下我公司的援助计划还款记录」 started the check; 「可以的」 and
    「王小明」 then got 「未能理解」."""
    sender = new_sender()
    reply = chat(stack, "我想请工作人员帮我查一下我公司的援助计划还款记录", sender)
    said = text_of(reply)
    assert question("scheme", "zh-Hans") not in said, said
    assert reply["handoff_offered"] or "同意" in said, said
    said = text_of(chat(stack, "可以的", sender))
    assert message("handoff.question.contact_name", "zh-Hans") in said, said
