"""The gateway's HTTP API: `POST /api/chat` and `GET /healthz` (contracts in DESIGN.md)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot import health
from bot.chat import ChatRequest, ChatResponse, build_response
from bot.eligibility import EligibilityRequest, EligibilityResponse, check
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.settings import Settings

logger = logging.getLogger(__name__)


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


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with httpx.AsyncClient() as client:
            app.state.http = client
            app.state.rasa = RasaClient(client, settings.rasa_url, settings.rasa_timeout)
            yield

    app = FastAPI(title="CEPA enquiry assistant", lifespan=lifespan)

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

    @app.get("/healthz")
    async def healthz(request: Request) -> JSONResponse:
        parts = await health.check(request.app.state.http, settings)
        ok = all(parts.values())
        return JSONResponse(
            status_code=200 if ok else 503, content={"status": "ok" if ok else "degraded", **parts}
        )

    return app
