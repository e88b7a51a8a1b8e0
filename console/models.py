"""The console's tables on the project database (created by migrations/versions/0003).

- `turn_records`: one row per chat turn, no personal data: a pseudonymous conversation key (a
  hash), channel, language, intent, outcome, entry, feedback, latency. Only the turns the bot
  could not answer, and answers that got 👎, keep their question's text, masked before storage
  (console/masking.py).
- `staff_users`, `staff_sessions`: staff accounts (argon2 hashes, lock-out counters) and their
  server-side sessions (only a hash of the cookie's token is stored).
- `console_reviews`: what an editor decided about an unanswered question: a new phrasing for an
  entry (`accepted`, printed by `cepa-kb suggestions` for a developer to merge) or `dismissed`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, utcnow

# Turn outcomes: a knowledge answer, no answer (staff offered), out of scope, a staff ticket made,
# anything else (greetings, form steps, small talk).
ANSWERED, UNANSWERED, OUT_OF_SCOPE, HANDOFF, OTHER = (
    "answered",
    "unanswered",
    "out_of_scope",
    "handoff",
    "other",
)
OUTCOMES = (ANSWERED, UNANSWERED, OUT_OF_SCOPE, HANDOFF, OTHER)
VIEWER, EDITOR = "viewer", "editor"
ROLES = (VIEWER, EDITOR)
ACCEPTED, DISMISSED = "accepted", "dismissed"
MAX_TEXT = 2000


class TurnRecord(Base):
    __tablename__ = "turn_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    conversation: Mapped[str] = mapped_column(String(32), index=True)  # hash, not the id
    channel: Mapped[str] = mapped_column(String(8))
    lang: Mapped[str] = mapped_column(String(8))
    intent: Mapped[str] = mapped_column(String(64))
    confidence: Mapped[float] = mapped_column(Float)
    outcome: Mapped[str] = mapped_column(String(16), index=True)
    entry_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    # A hash of the answer's text: how a 👍/👎 (which names the reply's text) finds its turn.
    answer_key: Mapped[str | None] = mapped_column(String(32), nullable=True)
    handoff_offered: Mapped[bool] = mapped_column(Boolean, default=False)
    latency_ms: Mapped[int] = mapped_column(Integer)
    feedback: Mapped[str | None] = mapped_column(String(8), nullable=True)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)  # masked, see module doc


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class StaffSession(Base):
    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class Review(Base):
    __tablename__ = "console_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    text_key: Mapped[str] = mapped_column(String(64), index=True)  # question_key of the text
    text: Mapped[str] = mapped_column(Text)  # masked
    lang: Mapped[str] = mapped_column(String(8))
    decision: Mapped[str] = mapped_column(String(16))
    entry_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    decided_by: Mapped[str] = mapped_column(String(64))
