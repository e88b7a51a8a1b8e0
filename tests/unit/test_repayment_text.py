"""The chat's decision text: after 31 December 2020 it opens with the measure having ended."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from knowledge.language import LANGS, Lang
from knowledge.repayment import MAX_ADJUSTMENTS, Case, decide
from knowledge.repayment_text import compose_decision

ELIGIBLE = Case("sme_aid", dt.date(2020, 5, 31), False, False, 1, False, Decimal("12000"), 3)
RULED_OUT = Case("sme_aid", dt.date(2020, 5, 31), True, False, MAX_ADJUSTMENTS)
TODAY = dt.date(2026, 11, 29)


def test_eligible_case_today_says_the_measure_ended_before_any_amount() -> None:
    text = compose_decision(decide(ELIGIBLE), "zh-Hant", TODAY)
    first = text.splitlines()[0]
    assert first == (
        "按當時的規定，你的情況符合調整還款的條件；"
        "但此措施只適用於2020年12月31日前的還款，現已結束，不能再申請。"
    )
    assert "澳門元" not in first
    assert "3,666.67澳門元" in text  # the calculation is still shown, as what it would have been


@pytest.mark.parametrize("lang", LANGS)
def test_no_language_tells_a_business_today_that_it_qualifies(lang: Lang) -> None:
    for case in (ELIGIBLE, RULED_OUT):
        first = compose_decision(decide(case), lang, TODAY).splitlines()[0]
        assert any(
            ended in first for ended in ("現已結束", "现已结束", "it has ended", "já terminou")
        ), first
        for claim in ("符合申請調整還款的條件", "meets the conditions", "reúne as condições"):
            assert claim not in first


def test_while_the_measure_was_open_the_verdict_came_first() -> None:
    text = compose_decision(decide(ELIGIBLE), "en", dt.date(2020, 6, 1))
    assert text.startswith("Based on what you told me, your enterprise meets the conditions")
    assert "has ended" not in text


def test_ruled_out_today_lists_every_reason_after_the_end_notice() -> None:
    lines = compose_decision(decide(RULED_OUT), "en", TODAY).splitlines()
    assert lines[0].startswith("The measure only covered repayments due by 31 December 2020")
    assert "It does not apply to the last instalment." in lines[1]
    assert any("at most twice" in line for line in lines)
