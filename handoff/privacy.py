"""What the assistant tells a user about their own data (pure): how long it is kept, and where
this conversation's ticket stands. Shared by the action server's replies; values come from the
settings (RETENTION_DAYS) and the message catalogue, never typed here."""

from __future__ import annotations

import re
from collections.abc import Iterable

from handoff.contract import REFERENCE_PATTERN
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


_REFERENCE = re.compile(REFERENCE_PATTERN.strip("^$"))


def announces_withdrawal(said: str) -> bool:
    """Whether the bot's `said` is the announcement that a ticket was withdrawn (any language,
    any reference): the gateway keeps it when it redacts the conversation (bot/retention.py),
    as the action server reads the ticket's state from it."""
    found = _REFERENCE.search(said)
    return found is not None and any(_said_for(key, said, found.group()) for key in WITHDRAWN_KEYS)


def withdrawn_in(bot_texts: Iterable[str], reference: str) -> bool:
    """Whether the bot said that `reference` was withdrawn."""
    return any(_said_for(key, said, reference) for said in bot_texts for key in WITHDRAWN_KEYS)


def declined_in(bot_texts: Iterable[str]) -> bool:
    """Whether the bot said the hand-off was declined (nothing collected; with a ticket filed
    before it, that the ticket is still kept)."""
    declined = {text("handoff.declined", lang) for lang in LANGS}
    return any(
        said in declined or _said_for("handoff.declined_ticket_kept", said, "")
        for said in bot_texts
    )


def own_data_answer(
    privacy: str,
    lang: Lang,
    retention_days: int,
    reference: str | None,
    withdrawn: bool,
    ended_deleted: bool = False,
) -> str:
    """The privacy notice, how long things are kept, and this conversation's ticket: none (so
    staff have no name or contact, and what a hand-off that ended without one was given has
    been deleted: `ended_deleted`, p16-026), withdrawn (deleted), or how to withdraw it
    (p14-006, p14-019, p14-020, p14-038, p14-040: "out of scope" or "not sure")."""
    if reference is None:
        ticket = text("handoff.ended_deleted" if ended_deleted else "handoff.no_ticket", lang)
    elif withdrawn:
        ticket = text("handoff.data_withdrawn", lang, reference=reference)
    else:
        ticket = text("handoff.withdraw_here", lang, reference=reference)
    kept = text("small_talk.retention", lang, retention_days=retention_days)
    return f"{privacy}\n\n{kept}\n\n{ticket}"
