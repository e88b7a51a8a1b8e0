"""The gateway's HTTP API: `POST /api/chat` and `GET /healthz` (contracts in DESIGN.md)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot import assets, health, metrics, sources
from bot.auth import bearer_matches, secret_matches
from bot.chat import ChatRequest, ChatResponse
from bot.db import sessions
from bot.eligibility import EligibilityRequest, EligibilityResponse, check
from bot.feedback import FeedbackRequest, store_feedback
from bot.http_security import BodyLimit, SecurityHeaders
from bot.prefetch import Prefetcher
from bot.rasa_client import RasaClient, RasaUnavailable, new_session
from bot.ratelimit import Limiter, storage_for
from bot.request_log import RequestIds
from bot.restart import RestartRequest, restart_conversation
from bot.retention import (
    redact_conversation,
    redact_handoff,
    retention_days,
    run_retention,
    tracker_store_url,
)
from bot.settings import Settings
from bot.telegram_bot import Restart, TelegramChannel, TelegramSettings
from bot.turns import Channel, RateLimited, Turns, conversation_id
from bot.validation import UNICODE_ERRORS
from console.web import Console
from handoff.api import admin_router, internal_router, run_outbox
from handoff.outbox import SmtpSettings
from handoff.tickets import ticket_contact

logger = logging.getLogger(__name__)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": message})


def _too_many(retry_after: int) -> JSONResponse:
    return JSONResponse(
        status_code=429,
        content={"error": f"too many requests, retry after {retry_after} s"},
        headers={"Retry-After": str(retry_after)},
    )


def _channel_of(request: Request) -> Channel:
    """The widget marks its calls; every other HTTP client is an API caller. Either way the
    conversation id is scoped, so neither can reach the other's, nor a Telegram chat."""
    return "web" if request.headers.get("x-cepa-client") == "widget" else "api"


def _describe(exc: RequestValidationError) -> str:
    problems = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p != "body"]
        field = ".".join(loc) or "body"
        if err.get("type") == "json_invalid":
            return "request body is not valid JSON"
        problems.append(f"{field}: {err.get('msg', 'invalid')}")
    return "; ".join(problems) or "invalid request"


async def start_telegram(
    settings: Settings, turns: Turns, restart: Restart
) -> TelegramChannel | None:
    """The Telegram channel when TELEGRAM_BOT_TOKEN is set; a failure there leaves the web up."""
    telegram = TelegramSettings.from_settings(settings)
    if telegram is None:
        return None
    channel = TelegramChannel(telegram, turns, restart)
    try:
        await channel.start()
    except Exception as exc:
        logger.error("Telegram channel not started: %s", type(exc).__name__)
        return None
    logger.info("Telegram channel started (%s)", "webhook" if telegram.webhook_url else "polling")
    return channel


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    smtp = SmtpSettings.from_settings(settings)

    # The staff console (console/): turn records, /admin/ pages and API.
    console = Console(
        lambda: settings.admin_token, sessions, settings.index_dir, settings.tracker_store_url
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        worker = (
            asyncio.create_task(run_outbox(sessions, smtp, settings.outbox_interval))
            if smtp
            else None
        )
        tracker_url = tracker_store_url()
        purger = asyncio.create_task(run_retention(sessions, tracker_url, retention_days()))

        async def forget_contact(conversation: str, reference: str) -> None:
            """The ticket holds the contact now; the stored conversation need not."""
            secrets = await asyncio.to_thread(ticket_contact, sessions(), reference, conversation)
            if secrets and tracker_url:
                await asyncio.to_thread(redact_handoff, tracker_url, conversation, secrets)

        async def forget_handoff(conversation: str) -> None:
            """A hand-off ended without a ticket ("none of your details will be collected"): the
            stored conversation keeps no name, contact or question given for it either (p15-012,
            p15-037), nor anything typed inside the form, valid or not (p16-026)."""
            if tracker_url:
                await asyncio.to_thread(
                    redact_handoff, tracker_url, conversation, [], form_messages=True
                )

        storage = storage_for(settings.redis_url)
        app.state.limiter = Limiter(
            {"sender": settings.rate_sender_per_minute, "ip": settings.rate_ip_per_minute},
            storage,
        )
        async with httpx.AsyncClient() as client, new_session() as rasa_session:
            app.state.http = client
            rasa = RasaClient(
                rasa_session, settings.rasa_url, settings.rasa_timeout, settings.rasa_token
            )
            prefetcher = (
                Prefetcher(rasa_session, settings.actions_url, settings.actions_token)
                if settings.actions_token
                else None
            )
            app.state.turns = Turns(
                rasa,
                app.state.limiter,
                on_ticket=forget_contact,
                prefetcher=prefetcher,
                on_turn=console.recorder.record,
                on_handoff_ended=forget_handoff,
                on_withdrawn=forget_conversation,
            )

            async def restart(conversation: str) -> None:
                await restart_conversation(client, settings, conversation)

            app.state.restart = restart
            app.state.telegram = await start_telegram(settings, app.state.turns, restart)
            yield
            if app.state.telegram:
                await app.state.telegram.stop()
        purger.cancel()
        if worker:
            worker.cancel()

    docs = settings.api_docs  # the schema and /docs are for developers, off in service
    app = FastAPI(
        title="CEPA enquiry assistant",
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url=None,
        openapi_url="/openapi.json" if docs else None,
    )
    if settings.widget_origins:
        # Other sites may embed the widget only from the configured origins.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.widget_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "X-CEPA-Client"],
        )
    app.add_middleware(SecurityHeaders, frame_origins=settings.widget_origins)

    async def forget_conversation(conversation: str) -> None:
        """Consent withdrawn: the stored conversation keeps nothing the user wrote either."""
        if tracker_url := tracker_store_url():
            await asyncio.to_thread(redact_conversation, tracker_url, conversation)

    app.include_router(
        internal_router(
            settings.handoff_token,
            sessions,
            lambda: settings.staff_email,
            smtp,
            on_withdrawn=forget_conversation,
        )
    )
    app.add_middleware(BodyLimit)  # nothing reads a body before it is bounded
    # Outermost (it reads no body): every response, a 413 too, carries its request id.
    app.add_middleware(RequestIds)

    async def limit_ip(request: Request) -> None:
        """Every API call counts against its client address (the proxy's, if trusted)."""
        address = request.client.host if request.client else "unknown"
        wait = await request.app.state.limiter.check("ip", address)
        if wait is not None:
            raise RateLimited(wait)

    @app.exception_handler(RateLimited)
    async def _limited(request: Request, exc: RateLimited) -> JSONResponse:
        return _too_many(exc.retry_after)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        if any(err.get("type") in UNICODE_ERRORS for err in exc.errors()):
            return _error(400, "text is not valid Unicode")
        return _error(422, _describe(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.post("/api/chat", response_model=ChatResponse, dependencies=[Depends(limit_ip)])
    async def chat(body: ChatRequest, request: Request) -> Any:
        turns: Turns = request.app.state.turns
        try:
            return await turns.take(_channel_of(request), body.sender, body.message, body.lang)
        except RasaUnavailable as exc:
            logger.warning("chat turn failed: %s", exc)
            return _error(503, "the assistant is temporarily unavailable, please try again")

    @app.post(
        "/api/eligibility", response_model=EligibilityResponse, dependencies=[Depends(limit_ip)]
    )
    async def eligibility(body: EligibilityRequest) -> EligibilityResponse:
        # Bounded and O(1), yet CPU work still stays off the event loop.
        return await asyncio.to_thread(check, body)

    @app.post("/api/feedback", status_code=201, dependencies=[Depends(limit_ip)])
    async def feedback(body: FeedbackRequest, request: Request) -> dict[str, str]:
        scoped = body.model_copy(
            update={"sender": conversation_id(_channel_of(request), body.sender)}
        )
        await asyncio.to_thread(store_feedback, sessions(), scoped)
        console.recorder.feedback(scoped.sender, body.rating, body.reply_text)
        return {"status": "stored"}

    @app.post("/api/restart", dependencies=[Depends(limit_ip)])
    async def restart(body: RestartRequest, request: Request) -> Any:
        """Start the conversation over (slots, running form): the widget's restart control."""
        conversation = conversation_id(_channel_of(request), body.sender)
        wait = await request.app.state.limiter.check("sender", conversation)
        if wait is not None:
            return _too_many(wait)
        try:
            await request.app.state.restart(conversation)
        except RasaUnavailable as exc:
            logger.warning("restart failed: %s", exc)
            return _error(503, "the assistant is temporarily unavailable, please try again")
        return {"status": "restarted"}

    # The page, the widget and the icons: hashed, gzipped, cached (bot/assets.py).
    def asset_route(name: str) -> Callable[[Request], Awaitable[Response]]:
        async def asset(request: Request) -> Response:
            return assets.serve(request, name)

        return asset

    for path, name in [
        ("/", "index.html"),
        ("/widget.js", "widget.js"),
        ("/widget.css", "widget.css"),
        ("/favicon.ico", "favicon.ico"),
        ("/favicon.svg", "favicon.svg"),
    ]:
        app.add_api_route(path, asset_route(name), methods=["GET", "HEAD"], include_in_schema=False)

    @app.get("/sources/{entry_id}", include_in_schema=False)
    async def source(entry_id: str, lang: str | None = None) -> Response:
        """The newsletter article an answer came from, in the reader's script (bot/sources.py)."""
        page = await asyncio.to_thread(sources.render, entry_id, lang)
        if page is None:
            return _error(404, "no such source")
        return HTMLResponse(page, headers={"cache-control": "public, max-age=3600"})

    @app.post("/telegram/webhook", include_in_schema=False)
    async def telegram_webhook(request: Request) -> JSONResponse:
        channel: TelegramChannel | None = request.app.state.telegram
        if channel is None or not channel.settings.webhook_url:
            return _error(404, "not found")
        secret = channel.settings.webhook_secret or ""
        given = request.headers.get("x-telegram-bot-api-secret-token", "")
        if not secret_matches(given, secret):
            return _error(403, "bad secret token")
        try:
            # Handled before the answer: if this replica dies first, Telegram sends it again.
            await channel.handle(await request.json())
        except ValueError:
            return _error(400, "request body is not a Telegram update")
        return JSONResponse({"ok": True})

    app.include_router(
        admin_router(lambda: settings.admin_token, sessions, console.access.api_allowed),
        dependencies=[Depends(limit_ip)],
    )
    for router in console.routers():  # after the widget's routes, like the ticket API
        app.include_router(router, dependencies=[Depends(limit_ip)])

    @app.get("/healthz")
    async def healthz(request: Request) -> JSONResponse:
        parts = await health.check(request.app.state.http, settings)
        ok = all(parts.values())
        return JSONResponse(
            status_code=200 if ok else 503, content={"status": "ok" if ok else "degraded", **parts}
        )

    # Operations (docs/deploy.md): probes for the orchestrator and the load balancer, metrics.
    store = health.StoreProbe(sessions)

    @app.get("/livez", include_in_schema=False)
    async def livez() -> JSONResponse:
        """The process serves requests; nothing else is checked (a restart would not help)."""
        return JSONResponse({"status": "alive"})

    @app.get("/readyz", include_in_schema=False)
    async def readyz(request: Request) -> JSONResponse:
        """Rasa, the actions, the index, the database and the e-mail backlog (bot/health.py)."""
        ok, body = await health.ready(
            request.app.state.http, settings, store, settings.outbox_backlog_limit
        )
        return JSONResponse(status_code=200 if ok else 503, content=body)

    @app.get("/metrics", include_in_schema=False)
    async def prometheus(request: Request) -> Response:
        """Prometheus text format; Bearer METRICS_TOKEN, absent while it is unset."""
        if not settings.metrics_token:
            return _error(404, "not found")
        if not bearer_matches(request.headers.get("authorization"), settings.metrics_token):
            return _error(401, "metrics token required")
        found = await store.read(settings.probe_timeout)
        return Response(metrics.scrape(found.backlog), media_type=metrics.CONTENT_TYPE)

    return app
