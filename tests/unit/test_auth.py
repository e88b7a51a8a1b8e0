"""Shared-secret checks: exactly `Bearer <token>`, ASCII only, never an exception."""

from __future__ import annotations

import pytest

from bot.auth import bearer_matches, new_token, secret_matches


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "s3cret",  # the token without the scheme was accepted before
        "bearer s3cret",
        "Bearer  s3cret",
        "Bearer s3cret ",
        "Basic s3cret",
        "Bearer s3crét",
        "Bearer 測試",
        "Bearer \udcff",
    ],
)
def test_anything_but_the_exact_bearer_token_is_refused(header: str | None) -> None:
    assert bearer_matches(header, "s3cret") is False


def test_the_exact_bearer_token_is_accepted() -> None:
    assert bearer_matches("Bearer s3cret", "s3cret") is True


def test_an_unset_token_accepts_nothing() -> None:
    assert bearer_matches("Bearer ", "") is False
    assert bearer_matches("Bearer x", None) is False
    assert secret_matches("", "") is False


def test_new_tokens_are_long_and_different() -> None:
    a, b = new_token(), new_token()
    assert a != b and len(a) >= 40 and a.isascii()
