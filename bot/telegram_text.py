"""What the Telegram channel says and how replies are shaped for Telegram (pure functions): the
channel's own sentences, HTML, length limits, callback data."""

from __future__ import annotations

import hashlib
import html

from bot.chat import ReplyOut
from bot.formatting import telegram_html
from knowledge.language import LANGS, Lang, lang_or_default
from knowledge.messages import text

MAX_TEXT = 4096  # Telegram's limit for one message
MAX_CALLBACK_DATA = 64  # bytes
# The cancel button every form question offers (actions/forms.py STOP_PAYLOAD): `/cancel` sends
# it when the latest question offered it.
STOP_PAYLOAD = '/deny{"answer_to":"stop"}'
# Callback data that stands for a payload too long to travel itself (bot/telegram_state.py).
KEY_PREFIX = "k:"
LANG_PREFIX = "lang:"  # the /lang keyboard's buttons: `lang:<code>`


def say(key: str, lang: str, **values: object) -> str:
    """The channel's own sentence `telegram.<key>` of the message catalogue (knowledge/messages/)."""
    return text(f"telegram.{key}", lang_or_default(lang), **values)


# Each language by its own name (the /lang keyboard).
LANG_NAMES: dict[Lang, str] = {lang: text("telegram.lang_name", lang) for lang in LANGS}


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
    """The payload itself when it fits in callback data (and cannot be taken for a key or a
    language button), else a short key for it, the same on every replica."""
    if len(payload.encode()) <= MAX_CALLBACK_DATA and not payload.startswith(
        (KEY_PREFIX, LANG_PREFIX)
    ):
        return payload
    return KEY_PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:24]


def is_callback_key(data: str) -> bool:
    """Whether callback data is a key for a stored payload rather than the payload itself."""
    return data.startswith(KEY_PREFIX)
