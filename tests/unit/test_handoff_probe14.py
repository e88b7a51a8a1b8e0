"""The staff hand-off and personal data, in the words of the fourteenth probe's users (p14-NNN).

Withdrawal and the staff console's turn records on a migrated SQLite database (and a tracker store
as Rasa lays it out); the parsers of actions/parsing/contacts.py and the slots the hand-off form
sets for a message at a step (actions/handoff_form.py), with no process running.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from actions.conversation import LAST_UNANSWERED
from actions.parsing import (
    asks_about_own_data,
    comes_back,
    names_its_subject,
    only_acknowledges,
    parse_name,
    parse_phone,
    split_contact_message,
    wants_staff,
)
from bot.chat import ChatResponse, IntentOut, ReplyOut
from console.masking import mask_turn
from console.models import TurnRecord
from console.recording import Recorder, said_in
from handoff.contract import TicketRequest
from handoff.models import CANCELLED, Ticket
from handoff.tickets import REDACTED, create_ticket, withdraw_ticket
from knowledge.messages import text as message
from tests.helpers import project_db, tracker_store
from tests.unit.test_handoff_probe12 import form_turn

STAFF = "staff@example.com"


@pytest.fixture
def db(tmp_path: Path) -> sessionmaker[Session]:
    return project_db(f"sqlite:///{tmp_path / 'cepa.db'}")


def ticket(db: sessionmaker[Session], sender: str, **fields: Any) -> str:
    values: dict[str, Any] = {
        "sender": sender, "lang": "zh-Hant", "name": "蝙蝠俠", "contact": "+853 66123456",
        "question": "就係頭先講嗰個，原產地證書幾錢同幾耐批", "topic": "general", "transcript": [],
    }  # fmt: skip
    values.update(fields)
    return create_ticket(db, TicketRequest(**values), STAFF).reference


def stored(db: sessionmaker[Session], reference: str) -> tuple[Ticket, str, str]:
    with db() as session:
        row = session.scalars(select(Ticket).where(Ticket.reference == reference)).one()
        return row, row.email.body, row.email.status


# --- 1. a withdrawal keeps nothing the user gave -------------------------------------------------

P14_006 = [
    ("user", "我想搵個真人職員傾下，關於CEPA原產地證明嘅問題"),
    ("bot", "我可以將你的問題轉交經濟局職員跟進。…你是否同意？"),
    ("user", "OK啦得"),
    ("bot", "請問怎樣稱呼你？"),
    ("user", "蝙蝠俠"),
    ("bot", "請留下電郵地址或電話號碼，方便職員聯絡你。"),
    ("user", "六六 一二 三四五六"),
    ("bot", "未能識別電郵或電話號碼。"),
    ("user", "66123456"),
    ("bot", "是否跟進你剛才的問題：「我想問CEPA貨物原產地證書要幾多錢同埋要幾耐先批」？"),
    ("user", "就係頭先講嗰個，原產地證書幾錢同幾耐批"),
]
P14_040 = [
    ("user", "你好，我想咨询一下内地企业能不能享受CEPA的优惠，能转人工吗"),
    ("bot", "我可以将你的问题转交经济局职员跟进。…你是否同意？"),
    ("user", "张伟"),
    ("bot", "请问怎么称呼你？"),
    ("user", "张伟"),
    ("user", "+86 13812345678"),
]


@pytest.mark.parametrize(
    ("sender", "name", "contact", "question", "transcript", "kept_secret"),
    [
        # p14-006: the phone in Chinese numerals, refused as a contact, stayed after withdrawal
        ("web:p14-006", "蝙蝠俠", "+853 66123456", P14_006[-1][1], P14_006, "六六 一二 三四五六"),
        # p14-040: the real name typed at the consent question stayed too
        ("web:p14-040", "张伟", "+8613812345678", P14_040[0][1], P14_040, "张伟"),
    ],
)
def test_p14_a_withdrawal_keeps_nothing_the_user_typed(
    db: sessionmaker[Session],
    sender: str,
    name: str,
    contact: str,
    question: str,
    transcript: list[tuple[str, str]],
    kept_secret: str,
) -> None:
    reference = ticket(
        db, sender, name=name, contact=contact, question=question, transcript=transcript
    )
    assert kept_secret in stored(db, reference)[1]
    assert withdraw_ticket(db, reference, sender) is not None
    row, body, status = stored(db, reference)
    assert status == CANCELLED
    assert row.name == row.contact == row.question == row.transcript == REDACTED
    for said in {text for _who, text in transcript} | {name, contact, question}:
        assert said not in body, said
    assert kept_secret not in row.transcript and kept_secret not in body
    # what staff need: which ticket it was, that it was withdrawn and when
    assert reference in body and row.status == "withdrawn" and row.withdrawn_at is not None


# --- 2. turn records ---------------------------------------------------------------------------


def unanswered(lang: str = "pt") -> ChatResponse:
    return ChatResponse(
        sender="x",
        replies=[ReplyOut(text="Desculpe, continuo sem conseguir responder.")],
        intent=IntentOut(name="nlu_fallback", confidence=0.45),
        sources=[],
        handoff_offered=True,
        lang=lang,
    )


def filed(reference: str) -> ChatResponse:
    return ChatResponse(
        sender="x",
        replies=[ReplyOut(text="A sua pergunta foi registada.", kind="ticket", ticket=reference)],
        intent=IntentOut(name="nlu_fallback", confidence=0.45),
        sources=[],
        handoff_offered=False,
        lang="pt",
    )


def texts(db: sessionmaker[Session]) -> list[str | None]:
    with db() as session:
        return list(session.scalars(select(TurnRecord.text).order_by(TurnRecord.id)))


def test_p14_031_a_bare_name_is_masked_once_a_ticket_holds_it_and_gone_on_withdrawal(
    db: sessionmaker[Session],
) -> None:
    """p14-031: "Maria", typed after the hand-off was cancelled, was stored unmasked (turn record
    217) and stayed after «Quero retirar o meu consentimento» withdrew the ticket named Maria."""
    sender = "web:p14-031"
    recorder = Recorder(lambda: db)
    recorder.record("web", sender, "Maria", unanswered(), 0.02)
    recorder.record("web", sender, "Quanto tempo demora a emissão da licença?", unanswered(), 0.02)
    recorder.flush()
    reference = ticket(db, sender, name="Maria", contact="+853 66123456", lang="pt")
    recorder.record("web", sender, "Quanto tempo demora…?", filed(reference), 0.02)
    recorder.record("web", sender, "a Maria outra vez", unanswered(), 0.02)
    recorder.flush()
    assert texts(db) == [
        "[name]",
        "Quanto tempo demora a emissão da licença?",
        None,
        "a [name] outra vez",
    ]
    withdraw_ticket(db, reference, sender)
    assert texts(db) == [None, None, None, None]


def test_p14_031_a_name_equal_to_one_the_conversation_gave_is_masked(
    tmp_path: Path, db: sessionmaker[Session]
) -> None:
    """The slot the form filled (before any ticket) tells the name as well."""
    sender = "web:p14-031b"
    events = [
        {"event": "slot", "name": "contact_name", "value": "Maria"},
        {"event": "active_loop", "name": None},
        {"event": "user", "text": "Maria"},
    ]
    recorder = Recorder(lambda: db, tracker_store(tmp_path, sender, events))
    recorder.record("web", sender, "Maria", unanswered(), 0.02)
    recorder.flush()
    assert texts(db) == ["[name]"]


def test_p14_an_answer_to_the_name_question_is_a_name(
    tmp_path: Path, db: sessionmaker[Session]
) -> None:
    """Whatever is typed where the form asked for the name is stored as [name] ("咁叫我阿強啦"
    is stored as 咁叫我[name]; "Maria" alone is no shape masking knows)."""
    sender = "web:p14-name"
    events = [
        {"event": "active_loop", "name": "handoff_form"},
        {"event": "slot", "name": "requested_slot", "value": "contact_name"},
        {"event": "bot", "text": "Qual é o seu nome?"},
        {"event": "user", "text": "Maria"},
        {"event": "slot", "name": "requested_slot", "value": "contact_detail"},
    ]
    recorder = Recorder(lambda: db, tracker_store(tmp_path, sender, events))
    recorder.record("web", sender, "Maria", unanswered(), 0.02)
    recorder.flush()
    assert texts(db) == ["[name]"]
    assert said_in(events).answers_name
    ended = [*events[:3], {"event": "active_loop", "name": None}, events[3]]
    assert not said_in(ended).answers_name


@pytest.mark.parametrize(
    ("typed", "given", "answers_name", "masked"),
    [
        ("Maria", ["Maria"], False, "[name]"),
        ("咁叫我阿強啦", [], False, "咁叫我[name]"),
        ("Maria", [], True, "[name]"),
        ("What is CEPA?", [], True, "What is CEPA?"),  # a question asked at the name step
        ("me ligue 6612 3456", ["+853 66123456"], False, "me ligue [phone]"),
    ],
)
def test_p14_mask_turn(typed: str, given: list[str], answers_name: bool, masked: str) -> None:
    assert mask_turn(typed, given, answers_name=answers_name) == masked


def test_p14_031_the_mask_of_an_e_mail_keeps_the_transcripts_next_line() -> None:
    """Notes of probe 14: "…info@cepa.gov.mo.\\nuser: Maria" lost its "user:" label."""
    from console.masking import mask

    assert mask("envie um e-mail para info@cepa.gov.mo.\nuser: Maria") == (
        "envie um e-mail para [email].\nuser: Maria"
    )


# --- 3. explicit requests for staff --------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "Olá, queria falar com alguém da DSE sobre o certificado de origem CEPA",  # 010-1
        "Preciso que um funcionário me contacte sobre a licença de operador de diamantes em bruto",
        "我想轉介俾職員問下CEPA點樣申請做澳門服務提供者",  # 034-1
        "你好，我想咨询一下内地企业能不能享受CEPA的优惠，能转人工吗",  # 040-1
    ],
)
def test_p14_explicit_requests_for_staff_say_what_they_are_about(typed: str) -> None:
    assert wants_staff(typed) and names_its_subject(typed)


def test_p14_042_a_question_before_pass_it_on_is_the_question() -> None:
    typed = (
        "can a staff member tell me whether the 2021 repayment instalments had any similar "
        "relief? pass it on please"
    )
    assert names_its_subject(typed)
    assert not names_its_subject("can I talk to a human?")


def test_p14_014_ok_understood_is_no_yes_to_staff() -> None:
    assert only_acknowledges("ok 明白")
    assert not only_acknowledges("ok") and not only_acknowledges("好，轉交職員啦")


# --- 4. a declined name, a declined contact -----------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "lang"),
    [("I don't want to give my name", "en"), ("Prefiro não dizer o meu nome", "pt"),
     # 「唔想留」 ("don't want to leave one") was taken for the name after "any name will do"
     ("唔想留", "zh-Hant"), ("唔想俾", "zh-Hant"), ("我不想提供", "zh-Hans")],
)  # fmt: skip
def test_p14_013_031_a_declined_name_first_hears_any_name_will_do(typed: str, lang: str) -> None:
    slots, said = form_turn(typed, "contact_name", {"handoff_consent": True}, lang=lang)
    assert "handoff_stopped" not in slots and slots["contact_name"] is None
    assert said == [message("handoff.name_alias", lang)]


def test_p14_a_name_declined_twice_stops() -> None:
    tracker_events = [
        {"event": "user", "text": "I don't want to give my name"},
        {"event": "bot", "text": message("handoff.name_alias", "en")},
        {"event": "bot", "text": message("handoff.question.contact_name", "en")},
    ]
    tracker = Tracker(
        sender_id="web:test",
        slots={"handoff_consent": True},
        latest_message={"text": "no, I'd rather not say", "intent": {"name": "deny"}},
        events=[*tracker_events, {"event": "user", "text": "no, I'd rather not say"}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )
    from actions.handoff_form import ValidateHandoffForm

    events = ValidateHandoffForm().extract_events(tracker, "contact_name", CollectingDispatcher())
    assert {e["name"]: e["value"] for e in events}["handoff_stopped"] is True


@pytest.mark.parametrize(("typed", "name"), [("just call me J", "J"), ("咁叫我阿強啦", "阿強")])
def test_p14_aliases_are_names(typed: str, name: str) -> None:
    """013-8 "just call me J" was refused; 034-4 「咁叫我阿強啦」 got a fallback."""
    assert parse_name(typed) == name
    slots, _said = form_turn(typed, "contact_name", {"handoff_consent": True})
    assert slots["contact_name"] == name


def test_p14_034_one_contact_declined_the_other_is_enough() -> None:
    slots, said = form_turn("唔想俾電話", "contact_detail", {"handoff_consent": True})
    assert "handoff_stopped" not in slots
    assert said == [message("handoff.one_contact_enough", "zh-Hant")]


def test_p14_034_a_question_without_contact_is_told_what_is_possible() -> None:
    typed = "email都唔想俾，可唔可以淨係留個問題？"
    slots, said = form_turn(typed, "contact_detail", {"handoff_consent": True})
    assert "handoff_stopped" not in slots
    assert said == [message("handoff.contact_needed", "zh-Hant")]


@pytest.mark.parametrize("typed", ["咁叫我阿強啦", "唔想俾電話", "Maria"])
def test_p14_after_a_decline_a_name_or_contact_finds_the_way_back(typed: str) -> None:
    """034-4, 034-5, 031-9: "still cannot answer" after the hand-off was declined."""
    from actions.service_questions import service_reply

    lang = "pt" if typed == "Maria" else "zh-Hant"
    events = [
        {"event": "user", "text": "我唔想講"},
        {"event": "bot", "text": message("handoff.declined", lang)},
        {"event": "user", "text": typed},
    ]
    tracker = Tracker(
        sender_id="web:test",
        slots={},
        latest_message={"text": typed, "intent": {"name": "nlu_fallback"}, "metadata": {}},
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )
    reply = service_reply(tracker, typed, lang)  # type: ignore[arg-type]
    assert reply is not None and reply.handoff_offered
    assert reply.text == message("handoff.come_back", lang)
    assert comes_back(typed)


# --- 5. contacts, names and questions ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "phone"),
    [
        ("13812345678", "+8613812345678"),  # 040-5
        ("+86 13812345678", "+8613812345678"),
        ("138 1234 5678", "+8613812345678"),
        ("六六 一二 三四五六", "+853 66123456"),  # 006-4
        ("66123456", "+853 66123456"),
    ],
)
def test_p14_mainland_mobiles_and_chinese_numerals(typed: str, phone: str) -> None:
    assert parse_phone(typed) == phone


@pytest.mark.parametrize("typed", ["12345678901", "2020年5月 12000", "HS 9503.00.00"])
def test_p14_other_digits_are_no_mainland_mobile(typed: str) -> None:
    assert parse_phone(typed) is None


@pytest.mark.parametrize(
    "typed",
    [
        "yes that question, the licence fee",  # 013-10
        "微信号 zhangwei_88，或者手机 13812345678",  # 040-4
        "jon.doe@gmail.com",  # 013-9
    ],
)
def test_p14_sentences_and_contacts_are_no_names(typed: str) -> None:
    assert parse_name(typed) is None


def test_p14_040_4_a_wechat_id_beside_the_phone_is_neither_name_nor_question() -> None:
    details = split_contact_message("微信号 zhangwei_88，或者手机 13812345678")
    assert details is not None
    assert (details.name, details.contact, details.question) == (None, "+8613812345678", None)


def test_p14_040_6_a_question_typed_for_the_contact_is_kept_for_the_question_step() -> None:
    typed = "内地企业在澳门设公司后能否以澳门服务提供者身份进入内地市场"
    slots, said = form_turn(typed, "contact_detail", {"handoff_consent": True}, "ask_cepa_services")
    assert slots[LAST_UNANSWERED] == typed and slots["contact_detail"] is None
    assert said[-1] == message("handoff.question_noted", "zh-Hans")


def test_p14_040_3_a_bare_name_is_no_consent() -> None:
    slots, _said = form_turn("张伟", "handoff_consent", intent="affirm")
    assert slots == {"handoff_consent": None, "handoff_hint": "handoff_consent"}


@pytest.mark.parametrize(
    ("earlier", "slots"),
    [
        ("ok: jon.doe@gmail.com", {}),  # 013-10
        ("Maria", {"contact_name": "Maria"}),  # 031-14
        ("咁如果我之後想刪走點算", {}),  # 038-7
    ],
)
def test_p14_no_contact_name_or_privacy_question_is_offered_as_the_question(
    earlier: str, slots: dict[str, Any]
) -> None:
    from actions.handoff_form import offered_question

    tracker = Tracker(
        sender_id="web:test",
        slots={LAST_UNANSWERED: earlier, **slots},
        latest_message={"text": "x"},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )
    assert offered_question(tracker) is None
    tracker.slots[LAST_UNANSWERED] = "毛坯鑽石准照要幾錢？"
    assert offered_question(tracker) == "毛坯鑽石准照要幾錢？"


# --- 6. questions about one's own data ---------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "好，咁我啲資料你哋會keep幾耐？",  # 006-8
        "會keep幾耐？",  # 038-3
        "咁如果我之後想刪走點算",  # 038-4
        "咁而家仲有冇我個電話喺你哋度？",  # 019-7
        "你们刚才记下的名字删了没有？",  # 020-5
        "我叫什么名字你们记的是什么？",  # 040-9
    ],
)
def test_p14_questions_about_ones_own_data(typed: str) -> None:
    assert asks_about_own_data(typed)


def own_data(typed: str, events: list[dict[str, Any]], lang: str) -> str:
    from actions.service_questions import service_reply

    tracker = Tracker(
        sender_id="web:test",
        slots={},
        latest_message={"text": typed, "intent": {"name": "out_of_scope"}, "metadata": {}},
        events=[*events, {"event": "user", "text": typed}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )
    reply = service_reply(tracker, typed, lang)  # type: ignore[arg-type]
    assert reply is not None
    return reply.text


def test_p14_006_how_long_after_a_ticket(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETENTION_DAYS", "45")
    filed = [{"event": "bot", "text": "…", "data": {"custom": {"ticket": "CEPA-20261207-0001"}}}]
    said = own_data("好，咁我啲資料你哋會keep幾耐？", filed, "zh-Hant")
    assert message("small_talk.retention", "zh-Hant", retention_days=45) in said
    assert message("handoff.withdraw_here", "zh-Hant", reference="CEPA-20261207-0001") in said


def test_p14_019_after_the_withdrawal_the_phone_is_gone() -> None:
    reference = "CEPA-20261207-0002"
    events = [
        {"event": "bot", "text": "…", "data": {"custom": {"ticket": reference}}},
        {"event": "bot", "text": message("handoff.withdrawn", "zh-Hant", reference=reference)},
    ]
    said = own_data("咁而家仲有冇我個電話喺你哋度？", events, "zh-Hant")
    assert message("handoff.data_withdrawn", "zh-Hant", reference=reference) in said


def test_p14_020_without_a_ticket_staff_have_no_name() -> None:
    said = own_data("你们刚才记下的名字删了没有？", [], "zh-Hans")
    assert message("handoff.no_ticket", "zh-Hans") in said


def test_p14_006_a_phone_in_chinese_numerals_is_only_the_contact() -> None:
    """Parted at its spaces, 「六六 一二 三四五六」 gave the name 六六 and a question 一二，三四五六."""
    details = split_contact_message("六六 一二 三四五六")
    assert details is not None
    assert (details.name, details.contact, details.question) == (None, "+853 66123456", None)


def test_p14_006_a_request_naming_its_subject_is_offered_back() -> None:
    typed = "我想搵個真人職員傾下，關於CEPA原產地證明嘅問題"
    slots, _said = form_turn(typed, None, intent="request_human")
    assert slots == {LAST_UNANSWERED: typed}


# --- 7. the reply language follows the user's ---------------------------------------------------

P14_010 = [
    "Olá, queria falar com alguém da DSE sobre o certificado de origem CEPA",
    "Não, obrigado, não quero dar os meus dados",
    "Então qual é o telefone?",
    "E o horário de atendimento?",
]


@pytest.mark.parametrize(
    ("typed", "earlier"),
    [
        ("Pensando melhor, podem passar a minha pergunta", P14_010),  # 010-5: English
        ("sim", [*P14_010, "Pensando melhor, podem passar a minha pergunta"]),  # 010-6
        ("parar", [*P14_010, "Pensando melhor, podem passar a minha pergunta", "sim"]),  # 010-7
    ],
)
def test_p14_010_a_portuguese_writer_gets_the_hand_off_in_portuguese(
    typed: str, earlier: list[str]
) -> None:
    from knowledge.language import reply_language

    assert reply_language(typed, None, earlier) == "pt"
