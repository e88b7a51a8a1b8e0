"""Sending queued e-mails over SMTP: exactly once in practice, from any number of gateways.

A worker *claims* due e-mails before sending them: one UPDATE marks them `sending` with a lease
and its own name (on PostgreSQL the rows are picked with `FOR UPDATE SKIP LOCKED`, so two
workers never take the same row and never wait on each other; SQLite serialises writers).
Only the claimant records the outcome. A worker that dies mid-send loses the e-mail when the
lease runs out, and another sends it: the one case of a duplicate, with the same Message-ID.

Transient failures (connection refused, timeouts, 4xx) are tried again after 30 s, 60 s, 120 s
… capped at 1 h, for as long as it takes. Permanent refusals (5xx) stop after
MAX_PERMANENT_FAILURES: the e-mail is then `failed` and waits for staff to retry it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import smtplib
import socket
import ssl
import uuid
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db import utcnow
from bot.settings import OutboxSettings
from handoff.models import FAILED, PENDING, SENDING, SENT, TICKET_EMAIL, OutboxEmail, Ticket

logger = logging.getLogger(__name__)
# The settings' defaults (bot/settings.py) are the one source of these.
_DEFAULT = {name: field.default for name, field in OutboxSettings.model_fields.items()}
FIRST_RETRY = dt.timedelta(seconds=_DEFAULT["outbox_first_retry"])
MAX_RETRY = dt.timedelta(hours=1)
MAX_PERMANENT_FAILURES = 3
BATCH = 10
MAX_BATCHES_PER_RUN = 50  # the next run goes on; a run must end even if retries are instant
# Longer than one send can take (connect + STARTTLS + login + data, each with the timeout).
LEASE = dt.timedelta(seconds=_DEFAULT["outbox_lease_seconds"])


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = _DEFAULT["smtp_port"]
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    sender: str = _DEFAULT["smtp_from"]
    timeout: float = 10.0
    first_retry: dt.timedelta = FIRST_RETRY
    lease: dt.timedelta = LEASE

    @classmethod
    def from_settings(cls, settings: OutboxSettings) -> SmtpSettings | None:
        """None when no SMTP_HOST is set: tickets are then only recorded, and users are told
        to contact the bureau themselves (handoff/api.py)."""
        if not settings.smtp_host:
            return None
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            user=settings.smtp_user,
            password=settings.smtp_password,
            starttls=settings.smtp_starttls,
            sender=settings.smtp_from,
            first_retry=dt.timedelta(seconds=settings.outbox_first_retry),
            lease=dt.timedelta(seconds=settings.outbox_lease_seconds),
        )


@dataclass(frozen=True)
class Backlog:
    """E-mails not yet delivered: waiting or being sent, and given up (need staff)."""

    pending: int
    failed: int
    oldest_pending_seconds: float | None


@dataclass(frozen=True)
class RunResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def retry_delay(attempts: int, first: dt.timedelta = FIRST_RETRY) -> dt.timedelta:
    """Back-off after the `attempts`-th failure: `first` (30 s) doubling, at most 1 h."""
    delay: dt.timedelta = first * (2 ** min(max(attempts - 1, 0), 16))
    return min(delay, MAX_RETRY)


def worker_name() -> str:
    """Who holds a claim: host, process and a random part (a restarted process is new)."""
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def message_id(email: OutboxEmail) -> str:
    """Stable per e-mail, so the rare resend after a lost lease is recognisably the same."""
    kind = "" if email.kind in (None, TICKET_EMAIL) else f"-{email.kind}"  # a notice is new mail
    return f"<outbox-{email.id}-ticket-{email.ticket_id}{kind}@cepa-assistant.invalid>"


def send_one(settings: SmtpSettings, email: OutboxEmail) -> None:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = email.recipient
    message["Subject"] = email.subject
    message["Message-ID"] = message_id(email)
    message.set_content(email.body)
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        if settings.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.user and settings.password:
            smtp.login(settings.user, settings.password)
        smtp.send_message(message)


def is_permanent(exc: Exception) -> bool:
    """A 5xx reply: the server refuses this message, and sending it again will not change that."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 500 <= exc.smtp_code < 600
    return False


def _due(now: dt.datetime) -> object:
    return or_(
        and_(OutboxEmail.status == PENDING, OutboxEmail.next_attempt_at <= now),
        and_(OutboxEmail.status == SENDING, OutboxEmail.lease_until < now),
    )


def claim(
    sessions: sessionmaker[Session],
    worker: str,
    now: dt.datetime,
    limit: int = BATCH,
    lease: dt.timedelta = LEASE,
) -> list[int]:
    """Mark up to `limit` due e-mails as this worker's for `lease`; returns their ids."""
    with sessions() as session:
        pick = select(OutboxEmail.id).where(_due(now)).order_by(OutboxEmail.id).limit(limit)  # type: ignore[arg-type]
        if session.get_bind().dialect.name == "postgresql":
            pick = pick.with_for_update(skip_locked=True)
        claimed = session.scalars(
            update(OutboxEmail)
            .where(OutboxEmail.id.in_(pick.scalar_subquery()), _due(now))  # type: ignore[arg-type]
            .values(
                status=SENDING,
                lease_until=now + lease,
                claimed_by=worker,
                attempts=OutboxEmail.attempts + 1,
            )
            .returning(OutboxEmail.id)
        ).all()
        session.commit()
    return sorted(claimed)


def _record(
    sessions: sessionmaker[Session],
    email_id: int,
    worker: str,
    settings: SmtpSettings,
    error: Exception | None,
) -> str:
    """Store the outcome of one send, if the claim is still ours; returns the new status."""
    with sessions() as session:
        email = session.scalars(
            select(OutboxEmail).where(
                OutboxEmail.id == email_id,
                OutboxEmail.claimed_by == worker,
                OutboxEmail.status == SENDING,
            )
        ).first()
        if email is None:  # the lease ran out and another worker took it over
            return SENDING
        email.lease_until = None
        email.claimed_by = None
        if error is None:
            email.status, email.sent_at, email.last_error = SENT, utcnow(), None
        else:
            email.last_error = f"{type(error).__name__}: {error}"[:500]
            if is_permanent(error):
                email.permanent_failures += 1
            if email.permanent_failures >= MAX_PERMANENT_FAILURES:
                email.status = FAILED
            else:
                email.status = PENDING
                email.next_attempt_at = utcnow() + retry_delay(email.attempts, settings.first_retry)
        session.commit()
        return email.status


def deliver_due(
    sessions: sessionmaker[Session],
    settings: SmtpSettings,
    worker: str | None = None,
    now: dt.datetime | None = None,
) -> RunResult:
    """Claim and send every due e-mail, a batch at a time, until none is left."""
    worker = worker or worker_name()
    sent = retrying = failed = 0
    for _batch in range(MAX_BATCHES_PER_RUN):
        ids = claim(sessions, worker, now or utcnow(), lease=settings.lease)
        if not ids:
            break
        for email_id in ids:
            with sessions() as session:
                email = session.get(OutboxEmail, email_id)
                if email is None:
                    continue
                session.expunge(email)
            error: Exception | None = None
            try:
                send_one(settings, email)
            except (OSError, smtplib.SMTPException) as exc:
                error = exc
            status = _record(sessions, email_id, worker, settings, error)
            if status == SENT:
                sent += 1
            elif status == FAILED:
                failed += 1
                logger.error(
                    "outbox: e-mail %s refused for good (%s)", email_id, type(error).__name__
                )
            else:
                retrying += 1
                logger.warning(
                    "outbox: e-mail %s not sent, attempt %s (%s)",
                    email_id, email.attempts, type(error).__name__,
                )  # fmt: skip
        if now is not None:  # a fixed clock (tests): one pass, or it would claim forever
            break
    return RunResult(sent, retrying, failed)


def backlog(sessions: sessionmaker[Session], now: dt.datetime | None = None) -> Backlog:
    """What readiness and metrics report: e-mails not delivered yet, and the oldest one's age."""
    now = now or utcnow()
    with sessions() as session:
        rows = session.execute(
            select(OutboxEmail.status, func.count(), func.min(OutboxEmail.created_at))
            .where(OutboxEmail.status.in_((PENDING, SENDING, FAILED)))
            .group_by(OutboxEmail.status)
        ).all()
    pending = sum(count for status, count, _ in rows if status != FAILED)
    failed = sum(count for status, count, _ in rows if status == FAILED)
    oldest = min((first for status, _, first in rows if status != FAILED), default=None)
    return Backlog(pending, failed, (now - oldest).total_seconds() if oldest else None)


def retry_failed(sessions: sessionmaker[Session], reference: str) -> bool:
    """Staff ask for a failed e-mail to be tried again (after fixing the cause)."""
    with sessions() as session:
        email = session.scalars(
            select(OutboxEmail)
            .join(Ticket)
            .where(Ticket.reference == reference, OutboxEmail.status == FAILED)
        ).first()
        if email is None:
            return False
        email.status, email.permanent_failures, email.next_attempt_at = PENDING, 0, utcnow()
        session.commit()
        return True
