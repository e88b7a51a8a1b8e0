"""👍/👎 feedback from the web widget."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session, sessionmaker

from bot.db import Feedback
from bot.validation import UnicodeText


class FeedbackRequest(BaseModel):
    sender: UnicodeText = Field(min_length=1, max_length=128)
    reply_id: UnicodeText = Field(min_length=1, max_length=64)
    rating: Literal["up", "down"]
    reply_text: UnicodeText = Field(default="", max_length=2000)


def store_feedback(sessions: sessionmaker[Session], request: FeedbackRequest) -> None:
    with sessions() as session:
        session.add(Feedback(**request.model_dump()))
        session.commit()
