"""Shared-secret checks for every internal and staff API (stdlib only: Rasa's venv imports it too)."""

from __future__ import annotations

import hmac
import secrets

BEARER = "Bearer "


def bearer_matches(header: str | None, token: str | None) -> bool:
    """True only for exactly `Bearer <token>`; compared in constant time on ASCII bytes.

    A missing scheme, another scheme, a non-ASCII value or an unset token never matches (and
    never raises: `compare_digest` on non-ASCII str would).
    """
    if not header or not header.startswith(BEARER):
        return False
    return secret_matches(header[len(BEARER) :], token)


def secret_matches(given: str | None, expected: str | None) -> bool:
    """Constant-time equality of two ASCII secrets; anything else (unset, non-ASCII) is False."""
    if not given or not expected:
        return False
    try:
        return hmac.compare_digest(given.encode("ascii"), expected.encode("ascii"))
    except UnicodeEncodeError:
        return False


def new_token() -> str:
    """A fresh 256-bit secret for a process pair that was started without one configured."""
    return secrets.token_urlsafe(32)
