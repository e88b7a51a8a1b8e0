"""Telegram through python-telegram-bot against a local server speaking the Bot API."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from bot.chat import ReplyOut
from bot.stack import Stack
from bot.telegram_text import reply_html
from tests.e2e.conftest import PUBLIC_URL
from tests.e2e.fake_telegram import FakeTelegram
from tests.helpers import rasa_tracker

pytestmark = pytest.mark.e2e


def test_same_answer_as_the_web_with_inline_buttons(stack: Stack, telegram: FakeTelegram) -> None:
    chat_id = 7001
    question = "我想了解調整援助計劃還款嘅措施"
    telegram.user_says(chat_id, question)
    answer = telegram.wait_for(chat_id, 1)[0]
    web = httpx.post(stack.gateway_url + "/api/chat",
                     json={"sender": uuid.uuid4().hex, "message": question}, timeout=60).json()  # fmt: skip
    # The same reply, through the same formatter, as Telegram HTML with its source as a link.
    assert answer["parse_mode"] == "HTML"
    assert answer["text"] == reply_html(ReplyOut.model_validate(web["replies"][0]), PUBLIC_URL)[0]
    assert f'<a href="{PUBLIC_URL}/sources/' in answer["text"]
    keyboard = answer["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == [
        b["title"] for b in web["replies"][0]["buttons"]
    ]

    telegram.user_clicks(chat_id, keyboard[0][0]["callback_data"])
    follow_up = telegram.wait_for(chat_id, 2)[1]
    assert "1,000澳門元" in follow_up["text"]
    assert any(method == "answerCallbackQuery" for method, _ in telegram.sent)


def test_commands_language_and_non_text_messages(telegram: FakeTelegram, stack: Stack) -> None:
    chat_id = 7002
    telegram.user_says(chat_id, "/start")
    assert "CEPA查詢助手" in telegram.wait_for(chat_id, 1)[0]["text"]
    telegram.user_says(chat_id, "/lang")
    choose = telegram.wait_for(chat_id, 2)[1]
    english = next(
        b[0] for b in choose["reply_markup"]["inline_keyboard"] if b[0]["text"] == "English"
    )
    telegram.user_clicks(chat_id, english["callback_data"])
    assert telegram.wait_for(chat_id, 3)[2]["text"] == "Language set to English."
    telegram.user_says(chat_id, "/help")
    assert "Type your question" in telegram.wait_for(chat_id, 4)[3]["text"]

    telegram.user_sends(chat_id, sticker={"file_id": "s1", "file_unique_id": "u1", "type": "regular",
                                          "width": 512, "height": 512, "is_animated": False,
                                          "is_video": False})  # fmt: skip
    assert "only read text" in telegram.wait_for(chat_id, 5)[4]["text"]
    telegram.user_sends(chat_id, voice={"file_id": "v1", "file_unique_id": "u2", "duration": 3})
    assert "only read text" in telegram.wait_for(chat_id, 6)[5]["text"]
    telegram.user_sends(
        chat_id, photo=[{"file_id": "p1", "file_unique_id": "u3", "width": 90, "height": 90}]
    )
    assert "only read text" in telegram.wait_for(chat_id, 7)[6]["text"]
    telegram.user_edits(chat_id, "edited text")
    assert "edited message" in telegram.wait_for(chat_id, 8)[7]["text"]

    telegram.user_says(chat_id, "When does the revised CEPA services agreement take effect?")
    assert "1 June 2020" in telegram.wait_for(chat_id, 9)[8]["text"]


def tracker(stack: Stack, chat_id: int) -> dict[str, Any]:
    return rasa_tracker(stack, f"tg:{chat_id}")


def test_lists_links_and_source_links_in_telegram_html(
    telegram: FakeTelegram, stack: Stack
) -> None:
    chat_id = 7101
    telegram.user_says(chat_id, "中央推出了哪些粵港澳大灣區建設惠澳政策措施？")
    answer = telegram.wait_for(chat_id, 1)[0]
    assert answer["parse_mode"] == "HTML"
    assert "\n1. 便利港澳居民在粵港澳大灣區內地城市購房\n2. " in answer["text"]
    assert "\n15. 支持港澳債券市場發展" in answer["text"]
    link = f'<a href="{PUBLIC_URL}/sources/gba-measures-overview?lang=zh-Hant">'
    assert link in answer["text"]
    view = httpx.get(stack.gateway_url + "/sources/gba-measures-overview?lang=zh-Hant")
    assert view.status_code == 200 and "中央推出粵港澳大灣區建設惠澳政策措施" in view.text

    # An answered keyboard goes away, so an old button cannot fire in a new context.
    first = answer["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    telegram.user_clicks(chat_id, first)
    telegram.wait_for(chat_id, 2)
    assert any(method == "editMessageReplyMarkup" for method, _ in telegram.sent)


def test_lang_reaches_the_dialogue(telegram: FakeTelegram, stack: Stack) -> None:
    chat_id = 7102
    telegram.user_says(chat_id, "/lang pt")
    assert telegram.wait_for(chat_id, 1)[0]["text"] == "Língua alterada para português."
    telegram.user_says(chat_id, "CEPA?")  # no language of its own: the chosen one applies
    reply = telegram.wait_for(chat_id, 2)[1]["text"]
    assert any(word in reply for word in ("Desculpe", "Fonte", "serviços")), reply  # Portuguese
    assert tracker(stack, chat_id)["latest_message"]["metadata"]["lang"] == "pt"

    telegram.user_says(chat_id, "/lang")
    keyboard = telegram.wait_for(chat_id, 3)[2]["reply_markup"]["inline_keyboard"]
    english = next(row[0] for row in keyboard if row[0]["text"] == "English")
    telegram.user_clicks(chat_id, english["callback_data"])
    assert telegram.wait_for(chat_id, 4)[3]["text"] == "Language set to English."
    telegram.user_says(chat_id, "CEPA?")
    telegram.wait_for(chat_id, 5)
    assert tracker(stack, chat_id)["latest_message"]["metadata"]["lang"] == "en"


def test_cancel_and_restart_commands(telegram: FakeTelegram, stack: Stack) -> None:
    chat_id = 7103
    telegram.user_says(chat_id, "/cancel")
    assert "沒有進行中" in telegram.wait_for(chat_id, 1)[0]["text"]

    telegram.user_says(chat_id, "我間公司可唔可以調整還款？")
    assert "援助計劃" in telegram.wait_for(chat_id, 2)[1]["text"]
    assert tracker(stack, chat_id)["active_loop"]["name"] == "check_repayment_eligibility_form"
    telegram.user_says(chat_id, "/cancel")
    telegram.wait_for(chat_id, 3)
    assert not tracker(stack, chat_id)["active_loop"]

    telegram.user_says(chat_id, "我間公司可唔可以調整還款？")
    telegram.wait_for(chat_id, 4)
    telegram.user_says(chat_id, "中小企業援助計劃")
    telegram.wait_for(chat_id, 5)
    assert tracker(stack, chat_id)["slots"]["scheme"]
    telegram.user_says(chat_id, "/restart")
    assert telegram.wait_for(chat_id, 6)[5]["text"] == "已重新開始對話。請輸入你的問題。"
    state = tracker(stack, chat_id)
    assert not state["active_loop"] and not state["slots"].get("scheme")
    telegram.user_says(chat_id, "/cancel")  # nothing is running any more
    assert "沒有進行中" in telegram.wait_for(chat_id, 7)[6]["text"]
