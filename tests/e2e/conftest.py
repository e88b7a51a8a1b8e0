"""The running service for end-to-end and browser tests: one set of real processes per session."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from bot.rasa_model import ensure_model
from bot.stack import Ports, Stack
from knowledge.cli import main as kb_main
from knowledge.index import default_index_dir
from tests.e2e.fake_telegram import FakeTelegram


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Any] = []

    def handle_message(self, message: Any) -> None:
        self.messages.append(message)


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
    var_dir = tmp_path_factory.mktemp("var")
    running = Stack(
        model=ensure_model(),
        ports=Ports(gateway=free_port(), rasa=free_port(), actions=free_port()),
        var_dir=var_dir,
        index_dir=default_index_dir(),
        extra_env={
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp[1]),
            "OUTBOX_INTERVAL": "1",
            "DATABASE_URL": f"sqlite:///{var_dir / 'cepa.db'}",
            "ADMIN_TOKEN": "test-admin-token",
            "TELEGRAM_BOT_TOKEN": "4242:TEST",
            "TELEGRAM_BASE_URL": telegram.url,
        },
    )
    running.start()
    try:
        running.wait_healthy(timeout=300)
        yield running
    finally:
        running.stop()
