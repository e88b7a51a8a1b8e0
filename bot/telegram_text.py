"""Telegram-specific shaping of replies (pure functions): HTML, length limits, callback data."""

from __future__ import annotations

import hashlib
import html

from bot.chat import ReplyOut
from bot.formatting import telegram_html

MAX_TEXT = 4096  # Telegram's limit for one message
MAX_CALLBACK_DATA = 64  # bytes
# The cancel button every form question offers (actions/forms.py STOP_PAYLOAD): `/cancel` sends
# it when the latest question offered it.
STOP_PAYLOAD = '/deny{"answer_to":"stop"}'


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


def reply_html(reply: ReplyOut, base_url: str | None = None, limit: int = MAX_TEXT) -> list[str]:
    """The reply as Telegram HTML messages of at most `limit` characters: its blocks (bot/formatting)
    joined by blank lines; a block too long for one message is sent as escaped plain text pieces.
    Links to the gateway's own pages (sources) need `base_url`, else they stay text."""
    if not reply.blocks:
        return [html.escape(p, quote=False) for p in split_text(reply.text, limit)]
    messages: list[str] = []
    current = ""
    for block in reply.blocks:
        part = telegram_html(block, base_url)
        if len(part) > limit:
            plain = "".join(s.text for s in block.spans) or "\n".join(
                "".join(s.text for s in item) for item in block.items
            )
            parts = [html.escape(p, quote=False) for p in split_text(plain, limit)]
        else:
            parts = [part]
        for piece in parts:
            joined = f"{current}\n\n{piece}" if current else piece
            if len(joined) <= limit:
                current = joined
            else:
                messages.append(current)
                current = piece
    if current:
        messages.append(current)
    return messages


def callback_data(payload: str) -> str:
    """The payload itself when it fits in callback data, else a short stable key for it."""
    if len(payload.encode()) <= MAX_CALLBACK_DATA:
        return payload
    return "k:" + hashlib.sha256(payload.encode()).hexdigest()[:24]
