"""Webhook mode: the gateway registers its URL with the secret token, accepts only updates that
carry it, and handles each update before answering. Rasa is down here, so the bot's polite
'unavailable' reply is what comes back; the conversation itself is tested end to end
(tests/e2e/test_telegram.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.migrate import upgrade
from bot.telegram_text import say
from tests.e2e.fake_telegram import FakeTelegram
from tests.helpers import offline_settings

SECRET = "s3cret-token"


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    server = FakeTelegram()
    yield server
    server.close()


@pytest.fixture
def webhook_env(fake: FakeTelegram, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = f"sqlite:///{tmp_path / 'cepa.db'}"
    upgrade(database)
    monkeypatch.setenv("DATABASE_URL", database)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "4242:TEST")
    monkeypatch.setenv("TELEGRAM_BASE_URL", fake.url)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://assistant.example.org")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)


RIGHT = {"x-telegram-bot-api-secret-token": SECRET}


def test_webhook_checks_the_secret_token_and_answers_once_handled(
    fake: FakeTelegram, webhook_env: None, tmp_path: Path
) -> None:
    with TestClient(create_app(offline_settings(tmp_path))) as client:
        registered = [p for m, p in fake.sent if m == "setWebhook"]
        assert (
            registered and registered[0]["url"] == "https://assistant.example.org/telegram/webhook"
        )
        assert registered[0]["secret_token"] == SECRET

        update = fake.says(9001, "hello")
        assert client.post("/telegram/webhook", json=update).status_code == 403
        wrong = {"x-telegram-bot-api-secret-token": "guess"}
        assert client.post("/telegram/webhook", json=update, headers=wrong).status_code == 403
        assert fake.messages_to(9001) == []
        assert client.post("/telegram/webhook", json=update, headers=RIGHT).status_code == 200
        # Handled within the request: the reply was sent before the 200 (no queue to lose).
        replies = fake.messages_to(9001)
        assert [r["text"] for r in replies] == [say("unavailable", "zh-Hant")]  # Rasa is down

        for junk in ([1, 2], {"update_id": 5, "message": "x"}, {"no": "update"}):
            response = client.post("/telegram/webhook", json=junk, headers=RIGHT)
            assert response.status_code == 400


def test_language_and_stale_buttons_across_two_gateways(
    fake: FakeTelegram, webhook_env: None, tmp_path: Path
) -> None:
    """Two gateway apps on one database: what one stores for a chat, the other uses."""
    chat_id = 9002
    settings = offline_settings(tmp_path)
    with TestClient(create_app(settings)) as a, TestClient(create_app(settings)) as b:
        for gateway, text, said in ((a, "/lang en", "lang_set"), (b, "/help", "help")):
            update = fake.says(chat_id, text)
            assert gateway.post("/telegram/webhook", json=update, headers=RIGHT).status_code == 200
            assert fake.messages_to(chat_id)[-1]["text"] == say(said, "en")
        # Telegram sends a handled update again when its 200 was lost: it is not handled twice.
        count = len(fake.messages_to(chat_id))
        assert a.post("/telegram/webhook", json=update, headers=RIGHT).status_code == 200
        assert len(fake.messages_to(chat_id)) == count

        # A key this bot never stored (or one purged since): a clear message, no crash.
        stale = fake.clicks(chat_id, "k:" + "f" * 24)
        assert b.post("/telegram/webhook", json=stale, headers=RIGHT).status_code == 200
        assert fake.messages_to(chat_id)[-1]["text"] == say("stale_button", "en")
        assert any(method == "answerCallbackQuery" for method, _ in fake.sent)
