"""The running service for end-to-end and browser tests: one set of real processes per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller

from bot.stack import Stack
from knowledge.cli import main as kb_main
from tests.e2e.fake_telegram import FakeTelegram
from tests.helpers import Inbox, free_port, start_stack

PUBLIC_URL = "https://cepa.example.org"
METRICS_TOKEN = "test-metrics-token-0123456789"


@pytest.fixture(scope="session")
def smtp() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on loopback standing in for the staff mailbox."""
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture(scope="session")
def telegram() -> Iterator[FakeTelegram]:
    """A local Bot API server; the gateway's Telegram channel polls it."""
    fake = FakeTelegram()
    yield fake
    fake.close()


@pytest.fixture(scope="session")
def stack(
    tmp_path_factory: pytest.TempPathFactory, smtp: tuple[Inbox, int], telegram: FakeTelegram
) -> Iterator[Stack]:
    assert kb_main(["build"]) == 0
    running = start_stack(
        tmp_path_factory.mktemp("var"),
        smtp[1],
        ADMIN_TOKEN="test-admin-token",
        METRICS_TOKEN=METRICS_TOKEN,
        TELEGRAM_BOT_TOKEN="4242:TEST",
        TELEGRAM_BASE_URL=telegram.url,
        # Where Telegram users reach the gateway: source links in Telegram point there.
        PUBLIC_URL=PUBLIC_URL,
    )
    try:
        yield running
    finally:
        running.stop()
