"""action_answer_question with the real knowledge index (var/index, built by `make index`)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_question import ActionAnswerQuestion
from actions.repayment_slots import FORM
from knowledge.answer import CHECK_MY_CASE_PAYLOAD


def test_an_answer_inside_the_check_offers_no_check_my_case() -> None:
    """Pressed there, it had sent ten "still cannot answer" replies and then silenced the
    conversation; now the form takes it (tests/unit/test_repayment_slots.py), and it is not
    offered while the check runs."""

    def buttons(active_loop: dict[str, Any]) -> list[str]:
        tracker = Tracker(
            sender_id="web:test",
            slots={},
            latest_message={"text": "What is the minimum instalment?",
                            "intent": {"name": "ask_sme_repayment", "confidence": 1.0},
                            "entities": [], "metadata": {"lang": "en"}},
            events=[],
            paused=False,
            followup_action=None,
            active_loop=active_loop,
            latest_action_name="action_listen",
        )  # fmt: skip
        dispatcher = CollectingDispatcher()
        ActionAnswerQuestion().run(dispatcher, tracker, {})
        return [b["payload"] for m in dispatcher.messages for b in m.get("buttons") or []]

    assert CHECK_MY_CASE_PAYLOAD in buttons({})
    assert CHECK_MY_CASE_PAYLOAD not in buttons({"name": FORM})
