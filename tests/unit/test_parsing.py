import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actions.parsing import chinese_number, parse_amount, parse_count, parse_due_date, parse_yes_no


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("12,000", "12000"), ("MOP12000", "12000"), ("MOP 12,000", "12000"), ("澳門幣一萬", "10000"),
        ("一萬二千", "12000"), ("每期一萬二", "12000"), ("1.2萬", "12000"), ("12k", "12000"),
        ("$8,500.50", "8500.50"), ("八千蚊", "8000"), ("三千五", "3500"), ("每期 9999 patacas", "9999"),
    ],
)  # fmt: skip
def test_amounts(text: str, amount: str) -> None:
    assert parse_amount(text) == Decimal(amount)


def test_no_amount() -> None:
    assert parse_amount("唔知") is None


@pytest.mark.parametrize(
    ("text", "count"),
    [("兩次", 2), ("一次", 1), ("冇", 0), ("未調整過", 0), ("twice", 2), ("once", 1), ("2", 2),
     ("duas vezes", 2), ("nunca", 0), ("仲有十期", 10), ("三十六期", 36)],
)  # fmt: skip
def test_counts(text: str, count: int) -> None:
    assert parse_count(text) == count


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2020年5月", dt.date(2020, 5, 31)), ("5/2020", dt.date(2020, 5, 31)),
        ("2020-05-15", dt.date(2020, 5, 15)), ("15/5/2020", dt.date(2020, 5, 15)),
        ("May 2020", dt.date(2020, 5, 31)), ("Maio de 2020", dt.date(2020, 5, 31)),
        ("2020年12月31日", dt.date(2020, 12, 31)), ("20 de Dezembro de 2020", dt.date(2020, 12, 20)),
        ("due on 3 March 2021", dt.date(2021, 3, 3)),
    ],
)  # fmt: skip
def test_dates(text: str, day: dt.date) -> None:
    assert parse_due_date(text) == day


@pytest.mark.parametrize("text", ["2020年13月", "31/2/2020", "下個禮拜", "soon"])
def test_invalid_or_missing_dates(text: str) -> None:
    assert parse_due_date(text) is None


@pytest.mark.parametrize(
    ("text", "answer"),
    [("係", True), ("是的", True), ("yes", True), ("sim", True), ("有", True), ("是最后一期", True),
     ("唔係", False), ("no", False), ("não", False), ("冇", False), ("唔係最後一期", False),
     ("not the last one", False), ("唔知", False), ("maybe", None)],
)  # fmt: skip
def test_yes_no(text: str, answer: bool | None) -> None:
    assert parse_yes_no(text) == answer


def to_chinese(n: int) -> str:
    """Standard written form: 10500 → 一万零五百, 1005 → 一千零五, 12 → 一十二."""
    digits = "零一二三四五六七八九"
    out, pending_zero = [], False
    for value, unit in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            if pending_zero:
                out.append("零")
            out.append(digits[d] + unit)
            pending_zero = False
        elif out:
            pending_zero = True
    return "".join(out)


@given(st.integers(min_value=1, max_value=99999))
def test_chinese_numerals_in_standard_form(n: int) -> None:
    assert chinese_number(to_chinese(n)) == n


@pytest.mark.parametrize(
    ("text", "n"),
    [("一万二", 12000), ("三千五", 3500), ("十二", 12), ("两", 2), ("一千零五", 1005)],
)
def test_colloquial_chinese_numerals(text: str, n: int) -> None:
    assert chinese_number(text) == n


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("我嘅電郵係 Chan.TaiMan@Example.com", "chan.taiman@example.com"),
        ("66123456", "+853 66123456"),
        ("+853 2888 1234", "+853 28881234"),
        ("call me on +86 138 0013 8000", "+8613800138000"),
        ("1234", None),
        ("abc@", None),
        ("唔想講", None),
    ],
)
def test_contacts(text: str, contact: str | None) -> None:
    from actions.parsing import parse_contact

    assert parse_contact(text) == contact
