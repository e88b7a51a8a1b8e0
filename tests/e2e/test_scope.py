"""End to end (issue 8, item 5): "What is CEPA?" is answered from the newsletter, and requests
outside the assistant's topics get the scope sentence and an offer of staff, not the consent form.

Real action server, Rasa and gateway processes, asked through `/api/chat`."""

from __future__ import annotations

import re
import uuid

import pytest

from bot.stack import Stack
from tests.helpers import chat, text_of

pytestmark = pytest.mark.e2e

HANDOFF_PAYLOAD = "/request_human"
# Words of the privacy notice that opens the staff consent form, in every language.
PRIVACY_NOTICE = re.compile("個人資料保護法|个人资料保护法|Personal Data Protection|Dados Pessoais")
# What the scope sentence says, per language: it names the topics the assistant covers.
SCOPE = {
    "zh-Hant": [
        "CEPA服務貿易協議",
        "粵港澳大灣區",
        "調整各項援助計劃的還款",
        "金伯利進程",
        "CITES",
    ],
    "zh-Hans": [
        "CEPA服务贸易协议",
        "粤港澳大湾区",
        "调整各项援助计划的还款",
        "金伯利进程",
        "CITES",
    ],
    "en": ["CEPA Agreement on Trade in Services", "Greater Bay Area", "Kimberley Process", "CITES"],
}


@pytest.mark.parametrize(
    ("message", "lang", "fact"),
    [
        (
            "What is CEPA?",
            "en",
            "trade in goods between the Mainland and Macao is fully liberalised",
        ),
        ("CEPA係咩嚟㗎？", "zh-Hant", "貨物貿易領域已全面實現自由化"),
        ("CEPA是什么", "zh-Hans", "货物贸易领域已全面实现自由化"),
        ("甚麼是CEPA", "zh-Hant", "服務貿易領域基本實現自由化"),
        ("O que é o CEPA?", "pt", "o comércio de mercadorias entre o Interior da China e Macau"),
    ],
)
def test_what_is_cepa_gets_the_overview_in_the_users_language(
    stack: Stack, message: str, lang: str, fact: str
) -> None:
    reply = chat(stack, message)
    assert [s["id"] for s in reply["sources"]] == ["cepa-overview"], text_of(reply)
    assert reply["lang"] == lang
    assert fact in text_of(reply)
    assert reply["handoff_offered"] is False


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("我想投訴…", "zh-Hant"),
        ("我想問下聽日天氣", "zh-Hant"),
        ("Who do I call about a parking ticket?", "en"),
        ("I want to complain about a shop", "en"),
        ("我要投诉这家餐厅", "zh-Hans"),
    ],
)
def test_out_of_scope_gets_the_scope_sentence_and_an_offer_of_staff(
    stack: Stack, message: str, lang: str
) -> None:
    reply = chat(stack, message)
    text = text_of(reply)
    for topic in SCOPE[lang]:
        assert topic in text, (topic, text)
    assert reply["handoff_offered"] is True
    assert reply["sources"] == []
    assert reply["lang"] == lang
    assert not PRIVACY_NOTICE.search(text), "the consent form must wait for the user to accept"
    buttons = [b["payload"] for r in reply["replies"] for b in r["buttons"]]
    assert HANDOFF_PAYLOAD in buttons


def test_the_consent_form_starts_when_the_user_clicks_the_staff_button(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    first = chat(stack, "我想投訴…", sender)
    assert not PRIVACY_NOTICE.search(text_of(first))
    staff = next(
        b for r in first["replies"] for b in r["buttons"] if b["payload"] == HANDOFF_PAYLOAD
    )
    accepted = chat(stack, staff["payload"], sender)
    assert PRIVACY_NOTICE.search(text_of(accepted)), text_of(accepted)


def test_the_consent_form_starts_when_the_user_asks_for_a_person(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    first = chat(stack, "I want to complain about a shop", sender)
    assert not PRIVACY_NOTICE.search(text_of(first))
    accepted = chat(stack, "I want to speak to a human", sender)
    assert PRIVACY_NOTICE.search(text_of(accepted)), text_of(accepted)
