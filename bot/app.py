"""The gateway's HTTP API: `POST /api/chat` and `GET /healthz` (contracts in DESIGN.md)."""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot import health
from bot.chat import ChatRequest, ChatResponse, build_response
from bot.db import sessions
from bot.eligibility import EligibilityRequest, EligibilityResponse, check
from bot.feedback import FeedbackRequest, store_feedback
from bot.outbox import SmtpSettings, deliver_due
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.settings import Settings
from bot.telegram_bot import TelegramChannel, TelegramSettings
from bot.tickets import ticket_rows

logger = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": message})


def _describe(exc: RequestValidationError) -> str:
    problems = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p != "body"]
        field = ".".join(loc) or "body"
        if err.get("type") == "json_invalid":
            return "request body is not valid JSON"
        problems.append(f"{field}: {err.get('msg', 'invalid')}")
    return "; ".join(problems) or "invalid request"


async def run_outbox(smtp: SmtpSettings, interval: float) -> None:
    """Send due e-mails every `interval` seconds for as long as the gateway runs."""
    while True:
        try:
            sent, failed = await asyncio.to_thread(deliver_due, sessions(), smtp)
            if sent or failed:
                logger.info("outbox: %s sent, %s failed", sent, failed)
        except Exception:  # a broken database must not stop the worker for good
            logger.exception("outbox run failed")
        await asyncio.sleep(interval)


async def start_telegram(rasa: RasaClient) -> TelegramChannel | None:
    """The Telegram channel when TELEGRAM_BOT_TOKEN is set; a failure there leaves the web up."""
    telegram = TelegramSettings.from_env()
    if telegram is None:
        return None
    channel = TelegramChannel(telegram, rasa)
    try:
        await channel.start()
    except Exception as exc:
        logger.error("Telegram channel not started: %s", type(exc).__name__)
        return None
    logger.info("Telegram channel started (%s)", "webhook" if telegram.webhook_url else "polling")
    return channel


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        smtp = SmtpSettings.from_env()
        worker = asyncio.create_task(run_outbox(smtp, settings.outbox_interval)) if smtp else None
        async with httpx.AsyncClient() as client:
            app.state.http = client
            app.state.rasa = RasaClient(client, settings.rasa_url, settings.rasa_timeout)
            app.state.telegram = await start_telegram(app.state.rasa)
            yield
            if app.state.telegram:
                await app.state.telegram.stop()
        if worker:
            worker.cancel()

    app = FastAPI(title="CEPA enquiry assistant", lifespan=lifespan)
    if settings.widget_origins:
        # Other sites may embed the widget only from the configured origins.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.widget_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, _describe(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.post("/api/chat", response_model=ChatResponse)
    async def chat(body: ChatRequest, request: Request) -> Any:
        rasa: RasaClient = request.app.state.rasa
        try:
            messages = await rasa.send(body.sender, body.message)
            intent = await rasa.latest_intent(body.sender)
        except RasaUnavailable as exc:
            logger.warning("chat turn failed: %s", exc)
            return _error(503, "the assistant is temporarily unavailable, please try again")
        return build_response(body.sender, body.message, messages, intent)

    @app.post("/api/eligibility", response_model=EligibilityResponse)
    async def eligibility(body: EligibilityRequest) -> EligibilityResponse:
        return check(body)

    @app.post("/api/feedback", status_code=201)
    async def feedback(body: FeedbackRequest) -> dict[str, str]:
        await asyncio.to_thread(store_feedback, sessions(), body)
        return {"status": "stored"}

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/widget.js", include_in_schema=False)
    async def widget_js() -> FileResponse:
        return FileResponse(STATIC / "widget.js", media_type="text/javascript; charset=utf-8")

    @app.get("/widget.css", include_in_schema=False)
    async def widget_css() -> FileResponse:
        return FileResponse(STATIC / "widget.css", media_type="text/css; charset=utf-8")

    @app.post("/telegram/webhook", include_in_schema=False)
    async def telegram_webhook(request: Request) -> JSONResponse:
        channel: TelegramChannel | None = request.app.state.telegram
        if channel is None or not channel.settings.webhook_url:
            return _error(404, "not found")
        secret = channel.settings.webhook_secret or ""
        given = request.headers.get("x-telegram-bot-api-secret-token", "")
        if not secret or not hmac.compare_digest(given, secret):
            return _error(403, "bad secret token")
        try:
            data = await request.json()
        except ValueError:
            return _error(400, "request body is not valid JSON")
        await channel.feed(data)
        return JSONResponse({"ok": True})

    @app.get("/admin/tickets")
    async def tickets(request: Request, limit: int = 50) -> JSONResponse:
        """Recent tickets and the delivery state of their e-mails (bearer ADMIN_TOKEN)."""
        token = os.environ.get("ADMIN_TOKEN")
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not token or not hmac.compare_digest(given, token):
            return _error(401, "admin token required")
        rows = await asyncio.to_thread(ticket_rows, sessions(), min(max(limit, 1), 500))
        return JSONResponse({"tickets": rows})

    @app.get("/healthz")
    async def healthz(request: Request) -> JSONResponse:
        parts = await health.check(request.app.state.http, settings)
        ok = all(parts.values())
        return JSONResponse(
            status_code=200 if ok else 503, content={"status": "ok" if ok else "degraded", **parts}
        )

    return app
