"""HTTP hygiene for every gateway response: body-size and body-time limits, security headers.

Plain ASGI middleware (not FastAPI dependencies) so that they also guard the static files, the
Telegram webhook and requests that never reach a route.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 16 * 1024
BODY_TIMEOUT = 10.0  # seconds a client may take to send a (small) body


async def _json_error(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """413 for bodies over MAX_BODY (declared or streamed); 408 for bodies sent too slowly."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY, timeout: float = BODY_TIMEOUT):
        self.app, self.max_body, self.timeout = app, max_body, timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _json_error(send, 400, "bad Content-Length")
                    return
                if declared > self.max_body:
                    await _json_error(send, 413, f"request body over {self.max_body} bytes")
                    return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        seen = 0
        refused: tuple[int, str] | None = None  # set once the body broke a limit

        async def limited_receive() -> Message:
            nonlocal seen, refused
            if refused is not None:
                return {"type": "http.disconnect"}
            try:
                message = await asyncio.wait_for(receive(), max(0.01, deadline - loop.time()))
            except TimeoutError:
                refused = (408, "request body not received in time")
                return {"type": "http.disconnect"}
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    refused = (413, f"request body over {self.max_body} bytes")
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            # The framework turns a cut-off body into its own 400; the client gets the real reason.
            if refused is None:
                await send(message)
            elif message["type"] == "http.response.start":
                await _json_error(send, *refused)

        await self.app(scope, limited_receive, guarded_send)


def content_security_policy(frame_origins: tuple[str, ...] | None, html: bool) -> str:
    """`frame_origins` None: the page may be framed by no one (the staff console)."""
    if not html:
        return "default-src 'none'; frame-ancestors 'none'"
    ancestors = "'none'" if frame_origins is None else " ".join(("'self'", *frame_origins))
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self'; frame-ancestors {ancestors}; base-uri 'none'; "
        "form-action 'self'; object-src 'none'"
    )


class SecurityHeaders:
    """nosniff, no referrer, a CSP on every response (the widget's on HTML pages), no caching
    of API answers (they may hold what a user typed)."""

    def __init__(self, app: ASGIApp, frame_origins: tuple[str, ...] = ()) -> None:
        self.app = app
        self.html_csp = content_security_policy(frame_origins, html=True).encode()
        self.other_csp = content_security_policy(frame_origins, html=False).encode()
        # Only the widget may be embedded: a framed console page could be click-jacked into
        # an editor's actions (its SameSite cookies travel inside a same-site frame).
        self.console_csp = content_security_policy(None, html=True).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                content_type = next((v for k, v in headers if k == b"content-type"), b"")
                csp = self.html_csp if content_type.startswith(b"text/html") else self.other_csp
                if path.startswith("/admin") and csp is self.html_csp:
                    csp = self.console_csp
                    headers.append((b"x-frame-options", b"DENY"))
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"content-security-policy", csp),
                ]
                if path.startswith(("/api/", "/admin")):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
