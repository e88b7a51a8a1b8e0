"""The chat's answer to an eligibility check, from the sentences `repayment.*` of the message
catalogue (knowledge/messages/): `repayment.reason.<code>` says what each reason code means."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from knowledge.language import Lang
from knowledge.messages import format_date, format_number, text
from knowledge.repayment import (
    COVERED_SCHEMES,
    LAST_DUE_DATE,
    UNKNOWN_SCHEME,
    Decision,
    measure_open,
)


def format_mop(amount: Decimal, lang: Lang) -> str:
    return text("money.mop", lang, amount=format_number(amount, lang, places=2))


def reason_text(code: str, lang: Lang) -> str:
    return text(f"repayment.reason.{code}", lang)


# (the measure has ended, the case is eligible) → the verdict that opens the answer.
_VERDICTS = {
    (False, True): "repayment.verdict.eligible",
    (False, False): "repayment.verdict.not_eligible",
    (True, True): "repayment.ended_verdict.eligible",
    (True, False): "repayment.ended_verdict.not_eligible",
}


def compose_decision(
    decision: Decision,
    lang: Lang,
    today: dt.date,
    due_date: dt.date | None = None,
    scheme_unknown: bool = False,
    rejected_counted: bool = False,
) -> str:
    """The officer's answer: the verdict, every reason, the new schedule, and the period.

    Once the measure has ended, the answer opens with that fact, before any amount. A case
    that qualifies with an instalment due on the measure's last day (`due_date`) is told that the
    newsletter's "before that day" leaves that very day open (p12-030). A case whose user did not
    know which of the three schemes is theirs (`scheme_unknown`) is told that the answer assumes
    one of them (p14-028). A case ruled out by the limit of applications with a rejected
    application counted (`rejected_counted`) is told that it was, and that the newsletter does
    not say whether one counts (p16-016)."""
    composed = _compose(decision, lang, today, due_date)
    if scheme_unknown:
        composed += "\n" + text("repayment.scheme_unsure_note", lang)
    if rejected_counted and "adjustment_limit_reached" in decision.reason_codes:
        composed += "\n" + text("repayment.rejected_counted_note", lang)
    return composed


def _compose(decision: Decision, lang: Lang, today: dt.date, due_date: dt.date | None) -> str:
    boundary = decision.eligible and due_date == LAST_DUE_DATE
    if not measure_open(today):
        return _compose_after_end(decision, lang, boundary)
    parts = [text(_VERDICTS[False, decision.eligible], lang)]
    parts.extend(f"• {reason_text(code, lang)}" for code in decision.reason_codes)
    if (schedule := _schedule_text(decision, lang)) is not None:
        parts.append(schedule)
    parts.append(text("repayment.period_open_note", lang))
    if boundary:
        parts.append(text("repayment.boundary_note", lang))
    return "\n".join(parts)


def _schedule_text(decision: Decision, lang: Lang) -> str | None:
    if decision.adjusted_installment is None or decision.deferred_amount is None:
        return None
    schedule = text(
        "repayment.schedule",
        lang,
        new=format_mop(decision.adjusted_installment, lang),
        deferred=format_mop(decision.deferred_amount, lang),
    )
    spread = decision.spread
    if spread is None:
        return schedule + text("repayment.schedule_end", lang)
    return schedule + text(
        "repayment.increase",
        lang,
        count=spread.parts,
        increase=format_mop(spread.first, lang),
        deferred=format_mop(decision.deferred_amount, lang),
    )


def _compose_after_end(decision: Decision, lang: Lang, boundary: bool = False) -> str:
    parts = [text(_VERDICTS[True, decision.eligible], lang)]
    parts.extend(f"• {reason_text(code, lang)}" for code in decision.reason_codes)
    if (schedule := _schedule_text(decision, lang)) is not None:
        lead = schedule if lang.startswith("zh") else schedule[0].lower() + schedule[1:]
        parts.append(text("repayment.ended_schedule_intro", lang) + lead)
    if boundary:
        parts.append(text("repayment.boundary_note", lang))
    parts.append(text("repayment.ended_contact", lang))
    return "\n".join(parts)


def compose_facts_used(facts: Mapping[str, object], lang: Lang) -> str:
    """The facts a decision used, one a line in the order given (the check's slots), each as the
    user would say it; a fact not given says so. "What date did u use for my instalment?" after
    a decision began the check again (probe 7)."""
    lines = [text("repayment.facts_used", lang)]
    lines.extend(
        f"• {text(f'repayment.fact.{name}', lang, value=_fact_value(value, lang))}"
        for name, value in facts.items()
    )
    lines.append(text("repayment.facts_used_end", lang))
    return "\n".join(lines)


def _fact_value(value: object, lang: Lang) -> str:
    if value is None:
        return text("repayment.fact.not_given", lang)
    if isinstance(value, bool):
        return text("button.yes" if value else "button.no", lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, Decimal):
        return format_mop(value, lang)
    if isinstance(value, int):
        return str(value)
    if value in COVERED_SCHEMES:
        return text(f"scheme.{value}", lang)
    if value == UNKNOWN_SCHEME:
        return text("repayment.fact.scheme_unsure", lang)
    return text("repayment.fact.other_scheme", lang)
