"""Personal data kept only as long as needed.

Two jobs:

- `purge` deletes what is older than the retention period (RETENTION_DAYS, default 90): tickets
  with their outbox e-mails and feedback from the project database, and every event row from
  Rasa's SQL tracker store. A ticket older than the period goes with its e-mail whatever the
  e-mail's state; the purge counts (and logs) the pending e-mails it drops. The Telegram
  channel's chats, button keys and handled update ids (bot/telegram_state.py) go once unused
  for the period.
- `redact_handoff` replaces, once a staff ticket holds them, the name and contact a user gave
  in that conversation's stored tracker events with "[redacted]".

`python -m bot.retention purge [--days N] [--dry-run]` runs a purge by hand (`make purge`);
`run_retention` is the gateway's background loop. Nothing here connects at import time, and
nothing here logs personal data: only counts.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

import phonenumbers
from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    inspect,
    select,
    update,
)
from sqlalchemy.engine import Connection, CursorResult, Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from bot.db import Feedback, sessions, utcnow
from bot.rasa_model import DEFAULT_TRACKER_DB
from bot.settings import RetentionSettings
from bot.telegram_state import purge_telegram_state
from console.retention import purge_console
from handoff.contract import REDACTED_TEXT
from handoff.models import CANCELLED, SENT, OutboxEmail, Ticket, TicketCounter
from handoff.privacy import announces_withdrawal

logger = logging.getLogger(__name__)

DAY_SECONDS = 24 * 60 * 60.0
REDACTED = REDACTED_TEXT
# Slots that hold what the hand-off form asked for (actions/handoff_form.py).
PERSONAL_SLOTS = ("contact_name", "contact_detail", "handoff_question")
# Of those, the ones whose filling message is itself personal data.
# The slots that hold what the user typed (the last question left unanswered, offered to staff).
USER_TEXT_SLOTS = (*PERSONAL_SLOTS, "last_unanswered_question")
_IDENTITY_SLOTS = ("contact_name", "contact_detail")

# Rasa 3.6's SQLTrackerStore.SQLEvent, as far as we read and write it. Declared here rather
# than reflected so that a missing table costs one `has_table`, and never created by us.
_tracker_meta = MetaData()
EVENTS = Table(
    "events",
    _tracker_meta,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


def retention_days() -> int:
    """RETENTION_DAYS (default 90); a bad value raises SettingsError naming it."""
    return RetentionSettings.from_env().retention_days


def tracker_store_url() -> str | None:
    """Where Rasa's SQL tracker store lives (bot/settings.py RetentionSettings): the purge and
    the hand-off redaction reach the production PostgreSQL store as well as make run's SQLite."""
    return RetentionSettings.from_env().tracker_store_url


@dataclass(frozen=True)
class PurgeReport:
    """What a purge deleted (or, in a dry run, would delete). Counts only, no personal data."""

    cutoff: dt.datetime  # naive UTC, like the project database's timestamps
    dry_run: bool
    tickets: int
    outbox_emails: int
    pending_emails: int  # of `outbox_emails`, those never delivered
    feedback: int
    tracker_events: int
    tracker_conversations: int
    tracker: str  # "ok", "not configured" or "no events table"
    telegram: int = 0  # Telegram chats, button keys and handled update ids (bot/telegram_state)
    console: int = 0  # the staff console's turn records, dismissed reviews, expired sessions

    def lines(self) -> list[str]:
        verb = "to delete" if self.dry_run else "deleted"
        return [
            f"retention cut-off: {self.cutoff.isoformat(timespec='seconds')} UTC"
            + (" (dry run)" if self.dry_run else ""),
            f"tickets {verb}: {self.tickets}",
            f"outbox e-mails {verb}: {self.outbox_emails} ({self.pending_emails} still pending)",
            f"feedback {verb}: {self.feedback}",
            (
                f"tracker events {verb}: {self.tracker_events} "
                f"in {self.tracker_conversations} conversations"
                if self.tracker == "ok"
                else f"tracker events: none ({self.tracker})"
            ),
            f"Telegram chats, button keys and update ids {verb}: {self.telegram}",
            f"console turn records, dismissed reviews and expired sessions {verb}: {self.console}",
        ]

    def summary(self) -> str:
        return "; ".join(self.lines())


def _naive_utc(moment: dt.datetime | None) -> dt.datetime:
    if moment is None:
        return utcnow()
    if moment.tzinfo is not None:
        return moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def _rowcount(result: object) -> int:
    return int(cast(CursorResult[Any], result).rowcount)


def _purge_project(
    project_sessions: Callable[[], Session], cutoff: dt.datetime, dry_run: bool
) -> tuple[int, int, int, int]:
    old_tickets = select(Ticket.id).where(Ticket.created_at < cutoff)
    old_emails = OutboxEmail.ticket_id.in_(old_tickets)
    old_feedback = Feedback.created_at < cutoff
    with project_sessions() as session:
        pending = session.scalar(
            select(func.count())
            .select_from(OutboxEmail)
            # (a cancelled e-mail, of a withdrawn ticket, was never meant to go)
            .where(old_emails, OutboxEmail.status.not_in((SENT, CANCELLED)))
        )
        if dry_run:
            count = select(func.count())
            tickets = session.scalar(count.select_from(Ticket).where(Ticket.created_at < cutoff))
            emails = session.scalar(count.select_from(OutboxEmail).where(old_emails))
            feedback = session.scalar(count.select_from(Feedback).where(old_feedback))
        else:
            # The session is fresh, so there is nothing in it to keep in step.
            fresh = {"synchronize_session": False}
            emails = _rowcount(
                session.execute(delete(OutboxEmail).where(old_emails).execution_options(**fresh))
            )
            tickets = _rowcount(
                session.execute(
                    delete(Ticket).where(Ticket.created_at < cutoff).execution_options(**fresh)
                )
            )
            feedback = _rowcount(
                session.execute(delete(Feedback).where(old_feedback).execution_options(**fresh))
            )
            # Past days' reference counters hold no personal data; they go with their tickets.
            session.execute(
                delete(TicketCounter)
                .where(TicketCounter.day < cutoff.date())
                .execution_options(**fresh)
            )
            session.commit()
    return int(tickets or 0), int(emails or 0), int(pending or 0), int(feedback or 0)


@contextmanager
def tracker_connection(url: str) -> Iterator[Connection]:
    """One transaction on the tracker store; the engine lives only as long as the job."""
    # Errors never carry the events' JSON (what users wrote) into a log.
    kwargs: dict[str, Any] = {"hide_parameters": True}
    if url.startswith("sqlite"):
        # Rasa may be writing at the same moment: wait for its lock rather than fail.
        kwargs["connect_args"] = {"timeout": 15}
    elif url.startswith("postgres"):
        kwargs["pool_pre_ping"] = True
        # Same schema Rasa uses (rasa.core.tracker_store.create_engine_kwargs).
        if schema := RetentionSettings.from_env().postgresql_schema:
            kwargs["connect_args"] = {"options": f"-csearch_path={schema}"}
    engine: Engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        # What this job deletes or overwrites is zeroed in the file, not left in the page's free
        # space (where a redacted e-mail address was still readable).
        event.listen(engine, "connect", _secure_delete)
    try:
        with engine.begin() as connection:
            yield connection
        if url.startswith("sqlite"):
            # ... and copied from the write-ahead log into the database file at once, the log
            # emptied: the old page images it holds are gone too (best effort: a reader in the
            # middle of a read makes it wait for the next checkpoint).
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()


def _secure_delete(dbapi_connection: Any, _record: object) -> None:
    dbapi_connection.execute("PRAGMA secure_delete=ON")


def _has_events(connection: Connection) -> bool:
    return bool(inspect(connection).has_table(EVENTS.name))


def _purge_tracker(url: str, cutoff: dt.datetime, dry_run: bool) -> tuple[int, int, str]:
    cutoff_ts = cutoff.replace(tzinfo=dt.UTC).timestamp()
    # Rasa stores float UNIX times; a row without one (never written by Rasa) is left alone.
    old: ColumnElement[bool] = EVENTS.c.timestamp < cutoff_ts
    with tracker_connection(url) as connection:
        if not _has_events(connection):
            return 0, 0, "no events table"
        conversations = connection.scalar(
            select(func.count(func.distinct(EVENTS.c.sender_id))).where(old)
        )
        if dry_run:
            events = connection.scalar(select(func.count()).select_from(EVENTS).where(old))
        else:
            events = _rowcount(connection.execute(delete(EVENTS).where(old)))
    return int(events or 0), int(conversations or 0), "ok"


def purge(
    project_sessions: Callable[[], Session],
    tracker_url: str | None,
    days: int,
    now: dt.datetime | None = None,
    *,
    dry_run: bool = False,
) -> PurgeReport:
    """Delete every ticket (with its e-mail), feedback and tracker event older than `days`."""
    if days < 1:
        raise ValueError(f"retention period must be at least 1 day, got {days}")
    cutoff = _naive_utc(now) - dt.timedelta(days=days)
    tickets, emails, pending, feedback = _purge_project(project_sessions, cutoff, dry_run)
    with project_sessions() as session:
        telegram = purge_telegram_state(session, cutoff, dry_run)
        console = purge_console(session, cutoff, dry_run)
        session.commit()
    if pending and not dry_run:
        logger.warning(
            "retention: %s undelivered e-mails dropped with tickets older than %s days",
            pending,
            days,
        )
    if tracker_url:
        events, conversations, state = _purge_tracker(tracker_url, cutoff, dry_run)
    else:
        events, conversations, state = 0, 0, "not configured"
    return PurgeReport(
        cutoff=cutoff,
        dry_run=dry_run,
        tickets=tickets,
        outbox_emails=emails,
        pending_emails=pending,
        feedback=feedback,
        tracker_events=events,
        tracker_conversations=conversations,
        tracker=state,
        telegram=telegram,
        console=console,
    )


# --- redaction -------------------------------------------------------------------------------

# Separators people type inside names, e-mails and phone numbers in varying ways.
_SEPARATORS = re.compile(r"[\s\-‐-―().+/·・．]")


def _squash(text: str) -> str:
    """Compare like a person would: full-width as half-width, any case, no separators."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text).casefold())


def _national_number(secret: str) -> str | None:
    """The digits after the country code (+853 66123456 → 66123456), as people type them."""
    text = unicodedata.normalize("NFKC", secret).strip()
    if not text.startswith("+"):
        return None
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return None
    return str(number.national_number)


def secret_forms(secrets: Sequence[str]) -> list[str]:
    """The squashed forms to look for; a phone number also without its country code."""
    forms: set[str] = set()
    for secret in secrets:
        for form in (_squash(secret), _national_number(secret)):
            # A single character would match far too much.
            if form and len(form) >= 2:
                forms.add(form)
    return sorted(forms)


def contains_secret(text: str, forms: Sequence[str]) -> bool:
    squashed = _squash(text)
    return any(form in squashed for form in forms)


def _entity_is_secret(entity: object, forms: Sequence[str]) -> bool:
    if not isinstance(entity, dict):
        return False
    value = _squash(str(entity.get("value", "")))
    # An entity holding a secret, or a piece of one (a surname, a phone number's digits).
    return any(form in value or (len(value) >= 2 and value in form) for form in forms)


def _without_secret_entities(entities: object, forms: Sequence[str]) -> object:
    if not isinstance(entities, list):
        return entities
    return [e for e in entities if not _entity_is_secret(e, forms)]


def _redact_user(data: dict[str, Any], forms: Sequence[str]) -> None:
    data["text"] = REDACTED
    parse_data = data.get("parse_data")
    if isinstance(parse_data, dict):
        parse_data["text"] = REDACTED
        # Token offsets point into the text that is gone.
        parse_data.pop("text_tokens", None)
        if "entities" in parse_data:
            parse_data["entities"] = _without_secret_entities(parse_data["entities"], forms)


def _redacted_event(
    data: dict[str, Any], forms: Sequence[str], filled_identity_slot: bool
) -> dict[str, Any] | None:
    """The event with personal data replaced, or None when it holds none."""
    kind = data.get("event")
    new = json.loads(json.dumps(data))
    if kind == "slot":
        value = new.get("value")
        if new.get("name") in PERSONAL_SLOTS and value not in (None, REDACTED):
            new["value"] = REDACTED
        elif (
            new.get("name") in USER_TEXT_SLOTS
            and isinstance(value, str)
            and value != REDACTED
            and contains_secret(value, forms)
        ):
            new["value"] = REDACTED  # the request kept as the question: 「…我叫王建国，电话…」
    elif kind == "user":
        text = new.get("text")
        parse_text = (new.get("parse_data") or {}).get("text")
        if filled_identity_slot or any(
            isinstance(t, str) and t != REDACTED and contains_secret(t, forms)
            for t in (text, parse_text)
        ):
            _redact_user(new, forms)
        else:
            parse_data = new.get("parse_data")
            if isinstance(parse_data, dict) and "entities" in parse_data:
                parse_data["entities"] = _without_secret_entities(parse_data["entities"], forms)
    elif kind == "bot":
        # Replies that quote the user back (e.g. "follow up your question: ...") count too.
        if isinstance(new.get("text"), str) and contains_secret(new["text"], forms):
            new["text"] = REDACTED
    elif kind == "entities":
        new["entities"] = _without_secret_entities(new.get("entities"), forms)
    return new if new != data else None


def _load(raw: str | None) -> dict[str, Any] | None:
    try:
        data = json.loads(raw or "")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def question_answered_by(tracker_url: str, sender_id: str, reply_text: str) -> str | None:
    """The user's message that the bot reply `reply_text` answered in conversation `sender_id`,
    read from Rasa's shared tracker store: any gateway replica can find it (the staff console
    keeps the question of a 👎 answer). Button payloads are not questions; None if not found."""
    with tracker_connection(tracker_url) as connection:
        if not _has_events(connection):
            return None
        rows = connection.execute(
            select(EVENTS.c.type_name, EVENTS.c.data)
            .where(EVENTS.c.sender_id == sender_id, EVENTS.c.type_name.in_(("user", "bot")))
            .order_by(EVENTS.c.id.desc())
        ).all()
    answered = False
    for type_name, raw in rows:
        text = (_load(raw) or {}).get("text")
        if not isinstance(text, str):
            continue
        if type_name == "bot":
            answered = answered or text[:2000] == reply_text[:2000]
        elif answered and not text.startswith("/"):
            return text
    return None


def conversation_events(tracker_url: str, sender_id: str) -> list[dict[str, Any]]:
    """One conversation's stored tracker events, oldest first (none without an events table):
    what the staff console's turn records read to know a message's step (console/recording.py)."""
    with tracker_connection(tracker_url) as connection:
        if not _has_events(connection):
            return []
        rows = connection.execute(
            select(EVENTS.c.data).where(EVENTS.c.sender_id == sender_id).order_by(EVENTS.c.id)
        ).all()
    return [data for (raw,) in rows if (data := _load(raw)) is not None]


# The hand-off's form (actions/forms.py HANDOFF_FORM), as Rasa's active_loop events name it.
HANDOFF_FORM = "handoff_form"


def _last_form_run(events: Sequence[tuple[int, dict[str, Any] | None]]) -> set[int]:
    """The rows of the last run of the hand-off form that filed no ticket: its user messages
    (button payloads aside) and the slots holding the user's words set during it; from the
    activation to the deactivation (the consent question on). Empty when the last run filed a
    ticket (that conversation's ticket holds what it was given, by consent)."""
    start: int | None = None
    for i, (_, data) in enumerate(events):
        if data and data.get("event") == "active_loop" and data.get("name") == HANDOFF_FORM:
            start = i if start is None or _ended_between(events, start, i) else start
    if start is None:
        return set()
    run: set[int] = set()
    for row_id, data in events[start + 1 :]:
        if not data:
            continue
        kind = data.get("event")
        if kind == "active_loop" and data.get("name") != HANDOFF_FORM:
            break
        typed = kind == "user" and not str(data.get("text") or "").startswith("/")
        if typed or (kind == "slot" and data.get("name") in USER_TEXT_SLOTS):
            run.add(row_id)
    ticket = any(
        data
        and data.get("event") == "bot"
        and ((data.get("data") or {}).get("custom") or {}).get("ticket")
        for _, data in events[start:]
    )
    return set() if ticket else run


def _ended_between(
    events: Sequence[tuple[int, dict[str, Any] | None]], start: int, end: int
) -> bool:
    """Whether the form was left (another loop, or none) between rows `start` and `end`."""
    return any(
        data and data.get("event") == "active_loop" and data.get("name") != HANDOFF_FORM
        for _, data in events[start + 1 : end]
    )


def _redact_all_of(data: dict[str, Any]) -> dict[str, Any] | None:
    """A user event with all it held of the message replaced, or a slot event with its value;
    None when there is nothing left to replace."""
    new = json.loads(json.dumps(data))
    if new.get("event") == "user":
        _redact_user(new, [])
        if isinstance(new.get("parse_data"), dict):
            new["parse_data"]["entities"] = []
    elif new.get("event") == "slot" and new.get("value") not in (None, REDACTED):
        new["value"] = REDACTED
    return new if new != data else None


def redact_handoff(
    tracker_url: str, sender_id: str, secrets: list[str], form_messages: bool = False
) -> int:
    """Replace the hand-off's personal data in one conversation's stored tracker events.

    Slot events of PERSONAL_SLOTS get the value "[redacted]"; user messages containing any
    secret (compared ignoring case, full-width forms and separators, so "6612-3456" matches
    "+853 66123456"), and the messages that filled `contact_name` or `contact_detail`, get
    their text and parse_data text replaced and entities holding secrets dropped; bot replies
    quoting a secret get their text replaced. Values the conversation stored in the identity
    slots count as secrets too; any other slot of USER_TEXT_SLOTS quoting a secret is replaced.
    Also called, with no secrets, when a hand-off ended without a ticket (bot/app.py,
    forget_handoff), with `form_messages`: then every message the user typed inside that run of
    the form goes too, valid or not ("wongtai2020 at yahoo dot com dot hk", refused as no
    e-mail address, stayed after 「唉算數…取消佢啦」, p16-026), with the slots of USER_TEXT_SLOTS
    set during it. Returns how many event rows changed.

    Call it after Rasa has saved the turn that created the ticket: Rasa appends a turn's
    events when the turn ends, and rows written later are not seen here.
    """
    with tracker_connection(tracker_url) as connection:
        if not _has_events(connection):
            return 0
        rows = connection.execute(
            select(EVENTS.c.id, EVENTS.c.data)
            .where(EVENTS.c.sender_id == sender_id)
            .order_by(EVENTS.c.id)
        ).all()
        events = [(row.id, _load(row.data)) for row in rows]
        stored = [
            str(data["value"])
            for _, data in events
            if data
            and data.get("event") == "slot"
            and data.get("name") in _IDENTITY_SLOTS
            and data.get("value") not in (None, REDACTED)
        ]
        forms = secret_forms([*secrets, *stored])

        # The user message just before an identity slot is set is the one that gave it.
        fillers: set[int] = set()
        last_user: int | None = None
        for row_id, data in events:
            kind = data.get("event") if data else None
            if kind == "user":
                last_user = row_id
            elif kind == "session_started":
                last_user = None  # carried-over slots were not given in this session
            elif (
                kind == "slot"
                and data
                and data.get("name") in _IDENTITY_SLOTS
                and data.get("value") is not None
                and last_user is not None
            ):
                fillers.add(last_user)

        in_form = _last_form_run(events) if form_messages else set()
        changed = 0
        for row_id, data in events:
            if data is None:
                continue
            new = _redacted_event(data, forms, row_id in fillers)
            if row_id in in_form and (whole := _redact_all_of(new or data)) is not None:
                new = whole
            if new is not None:
                # Same encoding as Rasa's SQLTrackerStore.save (json.dumps defaults).
                connection.execute(
                    update(EVENTS).where(EVENTS.c.id == row_id).values(data=json.dumps(new))
                )
                changed += 1
    return changed


def redact_conversation(tracker_url: str, sender_id: str) -> int:
    """Replace everything one conversation's stored tracker events hold of what the user wrote:
    every user message (its text, parse text, entities), every bot reply (they quote it back),
    the slots holding the user's words (USER_TEXT_SLOTS). A withdrawal of consent (handoff/tickets.py, withdraw_ticket) takes back
    the whole conversation, not only the name and contact a pattern can find: a phone typed as
    「六六 一二 三四五六」 or a name typed at the consent question stayed here (probe 14).
    Intents and actions stay (the dialogue goes on), and so does the bot's announcement that a
    ticket was withdrawn (it holds only the reference). Returns how many event rows changed.

    Events Rasa has not saved yet (the turn that withdraws) are not seen here: the gateway calls
    this again once that turn is saved (bot/turns.py, `on_withdrawn`)."""
    with tracker_connection(tracker_url) as connection:
        if not _has_events(connection):
            return 0
        rows = connection.execute(
            select(EVENTS.c.id, EVENTS.c.data).where(EVENTS.c.sender_id == sender_id)
        ).all()
        changed = 0
        for row_id, raw in rows:
            data = _load(raw)
            if data is None:
                continue
            new = json.loads(json.dumps(data))
            kind = new.get("event")
            if kind == "user" or (kind == "slot" and new.get("name") in USER_TEXT_SLOTS):
                new = _redact_all_of(data) or new
            elif (
                kind == "bot"
                and new.get("text") not in (None, REDACTED)
                and not announces_withdrawal(str(new["text"]))
            ):
                # (the announcement that a ticket was withdrawn names only its reference, and the
                # assistant reads the ticket's state from it)
                new["text"] = REDACTED
            elif kind == "entities":
                new["entities"] = []
            if new != data:
                connection.execute(
                    update(EVENTS).where(EVENTS.c.id == row_id).values(data=json.dumps(new))
                )
                changed += 1
    return changed


# --- running it ------------------------------------------------------------------------------


async def run_retention(
    project_sessions_factory: Callable[[], Callable[[], Session]],
    tracker_url: str | None,
    days: int,
    interval_seconds: float = DAY_SECONDS,
) -> None:
    """Purge now and then every `interval_seconds`, for as long as the gateway runs.

    `project_sessions_factory` returns the project's sessionmaker (e.g. `bot.db.sessions`); it
    is called in the worker thread, so making the engine never blocks the event loop.
    """
    if interval_seconds <= 0:
        raise ValueError(f"retention interval must be positive, got {interval_seconds}")

    def once() -> PurgeReport:
        return purge(project_sessions_factory(), tracker_url, days)

    while True:
        try:
            report = await asyncio.to_thread(once)
            logger.info("retention: %s", report.summary())
        except Exception:  # a broken database must not stop the worker for good
            logger.exception("retention purge failed")
        await asyncio.sleep(interval_seconds)


def _default_tracker_url() -> str | None:
    """For the command line: the environment's tracker store, else `make run`'s default file."""
    if url := tracker_store_url():
        return url
    return f"sqlite:///{DEFAULT_TRACKER_DB}" if DEFAULT_TRACKER_DB.exists() else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.retention",
        description="Personal data kept only as long as needed (RETENTION_DAYS, default 90).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("purge", help="delete personal data older than the retention period")
    run.add_argument("--days", type=int, help="retention period (default: RETENTION_DAYS or 90)")
    run.add_argument("--dry-run", action="store_true", help="count only, delete nothing")
    run.add_argument("--database-url", help="project database (default: DATABASE_URL)")
    run.add_argument(
        "--tracker-url",
        help="Rasa tracker store (default: TRACKER_DATABASE_URL, RASA_TRACKER_*, var/rasa)",
    )
    args = parser.parse_args(argv)

    try:
        days = args.days if args.days is not None else retention_days()
        if days < 1:
            raise ValueError(f"--days must be at least 1, got {days}")
    except ValueError as exc:
        parser.error(str(exc))

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    report = purge(
        sessions(args.database_url),
        args.tracker_url or _default_tracker_url(),
        days,
        dry_run=args.dry_run,
    )
    print("\n".join(report.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
