"""The staff console's HTML pages (`/admin/…`), server-rendered with Jinja2 (autoescaped).

Pages need a staff session (anonymous visits are sent to the login page); every form that
changes something is a POST with the session's CSRF token, and those that act need the editor
role. Routes:

- `GET /admin/login`, `POST /admin/login`, `POST /admin/logout`
- `GET /admin/?days=1|7|30` — overview with charts
- `GET /admin/view/questions` — unanswered questions grouped by meaning;
  `POST /admin/view/questions/accept` (attach to an entry), `POST /admin/view/questions/dismiss`
- `GET /admin/view/tickets`, `GET /admin/view/tickets/{reference}`;
  `POST /admin/view/tickets/{reference}/retry`, `POST /admin/view/tickets/{reference}/resolve`
- `GET /admin/view/feedback`
- `GET /admin/lang/{zh-Hant|en}` — the console's language (a cookie)
- `GET /admin/static/console.css`
"""

from __future__ import annotations

import asyncio
import re
import secrets
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy.orm import Session, sessionmaker

from bot.db import utcnow
from console import i18n, queries
from console.access import (
    COOKIE,
    LOGIN_CSRF_COOKIE,
    Access,
    clear_session_cookie,
    form_allowed,
    set_cookie,
    set_session_cookie,
)
from console.api import stats_for, unanswered_groups
from console.auth import Staff, end_session, log_in, start_session
from console.charts import bar_chart
from console.models import ACCEPTED, DISMISSED
from console.stats import PERIODS, period_start
from handoff.contract import REFERENCE_PATTERN
from handoff.outbox import retry_failed
from handoff.tickets import ticket_rows
from knowledge.store import load_entries

REFERENCE = re.compile(REFERENCE_PATTERN)

LANG_COOKIE = "cepa_console_lang"
STATIC = Path(__file__).parent / "static"


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("console", "templates"),
        autoescape=select_autoescape(["html", "svg"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def entry_choices() -> list[tuple[str, str, str]]:
    """(id, Traditional Chinese title, English title) of every knowledge entry."""
    return [(e.id, e.title.get("zh-Hant"), e.title.en) for e in load_entries()]


def _lang(request: Request) -> str:
    return i18n.pick(request.cookies.get(LANG_COOKIE))


def render(
    request: Request, name: str, staff: Staff | None, status: int = 200, **context: Any
) -> HTMLResponse:
    lang = _lang(request)
    html = (
        _environment()
        .get_template(name)
        .render(
            t=i18n.texts(lang),
            lang=lang,
            staff=staff,
            path=request.url.path,
            **context,
        )
    )
    return HTMLResponse(html, status_code=status, headers={"cache-control": "no-store"})


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def pages_router(
    access: Access, sessions: Callable[[], sessionmaker[Session]], index_dir: Path
) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def refuse(request: Request, staff: Staff | None) -> Response:
        if staff is None:
            return _see_other("/admin/login")
        return render(request, "message.html", staff, 403, message_key="not_allowed")

    # --- logging in and out -------------------------------------------------------------------

    def login_page(request: Request, status: int = 200, error: str | None = None) -> Response:
        token = secrets.token_urlsafe(32)
        response = render(request, "login.html", None, status, csrf=token, error=error)
        set_cookie(request, response, LOGIN_CSRF_COOKIE, token, 3600)
        return response

    @router.get("/admin/login")
    async def login_form(request: Request) -> Response:
        return login_page(request)

    @router.post("/admin/login")
    async def login(
        request: Request,
        username: str = Form("", max_length=200),
        password: str = Form("", max_length=1024),
        csrf: str = Form("", max_length=200),
    ) -> Response:
        expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        if not expected or not secrets.compare_digest(expected.encode(), csrf.encode()):
            return login_page(request, 400, "form_expired")
        result = await asyncio.to_thread(log_in, sessions(), username, password)
        if result.staff is None:
            # One message for a wrong name, a wrong password and a locked account: the page
            # must not tell which user names exist.
            return login_page(request, 401, "login_failed")
        token, _ = await asyncio.to_thread(start_session, sessions(), result.staff.username)
        response = _see_other("/admin/")
        set_session_cookie(request, response, token)
        set_cookie(request, response, LOGIN_CSRF_COOKIE, "", 0)
        return response

    @router.post("/admin/logout")
    async def logout(request: Request, csrf: str = Form("", max_length=200)) -> Response:
        staff = await access.staff(request)
        if not form_allowed(staff, csrf, need_editor=False):
            return refuse(request, staff)
        await asyncio.to_thread(end_session, sessions(), request.cookies.get(COOKIE))
        response = _see_other("/admin/login")
        clear_session_cookie(request, response)
        return response

    @router.get("/admin/lang/{code}")
    async def language(request: Request, code: str, back: str = "/admin/") -> Response:
        # Only a path inside the console, never another site.
        target = back if back.startswith("/admin/") and "//" not in back else "/admin/"
        response = _see_other(target)
        set_cookie(request, response, LANG_COOKIE, i18n.pick(code), 365 * 24 * 3600)
        return response

    @router.get("/admin/static/console.css")
    async def stylesheet() -> Response:
        return Response(
            (STATIC / "console.css").read_text(encoding="utf-8"),
            media_type="text/css",
            headers={"cache-control": "public, max-age=3600"},
        )

    # --- overview ------------------------------------------------------------------------------

    @router.get("/admin/")
    async def overview_page(request: Request, days: str = "7") -> Response:
        staff = await access.staff(request)
        if staff is None:
            return _see_other("/admin/login")
        period = int(days) if days.isascii() and days.isdigit() and int(days) in PERIODS else 7
        figures = await asyncio.to_thread(stats_for, sessions(), period)
        daily = bar_chart(
            [
                (
                    d.day.strftime("%m-%d"),
                    [
                        (d.answered, "answered"),
                        (d.not_answered, "missed"),
                        (d.messages - d.answered - d.not_answered, "other"),
                    ],
                )
                for d in figures.per_day
            ]
        )
        langs = bar_chart([(k, [(v, "answered")]) for k, v in figures.by_lang.items()], 320, 180)
        channels = bar_chart(
            [(k, [(v, "answered")]) for k, v in figures.by_channel.items()], 320, 180
        )
        return render(
            request,
            "overview.html",
            staff,
            days=period,
            periods=PERIODS,
            o=figures,
            daily=daily,
            langs=langs,
            channels=channels,
        )

    # --- unanswered questions ------------------------------------------------------------------

    @router.get("/admin/view/questions")
    async def questions_page(request: Request, done: str = "") -> Response:
        staff = await access.staff(request)
        if staff is None:
            return _see_other("/admin/login")
        groups = await asyncio.to_thread(unanswered_groups, sessions(), index_dir, 30)
        entries = await asyncio.to_thread(entry_choices)
        return render(
            request, "questions.html", staff, groups=groups, entries=entries, done=done == "1"
        )

    async def decide(request: Request, decision: str) -> Response:
        form = await request.form()
        staff = await access.staff(request)
        if not form_allowed(staff, str(form.get("csrf", ""))):
            return refuse(request, staff)
        assert staff is not None
        keys = {str(k) for k in form.getlist("key")}
        entry_id = str(form.get("entry", "")) or None
        if decision == ACCEPTED and entry_id not in {e[0] for e in entry_choices()}:
            return render(request, "message.html", staff, 400, message_key="not_found")
        found = await asyncio.to_thread(queries.questions_by_key, sessions(), keys)
        await asyncio.to_thread(
            queries.review, sessions(), found, decision, entry_id, staff.username
        )
        return _see_other("/admin/view/questions?done=1")

    @router.post("/admin/view/questions/accept")
    async def accept(request: Request) -> Response:
        return await decide(request, ACCEPTED)

    @router.post("/admin/view/questions/dismiss")
    async def dismiss(request: Request) -> Response:
        return await decide(request, DISMISSED)

    # --- tickets -------------------------------------------------------------------------------

    @router.get("/admin/view/tickets")
    async def tickets_page(request: Request) -> Response:
        staff = await access.staff(request)
        if staff is None:
            return _see_other("/admin/login")
        rows = await asyncio.to_thread(ticket_rows, sessions(), 200)
        return render(request, "tickets.html", staff, tickets=rows)

    @router.get("/admin/view/tickets/{reference}")
    async def ticket_page(request: Request, reference: str) -> Response:
        staff = await access.staff(request)
        if staff is None:
            return _see_other("/admin/login")
        ticket = (
            await asyncio.to_thread(queries.ticket_view, sessions(), reference)
            if REFERENCE.fullmatch(reference)
            else None
        )
        if ticket is None:
            return render(request, "message.html", staff, 404, message_key="not_found")
        return render(request, "ticket.html", staff, ticket=ticket)

    async def ticket_action(request: Request, reference: str, retry: bool) -> Response:
        form = await request.form()
        staff = await access.staff(request)
        if not form_allowed(staff, str(form.get("csrf", ""))):
            return refuse(request, staff)
        if not REFERENCE.fullmatch(reference):
            return render(request, "message.html", staff, 404, message_key="not_found")
        act = retry_failed if retry else queries.resolve_ticket
        await asyncio.to_thread(act, sessions(), reference)
        return _see_other(f"/admin/view/tickets/{reference}")

    @router.post("/admin/view/tickets/{reference}/retry")
    async def retry(request: Request, reference: str) -> Response:
        return await ticket_action(request, reference, retry=True)

    @router.post("/admin/view/tickets/{reference}/resolve")
    async def resolve(request: Request, reference: str) -> Response:
        return await ticket_action(request, reference, retry=False)

    # --- feedback ------------------------------------------------------------------------------

    @router.get("/admin/view/feedback")
    async def feedback_page(request: Request) -> Response:
        staff = await access.staff(request)
        if staff is None:
            return _see_other("/admin/login")
        since = period_start(30, utcnow())
        rows = await asyncio.to_thread(queries.feedback_rows, sessions(), since, "down")
        return render(request, "feedback.html", staff, rows=rows)

    return router
