"""Who a console request acts for: the session cookie's staff user, or (JSON API only) the
ADMIN_TOKEN automation. Cookie flags and the CSRF check for forms live here too."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from fastapi import Request, Response
from sqlalchemy.orm import Session, sessionmaker

from bot.auth import bearer_matches
from console.auth import SESSION_HOURS, Staff, csrf_matches, session_staff
from console.models import EDITOR

COOKIE = "cepa_staff"
LOGIN_CSRF_COOKIE = "cepa_login_csrf"
COOKIE_PATH = "/admin"
AUTOMATION = Staff("automation", EDITOR)


def is_https(request: Request) -> bool:
    """The browser's connection is HTTPS (uvicorn applies X-Forwarded-Proto from trusted
    proxies, FORWARDED_ALLOW_IPS)."""
    return request.url.scheme == "https"


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    """HttpOnly, SameSite=Strict, scoped to /admin, Secure behind HTTPS."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=COOKIE_PATH,
        httponly=True,
        samesite="strict",
        secure=is_https(request),
    )


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    set_cookie(request, response, COOKIE, token, SESSION_HOURS * 3600)


def clear_session_cookie(request: Request, response: Response) -> None:
    set_cookie(request, response, COOKIE, "", 0)


class Access:
    def __init__(
        self,
        admin_token: Callable[[], str | None],
        sessions: Callable[[], sessionmaker[Session]],
    ) -> None:
        self.admin_token = admin_token
        self.sessions = sessions

    async def staff(self, request: Request) -> Staff | None:
        """The logged-in staff user of a page request, or None."""
        token = request.cookies.get(COOKIE)
        if not token:
            return None
        return await asyncio.to_thread(session_staff, self.sessions(), token)

    async def api_staff(self, request: Request) -> Staff | None:
        """A JSON API caller: Bearer ADMIN_TOKEN, or a staff session."""
        if bearer_matches(request.headers.get("authorization"), self.admin_token()):
            return AUTOMATION
        return await self.staff(request)

    async def api_allowed(self, request: Request) -> bool:
        return await self.api_staff(request) is not None


def form_allowed(staff: Staff | None, csrf: str | None, need_editor: bool = True) -> bool:
    """A state-changing form: a live session, its CSRF token, and the role."""
    if staff is None or not csrf_matches(staff, csrf):
        return False
    return staff.can_edit or not need_editor
