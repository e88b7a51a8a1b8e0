"""Questions about the repayment measure get the fact; only the user's own case starts the check."""

from __future__ import annotations

import uuid

import pytest

from actions.repayment_slots import REQUIRED
from bot.stack import Stack
from knowledge.language import LANGS
from knowledge.messages import template
from knowledge.messages import text as message
from tests.helpers import chat, text_of

pytestmark = pytest.mark.e2e
FORM_QUESTIONS = tuple(message("form.question.scheme", lang) for lang in LANGS)
# Any of the check's questions (the first asked is the first fact the message did not give).
ANY_FORM_QUESTION = tuple(
    template(f"form.question.{slot}", lang).split("{")[0] for slot in REQUIRED for lang in LANGS
)


def payloads(reply: dict[str, object]) -> list[str]:
    return [b["payload"] for r in reply["replies"] for b in r["buttons"]]  # type: ignore[index, union-attr]


@pytest.mark.parametrize(
    "question",
    ["我想申請調整還款", "點樣申請調整還款？", "最低還款額係幾多？", "调整后每期要还多少？"],
)
def test_a_question_about_the_measure_gets_the_fact_and_a_way_into_ones_case(
    stack: Stack, question: str
) -> None:
    sender = uuid.uuid4().hex
    reply = chat(stack, question, sender)
    assert reply["sources"] and reply["sources"][0]["id"].startswith("sme-repayment")
    assert not any(q in text_of(reply) for q in FORM_QUESTIONS)
    assert "/check_repayment_eligibility" in payloads(reply)
    started = chat(stack, "/check_repayment_eligibility", sender)
    assert any(q in text_of(started) for q in FORM_QUESTIONS), text_of(started)


@pytest.mark.parametrize(
    "question",
    [
        "我公司在香港，香港CEPA的货物贸易原产地规则是怎样的？",
        "CEPA服務貿易協議幾時實施？",
        "What is CEPA?",
    ],
)
def test_other_cepa_topics_never_start_the_check(stack: Stack, question: str) -> None:
    reply = chat(stack, question)
    assert not any(q in text_of(reply) for q in FORM_QUESTIONS), text_of(reply)


def test_asking_about_ones_own_company_starts_the_check(stack: Stack) -> None:
    reply = chat(stack, "我間公司可唔可以調整還款？")
    assert any(q in text_of(reply) for q in FORM_QUESTIONS)


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("我間公司可唔可以調整還款？", "zh-Hant"),
        ("Can my company get its repayment adjusted?", "en"),
    ],
)
def test_the_check_opens_with_the_end_of_the_measure_and_says_it_once(
    stack: Stack, question: str, lang: str
) -> None:
    """Today a business asking about its own case hears first that the measure ended on
    31 December 2020 and that no application can be made, then the first question; the next
    question does not repeat it."""
    sender = uuid.uuid4().hex
    first = text_of(chat(stack, question, sender))
    intro = message("form.ended_intro", lang)  # type: ignore[arg-type]
    assert first.startswith(intro), first
    assert message("form.question.scheme", lang) in first  # type: ignore[arg-type]
    second = text_of(chat(stack, message("scheme.sme_aid", lang), sender))  # type: ignore[arg-type]
    assert intro not in second and message("form.question.installment_due_date", lang) in second


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("national treatment 69 sectors", "cepa-services-national-treatment"),
        ("会计和建筑设计服务是否享受国民待遇", "cepa-services-national-treatment"),
        ("金伯利嗰條法律係第幾號㗎？", "kimberley-laws"),
    ],
)
def test_a_clear_leader_the_nlu_places_in_its_topic_is_answered_outright(
    stack: Stack, question: str, entry: str
) -> None:
    """Tuning-split questions whose best entry scores too low alone to be sure: the NLU's
    confidence reaches the action server through Rasa, agrees with the entry's topic, and the
    answer comes without "is this what you mean?" or a staff offer (knowledge/retriever.py,
    AGREEMENT_*)."""
    reply = chat(stack, question)
    assert [s["id"] for s in reply["sources"]][:1] == [entry], reply["sources"]
    assert reply["handoff_offered"] is False
    opening = tuple(template("answer.plausible", lang).split("{")[0] for lang in LANGS)
    assert not text_of(reply).startswith(opening), text_of(reply)


@pytest.mark.parametrize(
    ("question", "lang", "entry"),
    [
        # Users' words from the tuning sets: their own case and one of the measure's rules.
        (
            "我之前已經調整過一次還款，仲可唔可以再申請多次？",
            "zh-Hant",
            "sme-repayment-eligibility",
        ),
        ("can i adjust my repayemnt more than twice", "en", "sme-repayment-eligibility"),
        # The seventh and eighth blind sets (tuning data now): their own loan, then "how does the
        # measure work?", which before got the check's first question and nothing else.
        (
            "我間餐廳借咗中小企援助仲未還晒，經濟局嗰個調整還款措施係點㗎？",
            "zh-Hant",
            "sme-repayment-overview",
        ),
        # The ninth (tuning data now): how low the instalment can go, which the overview states.
        (
            "My SME borrowed under the SME Aid Scheme and cash is tight. How low can my next "
            "instalment go if I apply for the adjustment?",
            "en",
            "sme-repayment-overview",
        ),
    ],
)
def test_a_rule_asked_with_ones_own_case_is_answered_as_the_check_begins(
    stack: Stack, question: str, lang: str, entry: str
) -> None:
    """The check still begins (the user asks about their case), but the rule asked is answered
    first, after the notice that the measure has ended and with its source, not passed over."""
    reply = chat(stack, question)
    said = text_of(reply)
    intro = message("form.ended_intro", lang)  # type: ignore[arg-type]
    assert said.startswith(intro), said
    assert [s["id"] for s in reply["sources"]][:1] == [entry], reply["sources"]
    asked = [q for q in ANY_FORM_QUESTION if q in said]
    assert asked and said.index(asked[0]) > len(intro), said
    assert reply["handoff_offered"] is False
