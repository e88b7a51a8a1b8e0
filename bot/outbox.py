"""Sending queued e-mails over SMTP: timeouts, STARTTLS when configured, retry with back-off.

A failed send stays in the outbox (status `pending`, `attempts` and `last_error` recorded) and is
tried again after 30 s, 60 s, 120 s … capped at 1 h, until the server accepts it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import OutboxEmail, utcnow

logger = logging.getLogger(__name__)
FIRST_RETRY = dt.timedelta(seconds=30)
MAX_RETRY = dt.timedelta(hours=1)


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    sender: str = "cepa-assistant@localhost"
    timeout: float = 10.0
    first_retry: dt.timedelta = FIRST_RETRY

    @classmethod
    def from_env(cls) -> SmtpSettings | None:
        """None when no SMTP_HOST is set: e-mails then wait in the outbox."""
        host = os.environ.get("SMTP_HOST")
        if not host:
            return None
        return cls(
            host=host,
            port=int(os.environ.get("SMTP_PORT", "25")),
            user=os.environ.get("SMTP_USER") or None,
            password=os.environ.get("SMTP_PASSWORD") or None,
            starttls=os.environ.get("SMTP_STARTTLS", "").lower() in ("1", "true", "yes"),
            sender=os.environ.get("SMTP_FROM", "cepa-assistant@localhost"),
            first_retry=dt.timedelta(seconds=float(os.environ.get("OUTBOX_FIRST_RETRY", "30"))),
        )


def retry_delay(attempts: int, first: dt.timedelta = FIRST_RETRY) -> dt.timedelta:
    """Back-off after the `attempts`-th failure: `first` (30 s) doubling, at most 1 h."""
    delay: dt.timedelta = first * (2 ** min(max(attempts - 1, 0), 16))
    return min(delay, MAX_RETRY)


def send_one(settings: SmtpSettings, email: OutboxEmail) -> None:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = email.recipient
    message["Subject"] = email.subject
    message.set_content(email.body)
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        if settings.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.user and settings.password:
            smtp.login(settings.user, settings.password)
        smtp.send_message(message)


def deliver_due(
    sessions: sessionmaker[Session], settings: SmtpSettings, now: dt.datetime | None = None
) -> tuple[int, int]:
    """Try every pending e-mail that is due; returns (sent, failed)."""
    now = now or utcnow()
    sent = failed = 0
    with sessions() as session:
        due = session.scalars(
            select(OutboxEmail)
            .where(OutboxEmail.status == "pending", OutboxEmail.next_attempt_at <= now)
            .order_by(OutboxEmail.id)
        ).all()
        for email in due:
            email.attempts += 1
            try:
                send_one(settings, email)
            except (OSError, smtplib.SMTPException) as exc:
                email.last_error = f"{type(exc).__name__}: {exc}"[:500]
                email.next_attempt_at = now + retry_delay(email.attempts, settings.first_retry)
                failed += 1
                logger.warning("outbox: e-mail %s not sent (attempt %s)", email.id, email.attempts)
            else:
                email.status = "sent"
                email.sent_at = utcnow()
                email.last_error = None
                sent += 1
            session.commit()
    return sent, failed
