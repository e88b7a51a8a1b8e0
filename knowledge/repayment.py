"""The aid-repayment adjustment rules of article 8, as a pure function.

Source (经济局推出“调整各项援助计划的还款”措施): beneficiaries of the three schemes who have not
finished repaying may have their most recent unpaid instalment lowered to MOP 1,000, the balance
spread evenly over the remaining repayment period; only repayments up to 31 December 2020; at most
two applications to adjust per beneficiary; not for the last instalment or a cancelled grant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

COVERED_SCHEMES = frozenset({"sme_aid", "young_entrepreneurs_aid", "typhoon_hato_special_aid"})
# The chat's "one of them, I don't know which": the three share one set of rules, so a case is
# checked by them and the answer says it holds for those schemes only (never decided as another
# scheme: p14-028). To `decide` it is a scheme like any other string; callers map it first.
UNKNOWN_SCHEME = "unknown"
ADJUSTED_INSTALMENT = Decimal("1000.00")
# The limit as the newsletter words it: it counts applications («可申请…两次», "may apply … at
# most twice"), so `Case.adjustments_used` is the applications made, a rejected one included (the
# chat counts one told of, p16-016); whether a rejected application counts the newsletter does not
# say, and the chat says so (`repayment.rejected_*`).
ADJUSTMENT_LIMIT_RULE = "每间受惠企业最多可申请调整还款两次"
MAX_ADJUSTMENTS = 2
LAST_DUE_DATE = dt.date(2020, 12, 31)
CENT = Decimal("0.01")

# Input bounds (not rules of the measure): anything beyond them is a typo or an attack, and is
# refused before any arithmetic. One source for the HTTP API and the chat form.
MAX_INSTALMENT_AMOUNT = Decimal("100000000")  # MOP 100 million
MAX_REMAINING_INSTALMENTS = 600  # 50 years of monthly instalments
MAX_ADJUSTMENTS_USED = 100


def measure_open(today: dt.date) -> bool:
    """Whether a business could still apply on `today` (the rules themselves never expire)."""
    return today <= LAST_DUE_DATE


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
    adjustments_used: int  # applications to adjust already made (ADJUSTMENT_LIMIT_RULE)
    repayment_completed: bool = False
    installment_amount: Decimal | None = None
    remaining_installments_after: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.adjustments_used <= MAX_ADJUSTMENTS_USED:
            raise ValueError(f"adjustments_used must be 0..{MAX_ADJUSTMENTS_USED}")
        if self.installment_amount is not None and not (
            0 < self.installment_amount <= MAX_INSTALMENT_AMOUNT
        ):
            raise ValueError(f"installment_amount must be > 0 and <= {MAX_INSTALMENT_AMOUNT}")
        if self.remaining_installments_after is not None and not (
            1 <= self.remaining_installments_after <= MAX_REMAINING_INSTALMENTS
        ):
            raise ValueError(f"remaining_installments_after must be 1..{MAX_REMAINING_INSTALMENTS}")


# The knowledge-base entry that states each rule: a decision cites what decided it (a cancelled
# grant cites who cannot adjust, not the measure's overview; blind18). The first such entry answers
# "can we still adjust?" as the question would be answered without the check.
OVERVIEW_ENTRY = "sme-repayment-overview"
AMOUNT_ENTRY = "sme-repayment-amount"
RULE_ENTRIES: dict[str, str] = {
    "scheme_not_covered": "sme-repayment-schemes",
    "repayment_completed": OVERVIEW_ENTRY,
    "last_installment": "sme-repayment-eligibility",
    "grant_cancelled": "sme-repayment-eligibility",
    "adjustment_limit_reached": "sme-repayment-eligibility",
    "outside_period": "sme-repayment-deadline",
    "installment_not_above_minimum": AMOUNT_ENTRY,
}


@dataclass(frozen=True)
class Decision:
    eligible: bool
    reason_codes: tuple[str, ...]
    adjusted_installment: Decimal | None = None
    deferred_amount: Decimal | None = None
    # How the deferred amount is spread over the later instalments (None: count not given).
    spread: Spread | None = None

    @property
    def cited_entries(self) -> tuple[str, ...]:
        """The entries stating what decided the case, first the rule checked first; the overview
        for a case that only meets the conditions, the amounts' entry when they were worked out."""
        if self.reason_codes:
            cited = [RULE_ENTRIES[code] for code in self.reason_codes]
        else:
            cited = [AMOUNT_ENTRY] if self.adjusted_installment is not None else []
        return tuple(dict.fromkeys([*cited, OVERVIEW_ENTRY]))

    @property
    def later_increases(self) -> tuple[Decimal, ...]:
        """Increase of each later instalment, in order; sums exactly to deferred_amount."""
        return self.spread.shares() if self.spread else ()

    @property
    def later_installment_increase(self) -> Decimal | None:
        """The increase of a later instalment (the first ones carry any extra cent)."""
        return self.spread.first if self.spread else None


@dataclass(frozen=True)
class Spread:
    """`parts` shares in cents: the first `extra` are `base + 1`, the rest `base` (O(1) to build)."""

    base: int
    extra: int
    parts: int

    @property
    def first(self) -> Decimal:
        return (Decimal(self.base + (self.extra > 0)) * CENT).quantize(CENT)

    def shares(self) -> tuple[Decimal, ...]:
        return tuple(
            (Decimal(self.base + (i < self.extra)) * CENT).quantize(CENT) for i in range(self.parts)
        )


def spread_of(amount: Decimal, parts: int) -> Spread:
    cents = int((amount / CENT).to_integral_value(rounding=ROUND_HALF_UP))
    base, extra = divmod(cents, parts)
    return Spread(base, extra, parts)


def spread_evenly(amount: Decimal, parts: int) -> tuple[Decimal, ...]:
    """`amount` in `parts` instalments differing by at most one cent, summing exactly to it."""
    return spread_of(amount, parts).shares()


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
    spread = (
        spread_of(deferred, case.remaining_installments_after)
        if case.remaining_installments_after
        else None
    )
    return Decision(True, (), ADJUSTED_INSTALMENT, deferred, spread)
