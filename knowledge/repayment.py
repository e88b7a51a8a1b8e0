"""The aid-repayment adjustment rules of article 8, as a pure function.

Source (经济局推出“调整各项援助计划的还款”措施): beneficiaries of the three schemes who have not
finished repaying may have their most recent unpaid instalment lowered to MOP 1,000, the balance
spread evenly over the remaining repayment period; only repayments up to 31 December 2020; at most
two adjustments per beneficiary; not for the last instalment or a cancelled grant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

COVERED_SCHEMES = frozenset({"sme_aid", "young_entrepreneurs_aid", "typhoon_hato_special_aid"})
ADJUSTED_INSTALMENT = Decimal("1000.00")
MAX_ADJUSTMENTS = 2
LAST_DUE_DATE = dt.date(2020, 12, 31)
CENT = Decimal("0.01")

# In the order a hotline officer would check them.
REASON_CODES = (
    "scheme_not_covered",
    "repayment_completed",
    "last_installment",
    "grant_cancelled",
    "adjustment_limit_reached",
    "outside_period",
    "installment_not_above_minimum",
)


@dataclass(frozen=True)
class Case:
    scheme: str
    installment_due_date: dt.date
    is_last_installment: bool
    grant_cancelled: bool
    adjustments_used: int
    repayment_completed: bool = False
    installment_amount: Decimal | None = None
    remaining_installments_after: int | None = None

    def __post_init__(self) -> None:
        if self.adjustments_used < 0:
            raise ValueError("adjustments_used must be >= 0")
        if self.installment_amount is not None and self.installment_amount <= 0:
            raise ValueError("installment_amount must be > 0")
        if self.remaining_installments_after is not None and self.remaining_installments_after < 1:
            raise ValueError("remaining_installments_after must be >= 1")


@dataclass(frozen=True)
class Decision:
    eligible: bool
    reason_codes: tuple[str, ...]
    adjusted_installment: Decimal | None = None
    deferred_amount: Decimal | None = None
    # Increase of each later instalment, in order; sums exactly to deferred_amount.
    later_increases: tuple[Decimal, ...] = field(default=())

    @property
    def later_installment_increase(self) -> Decimal | None:
        """The increase of a later instalment (the first ones carry any extra cent)."""
        return self.later_increases[0] if self.later_increases else None


def spread_evenly(amount: Decimal, parts: int) -> tuple[Decimal, ...]:
    """`amount` in `parts` instalments differing by at most one cent, summing exactly to it."""
    cents = int((amount / CENT).to_integral_value(rounding=ROUND_HALF_UP))
    base, extra = divmod(cents, parts)
    return tuple((Decimal(base + (i < extra)) * CENT).quantize(CENT) for i in range(parts))


def reasons_against(case: Case) -> tuple[str, ...]:
    checks = {
        "scheme_not_covered": case.scheme not in COVERED_SCHEMES,
        "repayment_completed": case.repayment_completed,
        "last_installment": case.is_last_installment,
        "grant_cancelled": case.grant_cancelled,
        "adjustment_limit_reached": case.adjustments_used >= MAX_ADJUSTMENTS,
        "outside_period": case.installment_due_date > LAST_DUE_DATE,
        "installment_not_above_minimum": case.installment_amount is not None
        and case.installment_amount <= ADJUSTED_INSTALMENT,
    }
    return tuple(code for code in REASON_CODES if checks[code])


def decide(case: Case) -> Decision:
    reasons = reasons_against(case)
    if reasons:
        return Decision(False, reasons)
    if case.installment_amount is None:
        return Decision(True, ())
    deferred = (case.installment_amount - ADJUSTED_INSTALMENT).quantize(CENT, ROUND_HALF_UP)
    increases = (
        spread_evenly(deferred, case.remaining_installments_after)
        if case.remaining_installments_after
        else ()
    )
    return Decision(True, (), ADJUSTED_INSTALMENT, deferred, increases)
