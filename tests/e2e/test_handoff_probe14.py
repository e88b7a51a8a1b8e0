"""End to end, the fourteenth probe (2026-12-07): the staff hand-off and personal data, in the
users' own words (transcripts p14-NNN).

Real gateway, Rasa and action-server processes, asked through `/api/chat`, with the real SMTP
server of the session; the project database is read as staff would see it.
"""

from __future__ import annotations

import json
import time
import uuid

import pytest
from sqlalchemy import select

from bot.db import sessions
from bot.retention import EVENTS
from bot.stack import Stack
from console.models import TurnRecord
from console.recording import conversation_key
from handoff.models import Ticket
from knowledge.messages import text as message
from tests.helpers import chat, text_of

pytestmark = pytest.mark.e2e


def say(stack: Stack, sender: str, typed: str, lang: str) -> str:
    return text_of(chat(stack, typed, sender, lang=lang))


def db(stack: Stack):  # type: ignore[no-untyped-def]
    return sessions(f"sqlite:///{stack.var_dir / 'cepa.db'}")


def test_p14_006_a_withdrawal_leaves_nothing_the_user_typed(stack: Stack) -> None:
    """p14-006: the phone typed as 「六六 一二 三四五六」 stayed in the withdrawn ticket's
    transcript and e-mail; now it is read as the phone, and the withdrawal keeps nothing."""
    sender, lang = uuid.uuid4().hex, "zh-Hant"
    assert message("handoff.privacy_notice", lang) in say(
        stack, sender, "我想搵個真人職員傾下，關於CEPA原產地證明嘅問題", lang
    )
    say(stack, sender, "OK啦得", lang)
    assert message("handoff.question.contact_detail", lang) in say(stack, sender, "蝙蝠俠", lang)
    said = say(stack, sender, "六六 一二 三四五六", lang)
    assert message("handoff.contact_hint", lang) not in said, said
    reply = chat(stack, "係", sender, lang=lang)
    references = [r["ticket"] for r in reply["replies"] if r.get("ticket")]
    assert references, text_of(reply)
    said = say(stack, sender, "好，咁我啲資料你哋會keep幾耐？", lang)
    assert "90" in said and references[0] in said, said
    said = say(stack, sender, "算啦 我唔想你哋keep住我啲資料喇，刪咗佢", lang)
    assert references[0] in said, said
    with db(stack)() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.reference == references[0])).one()
        body = ticket.email.body
        assert ticket.status == "withdrawn"
        for typed in ("六六 一二 三四五六", "蝙蝠俠", "66123456", "原產地"):
            assert typed not in ticket.transcript + ticket.question + body, typed
    # nor does the conversation Rasa stored (it kept every message until the retention purge)
    with sessions(f"sqlite:///{stack.var_dir / 'rasa' / 'tracker.db'}")() as session:
        stored = "".join(
            session.scalars(select(EVENTS.c.data).where(EVENTS.c.sender_id == f"api:{sender}"))
        )
    assert stored, "the conversation was stored"
    for typed in ("六六 一二 三四五六", "蝙蝠俠", "原產地"):
        assert json.dumps(typed)[1:-1] not in stored and typed not in stored, typed


def test_p14_031_a_declined_name_can_be_given_after_all_and_is_never_stored(
    stack: Stack,
) -> None:
    """p14-031: «Prefiro não dizer o meu nome» ended the hand-off, "Maria" then got "still
    cannot answer" and was stored unmasked in the turn records."""
    sender, lang = uuid.uuid4().hex, "pt"
    said = say(stack, sender, "Preciso de um humano", lang)
    assert message("handoff.privacy_notice", lang) in said, said
    say(stack, sender, "sim", lang)
    said = say(stack, sender, "Prefiro não dizer o meu nome", lang)
    assert message("handoff.name_alias", lang) in said, said
    said = say(stack, sender, "Maria", lang)
    assert message("handoff.question.contact_detail", lang) in said, said
    time.sleep(1)  # the turn records are written off the request path
    with db(stack)() as session:
        stored = session.scalars(
            select(TurnRecord.text).where(
                TurnRecord.conversation == conversation_key(f"api:{sender}")
            )
        ).all()
    assert "Maria" not in " ".join(t for t in stored if t), stored


@pytest.mark.parametrize(
    ("typed", "lang"),
    [
        ("你好，我想咨询一下内地企业能不能享受CEPA的优惠，能转人工吗", "zh-Hans"),  # 040-1
        ("我想轉介俾職員問下CEPA點樣申請做澳門服務提供者", "zh-Hant"),  # 034-1
        ("Olá, queria falar com alguém da DSE sobre o certificado de origem CEPA", "pt"),  # 010-1
    ],
)
def test_p14_explicit_requests_for_staff_start_the_hand_off(
    stack: Stack, typed: str, lang: str
) -> None:
    said = say(stack, uuid.uuid4().hex, typed, lang)
    assert message("handoff.privacy_notice", lang) in said, said


def test_p14_040_a_mainland_mobile_and_a_question_at_the_contact_step(stack: Stack) -> None:
    """p14-040: 「13812345678」 was refused, and the question typed next swallowed."""
    sender, lang = uuid.uuid4().hex, "zh-Hans"
    say(stack, sender, "我想找工作人员跟进", lang)
    say(stack, sender, "同意", lang)
    say(stack, sender, "张伟", lang)
    question = "内地企业在澳门设公司后能否以澳门服务提供者身份进入内地市场"
    said = say(stack, sender, question, lang)
    assert message("handoff.question_noted", lang) in said, said
    said = say(stack, sender, "13812345678", lang)
    assert message("handoff.same_question", lang, question=question) in said, said
