"""A message asking several questions is read one question at a time (knowledge/service.py)."""

from __future__ import annotations

import pytest

from knowledge.service import question_parts


@pytest.mark.parametrize(
    ("message", "parts"),
    [
        # The eighth blind set of 2026-12-06 (tuning data now).
        (
            "CEPA即係咩嚟㗎？聽講服務貿易協議又改過，新版幾時開始生效？",
            ["CEPA即係咩嚟㗎", "聽講服務貿易協議又改過，新版幾時開始生效"],
        ),
        (
            "請問目前CEPA下的自由化程度如何？此外，經修訂的服務貿易協議自何日起實施？",
            ["請問目前CEPA下的自由化程度如何", "此外，經修訂的服務貿易協議自何日起實施"],
        ),
        (
            "3rd China Quality Conference - when? where?",
            ["3rd China Quality Conference - when", "where"],
        ),
    ],
)
def test_a_message_asking_several_questions_is_split(message: str, parts: list[str]) -> None:
    assert question_parts(message) == parts


@pytest.mark.parametrize(
    "message",
    [
        "What is CEPA?",
        # 還有 is "still has" here, not "and also".
        "这一期之后还有多少期还款？",
        # a part too short to be a question of its own
        "CEPA? ok?",
        "幾時簽？邊個簽？喺邊度簽？簽咗咩？",
    ],
)
def test_one_question_or_too_many_stays_whole(message: str) -> None:
    assert question_parts(message) == [message]
