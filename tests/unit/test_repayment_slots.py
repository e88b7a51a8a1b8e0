import pytest

from actions.repayment_slots import SKIPPED, extract, parse_scheme, wants_to_stop

ALL_AT_ONCE = [
    (
        "我係中小企業援助計劃，下期2020年5月到期，每期12000，仲有10期，之前調整過一次",
        {"scheme": "sme_aid", "installment_due_date": "2020-05-31", "installment_amount": "12000.00",
         "remaining_installments_after": 10, "adjustments_used": 1},
    ),
    (
        "My SME Aid Scheme instalment of MOP 12,000 is due in May 2020, 10 instalments remain "
        "after it, adjusted once so far",
        {"scheme": "sme_aid", "installment_due_date": "2020-05-31", "installment_amount": "12000.00",
         "remaining_installments_after": 10, "adjustments_used": 1},
    ),
    (
        "Plano de Apoio a Jovens Empreendedores, prestação de 8000 patacas em Maio de 2020, "
        "restam 5 prestações, nunca ajustei",
        {"scheme": "young_entrepreneurs_aid", "installment_due_date": "2020-05-31",
         "installment_amount": "8000.00", "remaining_installments_after": 5, "adjustments_used": 0},
    ),
    (
        "天鴿特別援助計劃 2021年3月到期 係最後一期 援助已被取消 調整過兩次",
        {"scheme": "typhoon_hato_special_aid", "installment_due_date": "2021-03-31",
         "is_last_installment": True, "grant_cancelled": True, "adjustments_used": 2},
    ),
    ("唔係最後一期，援助冇被取消", {"is_last_installment": False, "grant_cancelled": False}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "slots"), ALL_AT_ONCE)
def test_several_facts_in_one_message(text: str, slots: dict[str, object]) -> None:
    assert extract(text, None) == slots


@pytest.mark.parametrize(
    ("text", "requested", "slots"),
    [
        ("兩次", "adjustments_used", {"adjustments_used": 2}),
        ("冇", "adjustments_used", {"adjustments_used": 0}),
        ("係", "is_last_installment", {"is_last_installment": True}),
        ("no", "grant_cancelled", {"grant_cancelled": False}),
        ("澳門幣一萬", "installment_amount", {"installment_amount": "10000.00"}),
        ("10", "remaining_installments_after", {"remaining_installments_after": 10}),
        ("唔知", "installment_amount", {"installment_amount": SKIPPED}),
        ("não sei", "remaining_installments_after", {"remaining_installments_after": SKIPPED}),
        ("文化基金計劃", "scheme", {"scheme": "other"}),
        ("5/2020", "installment_due_date", {"installment_due_date": "2020-05-31"}),
    ],
)
def test_bare_answers_fill_the_requested_slot(
    text: str, requested: str, slots: dict[str, object]
) -> None:
    assert extract(text, requested) == slots


def test_bare_values_do_not_fill_other_slots() -> None:
    assert extract("係", "grant_cancelled") == {"grant_cancelled": True}
    assert extract("12000", "adjustments_used") == {"adjustments_used": 12000}
    assert extract("唔係最後一期", "grant_cancelled") == {"is_last_installment": False}
    assert extract("唔知", "scheme") == {}


def test_schemes_in_every_language() -> None:
    assert parse_scheme("青年創業援助計劃") == "young_entrepreneurs_aid"
    assert parse_scheme("SME Aid Scheme") == "sme_aid"
    assert parse_scheme("tufão Hato") == "typhoon_hato_special_aid"
    assert parse_scheme("你好") is None


@pytest.mark.parametrize("text", ["算啦唔查喇", "stop", "cancel please", "quero parar"])
def test_stop_words(text: str) -> None:
    assert wants_to_stop(text)


def test_cancelled_grant_is_not_a_stop() -> None:
    assert not wants_to_stop("my grant was cancelled")


def test_a_completed_repayment_is_heard() -> None:
    assert extract("我已經還清晒", "scheme")["repayment_completed"] is True
    assert extract("I have fully repaid the loan", None)["repayment_completed"] is True
    assert extract("未還清", None)["repayment_completed"] is False
