"""Retention: what the purge deletes from the project database, its command and its loop.

The project database is a real SQLite file made by bot.db; Rasa's tracker store, written by
Rasa itself, is exercised in tests/integration/test_tracker_privacy.py.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.db import Feedback, utcnow
from bot.retention import (
    EVENTS,
    REDACTED,
    USER_TEXT_SLOTS,
    contains_secret,
    main,
    purge,
    redact_conversation,
    redact_handoff,
    retention_days,
    run_retention,
    secret_forms,
    tracker_store_url,
)
from bot.settings import PROJECT_ROOT
from handoff.models import OutboxEmail, Ticket
from tests.helpers import project_db

NOW = dt.datetime(2026, 3, 2, 9, 30)
DAYS = 90


def add_ticket(
    db: sessionmaker[Session],
    number: int,
    age: dt.timedelta,
    status: str = "sent",
    now: dt.datetime = NOW,
) -> None:
    with db() as session:
        ticket = Ticket(
            reference=f"CEPA-20260101-{number:04d}",
            created_at=now - age,
            channel="web",
            sender=f"web:visitor-{number}",
            lang="zh-Hant",
            name="陳大文",
            contact="chan.taiman@example.com",
            question="中小企業援助計劃嘅還款可唔可以延遲？",
            topic="sme_repayment",
            transcript="user: 我想搵職員",
        )
        ticket.email = OutboxEmail(
            recipient="staff@example.org", subject="CEPA", body="…", status=status
        )
        session.add(ticket)
        session.commit()


def add_feedback(db: sessionmaker[Session], age: dt.timedelta) -> None:
    with db() as session:
        session.add(
            Feedback(
                created_at=NOW - age,
                sender="web:visitor-9",
                reply_id="r1",
                rating="up",
                reply_text="《內地與澳門關於建立更緊密經貿關係的安排》服務貿易協議",
            )
        )
        session.commit()


@pytest.fixture
def db(tmp_path: Path) -> sessionmaker[Session]:
    return project_db(f"sqlite:///{tmp_path / 'cepa.db'}")


@pytest.fixture
def filled(db: sessionmaker[Session]) -> sessionmaker[Session]:
    """Two tickets past the cut-off (one e-mail never delivered), two inside it."""
    add_ticket(db, 1, dt.timedelta(days=200))
    add_ticket(db, 2, dt.timedelta(days=DAYS, seconds=1), status="pending")
    add_ticket(db, 3, dt.timedelta(days=DAYS - 1), status="pending")
    add_ticket(db, 4, dt.timedelta(hours=2))
    add_feedback(db, dt.timedelta(days=365))
    add_feedback(db, dt.timedelta(days=3))
    return db


def references(db: sessionmaker[Session]) -> list[str]:
    with db() as session:
        return list(session.scalars(select(Ticket.reference).order_by(Ticket.id)))


def outbox_ticket_ids(db: sessionmaker[Session]) -> list[int]:
    with db() as session:
        return list(session.scalars(select(OutboxEmail.ticket_id).order_by(OutboxEmail.id)))


def feedback_ages(db: sessionmaker[Session]) -> list[dt.timedelta]:
    with db() as session:
        return [NOW - created for created in session.scalars(select(Feedback.created_at))]


# --- purge -----------------------------------------------------------------------------------


def test_purge_deletes_what_is_older_than_the_period_and_keeps_the_rest(
    filled: sessionmaker[Session], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="bot.retention"):
        report = purge(filled, None, DAYS, now=NOW)

    assert report.cutoff == NOW - dt.timedelta(days=DAYS)
    assert (report.tickets, report.outbox_emails, report.pending_emails, report.feedback) == (
        2,
        2,
        1,
        1,
    )
    assert report.tracker == "not configured"
    assert references(filled) == ["CEPA-20260101-0003", "CEPA-20260101-0004"]
    assert outbox_ticket_ids(filled) == [3, 4]  # each e-mail went with its ticket
    assert feedback_ages(filled) == [dt.timedelta(days=3)]
    # The dropped pending e-mail is logged as a count, without whose it was.
    assert "1 undelivered e-mails dropped" in caplog.text
    assert "陳大文" not in caplog.text and "chan.taiman" not in caplog.text


def test_a_second_purge_finds_nothing(filled: sessionmaker[Session]) -> None:
    purge(filled, None, DAYS, now=NOW)
    again = purge(filled, None, DAYS, now=NOW)
    assert (again.tickets, again.outbox_emails, again.feedback) == (0, 0, 0)


def test_dry_run_counts_without_deleting(filled: sessionmaker[Session]) -> None:
    report = purge(filled, None, DAYS, now=NOW, dry_run=True)
    assert report.dry_run
    assert (report.tickets, report.outbox_emails, report.pending_emails, report.feedback) == (
        2,
        2,
        1,
        1,
    )
    assert len(references(filled)) == 4
    assert len(outbox_ticket_ids(filled)) == 4
    assert len(feedback_ages(filled)) == 2
    assert "tickets to delete: 2" in report.lines()


def test_timezone_aware_now_is_read_as_utc(filled: sessionmaker[Session]) -> None:
    macao = dt.timezone(dt.timedelta(hours=8))
    report = purge(filled, None, DAYS, now=NOW.replace(tzinfo=dt.UTC).astimezone(macao))
    assert report.cutoff == NOW - dt.timedelta(days=DAYS)


def test_a_tracker_store_rasa_never_created_is_not_an_error(
    filled: sessionmaker[Session], tmp_path: Path
) -> None:
    report = purge(filled, f"sqlite:///{tmp_path / 'tracker.db'}", DAYS, now=NOW)
    assert (report.tracker, report.tracker_events) == ("no events table", 0)
    assert report.tickets == 2


def test_purge_refuses_a_period_under_one_day(db: sessionmaker[Session]) -> None:
    with pytest.raises(ValueError, match="at least 1 day"):
        purge(db, None, 0, now=NOW)


# --- settings --------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "days"), [(None, 90), ("", 90), (" 30 ", 30), ("1", 1)])
def test_retention_days_from_env(
    monkeypatch: pytest.MonkeyPatch, raw: str | None, days: int
) -> None:
    if raw is None:
        monkeypatch.delenv("RETENTION_DAYS", raising=False)
    else:
        monkeypatch.setenv("RETENTION_DAYS", raw)
    assert retention_days() == days


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("ninety", "RETENTION_DAYS='ninety' must be a whole number"),
        ("2.5", "whole number"),
        ("0", "RETENTION_DAYS='0' must be at least 1"),
        ("-7", "at least 1"),
    ],
)
def test_retention_days_rejects_bad_values(
    monkeypatch: pytest.MonkeyPatch, raw: str, message: str
) -> None:
    monkeypatch.setenv("RETENTION_DAYS", raw)
    with pytest.raises(ValueError, match=message):
        retention_days()


def test_tracker_store_url(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TRACKER_DATABASE_URL", "RASA_TRACKER_DIALECT", "RASA_TRACKER_DB",
                 "RASA_TRACKER_HOST", "RASA_TRACKER_PORT", "RASA_TRACKER_DATABASE",
                 "RASA_TRACKER_USER", "RASA_TRACKER_PASSWORD"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    assert tracker_store_url() is None

    # How bot/stack.py configures Rasa's store (endpoints.yml reads the same variables).
    monkeypatch.setenv("RASA_TRACKER_DIALECT", "sqlite")
    assert tracker_store_url() is None
    monkeypatch.setenv("RASA_TRACKER_DB", "/srv/cepa/var/rasa/tracker.db")
    assert tracker_store_url() == "sqlite:////srv/cepa/var/rasa/tracker.db"

    monkeypatch.setenv("RASA_TRACKER_DIALECT", "postgresql")
    assert tracker_store_url() is None

    # deploy/endpoints.production.yml: the purge and the contact redaction reach the shared
    # PostgreSQL store too (a password with URL characters stays one password).
    monkeypatch.setenv("RASA_TRACKER_HOST", "db.internal")
    monkeypatch.setenv("RASA_TRACKER_DATABASE", "rasa")
    monkeypatch.setenv("RASA_TRACKER_USER", "rasa")
    monkeypatch.setenv("RASA_TRACKER_PASSWORD", "p@ss/w:rd")
    url = tracker_store_url()
    assert url == "postgresql+psycopg://rasa:p%40ss%2Fw%3Ard@db.internal:5432/rasa"
    assert make_url(url).password == "p@ss/w:rd"

    monkeypatch.setenv("TRACKER_DATABASE_URL", "postgresql://rasa@db/tracker")
    assert tracker_store_url() == "postgresql://rasa@db/tracker"


# --- recognising the secrets -----------------------------------------------------------------


def test_secrets_match_as_people_write_them() -> None:
    forms = secret_forms(["陳大文", "chan.taiman@example.com", "+85366123456", "+8613812345678"])
    assert contains_secret("我叫陳大文", forms)
    assert contains_secret("我電郵係 Chan.TaiMan@Example.com，唔該", forms)
    assert contains_secret(
        "電郵：ｃｈａｎ．ｔａｉｍａｎ＠ｅｘａｍｐｌｅ．ｃｏｍ", forms
    )  # full-width
    assert contains_secret("打 6612-3456 搵我", forms)  # local form of a +853 number
    assert contains_secret("(853) 6612 3456", forms)
    assert contains_secret("我內地電話係 138 1234 5678", forms)
    assert not contains_secret("我想搵職員", forms)
    assert not contains_secret("陳生話CEPA幾時生效？", forms)


def test_a_single_character_is_no_secret() -> None:
    # A one-letter "name" would otherwise redact nearly every message.
    assert secret_forms(["陳", "A", " "]) == []


def rasa_row(sender: str, event: dict[str, Any]) -> dict[str, Any]:
    """A row as Rasa 3.6's SQLTrackerStore.save writes it."""
    return {
        "sender_id": sender,
        "type_name": event["event"],
        "timestamp": event["timestamp"],
        "intent_name": (event.get("parse_data") or {}).get("intent", {}).get("name"),
        "action_name": event.get("name"),
        "data": json.dumps(event),
    }


def test_the_message_that_gave_a_contact_is_redacted_whatever_its_form(tmp_path: Path) -> None:
    # Written in Chinese numerals the number does not match the slot's digits; it is still
    # the answer to "which contact?", so it goes.
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = create_engine(url)
    EVENTS.metadata.create_all(engine)
    said = "我電話係陸陸壹貳叁肆伍陸"
    events = [
        {"event": "session_started", "timestamp": 1.0},
        {"event": "user", "timestamp": 2.0, "text": said, "parse_data": {"text": said}},
        {"event": "slot", "timestamp": 3.0, "name": "contact_detail", "value": "66123456"},
        {"event": "slot", "timestamp": 4.0, "name": "handoff_question", "value": None},
    ]
    with engine.begin() as connection:
        connection.execute(insert(EVENTS), [rasa_row("tg:42", e) for e in events])
    engine.dispose()

    assert redact_handoff(url, "tg:42", []) == 2
    engine = create_engine(url)
    with engine.connect() as connection:
        stored = [json.loads(d) for d in connection.scalars(select(EVENTS.c.data))]
    engine.dispose()
    assert stored[1]["text"] == stored[1]["parse_data"]["text"] == REDACTED
    assert stored[2]["value"] == REDACTED
    assert stored[3]["value"] is None  # a cleared slot stays cleared
    assert redact_handoff(url, "tg:42", []) == 0


def test_a_withdrawal_takes_back_everything_the_conversation_wrote(tmp_path: Path) -> None:
    """p14-006, p14-040: after a withdrawal the phone typed in Chinese numerals (rejected as a
    contact) and the name typed at the consent question stayed in the stored conversation."""
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = create_engine(url)
    EVENTS.metadata.create_all(engine)
    events = [
        {"event": "user", "timestamp": 1.0, "text": "六六 一二 三四五六",
         "parse_data": {"text": "六六 一二 三四五六", "intent": {"name": "inform"},
                        "entities": [{"entity": "number", "value": "六六"}]}},
        {"event": "bot", "timestamp": 2.0, "text": "這不像電話號碼：六六 一二 三四五六"},
        {"event": "user", "timestamp": 3.0, "text": "张伟", "parse_data": {"text": "张伟"}},
        {"event": "slot", "timestamp": 4.0, "name": "handoff_question", "value": "CEPA幾時生效"},
        {"event": "slot", "timestamp": 4.5, "name": "last_unanswered_question",
         "value": "關於CEPA原產地證明嘅問題"},
        {"event": "action", "timestamp": 5.0, "name": "action_listen"},
    ]  # fmt: skip
    with engine.begin() as connection:
        connection.execute(insert(EVENTS), [rasa_row("web:p14", e) for e in events])
        connection.execute(insert(EVENTS), [rasa_row("web:other", events[0])])
    engine.dispose()

    assert redact_conversation(url, "web:p14") == 5
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(select(EVENTS.c.sender_id, EVENTS.c.data)).all()
    engine.dispose()
    mine = [json.loads(d) for sender, d in rows if sender == "web:p14"]
    stored = json.dumps(mine, ensure_ascii=False)
    for said in ("六六", "张伟", "CEPA幾時生效", "原產地"):
        assert said not in stored
    assert mine[0]["parse_data"]["intent"] == {"name": "inform"}  # the dialogue goes on
    assert mine[0]["parse_data"]["entities"] == []
    assert mine[5] == events[5]
    other = [json.loads(d) for sender, d in rows if sender == "web:other"]
    assert other[0]["text"] == "六六 一二 三四五六"  # another conversation is untouched
    assert redact_conversation(url, "web:p14") == 0


def test_the_slots_holding_the_users_words_are_the_domains() -> None:
    slots = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["slots"]
    assert set(USER_TEXT_SLOTS) <= set(slots)


# --- the command -----------------------------------------------------------------------------


def test_command_prints_the_report(
    db: sessionmaker[Session], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The command reads the real clock.
    for number, days in enumerate((200, 31, 29), start=1):
        add_ticket(db, number, dt.timedelta(days=days), now=utcnow())
    url = f"sqlite:///{tmp_path / 'cepa.db'}"  # the `db` fixture's file
    tracker = f"sqlite:///{tmp_path / 'none.db'}"
    assert main(["purge", "--days", "30", "--dry-run", "--database-url", url,
                 "--tracker-url", tracker]) == 0  # fmt: skip
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("UTC (dry run)")
    assert "tickets to delete: 2" in out
    assert "tracker events: none (no events table)" in out
    assert len(references(db)) == 3


def run_command(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.retention", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_command_in_a_real_process(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cepa.db'}"
    db = project_db(url)
    add_ticket(db, 1, dt.timedelta(days=400), now=utcnow())
    add_ticket(db, 2, dt.timedelta(minutes=5), now=utcnow())

    done = run_command(
        "purge", DATABASE_URL=url, TRACKER_DATABASE_URL=f"sqlite:///{tmp_path / 't.db'}"
    )
    assert done.returncode == 0, done.stderr
    assert "tickets deleted: 1" in done.stdout
    assert references(db) == ["CEPA-20260101-0002"]

    bad = run_command("purge", DATABASE_URL=url, RETENTION_DAYS="ninety")
    assert bad.returncode == 2
    assert "RETENTION_DAYS='ninety' must be a whole number" in bad.stderr


# --- the loop --------------------------------------------------------------------------------


def test_loop_purges_at_start_and_again_and_survives_a_failure(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = project_db(f"sqlite:///{tmp_path / 'cepa.db'}")
    calls = 0

    def factory() -> sessionmaker[Session]:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("database unreachable")
        return db

    async def scenario() -> None:
        # The loop reads the real clock.
        add_ticket(db, 1, dt.timedelta(days=200), now=utcnow())
        task = asyncio.create_task(run_retention(factory, None, DAYS, interval_seconds=0.05))
        while references(db):  # purged once at start
            await asyncio.sleep(0.01)
        assert calls == 1
        add_ticket(db, 2, dt.timedelta(days=200), now=utcnow())
        while calls < 3 or references(db):
            await asyncio.sleep(0.02)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    with caplog.at_level(logging.INFO, logger="bot.retention"):
        asyncio.run(asyncio.wait_for(scenario(), timeout=30))
    assert "retention purge failed" in caplog.text  # the second round, logged, then a third
    assert "tickets deleted: 1" in caplog.text


def test_loop_refuses_a_zero_interval(db: sessionmaker[Session]) -> None:
    with pytest.raises(ValueError, match="interval"):
        asyncio.run(run_retention(lambda: db, None, DAYS, interval_seconds=0))
