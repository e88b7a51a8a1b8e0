"""The staff hand-off in the words of the fifteenth probe's users left over for the sixteenth
session (p15-NNN) and of the sixteenth probe's (p16-NNN): a contact typed again at the question
step is nobody's question. No process runs: trackers are built here."""

from __future__ import annotations

import pytest

from actions.handoff_form import AskQuestion
from actions.parsing import only_contact, parse_contact
from knowledge.messages import text as message
from tests.unit.test_handoff_probe12 import form_turn

OFFERED = "我想搵職員傾下，我間公司想用CEPA喺橫琴開分店，要準備啲咩文件"
NOTED = {"handoff_consent": True, "contact_name": "陳生", "contact_detail": "+853 62887711"}


@pytest.mark.parametrize(
    ("typed", "contact"),
    [("62887711", "+853 62887711"),  # p15-006: filed as ticket 0001's question
     ("電話係六二八八 七七一一", "+853 62887711"),
     ("聯絡電話：六六八八九九零零", "+853 66889900"),  # p15-015
     ("my email is jon@example.com", "jon@example.com"),
     ("ok: jon.doe@gmail.com", "jon.doe@gmail.com")],
)  # fmt: skip
def test_a_message_that_is_only_a_contact_is_read_as_one(typed: str, contact: str) -> None:
    assert parse_contact(typed) == contact
    assert only_contact(typed) == contact


@pytest.mark.parametrize(
    "typed",
    ["我叫陳大文 66123456", "66123456 想問原產地證書點申請", "actually fine, lets do it",
     "二〇二〇年五月到期", "我有一千二百萬"],
)  # fmt: skip
def test_a_message_with_more_than_a_contact_is_not_only_one(typed: str) -> None:
    assert only_contact(typed) is None


def test_p15_006_a_contact_typed_again_at_the_question_is_no_question() -> None:
    """p15-006: 「62887711」 at 「是否跟進你剛才的問題：「…」？」 was filed as the question of
    ticket CEPA-20261207-0001. It is asked again, the question offered kept."""
    slots, said = form_turn(
        "62887711", "handoff_question", {**NOTED, "last_unanswered_question": OFFERED}
    )
    assert slots["handoff_question"] is None
    assert slots["handoff_hint"] == "handoff_question"
    assert "contact_detail" not in slots  # the same number: nothing to correct
    assert said == []


def test_a_different_contact_at_the_question_corrects_the_one_noted() -> None:
    slots, _ = form_turn(
        "66123456", "handoff_question", {**NOTED, "last_unanswered_question": OFFERED}
    )
    assert slots["contact_detail"] == "+853 66123456"
    assert slots["handoff_question"] is None


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans", "en", "pt"])
def test_the_question_asked_again_says_why(lang: str) -> None:
    assert AskQuestion().hint(lang) == message("handoff.question_hint", lang)


def test_a_real_question_at_the_question_step_is_still_the_question() -> None:
    slots, _ = form_turn("橫琴開分店要咩文件？", "handoff_question", NOTED)
    assert slots["handoff_question"] == "橫琴開分店要咩文件？"
