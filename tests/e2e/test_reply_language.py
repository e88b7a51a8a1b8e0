"""The reply language within a conversation (the probe of new users of 2026-12-07), through the real
gateway, Rasa and action server, in the users' words: emoji, «?», short Chinese answers without a
script, a scheme's English name, an old button, English with a Chinese date, Japanese, and a
request for another language had flipped it.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from bot.stack import Stack
from knowledge.language import Lang
from knowledge.messages import template
from knowledge.messages import text as message
from tests.helpers import chat, text_of

pytestmark = pytest.mark.e2e

ELIGIBLE = {
    "zh-Hant": "按當時的規定，你的情況符合",
    "zh-Hans": "按当时的规定，你的情况符合",
    "en": "met the conditions",
}
RULED_OUT = ("不符合調整還款的條件", "不符合调整还款的条件", "would not have met", "não reuniria")


def question(slot: str, lang: Lang) -> str:
    return template(f"form.question.{slot}", lang).split("{")[0]


def talk(stack: Stack, *turns: str, lang: str | None = None) -> list[dict[str, Any]]:
    """One conversation; `lang` (the UI language) sent with every turn."""
    sender = uuid.uuid4().hex
    extra = {"lang": lang} if lang else {}
    return [chat(stack, turn, sender, **extra) for turn in turns]


def in_widget(stack: Stack, *turns: str, ui: Lang) -> list[dict[str, Any]]:
    """One conversation as the web widget has it: its UI language goes with every message and
    then follows the language of each reply (bot/static/widget.js)."""
    sender, replies = uuid.uuid4().hex, []
    for turn in turns:
        reply = chat(stack, turn, sender, lang=ui)
        replies.append(reply)
        ui = reply["lang"]
    return replies


def langs(replies: list[dict[str, Any]]) -> list[str]:
    return [reply["lang"] for reply in replies]


# --- 1, 2: emoji and punctuation alone keep the conversation's language ------------------------


def test_emoji_keep_an_english_conversation_english(stack: Stack) -> None:
    """«🙂🙂» at the privacy notice got 「抱歉，未能理解你的答案。我可以將你的問題轉交…」, «👍» the
    name question in Chinese: "hi" and "human please" had not counted as English."""
    replies = talk(stack, "hi", "human please", "🙂🙂", "👍")
    assert langs(replies) == ["en"] * 4, [text_of(r) for r in replies]
    assert message("form.hint", "en") in text_of(replies[2])
    assert message("handoff.question.contact_name", "en") in text_of(replies[3])


def test_a_question_mark_alone_keeps_an_english_conversation_english(stack: Stack) -> None:
    """«?» got 「請問你想了解哪方面？…」."""
    _, asked = talk(stack, "hi", "?")
    assert asked["lang"] == "en", text_of(asked)
    assert "請問你想了解哪方面" not in text_of(asked)


# --- 3: Chinese that shows no script keeps the conversation's script ----------------------------


def test_short_answers_keep_a_simplified_check_simplified(stack: Stack) -> None:
    """A client that sends its UI language (简体) once: «不是» was asked in Traditional, and after
    «不知道» the decision came in Traditional 「按當時的規定，你的情況符合…」."""
    sender = uuid.uuid4().hex
    replies = [chat(stack, "我们公司能不能申请调整还款？", sender, lang="zh-Hans")]
    for answer in ("中小企业援助计划", "2020年5月", "不是", "没有被取消", "0", "不知道", "不知道"):
        replies.append(chat(stack, answer, sender))
    assert langs(replies) == ["zh-Hans"] * 8, [text_of(r) for r in replies]
    assert ELIGIBLE["zh-Hans"] in text_of(replies[-1]), text_of(replies[-1])


def test_an_unread_answer_is_asked_again_in_simplified(stack: Stack) -> None:
    """«不是» to the due date got the Traditional 「想調整的那一期還款何時到期？」 again."""
    sender = uuid.uuid4().hex
    chat(stack, "我想查一下能不能调整还款", sender, lang="zh-Hans")
    chat(stack, "中小企业援助计划", sender)
    again = chat(stack, "不是", sender)
    assert again["lang"] == "zh-Hans", text_of(again)
    assert question("installment_due_date", "zh-Hans") in text_of(again), text_of(again)


# --- 4: a scheme's English name does not switch a Chinese conversation --------------------------


@pytest.mark.parametrize("name", ["SME Aid Scheme", "young entrepreneurs aid scheme"])
def test_an_english_scheme_name_keeps_a_cantonese_check_chinese(stack: Stack, name: str) -> None:
    """Typed in a Cantonese check with the widget in 繁體: the rest of the form and the decision
    came in English."""
    replies = in_widget(
        stack, "我間公司可唔可以調整還款？", name, "2020年5月", "唔係", "冇被取消", "0", "唔知",
        "唔知", ui="zh-Hant",
    )  # fmt: skip
    assert langs(replies) == ["zh-Hant"] * 8, [text_of(r) for r in replies]
    assert question("installment_due_date", "zh-Hant") in text_of(replies[1])
    assert ELIGIBLE["zh-Hant"] in text_of(replies[-1]), text_of(replies[-1])


def test_an_english_sentence_switches_a_chinese_conversation(stack: Stack) -> None:
    replies = in_widget(
        stack, "我間公司可唔可以調整還款？", "It is the SME Aid Scheme, can you check it for me?",
        ui="zh-Hant",
    )  # fmt: skip
    assert langs(replies) == ["zh-Hant", "en"], [text_of(r) for r in replies]


# --- 5: a button's payload shows no language -----------------------------------------------------


def test_an_old_button_keeps_a_cantonese_conversation_chinese(stack: Stack) -> None:
    replies = talk(
        stack, "我間公司可唔可以調整還款？", "中小企業援助計劃", "2020年5月", "算啦",
        '/affirm{"answer_to":"is_last_installment"}', '/deny{"answer_to":"stop"}',
    )  # fmt: skip
    assert langs(replies) == ["zh-Hant"] * 6, [text_of(r) for r in replies]


@pytest.mark.parametrize("ui", [None, "pt"])
def test_a_button_never_offered_keeps_a_portuguese_conversation_portuguese(
    stack: Stack, ui: str | None
) -> None:
    """A stale button from an earlier conversation (the gateway passes it on as typed words)
    got «Sorry, that is outside what I can help with…»."""
    replies = talk(
        stack, "A minha empresa pode ajustar o reembolso?", '/deny{"answer_to":"stop"}',
        "Quais são as medidas da Grande Baía para Macau?", '/affirm{"answer_to":"is_last_installment"}',
        '/deny{"answer_to":"stop"}', lang=ui,
    )  # fmt: skip
    assert langs(replies) == ["pt"] * 5, [text_of(r) for r in replies]
    assert not any("Sorry" in text_of(r) for r in replies)


# --- 6, 7: mixed scripts -------------------------------------------------------------------------


def test_english_with_a_chinese_date_is_english(stack: Stack) -> None:
    (reply,) = talk(
        stack,
        "hi want 2 check my case, young entrepreneurs scheme, instalment due 2021年1月, not last, "
        "not cancelled",
    )
    assert reply["lang"] == "en", text_of(reply)
    assert RULED_OUT[2] in text_of(reply), text_of(reply)


def test_japanese_is_no_chinese(stack: Stack) -> None:
    (reply,) = talk(stack, "Do you speak Japanese? 日本語できますか")
    assert reply["lang"] == "en", text_of(reply)


# --- 8: asked for another language ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("turns", "ui", "after"),
    [
        (("Quais são as medidas da Grande Baía para Macau?", "muda para inglês por favor"), "pt",
         "obrigado"),
        (("我想了解調整還款嘅措施", "please reply in English"), "zh-Hant", "ok"),
        (("我想了解調整還款嘅措施", "可唔可以講英文"), "zh-Hant", "咁幾時開始？"),
    ],
)  # fmt: skip
def test_asked_for_english_the_conversation_switches(
    stack: Stack, turns: tuple[str, ...], ui: Lang, after: str
) -> None:
    """The client keeps sending its UI language (an API caller, or the widget's own choice)."""
    replies = talk(stack, *turns, after, lang=ui)
    assert langs(replies)[1:] == ["en", "en"], [text_of(r) for r in replies]


@pytest.mark.parametrize("request_", ["please reply in English", "可唔可以講英文"])
def test_asked_for_english_the_assistant_confirms(stack: Stack, request_: str) -> None:
    _, switched = talk(stack, "我想了解調整還款嘅措施", request_, lang="zh-Hant")
    assert text_of(switched).startswith(message("language.switched", "en")), text_of(switched)


def test_asked_for_english_inside_the_check_it_asks_again_in_english(stack: Stack) -> None:
    _, switched = talk(
        stack, "我間公司可唔可以調整還款？", "please reply in English", lang="zh-Hant"
    )
    said = text_of(switched)
    assert switched["lang"] == "en", said
    assert said.startswith(message("language.switched", "en")), said
    assert said.endswith(question("scheme", "en")), said


# --- what must not change ------------------------------------------------------------------------


def test_thanks_close_a_portuguese_chat_in_portuguese(stack: Stack) -> None:
    *_, thanks = talk(stack, "Quais são as medidas da Grande Baía para Macau?", "Obrigado")
    assert thanks["lang"] == "pt", text_of(thanks)


def test_ok_thx_closes_a_cantonese_chat_in_chinese(stack: Stack) -> None:
    *_, thanks = talk(stack, "咁香港人可唔可以用CEPA？", "ok thx", lang="zh-Hant")
    assert thanks["lang"] == "zh-Hant", text_of(thanks)


def test_a_number_or_ok_takes_the_ui_language_else_the_conversations(stack: Stack) -> None:
    *_, number = talk(stack, "Can my company adjust its repayment?", "3", lang="zh-Hans")
    assert number["lang"] == "zh-Hans", text_of(number)
    *_, ok = talk(stack, "Quais são as medidas da Grande Baía para Macau?", "ok")
    assert ok["lang"] == "pt", text_of(ok)


# --- probe 9 (2026-12-07) ---------------------------------------------------------------------


def test_probe9_asked_for_english_with_a_question_it_answers_it_in_english(stack: Stack) -> None:
    """「請用英文答我：CEPA修訂協議幾時生效」 got "Sure, I will reply in English. What would you like
    to know?": the question was dropped."""
    (reply,) = talk(stack, "請用英文答我：CEPA修訂協議幾時生效")
    said = " ".join(r["text"] for r in reply["replies"])
    assert reply["lang"] == "en"
    assert message("language.switched", "en") in said, said
    assert "1 June 2020" in said, said
    assert "cepa-services-signing" in [s["id"] for s in reply["sources"]]


def test_probe9_a_hello_on_the_phone_is_answered_in_traditional(stack: Stack) -> None:
    """「喂你好」 was answered in Simplified Chinese."""
    (reply,) = talk(stack, "喂你好")
    assert reply["lang"] == "zh-Hant"
    assert message("small_talk.greet", "zh-Hant") in " ".join(r["text"] for r in reply["replies"])
