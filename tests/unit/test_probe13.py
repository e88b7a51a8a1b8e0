"""The thirteenth probe (2026-12-07, on this session's fixes): its severity-5 turns, in the users'
words (transcripts p13-NNN)."""

from __future__ import annotations

import pytest

from actions.parsing import declines_name, parse_name
from actions.repayment_slots import read_slots


@pytest.mark.parametrize("text", ["不提供", "none", "N/A", "唔提供", "Ninguém"])
def test_declining_the_name_in_one_word_is_no_name(text: str) -> None:
    """p13-021 「不提供」 and p13-029 "none" at "What is your name?" were stored as the name."""
    assert declines_name(text) and parse_name(text) is None


@pytest.mark.parametrize("text", ["Nina", "Noel", "陳大文", "Pascal"])
def test_names_that_start_like_a_refusal_stay_names(text: str) -> None:
    assert not declines_name(text) and parse_name(text) == text


@pytest.mark.parametrize(
    ("text", "requested", "expected"),
    [("冇俾人取消過", "grant_cancelled", {"grant_cancelled": False}),  # p13-023 turn 8
     ("唔係，仲有成十幾期。冇俾人取消過。未調整過", "is_last_installment",  # p13-023 turn 3
      {"grant_cancelled": False, "adjustments_used": 0, "is_last_installment": False}),
     ("被取消咗", "grant_cancelled", {"grant_cancelled": True}),
     ("得返最後一期未還", "is_last_installment", {"is_last_installment": True})],
)  # fmt: skip
def test_never_cancelled_by_anyone_is_not_cancelled(
    text: str, requested: str, expected: dict[str, object]
) -> None:
    """p13-023, p13-032: 「冇俾人取消過」 ("nobody ever cancelled it") was read as cancelled (its
    冇俾 taken for "not paid") and the case ruled out for a cancelled grant."""
    assert read_slots(text, requested, "deny")[0] == expected
