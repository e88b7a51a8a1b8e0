"""Conversation ids are scoped by channel; ticket announcements are read from custom messages."""

from __future__ import annotations

import pytest

from bot.turns import conversation_id, tickets_in


@pytest.mark.parametrize("client_id", ["tg-42", "tg:42", "web:abc", "api:x"])
def test_a_client_id_that_looks_like_another_channel_stays_in_its_own(client_id: str) -> None:
    assert conversation_id("api", client_id) == f"api:{client_id}"
    assert conversation_id("web", client_id).startswith("web:")
    assert conversation_id("api", client_id) != "tg:42"


def test_unknown_channel_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown channel"):
        conversation_id("sms", "1")  # type: ignore[arg-type]


def test_ticket_references_come_only_from_custom_messages() -> None:
    messages = [
        {"text": "你的參考編號是 CEPA-20261129-0001"},
        {"custom": {"ticket": "CEPA-20261129-0001", "lang": "zh-Hant"}},
        {"custom": {"sources": []}},
        {"custom": "not a dict"},
    ]
    assert tickets_in(messages) == ["CEPA-20261129-0001"]
