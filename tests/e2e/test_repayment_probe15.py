"""End to end, probe 15 (`/tmp/probe15/urgent.md`): a refusal to answer the repayment check is
no "no", and "which scheme?" listens, in the users' words.

Real gateway, Rasa and action-server processes, asked through `/api/chat`.
"""

from __future__ import annotations

import uuid

import pytest

from bot.stack import Stack
from knowledge.messages import text as message
from tests.helpers import chat, text_of

pytestmark = pytest.mark.e2e

ELIGIBLE = ("符合調整還款的條件", "符合调整还款的条件", "met the conditions", "reunia as condições")


def question(slot: str, lang: str) -> str:
    return message(f"form.question.{slot}", lang).split("（")[0].split("(")[0]


def new_sender() -> str:
    return uuid.uuid4().hex


def test_012_refusals_are_never_no_and_no_verdict_without_them(stack: Stack) -> None:
    """012-3 「不想说」 → "not the last instalment", 012-4 「不方便讲」 → "not cancelled", and 012-7
    「3期」 got 「符合调整还款的条件」."""
    sender = new_sender()
    lang = "zh-Hans"
    said = text_of(
        chat(stack, "我们公司是中小企业援助计划的，帮我查下调整还款的条件我当时够不够", sender)
    )
    assert question("installment_due_date", lang) in said, said
    said = text_of(chat(stack, "2020年7月", sender))
    assert question("is_last_installment", lang) in said, said
    said = text_of(chat(stack, "不想说", sender))
    assert message("form.declined", lang) in said, said
    assert message("form.dont_know", lang) in said, said
    assert question("is_last_installment", lang) in said, said
    assert question("grant_cancelled", lang) not in said, said
    for typed in ("不方便讲", "1次", "6000", "3期"):
        said = text_of(chat(stack, typed, sender))
        assert not any(e in said for e in ELIGIBLE), (typed, said)
    # the last instalment is still asked for: no verdict without it
    assert question("is_last_installment", lang) in said, said


def test_005_this_i_cannot_disclose(stack: Stack) -> None:
    """005-3 「这个不方便透露」 (deny 0.87) was taken as 否."""
    sender = new_sender()
    lang = "zh-Hans"
    chat(stack, "您好，我是青年创业援助计划的受惠企业，想看看当年那个调整还款我符不符合", sender)
    said = text_of(chat(stack, "2020年9月份那期", sender))
    assert question("is_last_installment", lang) in said, said
    said = text_of(chat(stack, "这个不方便透露", sender))
    assert message("form.declined", lang) in said, said
    assert question("grant_cancelled", lang) not in said, said
    said = text_of(chat(stack, "那算了，不查了", sender))
    assert message("form.stopped", lang) in said, said


@pytest.mark.parametrize(
    ("start", "refusal", "lang"),
    [("I want to check if my SME aid repayment could be adjusted", "I'd rather not say", "en"),
     ("Quero verificar o ajustamento da prestação do Plano de Apoio a PME", "prefiro não dizer", "pt"),
     ("我想check下中小企業援助計劃嘅還款調整", "唔講得", "zh-Hant")],
)  # fmt: skip
def test_a_refusal_in_every_style(stack: Stack, start: str, refusal: str, lang: str) -> None:
    sender = new_sender()
    chat(stack, start, sender, lang=lang)
    chat(stack, "2020-05", sender, lang=lang)
    said = text_of(chat(stack, refusal, sender, lang=lang))
    assert message("form.declined", lang) in said, said
    assert question("is_last_installment", lang) in said, said


def test_028_the_second_one_and_facts_at_the_scheme_question(stack: Stack) -> None:
    """028-2 「第二個」 was "not understood", and every later answer with it (028-4 … 028-8); only
    the due date was kept when the scheme was finally typed."""
    sender = new_sender()
    lang = "zh-Hant"
    said = text_of(chat(stack, "我想查下當年還款調整我啱唔啱", sender))
    assert question("scheme", lang) in said, said
    said = text_of(chat(stack, "第二個", sender))
    assert message("form.hint_scheme", lang) not in said, said
    assert question("installment_due_date", lang) in said, said
    said = text_of(chat(stack, "2020年5月", sender))
    assert question("is_last_installment", lang) in said, said
    said = text_of(chat(stack, "唔係，係倒數第二期", sender))
    assert question("grant_cancelled", lang) in said, said


def test_028_facts_told_while_the_scheme_is_asked_are_kept(stack: Stack) -> None:
    sender = new_sender()
    lang = "zh-Hant"
    said = text_of(chat(stack, "我想查下當年還款調整我啱唔啱", sender))
    assert question("scheme", lang) in said, said
    said = text_of(chat(stack, "2020年5月", sender))
    assert question("scheme", lang) in said, said
    said = text_of(chat(stack, "倒數第二期", sender))
    assert message("form.hint_scheme", lang) not in said, said
    assert message("form.noted", lang) in said and question("scheme", lang) in said, said
    said = text_of(chat(stack, "調過兩次？唔係，一次咋", sender))
    assert message("form.noted", lang) in said, said
    said = text_of(chat(stack, "青年創業援助計劃", sender))
    # the due date, the last instalment and the count were kept: the cancellation is next
    assert question("grant_cancelled", lang) in said, said
    assert question("is_last_installment", lang) not in said, said
    said = text_of(chat(stack, "冇取消", sender))
    assert question("installment_amount", lang) in said, said
