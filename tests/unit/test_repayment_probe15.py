"""Probe 15 (2026-12-07), the repayment check: a refusal to answer is no "no", and "which
scheme?" listens, in the users' words.

Turn ids are the probe's (`/tmp/probe15/urgent.md`, transcripts p15-NNN): conversation-turn.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.parsing import contacts, declines_name, declines_to_say, parse_answer
from actions.parsing.answers import Answer
from actions.repayment_form import (
    DECLINED,
    HINT,
    NOTED,
    SKIPPED,
    AskGrantCancelled,
    AskIsLast,
    AskScheme,
)
from actions.repayment_slots import FORM, SCHEME_BUTTONS, parse_scheme, read_slots
from knowledge.messages import text as message
from knowledge.repayment import UNKNOWN_SCHEME
from tests.unit.test_repayment_probe14 import run_form

ACTIVATED = {"event": "active_loop", "name": FORM}

# Every style of declining to say, the probe's own words first.
REFUSALS = [
    "不想说",  # 012-3
    "不方便讲",  # 012-4
    "这个不方便透露",  # 005-3
    "這個不方便透露",
    "唔想講",
    "唔講得",
    "唔方便",
    "保密",
    "I'd rather not say",
    "prefer not to say",
    "none of your business",
    "prefiro não dizer",
    "não quero dizer",
]


def tracker(
    text: str,
    intent: str = "inform",
    lang: str = "zh-Hans",
    slots: dict[str, Any] | None = None,
) -> Tracker:
    metadata: dict[str, Any] = {"lang": lang}
    return Tracker(
        sender_id="web:test",
        slots=slots or {},
        latest_message={"text": text, "intent": {"name": intent}, "entities": [],
                        "metadata": metadata},
        events=[ACTIVATED, {"event": "bot", "text": "?"},
                {"event": "user", "text": text, "metadata": metadata}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )  # fmt: skip


def asked(action: Any, hint: str, lang: str = "zh-Hans") -> str:
    dispatcher = CollectingDispatcher()
    action.run(dispatcher, tracker("x", lang=lang, slots={HINT: hint}), {})
    return " ".join(str(m.get("text") or "") for m in dispatcher.messages)


# --- 1. a refusal is never an answer -------------------------------------------------------------


@pytest.mark.parametrize("said", REFUSALS)
def test_012_3_012_4_005_3_a_refusal_is_no_yes_or_no(said: str) -> None:
    """012-3 「不想说」 (NLU deny 0.92) was recorded as "not the last instalment", 012-4 「不方便讲」
    (deny 0.60) as "not cancelled", 005-3 「这个不方便透露」 (deny 0.87) the same."""
    assert declines_to_say(said)
    for slot in ("is_last_installment", "grant_cancelled"):
        assert read_slots(said, slot, "deny")[0] == {}, (said, slot)


@pytest.mark.parametrize("said", REFUSALS)
@pytest.mark.parametrize("slot", ["is_last_installment", "grant_cancelled"])
def test_a_refusal_takes_the_dont_know_path(said: str, slot: str) -> None:
    """No value kept: the fact decides the result, so no verdict without it (the question again,
    after where to ask)."""
    slots, replies = run_form(tracker(said, intent="deny"), slot)
    assert slots == {slot: None, HINT: DECLINED + slot}, said
    assert replies == []


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "en", "pt"])
def test_the_question_after_a_refusal_says_it_decides_and_offers_cancel(lang: str) -> None:
    for action, slot in (
        (AskIsLast(), "is_last_installment"),
        (AskGrantCancelled(), "grant_cancelled"),
    ):
        said = asked(action, DECLINED + slot, lang)
        assert message("form.declined", lang) in said, said
        assert message("form.dont_know", lang) in said, said
        assert message(f"form.question.{slot}", lang) in said, said


def test_a_refusal_at_the_other_questions() -> None:
    """At the amount (optional) it is skipped; at the due date and the count it is "don't know";
    at "which scheme?" it goes on by the rules the three share."""
    assert (
        run_form(tracker("不想说", intent="deny"), "installment_amount")[0]["installment_amount"]
        == SKIPPED
    )
    for slot in ("installment_due_date", "adjustments_used"):
        assert run_form(tracker("唔講得", intent="deny"), slot)[0] == {
            slot: None,
            HINT: DECLINED + slot,
        }
    assert run_form(tracker("保密", intent="deny"), "scheme")[0]["scheme"] == UNKNOWN_SCHEME


def test_a_refusal_beside_the_cue_is_no_answer_either() -> None:
    assert "is_last_installment" not in read_slots("最后一期与否不方便讲", "grant_cancelled")[0]
    assert "grant_cancelled" not in read_slots("有冇取消唔講得", "is_last_installment")[0]


def test_real_answers_are_still_answers() -> None:
    assert read_slots("唔係", "is_last_installment", "deny")[0] == {"is_last_installment": False}
    assert read_slots("冇取消", "grant_cancelled", "deny")[0] == {"grant_cancelled": False}
    assert read_slots("no", "grant_cancelled", "deny")[0] == {"grant_cancelled": False}
    assert read_slots("não", "is_last_installment", "deny")[0] == {"is_last_installment": False}
    assert parse_answer("不想说") is Answer.NO  # (the hand-off's consent: a refusal there is a no)
    for said in ("唔係", "冇", "no", "否", "不是"):
        assert not declines_to_say(said), said


def test_the_refusal_words_have_one_source() -> None:
    """The name's decline (probe 11) reads the same words, kept in actions/parsing/answers.py."""
    source = inspect.getsource(contacts)
    assert "none of (?:your|ur) business" not in source and "REFUSAL_WORDS" in source
    for said in (
        "唔講得",
        "I'd rather not say",
        "prefiro não dizer",
        "不想说",
        "none of your business",
    ):
        assert declines_name(said), said
    for name in ("陳大文", "Maria", "保羅"):
        assert not declines_name(name) and not declines_to_say(name)


# --- 2. "which scheme?" listens --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "place"),
    [("第二個", 2), ("第二个", 2), ("第一個", 1), ("第三個啦", 3), ("揀第二個", 2), ("the 2nd one", 2),
     ("second", 2), ("the first one", 1), ("o segundo", 2), ("a terceira", 3)],
)  # fmt: skip
def test_028_2_a_place_among_the_buttons_picks_that_button(said: str, place: int) -> None:
    """028-2 「第二個」 (the second button, 青年創業援助計劃) was "not understood"."""
    assert parse_scheme(said, asked=True) == SCHEME_BUTTONS[place - 1]
    assert (
        run_form(tracker(said, intent="nlu_fallback", lang="zh-Hant"), "scheme")[0]["scheme"]
        == SCHEME_BUTTONS[place - 1]
    )


def test_the_buttons_are_offered_in_that_order() -> None:
    labels = [b.title for b in AskScheme().answer_buttons("zh-Hant")][:3]
    assert labels == [message(f"scheme.{s}", "zh-Hant") for s in SCHEME_BUTTONS]
    assert labels[1] == "青年創業援助計劃"


@pytest.mark.parametrize("said", ["1", "4000", "第二期", "2"])
def test_no_place_without_an_ordinal(said: str) -> None:
    assert parse_scheme(said, asked=True) is None


def test_028_5_second_to_last_is_kept_and_acknowledged() -> None:
    """028-5 「倒數第二期」 at the scheme question: "not understood", and lost."""
    slots, _ = run_form(tracker("倒數第二期", intent="nlu_fallback", lang="zh-Hant"), "scheme")
    assert slots == {"is_last_installment": False, HINT: NOTED + "scheme"}
    said = asked(AskScheme(), NOTED + "scheme", "zh-Hant")
    assert (
        message("form.noted", "zh-Hant") in said
        and message("form.question.scheme", "zh-Hant") in said
    )
    assert message("form.hint_scheme", "zh-Hant") not in said
    for other in ("second to last", "é a penúltima", "倒数第三期"):
        assert read_slots(other, "scheme")[0] == {"is_last_installment": False}, other


def test_028_7_an_echoed_question_taken_back_keeps_the_answer() -> None:
    """028-7 「調過兩次？唔係，一次咋」: one adjustment."""
    slots, _ = run_form(tracker("調過兩次？唔係，一次咋", lang="zh-Hant"), "scheme")
    assert slots["adjustments_used"] == 1 and slots[HINT] == NOTED + "scheme"


def test_028_4_a_due_date_at_the_scheme_question_is_kept() -> None:
    slots, _ = run_form(tracker("2020年5月", lang="zh-Hant"), "scheme")
    assert str(slots["installment_due_date"]).startswith("2020-05")
    assert slots[HINT] == NOTED + "scheme"
