"""Telegram-specific shaping of replies (pure functions): length limits and callback data."""

from __future__ import annotations

import hashlib

MAX_TEXT = 4096  # Telegram's limit for one message
MAX_CALLBACK_DATA = 64  # bytes


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Pieces of at most `limit` characters, cut at paragraph, then line, then space breaks."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        if cut < limit // 2:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest.strip() or not pieces:
        pieces.append(rest)
    return pieces


def callback_data(payload: str) -> str:
    """The payload itself when it fits in callback data, else a short stable key for it."""
    if len(payload.encode()) <= MAX_CALLBACK_DATA:
        return payload
    return "k:" + hashlib.sha256(payload.encode()).hexdigest()[:24]
