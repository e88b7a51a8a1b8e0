import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.repayment import (
    ADJUSTED_INSTALMENT,
    COVERED_SCHEMES,
    REASON_CODES,
    RULE_ENTRIES,
    Case,
    decide,
    spread_evenly,
)
from knowledge.store import DATA_DIR, load_entries


def case(**overrides: object) -> Case:
    base: dict[str, object] = {
        "scheme": "sme_aid",
        "installment_due_date": dt.date(2020, 5, 1),
        "is_last_installment": False,
        "grant_cancelled": False,
        "adjustments_used": 0,
    }
    base.update(overrides)
    return Case(**base)  # type: ignore[arg-type]


def test_eligible_case_gets_the_adjusted_schedule() -> None:
    decision = decide(case(installment_amount=Decimal("12000"), remaining_installments_after=10))
    assert decision.eligible and decision.reason_codes == ()
    assert decision.adjusted_installment == Decimal("1000.00")
    assert decision.deferred_amount == Decimal("11000.00")
    assert decision.later_installment_increase == Decimal("1100.00")


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"scheme": "other_aid"}, "scheme_not_covered"),
        ({"repayment_completed": True}, "repayment_completed"),
        ({"is_last_installment": True}, "last_installment"),
        ({"grant_cancelled": True}, "grant_cancelled"),
        ({"adjustments_used": 2}, "adjustment_limit_reached"),
        ({"installment_due_date": dt.date(2021, 1, 1)}, "outside_period"),
        ({"installment_amount": Decimal("1000")}, "installment_not_above_minimum"),
    ],
)
def test_each_rule_alone(overrides: dict[str, object], code: str) -> None:
    decision = decide(case(**overrides))
    assert not decision.eligible
    assert decision.reason_codes == (code,)
    assert decision.adjusted_installment is None and decision.later_installment_increase is None


def test_boundaries() -> None:
    assert decide(case(installment_due_date=dt.date(2020, 12, 31))).eligible
    assert decide(case(adjustments_used=1)).eligible
    assert decide(case(installment_amount=Decimal("1000.01"))).eligible


def test_several_reasons_at_once_in_fixed_order() -> None:
    decision = decide(
        case(scheme="x", is_last_installment=True, adjustments_used=3,
             installment_due_date=dt.date(2022, 1, 1))
    )  # fmt: skip
    assert decision.reason_codes == (
        "scheme_not_covered", "last_installment", "adjustment_limit_reached", "outside_period",
    )  # fmt: skip


def test_uneven_split_loses_nothing() -> None:
    assert spread_evenly(Decimal("100.00"), 3) == (
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"adjustments_used": -1},
        {"installment_amount": Decimal(0)},
        {"remaining_installments_after": 0},
    ],
)
def test_invalid_case_is_rejected(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        case(**bad)


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10000000"), places=2)


@given(amount=amounts, parts=st.integers(min_value=1, max_value=240))
def test_spread_is_exact_and_even(amount: Decimal, parts: int) -> None:
    shares = spread_evenly(amount, parts)
    assert len(shares) == parts
    assert sum(shares) == amount
    assert max(shares) - min(shares) <= Decimal("0.01")


@given(
    scheme=st.sampled_from([*sorted(COVERED_SCHEMES), "other", ""]),
    due=st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2023, 12, 31)),
    last=st.booleans(),
    cancelled=st.booleans(),
    used=st.integers(min_value=0, max_value=5),
    completed=st.booleans(),
    amount=st.none() | amounts,
    remaining=st.none() | st.integers(min_value=1, max_value=120),
)
def test_decision_invariants(
    scheme: str, due: dt.date, last: bool, cancelled: bool, used: int, completed: bool,
    amount: Decimal | None, remaining: int | None,
) -> None:  # fmt: skip
    decision = decide(Case(scheme, due, last, cancelled, used, completed, amount, remaining))
    assert decision.eligible == (decision.reason_codes == ())
    assert list(decision.reason_codes) == [c for c in REASON_CODES if c in decision.reason_codes]
    if not decision.eligible:
        assert decision.adjusted_installment is None and decision.deferred_amount is None
        return
    assert scheme in COVERED_SCHEMES and used < 2 and due <= dt.date(2020, 12, 31)
    if amount is not None:
        assert decision.adjusted_installment == ADJUSTED_INSTALMENT
        assert decision.deferred_amount == amount - ADJUSTED_INSTALMENT
        if remaining is not None:
            assert sum(decision.later_increases) == decision.deferred_amount


# "Our grant was cancelled by the bureau, can we still ask to adjust the repayment?" (blind18) was
# answered right by the check but cited the measure's overview: each rule cites the entry stating it.
@pytest.mark.parametrize(
    ("overrides", "first", "stated"),
    [
        ({"grant_cancelled": True}, "sme-repayment-eligibility", "已被取消援助批给"),
        ({"is_last_installment": True}, "sme-repayment-eligibility", "最后一期"),
        ({"adjustments_used": 2}, "sme-repayment-eligibility", "两次"),
        ({"installment_due_date": dt.date(2021, 3, 1)}, "sme-repayment-deadline", "2020年12月31日"),
        ({"scheme": "other"}, "sme-repayment-schemes", "青年创业援助计划"),
        ({"repayment_completed": True}, "sme-repayment-overview", "尚未完成还款"),
        ({"installment_amount": Decimal("900")}, "sme-repayment-amount", "1,000澳门元"),
        ({"installment_amount": Decimal("5000")}, "sme-repayment-amount", "1,000澳门元"),
        ({}, "sme-repayment-overview", "调整各项援助计划的还款"),
    ],
)
def test_a_decision_cites_the_entry_that_states_its_rule(
    overrides: dict[str, object], first: str, stated: str
) -> None:
    cited = decide(case(**overrides)).cited_entries
    entries = {entry.id: entry for entry in load_entries(DATA_DIR)}
    assert cited[0] == first and cited[-1] == "sme-repayment-overview"
    assert stated in entries[first].answer.get("zh-Hans")


def test_every_rule_cites_an_entry_of_the_measure() -> None:
    entries = {entry.id: entry for entry in load_entries(DATA_DIR)}
    assert set(RULE_ENTRIES) == set(REASON_CODES)
    assert all(entries[entry_id].topic == "sme_repayment" for entry_id in RULE_ENTRIES.values())
