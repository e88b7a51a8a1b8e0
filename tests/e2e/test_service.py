"""End to end: the real action server, Rasa and gateway processes, asked through `/api/chat`."""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.stack import Stack
from tests.helpers import Inbox, chat, text_of

pytestmark = pytest.mark.e2e


def test_health_is_ok_with_every_part_up(stack: Stack) -> None:
    response = httpx.get(stack.gateway_url + "/healthz", timeout=10)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "rasa": True, "actions": True, "knowledge": True}


def test_cantonese_question_about_repayment_gets_the_adjusted_instalment(stack: Stack) -> None:
    reply = chat(stack, "我想了解調整援助計劃還款嘅措施")
    assert "1,000澳門元" in text_of(reply)
    assert reply["sources"] and reply["sources"][0]["id"].startswith("sme-repayment")
    assert reply["intent"]["name"] in ("ask_sme_repayment", "check_repayment_eligibility")
    assert 0.0 < reply["intent"]["confidence"] <= 1.0
    assert reply["lang"] == "zh-Hant"
    assert reply["handoff_offered"] is False
    assert reply["replies"][0]["buttons"], "related questions are offered as buttons"


@pytest.mark.parametrize(
    ("message", "fact", "lang"),
    [
        ("修订CEPA服务贸易协议什么时候实施？", "2020年6月1日", "zh-Hans"),
        ("CEPA 服務貿易協議 national treatment 有 幾多個 部門？", "69", "zh-Hant"),
        ("When does the revised CEPA services agreement take effect?", "1 June 2020", "en"),
        ("Para quanto é reduzida a prestação do plano de apoio?", "1.000 patacas", "pt"),
    ],
)
def test_questions_in_each_language_get_the_fact_in_that_language(
    stack: Stack, message: str, fact: str, lang: str
) -> None:
    reply = chat(stack, message)
    assert fact in text_of(reply)
    assert reply["lang"] == lang
    assert reply["sources"]


def test_button_payload_opens_that_entry(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    first = chat(stack, "我想了解調整援助計劃還款嘅措施", sender)
    button = next(
        b for b in first["replies"][0]["buttons"] if "sme-repayment-amount" in b["payload"]
    )
    second = chat(stack, button["payload"], sender)
    assert [s["id"] for s in second["sources"]] == ["sme-repayment-amount"]
    assert second["lang"] == "zh-Hant"  # a click keeps the conversation's language


def test_out_of_scope_gets_no_answer_but_a_handoff_offer(stack: Stack) -> None:
    reply = chat(stack, "今日天氣點樣？")
    assert reply["sources"] == []
    assert reply["handoff_offered"] is True
    assert any(b["payload"] == "/request_human" for r in reply["replies"] for b in r["buttons"])


def test_greeting_in_english_is_answered_in_english(stack: Stack) -> None:
    reply = chat(stack, "hello")
    assert reply["intent"]["name"] == "greet"
    assert "CEPA enquiry assistant" in text_of(reply)
    assert reply["sources"] == []


def test_conversations_are_kept_in_the_sqlite_tracker_store(stack: Stack) -> None:
    chat(stack, "你好")
    assert (Path(stack.var_dir) / "rasa" / "tracker.db").stat().st_size > 0


def test_bad_input_is_rejected_and_the_service_keeps_working(stack: Stack) -> None:
    response = httpx.post(
        stack.gateway_url + "/api/chat", json={"sender": "x", "message": " "}, timeout=10
    )
    assert response.status_code == 422
    assert "message" in response.json()["error"]
    assert chat(stack, "hello")["replies"]


def test_eligibility_from_one_message_with_every_fact(stack: Stack) -> None:
    reply = chat(
        stack,
        "幫我check下可唔可以調整還款：中小企業援助計劃，2020年5月到期，唔係最後一期，"
        "援助冇被取消，之前調整過一次，每期12000，之後仲有3期",
    )
    text = text_of(reply)
    # The measure ended on 2020-12-31: that comes first, before any amount.
    assert text.startswith(
        "按當時的規定，你的情況符合調整還款的條件；但此措施只適用於2020年12月31日前的還款，現已結束，不能再申請。"
    )
    assert "1,000.00澳門元" in text and "11,000.00澳門元" in text and "3,666.67澳門元" in text
    assert "2020年12月31日" in text
    # the amounts' rule first (1,000 and the rest spread evenly), then the measure
    assert [s["id"] for s in reply["sources"]] == ["sme-repayment-amount", "sme-repayment-overview"]


def test_eligibility_facts_one_by_one_agree_with_the_api(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    chat(stack, "Can my company adjust its aid repayment?", sender)
    # Ruled out after "twice": the amounts are not asked for.
    for answer in ["Young Entrepreneurs Aid Scheme", "June 2020", "no", "no", "twice"]:
        reply = chat(stack, answer, sender)
    text = text_of(reply)
    assert "would not have met the conditions" in text
    assert "it has ended" in text
    assert "at most twice" in text
    api = httpx.post(
        stack.gateway_url + "/api/eligibility",
        json={"scheme": "young_entrepreneurs_aid", "installment_due_date": "2020-06-30",
              "is_last_installment": False, "grant_cancelled": False, "adjustments_used": 2,
              "installment_amount": 8000, "remaining_installments_after": 5},
        timeout=10,
    ).json()  # fmt: skip
    assert api["eligible"] is False and api["reason_codes"] == ["adjustment_limit_reached"]


def test_eligibility_several_reasons_at_once(stack: Stack) -> None:
    reply = chat(
        stack,
        "我想查下可唔可以調整還款。天鴿特別援助計劃，2021年3月到期，係最後一期，援助已被取消，調整過兩次",
    )
    text = text_of(reply)
    if "每期" not in text and "不符合" not in text:  # the form may still ask for the amount
        reply = chat(stack, "唔知", reply["sender"])
        reply = chat(stack, "唔知", reply["sender"])
        text = text_of(reply)
    assert "不符合調整還款的條件" in text and "現已結束，不能再申請" in text
    for reason in ["最後一期", "取消援助批給", "兩次", "2020年12月31日前"]:
        assert reason in text


def test_invalid_answer_is_asked_again_with_a_hint_and_the_form_can_be_stopped(
    stack: Stack,
) -> None:
    sender = uuid.uuid4().hex
    chat(stack, "我想check下我間公司可唔可以調整還款", sender)
    chat(stack, "中小企業援助計劃", sender)
    reply = chat(stack, "遲啲先", sender)
    assert "未能理解" in text_of(reply) and "到期" in text_of(reply)
    reply = chat(stack, "算啦唔查喇", sender)
    assert "已停止" in text_of(reply)
    assert "CEPA" in text_of(chat(stack, "CEPA服務貿易協議幾時實施？", sender))


def test_a_question_in_the_middle_of_the_form_is_answered_then_the_form_resumes(
    stack: Stack,
) -> None:
    sender = uuid.uuid4().hex
    chat(stack, "Can my company adjust its aid repayment?", sender)
    reply = chat(stack, "When does the revised CEPA services agreement take effect?", sender)
    text = text_of(reply)
    assert "1 June 2020" in text
    assert "Which aid scheme" in text


def test_two_unanswered_questions_in_a_row_end_in_a_staff_offer(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    first = chat(stack, "今日天氣點樣？", sender)
    second = chat(stack, "邊度有好嘢食？", sender)
    assert first["handoff_offered"] and second["handoff_offered"]
    assert "仍然未能解答" in text_of(second)
    third = chat(stack, "CEPA服務貿易協議幾時實施？", sender)
    assert third["sources"]  # an answer resets the count
    assert "仍然未能解答" not in text_of(chat(stack, "今日天氣點樣？", sender))


def test_eligible_case_step_by_step_in_portuguese(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    chat(stack, "A minha empresa pode ajustar o reembolso do plano de apoio?", sender)
    for answer in ["Plano de Apoio a Pequenas e Médias Empresas", "Maio de 2020", "não", "não",
                   "nunca", "2500 patacas", "3"]:  # fmt: skip
        reply = chat(stack, answer, sender)
    text = text_of(reply)
    assert text.startswith("Segundo as regras então em vigor, o seu caso reuniria as condições")
    assert "já terminou e não é possível candidatar-se agora" in text
    assert "1 000,00 patacas" in text and "1 500,00 patacas" in text and "500,00 patacas" in text
    assert reply["lang"] == "pt"


def test_hand_off_to_staff_ends_in_an_email_with_reference_question_and_transcript(
    stack: Stack, smtp: tuple[Inbox, int]
) -> None:
    inbox, _port = smtp
    sender = uuid.uuid4().hex
    first = chat(stack, "CEPA原產地證書點申請？", sender)
    assert first["handoff_offered"]
    consent = chat(stack, "我想搵職員跟進", sender)
    assert "個人資料保護法" in text_of(consent)
    assert "請問怎樣稱呼你" in text_of(chat(stack, "同意", sender))
    assert "電郵地址或電話號碼" in text_of(chat(stack, "陳大文", sender))
    retry = chat(stack, "abc", sender)
    assert "未能識別" in text_of(retry)
    asked = chat(stack, "dawen.chan@example.com", sender)
    assert "CEPA原產地證書點申請？" in text_of(asked)  # the unanswered question is offered
    done = chat(stack, "係", sender)
    reference = re.search(r"CEPA-\d{8}-\d{4}", text_of(done))
    assert reference, text_of(done)
    assert done["lang"] == "zh-Hant"

    deadline = time.monotonic() + 30
    mails: list[Any] = []
    while time.monotonic() < deadline and not mails:
        mails = [m for m in inbox.messages if reference.group() in m["Subject"]]
        time.sleep(0.5)
    assert mails, "the ticket e-mail did not reach the SMTP server"
    body = mails[0].get_payload(decode=True).decode()
    assert "dawen.chan@example.com" in body and "陳大文" in body
    assert "Question:\n> CEPA原產地證書點申請？" in body
    assert "> user: 我想搵職員跟進" in body and "Channel: api" in body

    status = httpx.get(
        stack.gateway_url + "/admin/tickets",
        headers={"authorization": "Bearer test-admin-token"},
        timeout=10,
    ).json()
    row = next(t for t in status["tickets"] if t["reference"] == reference.group())
    assert row["email_status"] == "sent"
    assert httpx.get(stack.gateway_url + "/admin/tickets", timeout=10).status_code == 401


def test_declining_consent_collects_nothing_and_gives_the_hotline(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    chat(stack, "I want to talk to a person", sender)
    reply = chat(stack, "No, I don't agree", sender)
    assert "none of your details will be collected" in text_of(reply)
    assert "85972343" in text_of(reply) and "info@cepa.gov.mo" in text_of(reply)
