"""What the console reads and writes in the project database (tables: console/models.py,
handoff/models.py). Plain functions on a sessionmaker, called in worker threads."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import utcnow
from console.models import ACCEPTED, OUT_OF_SCOPE, UNANSWERED, Review, TurnRecord
from console.stats import TurnFact
from handoff.models import Ticket
from knowledge.text import normalise

RESOLVED = "resolved"


def text_key(text: str) -> str:
    """The same question whatever its script, case, spacing or punctuation."""
    squashed = "".join(ch for ch in normalise(text) if ch.isalnum())
    return hashlib.sha256(squashed.encode()).hexdigest()


@dataclass(frozen=True)
class Question:
    """One unanswered question (all its identical askings), masked."""

    key: str
    text: str
    count: int
    last_seen: dt.datetime
    lang: str


def turn_facts(sessions: sessionmaker[Session], since: dt.datetime) -> list[TurnFact]:
    with sessions() as session:
        rows = session.execute(
            select(
                TurnRecord.created_at,
                TurnRecord.conversation,
                TurnRecord.channel,
                TurnRecord.lang,
                TurnRecord.outcome,
                TurnRecord.feedback,
                TurnRecord.latency_ms,
            ).where(TurnRecord.created_at >= since)
        ).all()
    return [TurnFact(*row) for row in rows]


def reviewed_keys(session: Session) -> set[str]:
    return set(session.scalars(select(Review.text_key)).all())


def unanswered_questions(sessions: sessionmaker[Session], since: dt.datetime) -> list[Question]:
    """Questions the bot could not answer (or found out of scope) since `since`, not yet
    reviewed, most asked first."""
    with sessions() as session:
        rows = session.execute(
            select(TurnRecord.text, TurnRecord.created_at, TurnRecord.lang).where(
                TurnRecord.created_at >= since,
                TurnRecord.outcome.in_((UNANSWERED, OUT_OF_SCOPE)),
                TurnRecord.text.is_not(None),
            )
        ).all()
        done = reviewed_keys(session)
    seen: dict[str, list[tuple[str, dt.datetime, str]]] = {}
    for text, created_at, lang in rows:
        if text is None:
            continue
        key = text_key(text)
        if key not in done:
            seen.setdefault(key, []).append((text, created_at, lang))
    questions = []
    for key, askings in seen.items():
        latest = max(askings, key=lambda a: a[1])
        langs = Counter(a[2] for a in askings)
        questions.append(
            Question(key, latest[0], len(askings), latest[1], langs.most_common(1)[0][0])
        )
    return sorted(questions, key=lambda q: (-q.count, -q.last_seen.timestamp(), q.text))


def questions_by_key(sessions: sessionmaker[Session], keys: set[str]) -> list[Question]:
    since = dt.datetime(1970, 1, 1)
    return [q for q in unanswered_questions(sessions, since) if q.key in keys]


def review(
    sessions: sessionmaker[Session],
    questions: list[Question],
    decision: str,
    entry_id: str | None,
    by: str,
) -> int:
    """Record an editor's decision on these questions; returns how many were recorded."""
    with sessions() as session:
        done = reviewed_keys(session)
        fresh = [q for q in questions if q.key not in done]
        for q in fresh:
            session.add(
                Review(
                    text_key=q.key,
                    text=q.text,
                    lang=q.lang,
                    decision=decision,
                    entry_id=entry_id if decision == ACCEPTED else None,
                    decided_by=by,
                    created_at=utcnow(),
                )
            )
        session.commit()
    return len(fresh)


def accepted_phrasings(sessions: sessionmaker[Session]) -> dict[str, list[str]]:
    """Accepted phrasings by entry id (oldest first): `cepa-kb suggestions` prints them."""
    with sessions() as session:
        rows = session.execute(
            select(Review.entry_id, Review.text)
            .where(Review.decision == ACCEPTED, Review.entry_id.is_not(None))
            .order_by(Review.entry_id, Review.id)
        ).all()
    found: dict[str, list[str]] = {}
    for entry_id, text in rows:
        texts = found.setdefault(str(entry_id), [])
        if text not in texts:  # two editors may accept the same question at once
            texts.append(text)
    return found


def feedback_rows(
    sessions: sessionmaker[Session], since: dt.datetime, rating: str | None = None
) -> list[dict[str, object]]:
    """Rated answers, newest first: when, where, the entry, the rating and (for 👎) the masked
    question."""
    query = select(TurnRecord).where(
        TurnRecord.created_at >= since, TurnRecord.feedback.is_not(None)
    )
    if rating:
        query = query.where(TurnRecord.feedback == rating)
    with sessions() as session:
        records = session.scalars(query.order_by(TurnRecord.id.desc()).limit(1000)).all()
        return [
            {
                "created_at": r.created_at.isoformat(timespec="seconds") + "Z",
                "channel": r.channel,
                "lang": r.lang,
                "entry_id": r.entry_id,
                "rating": r.feedback,
                "question": r.text,
            }
            for r in records
        ]


@dataclass(frozen=True)
class TicketView:
    reference: str
    created_at: dt.datetime
    channel: str
    lang: str
    topic: str
    status: str
    question: str
    transcript: str
    name: str
    contact: str
    email_status: str | None
    attempts: int
    last_error: str | None
    sent_at: dt.datetime | None


def ticket_view(sessions: sessionmaker[Session], reference: str) -> TicketView | None:
    """One ticket in full (staff see the contact: that is what the ticket is for)."""
    with sessions() as session:
        t = session.scalars(select(Ticket).where(Ticket.reference == reference)).first()
        if t is None:
            return None
        email = t.email
        return TicketView(
            t.reference, t.created_at, t.channel, t.lang, t.topic, t.status, t.question,
            t.transcript, t.name, t.contact, email.status if email else None,
            email.attempts if email else 0, email.last_error if email else None,
            email.sent_at if email else None,
        )  # fmt: skip


def resolve_ticket(sessions: sessionmaker[Session], reference: str) -> bool:
    with sessions() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.reference == reference)).first()
        if ticket is None:
            return False
        ticket.status = RESOLVED
        session.commit()
        return True
