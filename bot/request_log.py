"""The gateway's request ids and access log (pure ASGI middleware: no per-request task or copy).

Each HTTP request gets an id, the caller's `X-Request-ID` when it is well formed (a load
balancer's, say) or a fresh one, bound for everything the request does (log lines, the call to
Rasa, the action server's `/prepare`) and returned in the response's `X-Request-ID`. One access
line a request: method, path, status, duration; never the query string, the body or the client's
address. Probes and scrapes are logged at DEBUG only, or they would bury the traffic.
"""

from __future__ import annotations

import logging
import time

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot import request_id

logger = logging.getLogger("bot.access")
QUIET_PATHS = frozenset({"/livez", "/readyz", "/healthz", "/metrics"})
_HEADER = request_id.HEADER.lower().encode("latin-1")
MAX_PATH = 200


class RequestIds:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = next(
            (v.decode("latin-1") for k, v in scope.get("headers", ()) if k == _HEADER), None
        )
        current = request_id.accept(incoming)
        token = request_id.bind(current)
        status = 500  # what the client gets if the app fails before answering
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                MutableHeaders(scope=message).append(request_id.HEADER, current)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            path = str(scope.get("path", ""))[:MAX_PATH]
            logger.log(
                logging.DEBUG if path in QUIET_PATHS else logging.INFO,
                "request",
                extra={
                    "method": scope.get("method"),
                    "path": path,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            request_id.reset(token)
