"""No ticket is lost: SMTP is down when the ticket is made, every process restarts, and the
e-mail arrives once the mail server is back."""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller

from bot.stack import Stack
from tests.helpers import Inbox, free_port, start_stack

pytestmark = pytest.mark.e2e
ENV = {"OUTBOX_FIRST_RETRY": "1", "ADMIN_TOKEN": "t"}


def say(stack: Stack, sender: str, text: str) -> str:
    reply: dict[str, Any] = httpx.post(stack.gateway_url + "/api/chat",
                                       json={"sender": sender, "message": text}, timeout=60).json()  # fmt: skip
    return "\n".join(r["text"] for r in reply["replies"])


def test_ticket_survives_smtp_outage_and_full_restart(tmp_path: Path) -> None:
    smtp_port = free_port()  # nothing listens here yet: the mail server is down
    stack = start_stack(tmp_path, smtp_port, **ENV)
    try:
        sender = uuid.uuid4().hex
        for text in ["I want to talk to a person", "yes", "Maria Lopes", "+853 6612 3456",
                     "Where can I read the 15 measures in full?"]:  # fmt: skip
            last = say(stack, sender, text)
        reference = re.search(r"CEPA-\d{8}-\d{4}", last)
        assert reference, last
        time.sleep(3)  # the outbox tries, and fails
        rows = httpx.get(stack.gateway_url + "/admin/tickets",
                         headers={"authorization": "Bearer t"}, timeout=10).json()["tickets"]  # fmt: skip
        row = next(r for r in rows if r["reference"] == reference.group())
        assert row["email_status"] == "pending" and row["attempts"] >= 1 and row["last_error"]
    finally:
        stack.stop()

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    stack = start_stack(tmp_path, smtp_port, **ENV)  # every process new, same database
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not inbox.messages:
            time.sleep(0.5)
        assert inbox.messages, "the queued e-mail was not delivered after the restart"
        mail = inbox.messages[0]
        assert reference.group() in mail["Subject"]
        body = mail.get_payload(decode=True).decode()
        assert "Where can I read the 15 measures in full?" in body and "+853 66123456" in body
    finally:
        stack.stop()
        controller.stop()
