"""Telegram through python-telegram-bot against a local server speaking the Bot API."""

from __future__ import annotations

import uuid

import httpx
import pytest

from bot.stack import Stack
from tests.e2e.fake_telegram import FakeTelegram

pytestmark = pytest.mark.e2e


def test_same_answer_as_the_web_with_inline_buttons(stack: Stack, telegram: FakeTelegram) -> None:
    chat_id = 7001
    question = "我想了解調整援助計劃還款嘅措施"
    telegram.user_says(chat_id, question)
    answer = telegram.wait_for(chat_id, 1)[0]
    web = httpx.post(stack.gateway_url + "/api/chat",
                     json={"sender": uuid.uuid4().hex, "message": question}, timeout=60).json()  # fmt: skip
    assert answer["text"] == web["replies"][0]["text"]
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
