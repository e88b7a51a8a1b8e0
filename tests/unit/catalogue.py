"""Every fixed text the assistant can send, per language: the message catalogue
(knowledge/messages/, each sentence with its rule facts filled in) and the composed knowledge
replies. Shared by the zh-Hant and fidelity tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from knowledge import messages
from knowledge.answer import (
    compose_answer,
    compose_handoff,
    compose_not_sure,
    compose_out_of_scope,
    compose_plausible,
)
from knowledge.language import LANGS, Lang
from knowledge.repayment import Case, Decision, decide
from knowledge.repayment_text import compose_decision
from knowledge.schema import Entry

BEFORE_END, AFTER_END = dt.date(2020, 6, 1), dt.date(2026, 11, 29)


def catalogue(lang: Lang) -> list[tuple[str, str]]:
    """(key, sentence) of every message of the catalogue in `lang`: the facts filled in as users
    read them, the caller's placeholders left as `{name}`."""
    return [(key, messages.with_facts(key, lang)) for key in messages.catalogue()[lang]]


def decisions() -> list[Decision]:
    eligible = Case("sme_aid", dt.date(2020, 5, 31), False, False, 1, False, Decimal(12000), 3)
    refused = Case("sme_aid", dt.date(2021, 5, 31), True, False, 2)
    return [decide(eligible), decide(refused)]


def replies(entries: list[Entry], lang: Lang) -> list[tuple[str, str]]:
    """(label, text) of every composed reply: each entry's answer (during and after its period),
    its title, the plausible-band reply, not sure, out of scope, hand-off, decisions."""
    by_id = {e.id: e for e in entries}
    found = []
    for entry in entries:
        related = [by_id[r] for r in entry.related]
        for today in (BEFORE_END, AFTER_END):
            reply = compose_answer([entry], lang, today, related)
            found.append((f"{entry.id}@{today}", reply.text))
            found.extend((f"{entry.id} button", b.title) for b in reply.buttons)
        found.append((f"{entry.id} title", entry.title.get(lang)))
        found.append(
            (f"{entry.id} plausible", compose_plausible(entry, lang, AFTER_END, related).text)
        )
    for reply in (
        compose_not_sure(entries[:3], lang),
        compose_out_of_scope(lang),
        compose_handoff(lang),
    ):
        found.append(("fixed reply", reply.text))
        found.extend(("fixed button", b.title) for b in reply.buttons)
    for decision in decisions():
        for today in (BEFORE_END, AFTER_END):
            found.append((f"decision@{today}", compose_decision(decision, lang, today)))
    return found


__all__ = ["LANGS", "catalogue", "replies"]
