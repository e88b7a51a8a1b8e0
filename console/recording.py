"""Turn records, written off the request path (bot/turns.py calls `Recorder.record` after each turn).

A turn's outcome comes from what the gateway already knows of it (bot/chat.py's ChatResponse):
a ticket announced → `handoff`; a knowledge entry cited → `answered`; the `out_of_scope` intent
with nothing cited → `out_of_scope`; staff offered with nothing cited → `unanswered`; anything
else (greetings, form steps) → `other`. Only unanswered and out-of-scope turns keep their text,
masked (console/masking.py); an answer that gets 👎 gets its question's masked text then, from a
short in-memory memory of this gateway's recent answers, else from Rasa's shared tracker store
(the answer came from another replica, or before a restart).

What the conversation itself tells masks more (`mask_turn`): a message typed where the hand-off
asked for the name is a name, and a name or contact the conversation gave (its slots in Rasa's
tracker store, its tickets) is masked wherever it appears, in the turns before it too once a
ticket holds it ("Maria" typed after a cancelled hand-off, then given as the name, p14-031). A
withdrawal drops the texts of the conversation's records (`forget_turn_texts`), and the records
of its later turns keep none (`withdrew`).

Writes go to one background thread; a failure is logged (without the text) and forgotten, and
when the database falls far behind, records are dropped rather than queued without bound: the
chat turn never waits for, nor fails because of, its record.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.chat import ChatResponse
from bot.db import utcnow
from bot.retention import REDACTED, conversation_events, question_answered_by
from console.masking import mask, mask_turn
from console.models import (
    ANSWERED,
    HANDOFF,
    MAX_TEXT,
    OTHER,
    OUT_OF_SCOPE,
    UNANSWERED,
    TurnRecord,
)
from handoff.models import WITHDRAWN, Ticket

logger = logging.getLogger(__name__)
MAX_PENDING = 1000  # records waiting for the database; beyond this they are dropped
RECENT_ANSWERS = 5000  # questions of recent answers kept in memory for a 👎 (masked)
KEEPS_TEXT = (UNANSWERED, OUT_OF_SCOPE)


def conversation_key(conversation: str) -> str:
    """A stable pseudonym of a conversation id (counts conversations; links feedback)."""
    return hashlib.sha256(("cepa-turn:" + conversation).encode()).hexdigest()[:32]


def answer_key(text: str) -> str:
    """The widget's 👍/👎 names the answer by its text (first 2,000 characters)."""
    return hashlib.sha256(text[:2000].encode()).hexdigest()[:32]


# The hand-off's slots (actions/handoff_form.py) whose values identify the user.
NAME_SLOT, CONTACT_SLOT = "contact_name", "contact_detail"


@dataclass(frozen=True)
class Said:
    """What a conversation tells about its latest message: whether it answered the name question,
    and the names and contacts it gave."""

    answers_name: bool = False
    given: tuple[str, ...] = ()


def said_in(events: Sequence[dict[str, Any]]) -> Said:
    """From a conversation's tracker events (oldest first; the latest user event is the turn's
    message): whether the form was asking for the name when it came (the latest `requested_slot`
    before it), and the values the identity slots held at any time (pure)."""
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    asked: object = None
    for event in events[: users[-1]] if users else []:
        if event.get("event") == "slot" and event.get("name") == "requested_slot":
            asked = event.get("value")
        elif event.get("event") == "active_loop" and not event.get("name"):
            asked = None  # the form ended
    given = [
        str(e["value"])
        for e in events
        if e.get("event") == "slot"
        and e.get("name") in (NAME_SLOT, CONTACT_SLOT)
        and e.get("value") not in (None, REDACTED)
    ]
    return Said(asked == NAME_SLOT, tuple(dict.fromkeys(given)))


def ticket_details(session: Session, conversation: str) -> list[str]:
    """The names and contacts of the tickets conversation `conversation` filed (withdrawn ones
    hold none)."""
    rows = session.execute(
        select(Ticket.name, Ticket.contact).where(Ticket.sender == conversation)
    ).all()
    return [value for row in rows for value in row if value and value != "[withdrawn]"]


def withdrew(session: Session, conversation: str) -> bool:
    """Whether conversation `conversation` withdrew a ticket: from then on its turn records keep
    no text, masked or not (p16-010: «e o nome Sofia Ribeiro que escrevi antes, tambem foi
    apagado?» after the withdrawal was kept unmasked, the name gone from what masking knew)."""
    found = session.scalar(
        select(Ticket.id).where(Ticket.sender == conversation, Ticket.status == WITHDRAWN).limit(1)
    )
    return found is not None


def forget_turn_texts(session: Session, conversation: str) -> int:
    """Drop the texts of conversation `conversation`'s turn records, in the caller's transaction
    (a withdrawal: the user took back what the conversation gave); the counts stay."""
    result = session.execute(
        update(TurnRecord)
        .where(TurnRecord.conversation == conversation_key(conversation))
        .where(TurnRecord.text.is_not(None))
        .values(text=None)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


@dataclass(frozen=True)
class Classified:
    outcome: str
    entry_id: str | None
    answer_key: str | None


def classify(reply: ChatResponse) -> Classified:
    """What became of a turn, from its shaped reply (pure)."""
    answer = next((r for r in reply.replies if r.kind == "answer"), None)
    key = answer_key(answer.text) if answer else None
    if any(r.ticket for r in reply.replies):
        return Classified(HANDOFF, None, None)
    if reply.sources:
        return Classified(ANSWERED, reply.sources[0].id, key)
    # Only a reply that offers staff answered the message as a question. A form that took the
    # message as its answer (a bare name or contact reads as `out_of_scope` to the NLU, and no
    # masking can tell "Wong Ka Ho" from a question) asks its next question instead: `other`,
    # and its text is never kept.
    if not reply.handoff_offered:
        return Classified(OTHER, None, None)
    if reply.intent.name == "out_of_scope":
        return Classified(OUT_OF_SCOPE, None, None)
    return Classified(UNANSWERED, None, None)


class Recorder:
    def __init__(
        self, sessions: Callable[[], sessionmaker[Session]], tracker_url: str | None = None
    ) -> None:
        self._sessions = sessions
        # Rasa's shared tracker store: where a 👎 finds its question when another replica (or
        # this one before a restart) gave the answer.
        self._tracker_url = tracker_url
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="turn-records")
        self._pending = 0
        self._lock = threading.Lock()
        self._recent: OrderedDict[tuple[str, str], str] = OrderedDict()

    def _submit(self, job: Callable[[], None]) -> None:
        with self._lock:
            if self._pending >= MAX_PENDING:
                logger.warning("turn record dropped: %s waiting for the database", self._pending)
                return
            self._pending += 1

        def run() -> None:
            try:
                job()
            except Exception as exc:
                logger.warning("turn record not written: %s", type(exc).__name__)
            finally:
                with self._lock:
                    self._pending -= 1

        self._executor.submit(run)

    def record(
        self, channel: str, conversation: str, message: str, reply: ChatResponse, seconds: float
    ) -> None:
        """Queue the record of one turn; returns at once."""
        now = utcnow()
        self._submit(lambda: self._write(now, channel, conversation, message, reply, seconds))

    def feedback(self, conversation: str, rating: str, reply_text: str) -> None:
        """Queue a 👍/👎 onto the turn whose answer it rates; returns at once."""
        self._submit(lambda: self._rate(conversation, rating, reply_text))

    def flush(self) -> None:
        """Wait until everything queued so far is written (tests, shutdown)."""
        self._executor.submit(lambda: None).result()

    def close(self) -> None:
        self._executor.shutdown(wait=True)

    def _write(
        self,
        now: object,
        channel: str,
        conversation: str,
        message: str,
        reply: ChatResponse,
        seconds: float,
    ) -> None:
        kind = classify(reply)
        key = conversation_key(conversation)
        with self._sessions()() as session:
            text: str | None = mask(message)[:MAX_TEXT]
            if kind.outcome in KEEPS_TEXT and withdrew(session, conversation):
                text = None  # consent withdrawn: nothing this conversation writes is kept
            elif kind.outcome in KEEPS_TEXT:
                # (only the turns that keep their text read the tracker store: they are few)
                said = self._said(session, conversation)
                text = mask_turn(message, said.given, answers_name=said.answers_name)[:MAX_TEXT]
            if kind.outcome == HANDOFF:
                # The ticket holds a name and contact now: earlier turns that typed them, before
                # the form asked ("Maria" after a cancelled hand-off), are masked too.
                self._mask_earlier(session, key, ticket_details(session, conversation))
            if kind.answer_key and text is not None:  # (a 👎 checks `withdrew` itself)
                with self._lock:
                    self._recent[(key, kind.answer_key)] = text
                    self._recent.move_to_end((key, kind.answer_key))
                    while len(self._recent) > RECENT_ANSWERS:
                        self._recent.popitem(last=False)
            session.add(
                TurnRecord(
                    created_at=now,
                    conversation=key,
                    channel=channel[:8],
                    lang=reply.lang[:8],
                    intent=reply.intent.name[:64],
                    confidence=float(reply.intent.confidence),
                    outcome=kind.outcome,
                    entry_id=kind.entry_id,
                    answer_key=kind.answer_key,
                    handoff_offered=reply.handoff_offered,
                    latency_ms=round(seconds * 1000),
                    text=text if kind.outcome in KEEPS_TEXT else None,
                )
            )
            session.commit()

    def _said(self, session: Session, conversation: str) -> Said:
        """What the conversation tells about the turn (Rasa has stored it by now), with the
        names and contacts of its tickets (its slots are redacted once a ticket holds them)."""
        said = Said()
        if self._tracker_url:
            said = said_in(conversation_events(self._tracker_url, conversation))
        given = (*said.given, *ticket_details(session, conversation))
        return Said(said.answers_name, tuple(dict.fromkeys(given)))

    @staticmethod
    def _mask_earlier(session: Session, key: str, given: Sequence[str]) -> None:
        if not given:
            return
        records = session.scalars(
            select(TurnRecord).where(TurnRecord.conversation == key, TurnRecord.text.is_not(None))
        ).all()
        for record in records:
            if record.text is not None:
                record.text = mask_turn(record.text, given)

    def _rate(self, conversation: str, rating: str, reply_text: str) -> None:
        key, answer = conversation_key(conversation), answer_key(reply_text)
        with self._sessions()() as session:
            record = session.scalars(
                select(TurnRecord)
                .where(TurnRecord.conversation == key, TurnRecord.answer_key == answer)
                .order_by(TurnRecord.id.desc())
                .limit(1)
            ).first()
            if record is None:
                return
            record.feedback = rating
            if rating == "down" and withdrew(session, conversation):
                record.text = None  # consent withdrawn: its question is not kept either
            elif rating == "down":
                with self._lock:
                    text = self._recent.get((key, answer))
                if text is None and self._tracker_url:
                    question = question_answered_by(self._tracker_url, conversation, reply_text)
                    text = mask(question)[:MAX_TEXT] if question else None
                record.text = text or record.text
            elif record.outcome not in KEEPS_TEXT:
                record.text = None  # 👎 changed to 👍: the question is not kept
            session.commit()
