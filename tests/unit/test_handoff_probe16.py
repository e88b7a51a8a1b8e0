"""The staff hand-off in the words of the fifteenth probe's users left over for the sixteenth
session (p15-NNN) and of the sixteenth probe's (p16-NNN): a contact typed again at the question
step is nobody's question; and personal data after a ticket and after a hand-off that ended
without one (the second part below). No process runs: trackers are built here, the gateway's
client is a fake, the databases are files of the test's own."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session, sessionmaker

from actions.handoff_form import AskQuestion
from actions.parsing import (
    EDIT,
    WITHDRAW,
    after_ticket_request,
    asks_about_own_data,
    asks_if_withdrawn,
    only_contact,
    parse_contact,
    withdraws_the_ticket,
)
from bot.retention import EVENTS, REDACTED, redact_conversation, redact_handoff
from bot.turns import Turns, withdrawal_in
from console.models import TurnRecord
from console.recording import Recorder
from handoff.contract import TicketRequest
from handoff.privacy import announces_withdrawal
from handoff.tickets import create_ticket, withdraw_ticket
from knowledge.messages import text as message
from tests.helpers import project_db, tracker_store
from tests.unit.test_handoff_probe12 import form_turn
from tests.unit.test_handoff_probe14 import unanswered
from tests.unit.test_handoff_probe15 import (
    REFERENCE,
    FakeClient,
    FakeRasa,
    NoLimit,
    filed,
    tracker,
)

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


# =================================================================================================
# Personal data after a ticket, in the sixteenth probe's users' words (p16-NNN).
#
# 1. A withdrawal after a ticket is read from its parts (a verb that removes aimed at the ticket,
#    the request or one's data; a keep said with a no; "don't contact me"), in all five styles,
#    before the NLU's intent; a question about one's data is no withdrawal.
# 2. One detail of a filed ticket to change or delete: that it cannot be edited here, and what can
#    be done; never a new hand-off, never "nothing is kept" while the ticket holds the data.
# 3. "Was my data deleted?" is answered from the ticket's state.
# 4. After a withdrawal the conversation's turn records keep no text.
# 5. A hand-off ended without a ticket keeps nothing typed inside the form, valid or not.
# =================================================================================================


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> FakeClient:
    fake = FakeClient()
    monkeypatch.setattr(
        "actions.service_questions.HandoffClient.from_settings", lambda *_a, **_k: fake
    )
    return fake


# --- 1. withdrawals, in all five styles ---------------------------------------------------------

WITHDRAWALS = [
    # Traditional Chinese, formal
    "經考慮後，本人決定撤銷上述查詢，並要求貴局刪除本人所提交之姓名及電郵地址。",  # 015-12
    "本人現撤回先前所作之同意，請刪除本人之個人資料。",  # p15-015-8
    "請撤銷本人之查詢。",
    "本人不再需要貴局回覆，請勿保留本人之聯絡資料。",
    "敬請註銷上述轉交，並刪除本人之電話號碼。",
    "請貴局毋須跟進，並刪除本人所留之資料。",
    "本人要求撤回該項查詢。",
    "請勿再聯絡本人。",
    # Cantonese
    "咁算，幫我cancel咗張單佢，啲資料唔好留低",  # 006-9
    "喂sorry呀，我諗清楚咗唔使你哋覆喇，唔好再搵我，我啲資料洗咗佢啦",  # 019-8
    "咁樣，成張單撤回咗佢先，我自己打電話",  # 034-9
    "我係話頭先轉職員嗰張單唔要喇，我個電話同名全部刪咗佢",  # 006-11
    "你聽唔明咩？我要你哋刪除我個電話號碼",  # 019-9
    "唔使跟喇，幫我刪晒啲嘢",
    "我唔要張單喇",
    "唔好再打俾我，刪咗我個電話啦",
    "啲資料全部剷咗佢",
    "唔該幫我取消頭先個轉介",
    # Simplified Chinese
    "领导说先不用了，麻烦把这个咨询单注销掉，邮箱也别留",  # 040-8
    "撤回同意，删除我的邮箱和姓名",  # 040-10
    "请帮我取消刚才的查询",
    "不用回复我了，把我的资料删掉吧",
    "请不要再联系我",
    "我不需要了，请把工单撤销",
    "麻烦把我的手机号和名字都删除",
    "算了，请销毁我留下的信息",
    "不要保留我的联系方式",
    # English
    "actually my firm will handle it. please purge my number from your system",  # 042-10
    "please cancel my ticket",
    "withdraw my request please",
    "I don't need a reply anymore, delete my details",
    "don't contact me about it, and delete my email",
    "scrap the enquiry, I sorted it out myself",
    "Please erase my name and phone number.",
    "get rid of my data",
    "I no longer want you to keep my email",
    "no need to follow up, thanks",
    # Portuguese, with accents
    "Já que me mandam ligar para o número que não atende... pensei melhor, retirem a reclamação "
    "e não guardem o meu email.",
    "Não percebeu? Apaguem o meu email e o meu nome!",
    "Afinal já liguei e resolvi. Podem esquecer o meu número e cancelar o pedido",  # 010-12
    "Por favor, anulem o meu pedido.",
    "Não me contactem mais, obrigado.",
    "Já não preciso de resposta, apaguem os meus dados.",
    # Portuguese, without accents
    "Ja que me mandam ligar para o numero que nao atende... pensei melhor, retirem a reclamacao e "
    "nao guardem o meu email.",  # 031-8
    "Nao percebeu? Apaguem o meu email e o meu nome!",  # 031-9
    "retiro a minha pergunta, nao precisam de responder",
    "eliminem o meu numero de telefone por favor",
    "cancelem a queixa",
]

NOT_WITHDRAWALS = [
    # questions about one's data
    "will you delete my data after 90 days?",
    "你哋會保留我資料幾耐？",
    "你哋會唔會刪除我嘅資料？",
    "请问你们多久会删除我的资料？",
    "Os meus dados vão ser apagados depois de 90 dias?",
    "Quanto tempo guardam os meus dados?",
    "what happens to my data if I cancel?",
    "如果我取消咗張單，啲資料會點處理？",
    "你哋會唔會將我資料俾第三方？",
    "點樣撤回？",
    "如果我想撤回點算？",
    # new questions
    "how do I cancel an import licence?",
    "點樣取消進口准照？",
    "CEPA原產地證書點樣申請",
    "我想問下點樣刪除公司登記",
    "Como se cancela uma licença de importação?",
    "can a company withdraw from the repayment adjustment?",
    "Is the Kimberley certificate cancelled if the diamonds are lost?",
    "企業可唔可以撤回調整還款申請？",
    "被取消援助批給的企業可以申請嗎？",
    "唔該，我想問CEPA幾時生效",
    "Please give a clear answer to my question.",
    "esqueci-me de dizer na pergunta que a empresa é de Macau",
    # keeping the ticket, said with a no
    "唔好取消我張單，我仲等緊回覆",
    "don't cancel my request, I still need an answer",
    "não apaguem o meu pedido, ainda preciso de resposta",
    # neither (probe 15's)
    "I don't have my email with me, use my phone",
    "don't keep me waiting",
    "唔想俾電話",
]


def test_the_tables_are_as_large_as_asked() -> None:
    assert len(WITHDRAWALS) >= 40 and len(NOT_WITHDRAWALS) >= 20


@pytest.mark.parametrize("typed", WITHDRAWALS)
def test_p16_withdrawals_after_a_ticket_in_every_style(typed: str) -> None:
    assert after_ticket_request(typed) == WITHDRAW


@pytest.mark.parametrize("typed", NOT_WITHDRAWALS)
def test_p16_questions_and_other_messages_withdraw_nothing(typed: str) -> None:
    assert after_ticket_request(typed) is None


P16_WITHDRAWALS = [
    # (message, language, what the NLU read)
    ("咁算，幫我cancel咗張單佢，啲資料唔好留低", "zh-Hant", "check_repayment_eligibility"),  # 006-9
    ("經考慮後，本人決定撤銷上述查詢，並要求貴局刪除本人所提交之姓名及電郵地址。", "zh-Hant",
     "ask_contact"),  # 015-12
    ("喂sorry呀，我諗清楚咗唔使你哋覆喇，唔好再搵我，我啲資料洗咗佢啦", "zh-Hant",
     "check_repayment_eligibility"),  # 019-8
    ("Ja que me mandam ligar para o numero que nao atende... pensei melhor, retirem a reclamacao "
     "e nao guardem o meu email.", "pt", "ask_gba_measures"),  # 031-8
    ("Nao percebeu? Apaguem o meu email e o meu nome!", "pt", "ask_contact"),  # 031-9
    ("咁樣，成張單撤回咗佢先，我自己打電話", "zh-Hant", "check_repayment_eligibility"),  # 034-9
    ("领导说先不用了，麻烦把这个咨询单注销掉，邮箱也别留", "zh-Hans", "deny"),  # 040-8
    ("actually my firm will handle it. please purge my number from your system", "en",
     "check_repayment_eligibility"),  # 042-10
]  # fmt: skip


def _said(dispatcher: CollectingDispatcher) -> list[str]:
    return [str(m["text"]) for m in dispatcher.messages if m.get("text")]


def _run_as_the_nlu_read(typed: str, lang: str, intent: str) -> list[str]:
    """What the action the NLU's intent leads to says (rules.yml): the check's form, the
    question's answer, small talk."""
    from actions.answer_question import ActionAnswerQuestion
    from actions.repayment_form import ValidateRepaymentForm
    from actions.small_talk import ActionSmallTalk

    dispatcher = CollectingDispatcher()
    asked = tracker(typed, filed(lang=lang), intent, lang=lang)
    if intent == "check_repayment_eligibility":
        ValidateRepaymentForm().extract_events(asked, None, dispatcher)
    elif intent in ("affirm", "deny", "greet", "thank", "goodbye"):
        ActionSmallTalk().run(dispatcher, asked, {})
    else:
        ActionAnswerQuestion().run(dispatcher, asked, {})
    return _said(dispatcher)


@pytest.mark.parametrize(("typed", "lang", "intent"), P16_WITHDRAWALS)
def test_p16_a_withdrawal_after_a_ticket_withdraws_it_whatever_the_nlu_read(
    client: FakeClient, typed: str, lang: str, intent: str
) -> None:
    said = _run_as_the_nlu_read(typed, lang, intent)
    assert said == [message("handoff.withdrawn", lang, reference=REFERENCE)], said
    assert client.withdrawn == [(REFERENCE, "api:p15")]


@pytest.mark.parametrize(
    ("typed", "lang"),
    [("will you delete my data after 90 days?", "en"), ("你哋會保留我資料幾耐？", "zh-Hant")],
)
def test_p16_a_question_about_ones_data_after_a_ticket_is_answered_not_a_withdrawal(
    client: FakeClient, typed: str, lang: str
) -> None:
    from actions.service_questions import service_reply

    reply = service_reply(tracker(typed, filed(lang=lang), "nlu_fallback"), typed, lang)  # type: ignore[arg-type]
    assert client.withdrawn == []
    assert reply is not None
    assert message("handoff.withdraw_here", lang, reference=REFERENCE) in reply.text


def test_p16_without_a_ticket_a_withdrawal_wording_withdraws_nothing(client: FakeClient) -> None:
    from actions.service_questions import after_ticket_stop

    assert (
        after_ticket_stop(tracker("please cancel my ticket", []), "please cancel my ticket") is None
    )
    assert client.withdrawn == []


# --- 2. one detail of a filed ticket: not editable here, and what can be done ----------------------

EDITS = [
    "请把我的微信号删掉，手机号可以留着，问题照样跟进",  # 005-11
    "不是，我已经提交过了，我只是要删微信号",  # 005-12
    "啊唔好意思，我打錯電話，應該係6612-3465，幫我改一改",  # 034-7
    "我已經轉咗喇，編號CEPA-20261208-0010，我只係想改電話",  # 034-8
    "sorry I gave the wrong email, it should be ana.costa@gmail.com",
    "can you change my phone number to 66123456?",
    "please update my contact number",
    "Enganei-me no número, o certo é 66123456",
    "podem alterar o meu email?",
    "麻煩更正本人之電郵地址為 chan@abc.com",
    "only delete my wechat id, keep the rest",
]


@pytest.mark.parametrize("typed", EDITS)
def test_p16_one_detail_to_change_or_delete_is_no_withdrawal(typed: str) -> None:
    assert after_ticket_request(typed) == EDIT


def test_p16_everything_deleted_is_a_withdrawal_even_with_only() -> None:
    assert after_ticket_request("我只想你哋刪晒我啲資料") == WITHDRAW


P16_005 = [
    {"event": "user", "text": "我的微信号你们记下来了吗？"},
    {
        "event": "bot",
        "text": "抱歉，我所依据的资料没有提供其他联系渠道…",
        "data": {"buttons": [{"title": "转交职员跟进", "payload": "/request_human"}]},
    },
]


def test_p16_005_11_deleting_one_detail_starts_no_new_hand_off(client: FakeClient) -> None:
    """005-11: NLU affirm (0.94) after a reply offering staff: a new hand-off's consent began."""
    from actions.small_talk import ActionSmallTalk

    typed = "请把我的微信号删掉，手机号可以留着，问题照样跟进"
    dispatcher = CollectingDispatcher()
    events = ActionSmallTalk().run(
        dispatcher, tracker(typed, [*filed(lang="zh-Hans"), *P16_005], "affirm", lang="zh-Hans"), {}
    )
    assert _said(dispatcher) == [message("handoff.cannot_edit", "zh-Hans", reference=REFERENCE)]
    assert not [e for e in events if e.get("event") == "followup"]
    assert client.withdrawn == []


def test_p16_005_12_inside_a_new_hand_off_the_ticket_is_not_said_to_be_gone(
    client: FakeClient,
) -> None:
    """005-12: 「不是，我已经提交过了，我只是要删微信号」 at the new hand-off's consent question got
    「明白，不会收集你的资料」 while ticket 0002 held the WeChat ID."""
    from actions.handoff_form import STOPPED, ValidateHandoffForm

    typed = "不是，我已经提交过了，我只是要删微信号"
    dispatcher = CollectingDispatcher()
    set_ = ValidateHandoffForm().extract_events(
        tracker(typed, filed(lang="zh-Hans"), "check_repayment_eligibility", lang="zh-Hans"),
        "handoff_consent",
        dispatcher,
    )
    assert _said(dispatcher) == [message("handoff.cannot_edit", "zh-Hans", reference=REFERENCE)]
    assert {e["name"]: e["value"] for e in set_}.get(STOPPED) == "answered"
    assert client.withdrawn == []
    for lang in ("zh-Hant", "zh-Hans", "en", "pt"):
        assert "85972343" in message("handoff.cannot_edit", lang, reference=REFERENCE)


def test_p16_a_hand_off_declined_while_a_ticket_is_open_says_the_ticket_is_kept() -> None:
    from actions.handoff_form import ActionSubmitHandoff

    dispatcher = CollectingDispatcher()
    declined = tracker("不是", filed(lang="zh-Hans"), "deny", {"handoff_stopped": True}, "zh-Hans")
    asyncio.run(ActionSubmitHandoff().run(dispatcher, declined, {}))
    said = _said(dispatcher)
    assert said == [message("handoff.declined_ticket_kept", "zh-Hans", reference=REFERENCE)]
    assert message("handoff.declined", "zh-Hans") not in said


def test_p16_declined_after_a_withdrawn_ticket_is_declined_as_before() -> None:
    from actions.handoff_form import ActionSubmitHandoff

    gone = [
        *filed(lang="en"),
        {"event": "bot", "text": message("handoff.withdrawn", "en", reference=REFERENCE)},
    ]
    dispatcher = CollectingDispatcher()
    asyncio.run(
        ActionSubmitHandoff().run(
            dispatcher, tracker("no", gone, "deny", {"handoff_stopped": True}, "en"), {}
        )
    )
    assert _said(dispatcher) == [message("handoff.declined", "en")]


@pytest.mark.parametrize(
    ("typed", "lang", "intent"),
    [("啊唔好意思，我打錯電話，應該係6612-3465，幫我改一改", "zh-Hant", "check_repayment_eligibility"),
     ("我已經轉咗喇，編號CEPA-20261208-0010，我只係想改電話", "zh-Hant", "ask_contact")],
)  # fmt: skip
def test_p16_034_a_contact_to_correct_hears_how(
    client: FakeClient, typed: str, lang: str, intent: str
) -> None:
    """034-7: the check's form offered a new hand-off; 034-8: "not sure"."""
    said = _run_as_the_nlu_read(typed, lang, intent)
    assert said == [message("handoff.cannot_edit", lang, reference=REFERENCE)], said
    assert client.withdrawn == []


def test_p16_after_the_withdrawal_a_correction_hears_it_was_withdrawn(client: FakeClient) -> None:
    from actions.service_questions import service_reply

    typed = "我只係想改電話"
    gone = [
        *filed(),
        {"event": "bot", "text": message("handoff.withdrawn", "zh-Hant", reference=REFERENCE)},
    ]
    reply = service_reply(tracker(typed, gone), typed, "zh-Hant")
    assert reply is not None
    assert reply.text == message("handoff.data_withdrawn", "zh-Hant", reference=REFERENCE)


def test_p16_inside_a_new_hand_off_cancelling_the_ticket_withdraws_it(client: FakeClient) -> None:
    from actions.handoff_form import STOPPED, ValidateHandoffForm

    typed = "咁樣，成張單撤回咗佢先"
    dispatcher = CollectingDispatcher()
    set_ = ValidateHandoffForm().extract_events(
        tracker(typed, filed(), "deny", {"handoff_consent": True}), "contact_name", dispatcher
    )
    assert _said(dispatcher) == [message("handoff.withdrawn", "zh-Hant", reference=REFERENCE)]
    assert {e["name"]: e["value"] for e in set_}.get(STOPPED) == "answered"
    assert client.withdrawn == [(REFERENCE, "api:p15")]


def test_p16_inside_a_new_hand_off_dont_keep_my_name_stops_it_and_says_the_ticket_is_kept(
    client: FakeClient,
) -> None:
    """Not the ticket named: it may be about the new request; the reply says the ticket stays."""
    from actions.handoff_form import STOPPED, ValidateHandoffForm

    typed = "唔好記低我個名"
    assert not withdraws_the_ticket(typed)
    set_ = ValidateHandoffForm().extract_events(
        tracker(typed, filed(), "deny", {"handoff_consent": True}),
        "contact_name",
        CollectingDispatcher(),
    )
    assert {e["name"]: e["value"] for e in set_}.get(STOPPED) is True
    assert client.withdrawn == []


# --- 3. "was my data deleted?" -----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "請確認本人之個人資料是否已經刪除。",  # 015-13
        "所以微信号到底删了没有？",  # 005-13
        "即係而家你哋冇晒我個電話啦嘛？",  # 006-12
        "did you delete my phone number or not?",  # 042-11
        "e o nome Sofia Ribeiro que escrevi antes, tambem foi apagado?",  # 010-13
        "e o nome que escrevi antes, também foi apagado?",
        "was my email deleted?",
        "我的资料删除了吗？",
    ],
)
def test_p16_asking_whether_ones_data_was_deleted(typed: str) -> None:
    assert asks_if_withdrawn(typed)
    assert after_ticket_request(typed) is None


def test_p16_015_13_the_open_ticket_says_its_data_is_still_kept(client: FakeClient) -> None:
    """015-13: 「請確認本人之個人資料是否已經刪除。」 got "not sure" with the ticket open."""
    said = _run_as_the_nlu_read(
        "請確認本人之個人資料是否已經刪除。", "zh-Hant", "check_repayment_eligibility"
    )
    assert said == [message("handoff.withdrawal_not_done", "zh-Hant", reference=REFERENCE)]
    assert client.withdrawn == []


def test_p16_010_13_after_the_withdrawal_the_name_question_hears_what_was_deleted(
    client: FakeClient,
) -> None:
    """010-13 (NLU affirm): "Desculpe, não tenho a certeza da resposta"."""
    from actions.small_talk import ActionSmallTalk

    typed = "e o nome Sofia Ribeiro que escrevi antes, tambem foi apagado?"
    gone = [
        *filed(lang="pt"),
        {"event": "bot", "text": message("handoff.withdrawn", "pt", reference=REFERENCE)},
    ]
    dispatcher = CollectingDispatcher()
    ActionSmallTalk().run(dispatcher, tracker(typed, gone, "affirm", lang="pt"), {})
    assert _said(dispatcher) == [message("handoff.data_withdrawn", "pt", reference=REFERENCE)]


# --- 4. after a withdrawal, turn records keep no text ---------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> sessionmaker[Session]:
    return project_db(f"sqlite:///{tmp_path / 'cepa.db'}")


def _texts(db: sessionmaker[Session]) -> list[str | None]:
    with db() as session:
        return list(session.scalars(select(TurnRecord.text).order_by(TurnRecord.id)))


def test_p16_010_13_a_turn_after_the_withdrawal_keeps_no_text(db: sessionmaker[Session]) -> None:
    """010-13: turn record 106 kept «e o nome Sofia Ribeiro que escrevi antes, tambem foi
    apagado?» unmasked: the withdrawal had taken the name from what masking knew."""
    sender = "api:p16-010"
    request = TicketRequest(
        sender=sender, lang="pt", name="Sofia", contact="+853 66554433",
        question="Em que fase está o meu pedido?", topic="general", transcript=[],
    )  # fmt: skip
    reference = create_ticket(db, request, "staff@example.com").reference
    recorder = Recorder(lambda: db)
    recorder.record("api", sender, "Quanto tempo demora a licença?", unanswered(), 0.02)
    recorder.flush()
    assert _texts(db) == ["Quanto tempo demora a licença?"]
    assert withdraw_ticket(db, reference, sender) is not None
    typed = "e o nome Sofia Ribeiro que escrevi antes, tambem foi apagado?"
    recorder.record("api", sender, typed, unanswered(), 0.02)
    recorder.record("api", sender, "Maria Santos, 66123456", unanswered(), 0.02)
    recorder.flush()
    assert _texts(db) == [None, None, None]
    # another conversation keeps its (masked) unanswered questions
    recorder.record("api", "api:other", "O que é o CEPA, Sofia Ribeiro?", unanswered(), 0.02)
    recorder.flush()
    assert _texts(db)[-1] == "O que é o CEPA, Sofia Ribeiro?"  # (no shape masking knows)


# --- 5. a hand-off ended without a ticket keeps nothing typed in it ---------------------------------


def _stored(url: str, sender: str) -> str:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            select(EVENTS.c.data).where(EVENTS.c.sender_id == sender).order_by(EVENTS.c.id)
        ).all()
    engine.dispose()
    return "\n".join(r[0] for r in rows)


def _user(said: str) -> dict[str, Any]:
    return {"event": "user", "text": said, "parse_data": {"text": said, "entities": []}}


P16_026 = [
    _user("我真係好嬲，上個月寄咗兩次email去info@cepa.gov.mo都冇人覆"),
    {"event": "bot", "text": "抱歉，我未能確定答案。"},
    _user("我唔係問問題，我係投訴！搵個負責人出嚟"),
    {"event": "action", "name": "handoff_form"},
    {"event": "active_loop", "name": "handoff_form"},
    {"event": "slot", "name": "requested_slot", "value": "handoff_consent"},
    {"event": "bot", "text": "我可以將你的問題轉交經濟局職員跟進。…你是否同意？"},
    _user("得，同意"),
    {"event": "slot", "name": "handoff_consent", "value": True},
    _user("黃太"),
    {"event": "slot", "name": "contact_name", "value": "黃太"},
    _user("wongtai2020 at yahoo dot com dot hk"),
    {"event": "slot", "name": "handoff_hint", "value": "contact_detail"},
    {"event": "bot", "text": "I could not find a valid e-mail address or phone number"},
    _user("wongtai2020@yahoo.com.hk 呀"),
    {"event": "slot", "name": "contact_detail", "value": "wongtai2020@yahoo.com.hk"},
    _user('/deny{"answer_to":"stop"}'),
    _user("唉算數，寫嚟都冇用，取消佢啦"),
    {"event": "slot", "name": "handoff_stopped", "value": True},
    {"event": "active_loop", "name": None},
    {"event": "action", "name": "action_submit_handoff"},
    {"event": "bot", "text": "明白，不會收集你的資料。"},
    {"event": "bot", "text": None, "data": {"custom": {"handoff_ended": True}}},
]


def test_p16_026_7_a_cancelled_hand_off_keeps_nothing_typed_inside_it(tmp_path: Path) -> None:
    """026-7: the spelled-out e-mail, refused at the contact step, stayed in the tracker store
    after 「唉算數，寫嚟都冇用，取消佢啦」 ("none of your details will be collected")."""
    sender = "api:p16-026"
    url = tracker_store(tmp_path, sender, P16_026)
    redact_handoff(url, sender, [], form_messages=True)
    kept = _stored(url, sender)
    for secret in ("wongtai2020", "黃太", "得，同意", "取消佢啦"):
        assert secret not in kept and json.dumps(secret)[1:-1] not in kept, secret
    assert REDACTED in kept
    # before the form: kept; a button's payload: kept
    for said in ("我真係好嬲", "搵個負責人出嚟", "answer_to"):
        assert json.dumps(said)[1:-1] in kept, said


def test_p16_a_hand_off_that_filed_a_ticket_is_not_taken_back_by_the_flag(tmp_path: Path) -> None:
    sender = "api:p16-ticket"
    events = [
        *P16_026[:16],
        {"event": "active_loop", "name": None},
        {"event": "bot", "text": None, "data": {"custom": {"ticket": REFERENCE}}},
    ]
    url = tracker_store(tmp_path, sender, events)
    redact_handoff(url, sender, [], form_messages=True)
    assert json.dumps("得，同意")[1:-1] in _stored(url, sender)


def test_p16_026_8_whether_the_e_mail_is_still_kept_is_answered_truthfully() -> None:
    """026-8: 「咁頭先我打咗個email地址，你哋仲有冇留住？」 got "still cannot answer"."""
    from actions.answer_question import ActionAnswerQuestion

    typed = "咁頭先我打咗個email地址，你哋仲有冇留住？"
    assert asks_about_own_data(typed)
    redacted = [
        {"event": "user", "text": "我唔係問問題，我係投訴！搵個負責人出嚟"},
        {"event": "user", "text": REDACTED},
        {"event": "bot", "text": message("handoff.declined", "zh-Hant")},
    ]
    dispatcher = CollectingDispatcher()
    ActionAnswerQuestion().run(dispatcher, tracker(typed, redacted, "ask_contact"), {})
    said = "\n".join(_said(dispatcher))
    assert message("handoff.ended_deleted", "zh-Hant") in said, said
    assert message("handoff.no_ticket", "zh-Hant") not in said


def test_p16_a_redacted_offered_question_is_not_offered() -> None:
    from actions.handoff_form import offered_question

    asked = tracker("好", [], "affirm", {"last_unanswered_question": REDACTED})
    assert offered_question(asked) is None


# --- the withdrawing turn itself ----------------------------------------------------------------


def test_p16_the_withdrawal_announcement_survives_the_redaction(tmp_path: Path) -> None:
    """The turn that withdraws is redacted once Rasa saved it; the announcement (a reference,
    nothing of the user's) stays: the ticket's state is read from it."""
    sender = "api:p16-031"
    announced = message("handoff.withdrawn", "pt", reference=REFERENCE)
    events = [
        _user("Apaguem o meu email maria@example.com e o meu nome!"),
        {"event": "bot", "text": announced},
    ]
    url = tracker_store(tmp_path, sender, events)
    redact_conversation(url, sender)
    kept = _stored(url, sender)
    assert "maria@example.com" not in kept and json.dumps(announced)[1:-1] in kept
    assert announces_withdrawal(announced)
    assert not announces_withdrawal(message("handoff.ticket_created", "pt", reference=REFERENCE))


def test_p16_the_gateway_redacts_the_turn_that_withdrew() -> None:
    withdrawn: list[str] = []

    async def on_withdrawn(conversation: str) -> None:
        withdrawn.append(conversation)

    announced = message("handoff.withdrawn", "zh-Hant", reference=REFERENCE)
    rasa = FakeRasa([{"text": announced}])
    turns = Turns(rasa, NoLimit(), on_withdrawn=on_withdrawn)  # type: ignore[arg-type]
    reply = asyncio.run(turns.take("api", "p16-034", "咁樣，成張單撤回咗佢先"))
    assert withdrawn == ["api:p16-034"] and [r.text for r in reply.replies] == [announced]
    assert withdrawal_in([{"text": announced}])
    assert not withdrawal_in(
        [{"text": message("handoff.data_withdrawn", "zh-Hant", reference=REFERENCE)}]
    )


@pytest.mark.parametrize(
    "typed",
    [
        "A medida foi cancelada?",
        "原產地證書是否已被撤銷？",
        "證書已被註銷嗎",
        "did they cancel the aid scheme?",
        "was the measure removed?",
        "CEPA幾時刪除咗呢項限制？",
    ],
)
def test_p16_questions_on_the_topics_are_no_questions_about_ones_data(typed: str) -> None:
    assert not asks_if_withdrawn(typed)
    assert not asks_about_own_data(typed)
    assert after_ticket_request(typed) is None


@pytest.mark.parametrize(
    "typed",
    [
        "will you delete my data after 90 days?",
        "你哋會唔會刪除我嘅資料？",
        "请问你们多久会删除我的资料？",
        "Os meus dados vão ser apagados depois de 90 dias?",
        "咁頭先我打咗個email地址，你哋仲有冇留住？",  # 026-8
        "do you still keep my number?",
        "ainda guardam o meu email?",
    ],
)
def test_p16_questions_about_ones_own_data(typed: str) -> None:
    assert asks_about_own_data(typed)
    assert after_ticket_request(typed) is None


def test_a_list_deleted_from_the_agreement_is_no_question_about_ones_data() -> None:
    """The tuning split's 「文化及電信領域原有的正面清單是否已刪除？」 (the CEPA negative list) was
    answered "you have no ticket": 清單 is a list, not a ticket (單)."""
    from actions.parsing import asks_if_withdrawn

    assert not asks_if_withdrawn("文化及電信領域原有的正面清單是否已刪除？")
    assert asks_if_withdrawn("張單是否已撤回？")


@pytest.mark.parametrize(
    "typed", ["得喇，早唞", "好，拜拜", "ok bye", "Sim, até logo", "可以，晚安"]
)
def test_p16_030_leaving_at_the_privacy_notice_is_no_consent(typed: str) -> None:
    """p16-030: 「得喇，早唞」 ("fine, good night") to the privacy notice was read as yes, and the
    name was asked for."""
    slots, _ = form_turn(typed, "handoff_consent", intent="affirm")
    assert slots.get("handoff_consent") is not True


def test_a_plain_yes_to_the_privacy_notice_is_still_consent() -> None:
    slots, _ = form_turn("好呀，冇問題", "handoff_consent", intent="affirm")
    assert slots["handoff_consent"] is True
