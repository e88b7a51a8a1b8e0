"""End to end, probe 16 (`/tmp/probe16/report.md`): answers in the users' words, through real
gateway, Rasa and action-server processes (`/api/chat`)."""

from __future__ import annotations

import uuid

import pytest

from bot.stack import Stack
from knowledge.messages import text as message
from tests.helpers import chat, text_of

pytestmark = pytest.mark.e2e


def ids(reply: dict) -> list[str]:  # type: ignore[type-arg]
    return [s["id"] for s in reply["sources"]]


def test_003_the_item_after_the_fourth_is_the_fifth(stack: Stack) -> None:
    """003-5 「跟住落嚟嗰項呢」 (NLU: deny) after measure 4 got measure 4 again."""
    sender = uuid.uuid4().hex
    first = chat(stack, "第四嗰項個理財通係點玩㗎", sender)
    assert ids(first) == ["gba-measure-04-wealth-management-connect"], text_of(first)
    then = chat(stack, "跟住落嚟嗰項呢", sender)
    assert ids(then) == ["gba-measure-05-foreign-permanent-residents"], text_of(then)


def test_033_the_same_answer_again_to_a_reproach_says_there_is_no_more(stack: Stack) -> None:
    """033-1…033-3: the trade committee's consensus three times; "u just repeated urself"."""
    sender = uuid.uuid4().hex
    first = chat(stack, "what did the trade committee agree on green finance?", sender, lang="en")
    assert ids(first) == ["trade-committee-consensus"], text_of(first)
    again = chat(
        stack, "u just repeated urself. tax breaks for green finance: yes/no/dont know?", sender
    )
    assert ids(again) == [], text_of(again)
    assert message("answer.nothing_more", "en") in text_of(again)
    assert again["handoff_offered"]


def test_021_how_long_the_conference_lasted_and_who_organised_it(stack: Stack) -> None:
    """021-2 「個大會搞咗幾多日？邊個主辦㗎」 was "the time needed is not given"."""
    sender = uuid.uuid4().hex
    chat(stack, "hihi 我係做化驗嘅，想知嗰個中國質量大會澳門有冇化驗師嘅團體去", sender)
    reply = chat(stack, "個大會搞咗幾多日？邊個主辦㗎", sender)
    assert "quality-china-quality-conference" in ids(reply), text_of(reply)
    assert "12月5日至6日" in text_of(reply)


def test_020_the_phone_after_a_measure(stack: Stack) -> None:
    """020-7 「行吧，那电话多少」 after measure 12 got "details of the measure not given"."""
    sender = uuid.uuid4().hex
    chat(stack, "那放宽人类遗传资源过境港澳，是指什么样本？血液？", sender)
    reply = chat(stack, "行吧，那电话多少", sender)
    assert "85972343" in text_of(reply), text_of(reply)


def test_005_is_there_one_on_law_firms(stack: Stack) -> None:
    """005-2 「那大湾区那15项里面有没有跟律所相关的？」 after a CEPA question got the CEPA entry."""
    sender = uuid.uuid4().hex
    chat(stack, "您好，我在广州开律师事务所，想了解一下这次CEPA修订对法律服务有什么开放", sender)
    reply = chat(stack, "那大湾区那15项里面有没有跟律所相关的？", sender)
    assert ids(reply) == ["gba-measure-07-law-firms"], text_of(reply)


@pytest.mark.parametrize(
    ("typed", "lang", "entry_id"),
    [("ok so what is CEPA, one line pls", "en", "cepa-overview"),  # 030-4: not sure
     ("o que e o Processo de Kimberley, em poucas palavras?", "pt", "kimberley-overview"),
     ("第5項", "zh-Hant", "gba-measure-05-foreign-permanent-residents")],  # blind25: refused
)  # fmt: skip
def test_short_questions_answered_on_their_own(
    stack: Stack, typed: str, lang: str, entry_id: str
) -> None:
    reply = chat(stack, typed, uuid.uuid4().hex, lang=lang)
    assert ids(reply) == [entry_id], text_of(reply)
