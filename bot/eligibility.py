"""`POST /api/eligibility`: request/response shapes around knowledge.repayment (contract in DESIGN.md)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, field_validator

from bot.validation import UnicodeText
from knowledge.clock import macao_today
from knowledge.repayment import (
    LAST_DUE_DATE,
    MAX_ADJUSTMENTS_USED,
    MAX_INSTALMENT_AMOUNT,
    MAX_REMAINING_INSTALMENTS,
    Case,
    Decision,
    decide,
    measure_open,
)
from knowledge.repayment_text import reason_text


class EligibilityRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scheme: UnicodeText = Field(min_length=1, max_length=100)
    installment_due_date: dt.date
    is_last_installment: StrictBool
    grant_cancelled: StrictBool
    adjustments_used: StrictInt = Field(ge=0, le=MAX_ADJUSTMENTS_USED)
    repayment_completed: StrictBool = False
    installment_amount: float | None = Field(
        default=None, gt=0, le=float(MAX_INSTALMENT_AMOUNT), allow_inf_nan=False
    )
    remaining_installments_after: StrictInt | None = Field(
        default=None, ge=1, le=MAX_REMAINING_INSTALMENTS
    )

    @field_validator("installment_due_date", mode="before")
    @classmethod
    def _iso_date_only(cls, value: object) -> object:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError("must be a date as YYYY-MM-DD")
        return value

    def to_case(self) -> Case:
        amount = None if self.installment_amount is None else Decimal(str(self.installment_amount))
        return Case(
            scheme=self.scheme,
            installment_due_date=self.installment_due_date,
            is_last_installment=self.is_last_installment,
            grant_cancelled=self.grant_cancelled,
            adjustments_used=self.adjustments_used,
            repayment_completed=self.repayment_completed,
            installment_amount=amount,
            remaining_installments_after=self.remaining_installments_after,
        )


class EligibilityResponse(BaseModel):
    eligible: bool
    reason_codes: list[str]
    reasons: list[str]
    adjusted_installment: float | None
    deferred_amount: float | None
    later_installment_increase: float | None
    # The rules say what they would have decided; whether anyone can still apply is separate.
    measure_open: bool
    measure_closed_on: dt.date | None


def _money(value: Decimal | None) -> float | None:
    return None if value is None else float(value.quantize(Decimal("0.01")))


def to_response(decision: Decision, today: dt.date) -> EligibilityResponse:
    still_open = measure_open(today)
    return EligibilityResponse(
        eligible=decision.eligible,
        reason_codes=list(decision.reason_codes),
        reasons=[reason_text(code, "en") for code in decision.reason_codes],
        adjusted_installment=_money(decision.adjusted_installment),
        deferred_amount=_money(decision.deferred_amount),
        later_installment_increase=_money(decision.later_installment_increase),
        measure_open=still_open,
        measure_closed_on=None if still_open else LAST_DUE_DATE,
    )


def check(request: EligibilityRequest, today: dt.date | None = None) -> EligibilityResponse:
    return to_response(decide(request.to_case()), today or macao_today())
