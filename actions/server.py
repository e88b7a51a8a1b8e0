"""The action server: rasa-sdk's app, bound to loopback by default and closed without the token.

rasa-sdk's own launcher listens on 0.0.0.0 with no authentication, so anyone who reaches the port
can run any action with made-up slots (a forged staff ticket, say). Here every route but
`/health` needs `Authorization: Bearer $ACTIONS_TOKEN`, which Rasa sends (endpoints.yml).
"""

from __future__ import annotations

import argparse
import logging
import time

from rasa_sdk.endpoint import create_app
from rasa_sdk.executor import ActionExecutor
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions.knowledge_base import get_retriever
from bot import logs, request_id
from bot.auth import bearer_matches
from bot.chat import MAX_MESSAGE
from bot.settings import ActionServerSettings, load_or_exit

OPEN_PATHS = frozenset({"/health"})
access_logger = logging.getLogger("actions.access")


def create_action_app(token: str, package: str = "actions") -> Sanic:
    if not token:
        raise ValueError("ACTIONS_TOKEN must be set: the action server never runs open")
    executor = ActionExecutor()
    executor.register_package(package)
    app = create_app(executor, cors_origins="")  # no browser ever calls the action server

    @app.on_request(priority=100)  # first: even a refused call is logged with its id
    async def bind_request_id(request: Request) -> None:
        # Rasa forwards the gateway's id (nlu/speedups.py): one id across the three logs.
        request.ctx.request_id_token = request_id.bind(
            request_id.accept(request.headers.get(request_id.HEADER))
        )
        request.ctx.started = time.perf_counter()

    @app.on_response
    async def log_request(request: Request, response: HTTPResponse) -> None:
        current = request_id.current.get()
        if current:
            response.headers[request_id.HEADER] = current
        if request.path not in OPEN_PATHS:  # /health is polled by probes
            access_logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status,
                    "duration_ms": round(
                        (time.perf_counter() - getattr(request.ctx, "started", 0.0)) * 1000, 1
                    ),
                },
            )
        if (token := getattr(request.ctx, "request_id_token", None)) is not None:
            request_id.reset(token)

    @app.on_request
    async def require_token(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS or bearer_matches(
            request.headers.get("authorization"), token
        ):
            return None
        return response.json({"error": "unauthorized"}, status=401)

    @app.post("/prepare")
    async def prepare(request: Request) -> HTTPResponse:
        """Encode a message for search before Rasa asks for the answer (bot/prefetch.py)."""
        body = request.json if isinstance(request.json, dict) else {}
        text = body.get("text")
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_MESSAGE:
            return response.json({"error": f"text must be 1..{MAX_MESSAGE} characters"}, 400)
        get_retriever().prepare(text)
        return response.empty()

    return app


def main(argv: list[str] | None = None) -> None:
    # Every variable checked before the slow start; a bad one stops here with one line.
    settings = load_or_exit(ActionServerSettings)
    parser = argparse.ArgumentParser(description="CEPA action server")
    parser.add_argument("--host", default=settings.actions_host)
    parser.add_argument("--port", type=int, default=settings.actions_port)
    args = parser.parse_args(argv)
    logs.setup("actions")  # JSON lines unless LOG_FORMAT=text (bot/logs.py)
    app = create_action_app(settings.actions_token)
    app.run(host=args.host, port=args.port, single_process=True, access_log=False)


if __name__ == "__main__":
    main()
