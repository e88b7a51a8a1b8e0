"""What the assistant tells a user about their own data (pure): how long it is kept, and where
this conversation's ticket stands. Shared by the action server's replies; values come from the
settings (RETENTION_DAYS) and the message catalogue, never typed here."""

from __future__ import annotations

from collections.abc import Iterable

from knowledge.language import LANGS, Lang
from knowledge.messages import text

WITHDRAWN_KEYS = ("handoff.withdrawn", "handoff.withdrawn_notified")
_MARK = "\x00"


def _said_for(key: str, said: str, reference: str) -> bool:
    """Whether `said` is sentence `key` (any language) naming `reference`."""
    for lang in LANGS:
        before = text(key, lang, reference=_MARK).split(_MARK)[0]
        if said.startswith(before) and reference in said:
            return True
    return False


def withdrawn_in(bot_texts: Iterable[str], reference: str) -> bool:
    """Whether the bot said that `reference` was withdrawn."""
    return any(_said_for(key, said, reference) for said in bot_texts for key in WITHDRAWN_KEYS)


def declined_in(bot_texts: Iterable[str]) -> bool:
    """Whether the bot said the hand-off was declined (nothing collected)."""
    declined = {text("handoff.declined", lang) for lang in LANGS}
    return any(said in declined for said in bot_texts)


def own_data_answer(
    privacy: str, lang: Lang, retention_days: int, reference: str | None, withdrawn: bool
) -> str:
    """The privacy notice, how long things are kept, and this conversation's ticket: none (so
    staff have no name or contact), withdrawn (deleted), or how to withdraw it (p14-006,
    p14-019, p14-020, p14-038, p14-040: "out of scope" or "not sure")."""
    if reference is None:
        ticket = text("handoff.no_ticket", lang)
    elif withdrawn:
        ticket = text("handoff.data_withdrawn", lang, reference=reference)
    else:
        ticket = text("handoff.withdraw_here", lang, reference=reference)
    kept = text("small_talk.retention", lang, retention_days=retention_days)
    return f"{privacy}\n\n{kept}\n\n{ticket}"
