"""Answers in the words of the sixteenth probe's users (p16-NNN, /tmp/probe16/report.md): the
same answer asked for again by a user it did not answer is not given a third time."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_question import ActionAnswerQuestion
from actions.parsing.repeats import says_not_answered
from knowledge.messages import text as message

NOT_ANSWERED = [
    "閣下之答覆與前述相同，未有回應本人之提問。請直接答覆：該意見之具體內容，快訊有否載明？",  # 007-5
    "没看懂，我问的是我作为内地人能不能享受，不是问子女教育",  # 020-2
    "thats not a yes or no lol. is a pet dog a biological material?",  # 022-6
    "u just repeated urself. tax breaks for green finance: yes/no/dont know?",  # 033-3
    "你冇答到我條問題",
    "you didn't answer my question",
    "Não respondeu à minha pergunta",
    "nao e isso que perguntei",
]


@pytest.mark.parametrize("said", NOT_ANSWERED)
def test_saying_the_answer_did_not_answer(said: str) -> None:
    assert says_not_answered(said)


@pytest.mark.parametrize(
    "said",
    ["Who was there?", "咁「限制性措施」有邊啲？串流平台屬唔屬電信？", "我想問第二個問題",
     "what is the answer to the question on fees?", "E quem respondeu?"],
)  # fmt: skip
def test_follow_ups_are_no_reproach(said: str) -> None:
    assert not says_not_answered(said)


def _after(entry_id: str, asked: str, typed: str, intent: str) -> Tracker:
    answered = {"custom": {"sources": [{"id": entry_id, "title": "t"}], "lang": "en"}}
    events: list[dict[str, Any]] = [
        {"event": "user", "text": asked},
        {"event": "bot", "text": "…"},
        {"event": "bot", "data": answered},
        {"event": "user", "text": typed},
    ]
    latest = {"text": typed, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    return Tracker("web:t", {}, latest, events, False, None, {}, "action_listen")


def test_p16_033_the_same_answer_again_to_a_reproach_says_there_is_no_more() -> None:
    """p16-033: the trade committee's consensus entry three times in a row; the third time the
    user said "u just repeated urself"."""
    tracker = _after(
        "trade-committee-consensus",
        "the 2nd item u listed - green finance - any details? like tax breaks?",
        "u just repeated urself. tax breaks for green finance: yes/no/dont know?",
        "ask_trade_committee",
    )
    dispatcher = CollectingDispatcher()
    ActionAnswerQuestion().run(dispatcher, tracker, {})
    said = [m for m in dispatcher.messages if m.get("text")]
    assert said[0]["text"] == message("answer.nothing_more", "en")
    custom = next(m["custom"] for m in dispatcher.messages if m.get("custom"))
    assert custom["handoff_offered"] and custom["sources"] == []


def test_a_follow_up_answered_by_the_same_entry_is_still_answered() -> None:
    tracker = _after(
        "cites-coordination-meeting", "When was the CITES meeting?", "Who chaired it?", "ask_cites"
    )
    dispatcher = CollectingDispatcher()
    ActionAnswerQuestion().run(dispatcher, tracker, {})
    custom = next(m["custom"] for m in dispatcher.messages if m.get("custom"))
    assert [s["id"] for s in custom["sources"]] == ["cites-coordination-meeting"]
