"""End to end, the fifteenth probe (2026-12-07): withdrawals after a ticket in every style, and a
hand-off ended without a ticket keeping nothing, in the users' own words (transcripts p15-NNN).

Real gateway, Rasa and action-server processes, asked through `/api/chat`; the project database
is read as staff would see it, and Rasa's tracker store as it lies on disk.
"""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from bot.db import sessions
from bot.retention import EVENTS
from bot.stack import Stack
from handoff.models import Ticket
from handoff.privacy import WITHDRAWN_KEYS
from knowledge.messages import text as message
from tests.helpers import chat, text_of

pytestmark = pytest.mark.e2e


def say(stack: Stack, sender: str, typed: str, lang: str) -> str:
    return text_of(chat(stack, typed, sender, lang=lang))


def db(stack: Stack):  # type: ignore[no-untyped-def]
    return sessions(f"sqlite:///{stack.var_dir / 'cepa.db'}")


def tracker_text(stack: Stack, sender: str) -> str:
    with sessions(f"sqlite:///{stack.var_dir / 'rasa' / 'tracker.db'}")() as session:
        stored = "".join(
            session.scalars(select(EVENTS.c.data).where(EVENTS.c.sender_id == f"api:{sender}"))
        )
    assert stored, "the conversation was stored"
    return stored


def assert_not_stored(stored: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in stored and json.dumps(secret)[1:-1] not in stored, secret


# The words of a hand-off up to its ticket, in each language (consent, name, contact, question).
TICKETS = {
    "zh-Hant": ["我想搵職員", "同意", "陳大文", "66123456", "CEPA原產地證書點樣申請"],
    "zh-Hans": ["我想找工作人员", "同意", "李娜", "13912345678", "澳门企业在横琴投资能享受哪些CEPA优惠"],
    "pt": ["Pode passar a um funcionario?", "sim", "Ana", "ana.costa@macau.ctm.net",
           "A DSE cobra alguma taxa pelo certificado do Processo de Kimberley?"],
}  # fmt: skip


def file_ticket(stack: Stack, sender: str, lang: str) -> str:
    for typed in TICKETS[lang][:-1]:
        say(stack, sender, typed, lang)
    reply = chat(stack, TICKETS[lang][-1], sender, lang=lang)
    references = [r["ticket"] for r in reply["replies"] if r.get("ticket")]
    assert references, text_of(reply)
    return references[0]


def ticket_row(stack: Stack, reference: str) -> tuple[str, str, str, str]:
    with db(stack)() as session:
        row = session.scalars(select(Ticket).where(Ticket.reference == reference)).one()
        return row.status, row.name, row.contact, row.email.status


@pytest.mark.parametrize(
    ("withdrawal", "lang"),
    [
        ("本人現撤回先前所作之同意，請刪除本人之個人資料。", "zh-Hant"),  # 015-8
        ("咁我而家唔想你哋有我電話，撤回啦", "zh-Hant"),  # 019-8
        (
            "espere, a pergunta esta errada. E ja nao quero que guardem os meus dados, apaguem "
            "tudo por favor",
            "pt",
        ),  # 031-13
        ("算了，我不想让你们保留我的信息了，请全部删除", "zh-Hans"),  # 040-7
    ],
)
def test_p15_a_withdrawal_after_a_ticket_in_the_users_words(
    stack: Stack, withdrawal: str, lang: str
) -> None:
    sender = uuid.uuid4().hex
    reference = file_ticket(stack, sender, lang)
    said = say(stack, sender, withdrawal, lang)
    done = [message(key, lang, reference=reference) for key in WITHDRAWN_KEYS]
    assert any(d in said for d in done), said  # (staff are told to delete it if it was sent)
    status, name, contact, _email = ticket_row(stack, reference)
    assert status == "withdrawn", status
    assert TICKETS[lang][2] not in name + contact and TICKETS[lang][3] not in contact
    assert_not_stored(tracker_text(stack, sender), TICKETS[lang][2], TICKETS[lang][3])


def test_p15_015_9_whether_the_withdrawal_was_done_is_answered_from_the_ticket(
    stack: Stack,
) -> None:
    """015-9: 「請問閣下是否已處理本人之撤回要求？」 got "still cannot answer" and the staff button."""
    sender, lang = uuid.uuid4().hex, "zh-Hant"
    reference = file_ticket(stack, sender, lang)
    asked = "請問閣下是否已處理本人之撤回要求？"
    said = say(stack, sender, asked, lang)
    assert message("handoff.withdrawal_not_done", lang, reference=reference) in said, said
    assert ticket_row(stack, reference)[0] == "open"
    say(stack, sender, "本人現撤回先前所作之同意，請刪除本人之個人資料。", lang)
    said = say(stack, sender, asked, lang)
    assert message("handoff.data_withdrawn", lang, reference=reference) in said, said


def test_p15_012_9_a_declined_consent_keeps_no_name_or_phone(stack: Stack) -> None:
    """012-9: the tracker kept 「我想找工作人员，我叫王建国，电话13800138000」 and the slots
    contact_name=王建国, contact_detail=+8613800138000 after 「明白，不会收集你的资料」."""
    sender, lang = uuid.uuid4().hex, "zh-Hans"
    said = say(stack, sender, "我想找工作人员，我叫王建国，电话13800138000", lang)
    assert message("handoff.privacy_notice", lang) in said, said
    said = say(stack, sender, "不同意，不要记录我的信息", lang)
    assert message("handoff.declined", lang) in said, said
    assert_not_stored(tracker_text(stack, sender), "王建国", "13800138000")
    # and the conversation goes on
    said = say(stack, sender, "CEPA是什么？", lang)
    assert said


def test_p15_037_12_cancel_after_the_name_keeps_no_name(stack: Stack) -> None:
    """037-12: "cancel" at the contact step after "Peter Chan": "none of your details will be
    collected", yet the tracker kept the message and the slot."""
    sender, lang = uuid.uuid4().hex, "en"
    said = say(stack, sender, "can a staff member call me about CEPA certificates of origin?", lang)
    assert message("handoff.privacy_notice", lang) in said, said
    say(stack, sender, "yes", lang)
    said = say(stack, sender, "Peter Chan", lang)
    assert message("handoff.question.contact_detail", lang) in said, said
    said = say(stack, sender, "cancel", lang)
    assert message("handoff.declined", lang) in said, said
    assert_not_stored(tracker_text(stack, sender), "Peter Chan", "Peter")
