"""The holes an attacker on the host found, each closed, against the real running processes."""

from __future__ import annotations

import json
import socket
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.stack import Stack
from tests.e2e.fake_telegram import FakeTelegram
from tests.helpers import ELIGIBLE_CASE, Inbox, chat, rasa_tracker, text_of

pytestmark = pytest.mark.e2e
ADMIN = {"authorization": "Bearer test-admin-token"}


def listening_addresses(port: int) -> set[str]:
    """Local IPv4 addresses with a socket listening on `port` (from /proc/net/tcp)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:  # 0A = LISTEN
            found.add(".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)))
    return found


def ticket_count(stack: Stack) -> int:
    rows = httpx.get(stack.gateway_url + "/admin/tickets?limit=500", headers=ADMIN, timeout=10)
    return len(rows.json()["tickets"])


FORGED_CALL: dict[str, Any] = {
    "next_action": "action_submit_handoff",
    "sender_id": "forged",
    "version": "3.6.21",
    "domain": {},
    "tracker": {
        "sender_id": "forged",
        "slots": {
            "handoff_consent": True,
            "contact_name": "attacker",
            "contact_detail": "not a contact",
            "handoff_question": "spam",
        },
        "latest_message": {"text": "x", "intent": {}, "metadata": {"channel": "forged"}},
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": None,
    },
}


def test_action_server_listens_on_loopback_and_refuses_calls_without_the_token(
    stack: Stack,
) -> None:
    assert listening_addresses(stack.ports.actions) == {"127.0.0.1"}
    url = f"http://127.0.0.1:{stack.ports.actions}"
    before = ticket_count(stack)
    for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": stack.actions_token}):
        response = httpx.post(url + "/webhook", json=FORGED_CALL, headers=headers, timeout=10)
        assert response.status_code == 401
    assert httpx.get(url + "/actions", timeout=10).status_code == 401
    assert httpx.get(url + "/health", timeout=10).status_code == 200  # probes stay open
    assert ticket_count(stack) == before
    # The gateway's search preparation is closed the same way, and checks what it is given.
    prepare = url + "/prepare"
    assert httpx.post(prepare, json={"text": "CEPA係咩？"}, timeout=10).status_code == 401
    bearer = {"authorization": f"Bearer {stack.actions_token}"}
    for bad in ({}, {"text": ""}, {"text": 5}, {"text": "x" * 2001}):
        assert httpx.post(prepare, json=bad, headers=bearer, timeout=10).status_code == 400
    ok = httpx.post(prepare, json={"text": "CEPA係咩？"}, headers=bearer, timeout=10)
    assert ok.status_code == 204


def test_rasa_api_and_channels_need_the_token(stack: Stack) -> None:
    rasa = f"http://127.0.0.1:{stack.ports.rasa}"
    assert listening_addresses(stack.ports.rasa) == {"127.0.0.1"}
    sender = "web:" + uuid.uuid4().hex
    tracker = f"{rasa}/conversations/{sender}/tracker"
    assert httpx.get(tracker, timeout=10).status_code == 401
    assert httpx.get(tracker, params={"token": "wrong"}, timeout=10).status_code == 401
    assert httpx.put(rasa + "/model", json={}, timeout=10).status_code == 401
    assert httpx.get(tracker, params={"token": stack.rasa_token}, timeout=10).status_code == 200
    # Rasa's stock REST channel is gone; the gateway's channel wants the bearer token.
    body = {"sender": sender, "message": "hello"}
    assert httpx.post(rasa + "/webhooks/rest/webhook", json=body, timeout=10).status_code == 404
    gateway_channel = rasa + "/webhooks/gateway/webhook"
    assert httpx.post(gateway_channel, json=body, timeout=10).status_code == 401
    wrong = {"authorization": "Bearer " + stack.rasa_token[:-1]}
    assert httpx.post(gateway_channel, json=body, headers=wrong, timeout=10).status_code == 401


def test_no_token_appears_on_a_command_line(stack: Stack) -> None:
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        assert stack.rasa_token.encode() not in cmdline
        assert stack.actions_token.encode() not in cmdline


def test_typed_rasa_commands_are_plain_text(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    forced = chat(stack, '/request_human@0.99{"contact_name": "x"}', sender)
    assert forced["intent"]["confidence"] < 0.99
    tracker = rasa_tracker(stack, f"api:{sender}")
    assert tracker["slots"]["contact_name"] is None
    restart = chat(stack, "/restart", sender)
    assert restart["replies"], "a typed /restart still gets an answer"


def test_a_typed_command_is_answered_in_the_ui_language(stack: Stack) -> None:
    """The second probe: "/check_repayment_eligibility" typed in a Chinese or Portuguese widget
    was answered in English (its words were read as the message's language)."""
    for lang in ("zh-Hant", "zh-Hans", "pt"):
        reply = chat(stack, "/check_repayment_eligibility", uuid.uuid4().hex, lang=lang)
        assert reply["lang"] == lang, reply


def test_a_button_the_bot_offered_still_works(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    first = chat(stack, "我想了解調整援助計劃還款嘅措施", sender)
    payload = first["replies"][0]["buttons"][0]["payload"]
    assert payload.startswith("/")
    clicked = chat(stack, payload, sender)
    assert clicked["sources"], clicked


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("remaining_installments_after", 10_000_000),
        ("remaining_installments_after", 10**9),
        ("installment_amount", 1e30),
        ("installment_amount", 100_000_000.01),
        ("adjustments_used", 10**12),
    ],
)
def test_eligibility_bounds_answer_at_once_with_the_field(
    stack: Stack, field: str, value: float
) -> None:
    # Refused before any arithmetic (the old code spent 10 s on the event loop here).
    body = {**ELIGIBLE_CASE, field: value}
    response = httpx.post(stack.gateway_url + "/api/eligibility", json=body, timeout=10)
    assert response.status_code == 422
    assert field in response.json()["error"]


def test_largest_allowed_schedule_is_answered(stack: Stack) -> None:
    body = {**ELIGIBLE_CASE, "installment_amount": 100_000_000, "remaining_installments_after": 600}
    reply = httpx.post(stack.gateway_url + "/api/eligibility", json=body, timeout=10).json()
    assert reply["deferred_amount"] == 99_999_000.0
    assert reply["later_installment_increase"] == 166_665.0
    assert reply["measure_open"] is False and reply["measure_closed_on"] == "2020-12-31"


@pytest.mark.parametrize(
    "authorization",
    [
        b"test-admin-token",  # no scheme
        b"bearer test-admin-token",
        b"Basic test-admin-token",
        b"Bearer  test-admin-token",
        "Bearer tést-admin-token".encode("latin-1"),
        "Bearer 測試".encode(),
    ],
)
def test_admin_wants_exactly_bearer_and_the_token(stack: Stack, authorization: bytes) -> None:
    response = httpx.get(
        stack.gateway_url + "/admin/tickets", headers={"authorization": authorization}, timeout=10
    )
    assert response.status_code == 401
    assert response.json() == {"error": "admin token required"}


def test_lone_surrogate_is_a_400(stack: Stack) -> None:
    for path, body in (
        ("/api/chat", b'{"sender": "s1", "message": "\\ud800 hello"}'),
        ("/api/chat", b'{"sender": "\\udfff", "message": "hello"}'),
        ("/api/feedback", b'{"sender": "s1", "reply_id": "r", "rating": "up", "reply_text": "\\ud800"}'),
    ):  # fmt: skip
        response = httpx.post(
            stack.gateway_url + path,
            content=body,
            headers={"content-type": "application/json"},
            timeout=10,
        )
        assert response.status_code == 400, (path, response.text)
        assert "Unicode" in response.json()["error"]


def test_bodies_over_16_kib_are_413_without_being_read(stack: Stack) -> None:
    big = json.dumps({"sender": "s", "message": "x" * 20_000}).encode()
    response = httpx.post(
        stack.gateway_url + "/api/chat",
        content=big,
        headers={"content-type": "application/json"},
        timeout=10,
    )
    assert response.status_code == 413
    huge = b"x" * (10 * 1024 * 1024)
    response = httpx.post(stack.gateway_url + "/api/eligibility", content=huge, timeout=30)
    assert response.status_code == 413

    def chunks() -> Any:  # no Content-Length: the limit holds on the stream too
        for _ in range(64):
            yield b"x" * 1024

    response = httpx.post(stack.gateway_url + "/api/feedback", content=chunks(), timeout=30)
    assert response.status_code == 413


def test_a_29_digit_amount_in_the_form_gets_a_reply(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    chat(stack, "我間公司可唔可以調整還款？", sender)
    reply = chat(stack, "每期還款 99999999999999999999999999999 蚊", sender)
    assert reply["replies"] and text_of(reply).strip()


def test_web_client_cannot_write_into_a_telegram_conversation(
    stack: Stack, telegram: FakeTelegram
) -> None:
    chat_id = 7311
    telegram.user_says(chat_id, "CEPA 嘅貨物貿易原產地規則係點？")
    telegram.wait_for(chat_id, 1)
    for forged in (f"tg-{chat_id}", f"tg:{chat_id}"):
        reply = chat(stack, "我想搵職員跟進", forged)
        assert "原產地規則" not in text_of(reply)
        reply = chat(stack, "同意", forged)
        assert "原產地規則" not in text_of(reply)
    events = rasa_tracker(stack, f"tg:{chat_id}")["events"]
    user_texts = [e.get("text") for e in events if e["event"] == "user"]
    assert user_texts == ["CEPA 嘅貨物貿易原產地規則係點？"]


def test_one_sender_is_limited_to_20_messages_a_minute(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    for _ in range(20):
        chat(stack, "你好", sender)
    response = httpx.post(
        stack.gateway_url + "/api/chat", json={"sender": sender, "message": "你好"}, timeout=30
    )
    assert response.status_code == 429
    assert 1 <= int(response.headers["retry-after"]) <= 60
    # Another conversation from the same address is not affected.
    chat(stack, "你好")


def test_one_address_is_limited_to_300_requests_a_minute(stack: Stack) -> None:
    # uvicorn trusts X-Forwarded-For from loopback (a local reverse proxy): one client address.
    headers = {"x-forwarded-for": "198.51.100.7"}
    body = {"scheme": "x", "installment_due_date": "2020-01-01", "is_last_installment": False,
            "grant_cancelled": False, "adjustments_used": 0}  # fmt: skip
    with httpx.Client(base_url=stack.gateway_url, headers=headers, timeout=10) as client:
        statuses = [client.post("/api/eligibility", json=body).status_code for _ in range(301)]
        assert statuses[:300] == [200] * 300
        assert statuses[300] == 429
        assert client.get("/healthz").status_code == 200  # probes are never limited


def test_security_headers_and_no_public_api_schema(stack: Stack) -> None:
    page = httpx.get(stack.gateway_url + "/", timeout=10)
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp
    api = httpx.post(stack.gateway_url + "/api/chat", json={}, timeout=10)
    assert api.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in api.headers["content-security-policy"]
    for path in ("/docs", "/openapi.json", "/redoc"):
        assert httpx.get(stack.gateway_url + path, timeout=10).status_code == 404


def test_hand_off_leaves_no_contact_in_the_stored_conversation_and_no_injected_mail_lines(
    stack: Stack, smtp: tuple[Inbox, int]
) -> None:
    inbox, _port = smtp
    sender = uuid.uuid4().hex
    chat(stack, "我想搵職員", sender)
    chat(stack, "好，同意", sender)
    chat(stack, "我叫區嘉欣", sender)
    chat(stack, "ka.yan.au@example.com", sender)
    question = "請問點樣申請？\nContact: +853 6000 0000\nuser: 我同意付款"
    done = chat(stack, question, sender)
    assert "CEPA-" in text_of(done), text_of(done)

    stored = (Path(stack.var_dir) / "rasa" / "tracker.db").read_bytes()
    for secret in ("ka.yan.au@example.com", "區嘉欣"):
        assert secret.encode() not in stored
        assert json.dumps(secret).strip('"').encode() not in stored  # JSON-escaped form

    deadline = time.monotonic() + 30
    mails: list[Any] = []
    while time.monotonic() < deadline and not mails:
        mails = [m for m in inbox.messages if "ka.yan.au@example.com" in str(m.get_payload())]
        time.sleep(0.5)
    assert mails
    body = mails[0].get_payload(decode=True).decode()
    lines = body.splitlines()
    assert not any(line.startswith(("Contact: +853 6000", "user: 我同意付款")) for line in lines)
    assert sum(line.startswith("Contact:") for line in lines) == 1


def _closed_within(sock: socket.socket, seconds: float) -> bytes:
    """What the server sent before closing, waiting at most `seconds`."""
    sock.settimeout(seconds)
    received = b""
    while chunk := sock.recv(4096):
        received += chunk
    return received


def test_a_client_sending_its_headers_slowly_is_cut_off(stack: Stack) -> None:
    with socket.create_connection(("127.0.0.1", stack.ports.gateway)) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # never ends the head
        assert _closed_within(sock, 30) == b""
    with socket.create_connection(("127.0.0.1", stack.ports.gateway)) as sock:
        assert _closed_within(sock, 30) == b""  # silent connections too


def test_a_client_sending_its_body_slowly_gets_408(stack: Stack) -> None:
    with socket.create_connection(("127.0.0.1", stack.ports.gateway)) as sock:
        sock.sendall(
            b"POST /api/eligibility HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 200\r\n\r\n{"scheme": '
        )
        answer = _closed_within(sock, 30)
    assert answer.startswith(b"HTTP/1.1 408")
