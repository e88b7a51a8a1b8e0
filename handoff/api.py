"""The gateway side of the hand-off: the internal ticket API and the outbox worker.

`POST /internal/tickets` is how the action server files a ticket (handoff/client.py), and
`POST /internal/tickets/{reference}/withdraw` how it withdraws one for the conversation that
filed it. They are closed without `Authorization: Bearer $HANDOFF_TOKEN`, and absent when no token is set.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy.orm import Session, sessionmaker

from bot.auth import bearer_matches
from handoff.contract import MAX_TICKETS_PER_DAY, REFERENCE_PATTERN, TicketRequest
from handoff.outbox import SmtpSettings, deliver_due, retry_failed
from handoff.text import (
    MAX_CONTACT_LENGTH,
    MAX_NAME_LENGTH,
    MAX_QUESTION_LENGTH,
    MAX_TOPIC_LENGTH,
    MAX_TRANSCRIPT_TURNS,
    MAX_TURN_LENGTH,
)
from handoff.tickets import (
    DailyLimitReached,
    EmailOutcome,
    create_ticket,
    ticket_rows,
    withdraw_ticket,
)
from knowledge.language import Lang

logger = logging.getLogger(__name__)
Delivery = Literal["email", "recorded"]


def _text(max_length: int, min_length: int = 1) -> type[str]:
    return Annotated[  # type: ignore[return-value]
        str, StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length)
    ]


class TicketIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sender: _text(128)  # type: ignore[valid-type]
    lang: Lang
    name: _text(MAX_NAME_LENGTH)  # type: ignore[valid-type]
    contact: _text(MAX_CONTACT_LENGTH)  # type: ignore[valid-type]
    question: _text(MAX_QUESTION_LENGTH)  # type: ignore[valid-type]
    topic: _text(MAX_TOPIC_LENGTH)  # type: ignore[valid-type]
    transcript: list[tuple[Literal["user", "bot"], _text(MAX_TURN_LENGTH, 0)]] = Field(  # type: ignore[valid-type]
        default_factory=list, max_length=MAX_TRANSCRIPT_TURNS
    )


class TicketOut(BaseModel):
    reference: str
    # "email": staff will get it by e-mail; "recorded": no SMTP relay is configured, so the
    # user must be told to contact the bureau themselves.
    delivery: Delivery


class WithdrawIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sender: _text(128)  # type: ignore[valid-type]


class WithdrawOut(BaseModel):
    reference: str
    # cancelled: staff never got it; staff_notified: a notice to delete the data is queued;
    # already_withdrawn: an earlier withdrawal did it all
    email: EmailOutcome


def delivery_for(smtp: SmtpSettings | None) -> Delivery:
    return "email" if smtp else "recorded"


def internal_router(
    token: str,
    sessions: Callable[[], sessionmaker[Session]],
    recipient: Callable[[], str],
    smtp: SmtpSettings | None,
    on_withdrawn: Callable[[str], Awaitable[None]] | None = None,
) -> APIRouter:
    """The action server's routes. `on_withdrawn(conversation)` runs after a withdrawal (the
    gateway forgets the conversation's stored messages: bot/app.py)."""

    def caller_holds_the_token(request: Request) -> None:
        # A dependency: checked before the body is read, so strangers learn nothing of it.
        if not bearer_matches(request.headers.get("authorization"), token):
            raise HTTPException(status_code=401, detail="unauthorized")

    router = APIRouter(include_in_schema=False, dependencies=[Depends(caller_holds_the_token)])
    if not token:
        return router  # never open: without a token the route does not exist

    @router.post("/internal/tickets", response_model=TicketOut, status_code=201)
    async def file_ticket(body: TicketIn) -> TicketOut | JSONResponse:
        ticket_request = TicketRequest(
            sender=body.sender,
            lang=body.lang,
            name=body.name,
            contact=body.contact,
            question=body.question,
            topic=body.topic,
            transcript=list(body.transcript),
        )
        try:
            ticket = await asyncio.to_thread(create_ticket, sessions(), ticket_request, recipient())
        except DailyLimitReached:
            return JSONResponse(
                status_code=429,
                content={"error": "daily ticket limit reached", "limit": MAX_TICKETS_PER_DAY},
            )
        logger.info("hand-off: ticket %s filed (%s)", ticket.reference, ticket.channel)
        return TicketOut(reference=ticket.reference, delivery=delivery_for(smtp))

    @router.post("/internal/tickets/{reference}/withdraw", response_model=WithdrawOut)
    async def withdraw(
        reference: Annotated[str, PathParam(pattern=REFERENCE_PATTERN)], body: WithdrawIn
    ) -> WithdrawOut | JSONResponse:
        """The user withdrew consent: only the conversation that filed the ticket may (any other
        sender is told there is no such ticket)."""
        done = await asyncio.to_thread(withdraw_ticket, sessions(), reference, body.sender)
        if done is None:
            return JSONResponse(status_code=404, content={"error": "no such ticket"})
        logger.info("hand-off: ticket %s withdrawn (%s)", reference, done.email)
        if on_withdrawn is not None:
            await on_withdrawn(body.sender)
        return WithdrawOut(reference=done.reference, email=done.email)

    return router


def admin_router(
    admin_token: Callable[[], str | None],
    sessions: Callable[[], sessionmaker[Session]],
    viewer: Callable[[Request], Awaitable[bool]] | None = None,
) -> APIRouter:
    """Staff automation (Bearer ADMIN_TOKEN): tickets with their e-mail state, and a retry for
    an e-mail the SMTP server refused for good (after staff fixed the cause). `viewer` also
    lets a staff console session read the tickets (the console retries through its own
    CSRF-checked form)."""
    router = APIRouter(include_in_schema=False)

    def allowed(request: Request) -> bool:
        return bearer_matches(request.headers.get("authorization"), admin_token())

    @router.get("/admin/tickets")
    async def tickets(request: Request, limit: int = 50) -> JSONResponse:
        if not allowed(request) and not (viewer is not None and await viewer(request)):
            return JSONResponse(status_code=401, content={"error": "admin token required"})
        rows = await asyncio.to_thread(ticket_rows, sessions(), min(max(limit, 1), 500))
        return JSONResponse({"tickets": rows})

    @router.post("/admin/tickets/{reference}/retry-email")
    async def retry_email(
        request: Request, reference: Annotated[str, PathParam(pattern=REFERENCE_PATTERN)]
    ) -> JSONResponse:
        if not allowed(request):
            return JSONResponse(status_code=401, content={"error": "admin token required"})
        if not await asyncio.to_thread(retry_failed, sessions(), reference):
            return JSONResponse(
                status_code=409, content={"error": "no failed e-mail for this reference"}
            )
        return JSONResponse({"reference": reference, "email_status": "pending"})

    return router


async def run_outbox(
    sessions: Callable[[], sessionmaker[Session]], smtp: SmtpSettings, interval: float
) -> None:
    """Send due e-mails every `interval` seconds for as long as the gateway runs. Every
    gateway replica runs one: claims keep them from sending the same e-mail."""
    while True:
        try:
            result = await asyncio.to_thread(deliver_due, sessions(), smtp)
            if result.sent or result.retrying or result.failed:
                logger.info(
                    "outbox: %s sent, %s to retry, %s failed",
                    result.sent, result.retrying, result.failed,
                )  # fmt: skip
        except Exception:  # a broken database must not stop the worker for good
            logger.exception("outbox run failed")
        await asyncio.sleep(interval)
