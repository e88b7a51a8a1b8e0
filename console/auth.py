"""Staff accounts and sessions (functions on the project database; no web framework here).

- Passwords: argon2id hashes (argon2-cffi's defaults), rehashed on login when those change.
- Lock-out: MAX_FAILURES wrong passwords in a row lock the account for LOCK_MINUTES; a login
  for an unknown or disabled name costs the same hash check, and says the same thing.
- Sessions live server-side (`staff_sessions`, shared by every gateway): the cookie holds a
  random token, the table only its SHA-256, with the session's CSRF token and expiry
  (SESSION_HOURS, absolute). Logging out, or disabling the user, ends it.
- Roles: `viewer` reads; `editor` also acts (reviews questions, retries e-mails, resolves
  tickets).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db import utcnow
from console.models import EDITOR, ROLES, StaffSession, StaffUser

MAX_FAILURES = 5
LOCK_MINUTES = 15
SESSION_HOURS = 8
MIN_PASSWORD = 12
MAX_PASSWORD = 1024
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")

_hasher = PasswordHasher()
# Checked against for unknown users, so that a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password, never matches")


@dataclass(frozen=True)
class Staff:
    """Who a request acts for: a logged-in user, or the ADMIN_TOKEN automation."""

    username: str
    role: str
    csrf: str = ""

    @property
    def can_edit(self) -> bool:
        return self.role == EDITOR


@dataclass(frozen=True)
class LoginResult:
    staff: Staff | None
    locked: bool = False


class AccountError(ValueError):
    """A user cannot be made or changed as asked (message says why)."""


def valid_username(name: str) -> str:
    name = name.strip().lower()
    if not 2 <= len(name) <= 64 or not set(name) <= USERNAME_CHARS:
        raise AccountError("user names are 2..64 of a-z 0-9 . _ -")
    return name


def check_password(password: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError(f"passwords are {MIN_PASSWORD}..{MAX_PASSWORD} characters")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def add_user(sessions: sessionmaker[Session], username: str, password: str, role: str) -> None:
    username = valid_username(username)
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    check_password(password)
    with sessions() as session:
        if session.scalar(select(StaffUser.id).where(StaffUser.username == username)):
            raise AccountError(f"user {username!r} exists")
        session.add(StaffUser(username=username, password_hash=hash_password(password), role=role))
        session.commit()


def set_disabled(sessions: sessionmaker[Session], username: str, disabled: bool) -> None:
    """Disable (ending every session) or enable a user; unlocks it too."""
    with sessions() as session:
        user = session.scalars(
            select(StaffUser).where(StaffUser.username == valid_username(username))
        ).first()
        if user is None:
            raise AccountError(f"no user {username!r}")
        user.disabled = disabled
        user.failed_logins, user.locked_until = 0, None
        if disabled:
            session.execute(delete(StaffSession).where(StaffSession.user_id == user.id))
        session.commit()


def list_users(sessions: sessionmaker[Session]) -> list[tuple[str, str, bool]]:
    with sessions() as session:
        users = session.scalars(select(StaffUser).order_by(StaffUser.username)).all()
        return [(u.username, u.role, u.disabled) for u in users]


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def log_in(
    sessions: sessionmaker[Session], username: str, password: str, now: dt.datetime | None = None
) -> LoginResult:
    """Check a name and password. Each attempt is counted *before* the password is checked, in
    one atomic UPDATE: parallel guesses (several threads, several gateways) cannot check more
    than MAX_FAILURES passwords before the lock. A locked account is refused even with the
    right password until the lock ends; a success starts the count over."""
    now = now or utcnow()
    name = username.strip().lower()[:64]
    if "\x00" in name:  # PostgreSQL refuses NUL in text: no such user, not a server error
        _verify(_DUMMY_HASH, password[:MAX_PASSWORD])
        return LoginResult(None)
    with sessions() as session:
        user = session.scalars(select(StaffUser).where(StaffUser.username == name)).first()
        if user is None or user.disabled:
            _verify(_DUMMY_HASH, password[:MAX_PASSWORD])
            return LoginResult(None)
        user_id, password_hash = user.id, user.password_hash
        attempt = session.execute(
            update(StaffUser)
            .where(
                StaffUser.id == user_id,
                or_(StaffUser.locked_until.is_(None), StaffUser.locked_until <= now),
            )
            .values(failed_logins=StaffUser.failed_logins + 1)
            .returning(StaffUser.failed_logins)
        ).scalar_one_or_none()
        session.commit()
    if attempt is None or attempt > MAX_FAILURES:  # locked, or past the limit: never checked
        if attempt is not None:
            _lock(sessions, user_id, now)
        _verify(_DUMMY_HASH, password[:MAX_PASSWORD])  # the same time as a real check
        return LoginResult(None, locked=True)
    if not _verify(password_hash, password[:MAX_PASSWORD]):
        if attempt == MAX_FAILURES:
            _lock(sessions, user_id, now)
            return LoginResult(None, locked=True)
        return LoginResult(None)
    with sessions() as session:
        user = session.get(StaffUser, user_id)
        if user is None:
            return LoginResult(None)
        user.failed_logins, user.locked_until = 0, None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        session.commit()
        return LoginResult(Staff(user.username, user.role))


def _lock(sessions: sessionmaker[Session], user_id: int, now: dt.datetime) -> None:
    with sessions() as session:
        session.execute(
            update(StaffUser)
            .where(StaffUser.id == user_id)
            .values(locked_until=now + dt.timedelta(minutes=LOCK_MINUTES), failed_logins=0)
        )
        session.commit()


def start_session(
    sessions: sessionmaker[Session], username: str, now: dt.datetime | None = None
) -> tuple[str, str]:
    """A new session for `username`: (cookie token, CSRF token)."""
    now = now or utcnow()
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with sessions() as session:
        user_id = session.scalar(select(StaffUser.id).where(StaffUser.username == username))
        if user_id is None:
            raise AccountError(f"no user {username!r}")
        # Expired sessions of anyone go on the way.
        session.execute(delete(StaffSession).where(StaffSession.expires_at <= now))
        session.add(
            StaffSession(
                token_hash=_token_hash(token),
                user_id=user_id,
                csrf=csrf,
                created_at=now,
                expires_at=now + dt.timedelta(hours=SESSION_HOURS),
            )
        )
        session.commit()
    return token, csrf


def session_staff(
    sessions: sessionmaker[Session], token: str | None, now: dt.datetime | None = None
) -> Staff | None:
    """The user a session cookie belongs to, while it is live and the user enabled."""
    if not token or len(token) > 128:
        return None
    now = now or utcnow()
    with sessions() as session:
        row = session.execute(
            select(StaffUser.username, StaffUser.role, StaffUser.disabled, StaffSession.csrf)
            .join(StaffUser, StaffUser.id == StaffSession.user_id)
            .where(StaffSession.token_hash == _token_hash(token), StaffSession.expires_at > now)
        ).first()
    if row is None or row.disabled:
        return None
    return Staff(row.username, row.role, row.csrf)


def end_session(sessions: sessionmaker[Session], token: str | None) -> None:
    if not token:
        return
    with sessions() as session:
        session.execute(delete(StaffSession).where(StaffSession.token_hash == _token_hash(token)))
        session.commit()


def csrf_matches(staff: Staff, given: str | None) -> bool:
    return bool(staff.csrf and given) and secrets.compare_digest(
        staff.csrf.encode(), (given or "").encode()
    )
