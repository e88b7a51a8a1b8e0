"""End to end, the sixteenth probe (2026-12-08): personal data after a ticket and after a hand-off
that ended without one, in the users' own words (transcripts p16-NNN).

1. A withdrawal after a ticket, however it is worded, withdraws it (ticket, e-mail, tracker);
   a question about one's data does not.
2. One detail of a filed ticket to change or delete: the user hears that it cannot be edited here
   and what can be done; no new hand-off begins, and the ticket is not said to be gone.
4. After a withdrawal, the conversation's turn records keep no text, and "was my name deleted
   too?" is answered.
5. A hand-off cancelled at the question step keeps nothing typed inside it, a refused e-mail
   too, and "do you still have my e-mail?" is answered truthfully.

Real gateway, Rasa and action-server processes, asked through `/api/chat`; the project database
is read as staff would see it, and Rasa's tracker store as it lies on disk.
"""

from __future__ import annotations

import time
import uuid

import pytest
from sqlalchemy import func, select

from bot.stack import Stack
from console.models import TurnRecord
from console.recording import conversation_key
from handoff.privacy import WITHDRAWN_KEYS
from knowledge.language import LANGS
from knowledge.messages import text as message
from tests.e2e.test_handoff_probe15 import (
    TICKETS,
    assert_not_stored,
    db,
    file_ticket,
    say,
    ticket_row,
    tracker_text,
)

pytestmark = pytest.mark.e2e


def withdrawn(said: str, lang: str, reference: str) -> bool:
    return any(message(key, lang, reference=reference) in said for key in WITHDRAWN_KEYS)


# --- 1. withdrawals after a ticket ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("withdrawal", "lang"),
    [
        ("咁算，幫我cancel咗張單佢，啲資料唔好留低", "zh-Hant"),  # 006-9
        ("經考慮後，本人決定撤銷上述查詢，並要求貴局刪除本人所提交之姓名及電郵地址。", "zh-Hant"),  # 015-12
        ("喂sorry呀，我諗清楚咗唔使你哋覆喇，唔好再搵我，我啲資料洗咗佢啦", "zh-Hant"),  # 019-8
        ("Ja que me mandam ligar para o numero que nao atende... pensei melhor, retirem a "
         "reclamacao e nao guardem o meu email.", "pt"),  # 031-8
        ("Nao percebeu? Apaguem o meu email e o meu nome!", "pt"),  # 031-9
        ("咁樣，成張單撤回咗佢先，我自己打電話", "zh-Hant"),  # 034-9
        ("领导说先不用了，麻烦把这个咨询单注销掉，邮箱也别留", "zh-Hans"),  # 040-8
    ],
)  # fmt: skip
def test_p16_a_withdrawal_after_a_ticket_in_the_users_words(
    stack: Stack, withdrawal: str, lang: str
) -> None:
    sender = uuid.uuid4().hex
    reference = file_ticket(stack, sender, lang)
    said = say(stack, sender, withdrawal, lang)
    assert withdrawn(said, lang, reference), said
    status, name, contact, _email = ticket_row(stack, reference)
    assert status == "withdrawn", status
    assert TICKETS[lang][2] not in name + contact and TICKETS[lang][3] not in contact
    # nor the tracker store: what was given, and the withdrawing message itself
    assert_not_stored(tracker_text(stack, sender), TICKETS[lang][2], TICKETS[lang][3], withdrawal)


def test_p16_a_question_about_ones_data_after_a_ticket_withdraws_nothing(stack: Stack) -> None:
    sender, lang = uuid.uuid4().hex, "zh-Hant"
    reference = file_ticket(stack, sender, lang)
    said = say(stack, sender, "你哋會保留我資料幾耐？", lang)
    assert message("handoff.withdraw_here", lang, reference=reference) in said, said
    assert ticket_row(stack, reference)[0] == "open"


# --- 2. one detail of a filed ticket ------------------------------------------------------------


def test_p16_005_deleting_the_wechat_id_only_starts_no_hand_off_and_keeps_no_pretence(
    stack: Stack,
) -> None:
    """005-11 started a new hand-off's consent; 005-12 then got 「明白，不会收集你的资料」 while
    the ticket held the WeChat ID."""
    sender, lang = uuid.uuid4().hex, "zh-Hans"
    reference = file_ticket(stack, sender, lang)
    cannot = message("handoff.cannot_edit", lang, reference=reference)
    said = say(stack, sender, "请把我的微信号删掉，手机号可以留着，问题照样跟进", lang)
    assert cannot in said, said
    assert message("handoff.privacy_notice", lang) not in said
    said = say(stack, sender, "不是，我已经提交过了，我只是要删微信号", lang)
    assert cannot in said, said
    assert message("handoff.declined", lang) not in said
    assert ticket_row(stack, reference)[0] == "open"
    said = say(stack, sender, "所以微信号到底删了没有？", lang)
    assert message("handoff.withdrawal_not_done", lang, reference=reference) in said, said


def test_p16_034_a_wrong_phone_on_a_filed_ticket(stack: Stack) -> None:
    """034-7 was offered a new hand-off, 034-8 got "not sure"; 034-9 only worked as 「撤回同意」."""
    sender, lang = uuid.uuid4().hex, "zh-Hant"
    reference = file_ticket(stack, sender, lang)
    cannot = message("handoff.cannot_edit", lang, reference=reference)
    for typed in (
        "啊唔好意思，我打錯電話，應該係6612-3465，幫我改一改",
        f"我已經轉咗喇，編號{reference}，我只係想改電話",
    ):
        said = say(stack, sender, typed, lang)
        assert cannot in said, said
        assert message("handoff.privacy_notice", lang) not in said
    assert ticket_row(stack, reference)[:3] == ("open", TICKETS[lang][2], "+853 66123456")
    said = say(stack, sender, "咁樣，成張單撤回咗佢先，我自己打電話", lang)
    assert withdrawn(said, lang, reference), said
    assert ticket_row(stack, reference)[0] == "withdrawn"


# --- 3./4. after a withdrawal -----------------------------------------------------------------------


def records(stack: Stack, sender: str, at_least: int) -> list[str | None]:
    """The conversation's turn records once `at_least` are written (off the request path)."""
    key = conversation_key(f"api:{sender}")
    deadline = time.monotonic() + 30
    while True:
        with db(stack)() as session:
            count = session.scalar(
                select(func.count()).select_from(TurnRecord).where(TurnRecord.conversation == key)
            )
            if count >= at_least or time.monotonic() > deadline:
                return list(
                    session.scalars(
                        select(TurnRecord.text)
                        .where(TurnRecord.conversation == key)
                        .order_by(TurnRecord.id)
                    )
                )
        time.sleep(0.2)


def test_p16_010_13_after_the_withdrawal_the_name_question_is_answered_and_not_kept(
    stack: Stack,
) -> None:
    """010-13: «e o nome Sofia Ribeiro que escrevi antes, tambem foi apagado?» got "not sure" and
    was kept unmasked in the staff console's turn records."""
    sender, lang = uuid.uuid4().hex, "pt"
    reference = file_ticket(stack, sender, lang)
    said = say(
        stack,
        sender,
        "Afinal ja liguei e resolvi. Podem esquecer o meu numero e cancelar o pedido",
        lang,
    )
    assert withdrawn(said, lang, reference), said
    asked = "e o nome Sofia Ribeiro que escrevi antes, tambem foi apagado?"
    said = say(stack, sender, asked, lang)
    assert message("handoff.data_withdrawn", lang, reference=reference) in said, said
    # and an unanswered question after it keeps no text either
    say(stack, sender, "O meu nome é Sofia Ribeiro, quem é o director da DSE?", lang)
    turns = len(TICKETS[lang]) + 3
    stored = records(stack, sender, turns)
    assert len(stored) >= turns and all(text is None for text in stored), stored


# --- 5. a hand-off cancelled without a ticket -------------------------------------------------------


def test_p16_026_a_cancelled_hand_off_keeps_no_e_mail_refused_or_not(stack: Stack) -> None:
    """026-7: 「唉算數，寫嚟都冇用，取消佢啦」 at the question step: the tracker kept the user event
    "wongtai2020 at yahoo dot com dot hk"; 026-8 then got "still cannot answer"."""
    sender, lang = uuid.uuid4().hex, "zh-Hant"
    said = say(stack, sender, "我唔係問問題，我係投訴！搵個負責人出嚟", lang)
    assert message("handoff.privacy_notice", lang) in said, said
    say(stack, sender, "得，同意", lang)
    said = say(stack, sender, "黃太", lang)
    assert message("handoff.question.contact_detail", lang) in said, said
    said = say(stack, sender, "wongtai2020 at yahoo dot com dot hk", lang)
    assert any(message("handoff.contact_hint", other) in said for other in LANGS), said
    said = say(stack, sender, "wongtai2020@yahoo.com.hk 呀", lang)
    assert message("handoff.question.handoff_question", lang) in said, said
    said = say(stack, sender, "唉算數，寫嚟都冇用，取消佢啦", lang)
    assert message("handoff.declined", lang) in said, said
    assert_not_stored(tracker_text(stack, sender), "wongtai2020", "黃太")
    said = say(stack, sender, "咁頭先我打咗個email地址，你哋仲有冇留住？", lang)
    assert message("handoff.ended_deleted", lang) in said, said
