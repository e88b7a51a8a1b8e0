"""Follow-up questions that lean on the previous answer, in the words of the second probe of new
users (2026-12-06), through the real gateway, Rasa and action server. Each got "not sure", the
scope sentence, "You're welcome!" or a greeting: the service read every message alone.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from bot.stack import Stack
from knowledge.messages import text as message
from tests.helpers import chat, text_of

pytestmark = pytest.mark.e2e


def talk(stack: Stack, *turns: str, lang: str | None = None) -> list[dict[str, Any]]:
    sender = uuid.uuid4().hex
    extra = {"lang": lang} if lang else {}
    return [chat(stack, turn, sender, **extra) for turn in turns]


def answered(reply: dict[str, Any]) -> list[str]:
    """The entries a reply answers from outright ("is this what you mean?" is no answer)."""
    return [] if reply["handoff_offered"] else [s["id"] for s in reply["sources"]]


@pytest.mark.parametrize(
    ("first", "follow_up", "lang", "expected"),
    [
        # E8: "You're welcome!"
        (
            "When was the CITES coordination meeting held?",
            "Who chaired it?",
            "en",
            "cites-coordination-meeting",
        ),
        # E14: the greeting
        (
            "What happened at the 2019 Guangdong-Macao quality testing and certification working "
            "group meeting?",
            "Where was it held?",
            "en",
            "quality-2019-meeting",
        ),
        # C5: the scope sentence
        ("新嘅服務貿易協議係幾時簽㗎？", "咁佢幾時生效？", "zh-Hant", "cepa-services-signing"),
        # C10: "not sure"
        ("世貿嗰個進口許可工作坊幾時搞㗎？", "邊個主講？", "zh-Hant", "import-licensing-workshop"),
        # S5: "not sure", with the right entry only as a button
        (
            "CEPA服务贸易协议修订后有什么新变化？",
            "那银行保险方面呢？",
            "zh-Hans",
            "cepa-services-finance",
        ),
        # S7: "not sure"
        (
            "第三届中国质量大会在哪里举行？",
            "分会场有哪些？",
            "zh-Hans",
            "quality-conference-sub-forums",
        ),
    ],
)
def test_a_follow_up_is_answered_from_the_previous_answers_topic(
    stack: Stack, first: str, follow_up: str, lang: str, expected: str
) -> None:
    before, after = talk(stack, first, follow_up, lang=lang)
    assert before["sources"], text_of(before)
    assert expected in answered(after), (text_of(after), after["sources"])


@pytest.mark.parametrize(
    ("first", "other"),
    [
        ("When was the CITES coordination meeting held?", "What's the weather tomorrow?"),
        (
            "Is there a Greater Bay Area measure to help Macao residents buy homes on the Mainland?",
            "Can you recommend a good estate agent in Zhuhai?",
        ),
        ("有冇措施方便澳門人喺內地用手機支付？", "教我點樣開微信支付啦"),
        ("When was the CITES coordination meeting held?", "How much did the meeting cost?"),
    ],
)
def test_a_question_of_its_own_after_an_answer_is_not_answered_with_it(
    stack: Stack, first: str, other: str
) -> None:
    """Out of scope, a request for a service, or a detail the newsletter never gives: the
    previous answer is no answer to it."""
    _, after = talk(stack, first, other)
    assert answered(after) == [], (text_of(after), after["sources"])


def test_small_talk_after_an_answer_is_still_small_talk(stack: Stack) -> None:
    """Thanks and "are you a bot?" are not read as follow-ups of the previous answer."""
    first = "When was the CITES coordination meeting held?"
    _, thanks = talk(stack, first, "Thank you!")
    _, bot = talk(stack, first, "Are you a real person?")
    assert answered(thanks) == [] and answered(bot) == []


def test_and_x_is_not_answered_with_the_previous_answer_again(stack: Stack) -> None:
    """The fourth probe (TC10, EN10): "and banking?" after the signing date got the signing date
    again."""
    signing = '/ask_cepa_services{"kb_entry":"cepa-services-signing"}'
    *_, formal = talk(
        stack, "修訂協議對文化及電信領域有何改變？", signing, "那金融業呢？", lang="zh-Hant"
    )
    *_, english = talk(
        stack, "what changes for culture and telecoms", signing, "and banking?", lang="en"
    )
    for reply in (formal, english):
        assert answered(reply) == ["cepa-services-finance"], (text_of(reply), reply["sources"])


def test_a_follow_up_of_a_follow_up_keeps_the_topic(stack: Stack) -> None:
    """The fourth probe (PT05): «Quanto tempo durou?» after «Quantos participaram?» was told that
    the information gives no durations; the workshop's answer says three days."""
    *_, last = talk(
        stack,
        "Fale-me do workshop da OMC sobre licenciamento de importações",
        "Quantos participaram?",
        "Quanto tempo durou?",
        lang="pt",
    )
    assert "import-licensing-workshop" in answered(last), text_of(last)
    assert last["lang"] == "pt"


@pytest.mark.parametrize(
    ("earlier", "follow_up", "lang", "expected"),
    [
        # PT13: the greeting
        (("Onde foi a reunião de 2019 do grupo de trabalho de testes de qualidade?",), "E Hengqin?",
         "pt", "quality-2019-meeting"),
        # YUE07: the repayment check began
        (("調整還款係咩嚟", "可以調低到幾多"), "剩低嗰啲點還", "zh-Hant", "sme-repayment-amount"),
    ],
)  # fmt: skip
def test_a_follow_up_the_nlu_reads_as_small_talk_or_a_fact_is_answered(
    stack: Stack, earlier: tuple[str, ...], follow_up: str, lang: str, expected: str
) -> None:
    *_, after = talk(stack, *earlier, follow_up, lang=lang)
    assert expected in [s["id"] for s in after["sources"]], (text_of(after), after["sources"])


def test_a_question_read_as_thanks_is_not_thanked(stack: Stack) -> None:
    """The fourth probe (PT11): «E a morada?» got "You're welcome!", in English."""
    *_, reply = talk(stack, "Qual é o telefone da DSE?", "E a morada?", lang="pt")
    assert reply["lang"] == "pt"
    assert "You're welcome" not in text_of(reply) and "De nada" not in text_of(reply)


@pytest.mark.parametrize("closing", ["ok thanks bye", "好的，謝謝。", "好的谢谢"])
def test_thanks_after_the_offer_of_staff_is_no_consent_to_it(stack: Stack, closing: str) -> None:
    """The fourth probe (EN11, TC10, SC10): thanks after "I can pass your question to staff"
    opened the privacy notice and asked to collect a name and contact."""
    offer, after = talk(stack, "what are your opening hours on Saturday?", closing)
    assert offer["handoff_offered"], text_of(offer)
    notice = [message("handoff.privacy_notice", lang) for lang in ("en", "zh-Hant", "zh-Hans")]
    assert not any(n in text_of(after) for n in notice), text_of(after)


def test_can_i_apply_now_after_a_decision_is_told_it_has_ended_not_handed_off(
    stack: Stack,
) -> None:
    """The fourth probe (PT02): «Então posso candidatar-me agora?», read by the NLU as asking for
    staff, opened the hand-off's privacy notice."""
    *_, decided, asked = talk(
        stack,
        "A minha empresa quer ajustar o reembolso do apoio",
        "Plano de Apoio a Pequenas e Médias Empresas",
        "Setembro de 2020",
        "não",
        "não",
        "0",
        "4000",
        "8",
        "Então posso candidatar-me agora?",
        lang="pt",
    )
    assert decided["sources"], text_of(decided)
    assert message("answer.measure_closed", "pt") in text_of(asked), text_of(asked)
    assert message("handoff.privacy_notice", "pt") not in text_of(asked)


@pytest.mark.parametrize(
    ("typed", "lang"),
    [("本公司想申請調整還款", "zh-Hant"), ("Quero ajustar a prestação do meu apoio", "pt")],
)
def test_wanting_ones_own_repayment_adjusted_starts_the_check(
    stack: Stack, typed: str, lang: str
) -> None:
    """The fourth probe (TC12, X04): "not sure", with neither the check nor an answer."""
    (reply,) = talk(stack, typed, lang=lang)
    first = message("form.question.scheme", lang)
    assert first in text_of(reply), text_of(reply)
