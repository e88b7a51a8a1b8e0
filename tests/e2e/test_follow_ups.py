"""Follow-up questions that lean on the previous answer, in the words of the second probe of new
users (2026-12-06), through the real gateway, Rasa and action server. Each got "not sure", the
scope sentence, "You're welcome!" or a greeting: the service read every message alone.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from bot.stack import Stack
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
