"""A local HTTP server speaking enough of the Telegram Bot API for python-telegram-bot.

Tests queue updates (what users send) for a polling bot, or post them to a gateway's webhook as
Telegram does (`deliver`), and read `sent` (what the bot sent) — the real PTB client talks to it
over HTTP exactly as it would to api.telegram.org.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import httpx

BOT = {"id": 4242, "is_bot": True, "first_name": "CEPA", "username": "cepa_test_bot",
       "can_join_groups": False, "can_read_all_group_messages": False,
       "supports_inline_queries": False}  # fmt: skip


class FakeTelegram:
    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []
        self.sent: list[tuple[str, dict[str, Any]]] = []
        self.lock = threading.Lock()
        self._next_update = 1
        self._next_message = 100
        self.webhook_secret: str | None = None  # as the latest setWebhook registered it
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                method = self.path.rsplit("/", 1)[-1]
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                params = fake.parse(raw, self.headers.get("content-type", ""))
                result = fake.handle(method, params)
                body = json.dumps({"ok": True, "result": result}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()

    @staticmethod
    def parse(raw: str, content_type: str) -> dict[str, Any]:
        if not raw:
            return {}
        if "json" in content_type:
            return dict(json.loads(raw))
        params: dict[str, Any] = {}
        for key, values in parse_qs(raw).items():
            value = values[-1]
            try:
                params[key] = json.loads(value)
            except ValueError:
                params[key] = value
        return params

    def handle(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            deadline = time.monotonic() + min(float(params.get("timeout") or 0), 1.0)
            while True:
                with self.lock:
                    ready = [u for u in self.updates if u["update_id"] >= offset]
                if ready or time.monotonic() >= deadline:
                    return ready
                time.sleep(0.05)
        with self.lock:
            self.sent.append((method, params))
            if method == "setWebhook":
                self.webhook_secret = params.get("secret_token")
            if method == "sendMessage":
                self._next_message += 1
                return {"message_id": self._next_message, "date": int(time.time()),
                        "chat": {"id": int(params["chat_id"]), "type": "private"},
                        "from": BOT, "text": params.get("text", "")}  # fmt: skip
        return True

    def update(self, **content: Any) -> dict[str, Any]:
        """A new update (numbered in order), for `deliver`; the `user_*` methods queue theirs."""
        with self.lock:
            update = {"update_id": self._next_update, **content}
            self._next_update += 1
        return update

    def _push(self, update: dict[str, Any]) -> None:
        """Queue an update for the polling bot (getUpdates)."""
        with self.lock:
            self.updates.append(update)

    def deliver(self, gateway_url: str, update: dict[str, Any]) -> int:
        """Post the update to one gateway's webhook with the registered secret, as Telegram does
        (a load balancer in front of several gateways picks one); the HTTP status it answered."""
        response = httpx.post(
            gateway_url + "/telegram/webhook",
            json=update,
            headers={"x-telegram-bot-api-secret-token": self.webhook_secret or ""},
            timeout=120,
        )
        return response.status_code

    @staticmethod
    def _user(chat_id: int) -> dict[str, Any]:
        return {"id": chat_id, "is_bot": False, "first_name": "Test"}

    def _message(self, chat_id: int, **content: Any) -> dict[str, Any]:
        self._next_message += 1
        return {"message_id": self._next_message, "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"}, "from": self._user(chat_id), **content}  # fmt: skip

    def says(self, chat_id: int, text: str) -> dict[str, Any]:
        """The update of a user's text message (a leading `/word` marked as a command)."""
        entities = (
            [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
            if text.startswith("/")
            else []
        )
        return self.update(message=self._message(chat_id, text=text, entities=entities))

    def clicks(self, chat_id: int, data: str) -> dict[str, Any]:
        """The update of a user pressing an inline button with this callback data."""
        return self.update(callback_query={"id": f"cb{self._next_update}",
                                           "from": self._user(chat_id), "chat_instance": "ci",
                                           "data": data,
                                           "message": self._message(chat_id, text="...")})  # fmt: skip

    def user_says(self, chat_id: int, text: str) -> None:
        self._push(self.says(chat_id, text))

    def user_sends(self, chat_id: int, **content: Any) -> None:
        self._push(self.update(message=self._message(chat_id, **content)))

    def user_edits(self, chat_id: int, text: str) -> None:
        message = self._message(chat_id, text=text, edit_date=int(time.time()))
        self._push(self.update(edited_message=message))

    def user_clicks(self, chat_id: int, data: str) -> None:
        self._push(self.clicks(chat_id, data))

    def messages_to(self, chat_id: int) -> list[dict[str, Any]]:
        with self.lock:
            return [p for m, p in self.sent if m == "sendMessage" and int(p["chat_id"]) == chat_id]

    def wait_for(self, chat_id: int, count: int, timeout: float = 30) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            messages = self.messages_to(chat_id)
            if len(messages) >= count:
                return messages
            time.sleep(0.1)
        raise AssertionError(
            f"bot sent {len(self.messages_to(chat_id))} messages, expected {count}"
        )

    def wait_for_call(self, method: str, chat_id: int, timeout: float = 60) -> None:
        """Until the bot has called `method` for the chat (e.g. the typing action a turn begins
        with): a way to catch a gateway in the middle of an update."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if any(m == method and int(p.get("chat_id", 0)) == chat_id for m, p in self.sent):
                    return
            time.sleep(0.05)
        raise AssertionError(f"bot never called {method} for chat {chat_id}")
