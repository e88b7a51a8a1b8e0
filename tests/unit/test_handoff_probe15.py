"""The staff hand-off and personal data, in the words of the fifteenth probe's users (p15-NNN).

1. A withdrawal after a ticket, in every style, is read before anything else (the NLU's intent
   does not win), and a question whether it was done is answered from the ticket's state.
2. A hand-off that ends without a ticket (declined, cancelled, withdrawn before the ticket) tells
   the gateway so (a custom field of the reply), which redacts the identity data Rasa stored.
No process runs: trackers are built here, the gateway's client is a fake.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import create_engine, select

from actions.parsing import asks_if_withdrawn, asks_to_withdraw, withdraws_consent
from bot.rasa_client import Turn
from bot.retention import EVENTS, REDACTED, redact_handoff
from bot.turns import Turns, handoff_ended_in, tickets_in
from handoff.client import WithdrawnTicket
from handoff.contract import HANDOFF_ENDED
from knowledge.messages import text as message
from tests.helpers import tracker_store

REFERENCE = "CEPA-20261207-0003"


class FakeClient:
    def __init__(self) -> None:
        self.withdrawn: list[tuple[str, str]] = []

    def withdraw(self, reference: str, sender: str) -> WithdrawnTicket:
        self.withdrawn.append((reference, sender))
        return WithdrawnTicket(reference=reference, email="cancelled")


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> FakeClient:
    fake = FakeClient()
    monkeypatch.setattr(
        "actions.service_questions.HandoffClient.from_settings", lambda *_a, **_k: fake
    )
    return fake


def tracker(
    typed: str,
    events: list[dict[str, Any]],
    intent: str = "nlu_fallback",
    slots: dict[str, Any] | None = None,
    lang: str | None = None,
) -> Tracker:
    return Tracker(
        sender_id="api:p15",
        slots=slots or {},
        latest_message={
            "text": typed,
            "intent": {"name": intent},
            "entities": [],
            "metadata": {"lang": lang} if lang else {},
        },
        events=[*events, {"event": "user", "text": typed}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )


def filed(reference: str = REFERENCE, lang: str = "zh-Hant") -> list[dict[str, Any]]:
    said = message("handoff.ticket_recorded", lang, reference=reference)
    return [
        {"event": "bot", "text": said},
        {"event": "bot", "text": None, "data": {"custom": {"ticket": reference}}},
    ]


# --- 1. withdrawals after a ticket, in every style ----------------------------------------------

P15_WITHDRAWALS = [
    ("本人現撤回先前所作之同意，請刪除本人之個人資料。", "zh-Hant", "check_repayment_eligibility"),
    ("咁我而家唔想你哋有我電話，撤回啦", "zh-Hant", "ask_contact"),  # 019-8
    (
        "espere, a pergunta esta errada. E ja nao quero que guardem os meus dados, apaguem tudo "
        "por favor",
        "pt",
        "nlu_fallback",
    ),  # 031-13
    ("算了，我不想让你们保留我的信息了，请全部删除", "zh-Hans", "nlu_fallback"),  # 040-7
]


@pytest.mark.parametrize(("typed", "lang", "intent"), P15_WITHDRAWALS)
def test_p15_withdrawals_after_a_ticket_withdraw_it(
    client: FakeClient, typed: str, lang: str, intent: str
) -> None:
    from actions.service_questions import service_reply

    reply = service_reply(tracker(typed, filed(lang=lang), intent), typed, lang)  # type: ignore[arg-type]
    assert client.withdrawn == [(REFERENCE, "api:p15")]
    assert reply is not None
    assert reply.text == message("handoff.withdrawn", lang, reference=REFERENCE)


@pytest.mark.parametrize(
    "typed",
    [
        "本人現撤回先前所作之同意，請刪除本人之個人資料。",  # 015-8
        "咁我而家唔想你哋有我電話，撤回啦",  # 019-8
        "E ja nao quero que guardem os meus dados, apaguem tudo por favor",  # 031-13
        "算了，我不想让你们保留我的信息了，请全部删除",  # 040-7
        "我撤回",
        "撤回啦",
        "請刪走我啲資料",
        "刪除我嘅電話",
        "删除我的信息",
        "唔想你哋keep住我個電話",
        "我不想你们有我的电话",
        "唔好再保留我嘅個人資料",
        "apaguem tudo",
        "apaguem os meus dados",
        "não quero que guardem os meus dados",
        "nao quero que fiquem com o meu contacto",
        "delete my data",
        "please delete everything you have on me",
        "don't keep my details",
        "I don't want you to keep my phone number",
        "i no longer want you to have my details",
    ],
)
def test_p15_withdrawals_in_every_style(typed: str) -> None:
    assert asks_to_withdraw(typed) or withdraws_consent(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "點樣撤回？",
        "如果我想撤回點算？",
        "CEPA原產地證書點樣申請",
        "我想問下點樣刪除公司登記",
        "how do I keep my records for the audit?",
        "Quero saber como guardar os documentos",
        "I don't have my email with me, use my phone",
        "don't keep me waiting",
        "唔想俾電話",  # one contact declined: the other is enough (p14-034)
    ],
)
def test_p15_questions_are_no_withdrawals(typed: str) -> None:
    assert not asks_to_withdraw(typed)


def test_p15_015_8_a_formal_withdrawal_read_by_the_nlu_as_the_check_opens_no_check(
    client: FakeClient,
) -> None:
    """015-8: NLU check_repayment_eligibility (0.59); the check's form answered the prompt
    「請問你想了解哪方面？」 and the ticket stayed open."""
    from actions.repayment_form import ValidateRepaymentForm

    typed = "本人現撤回先前所作之同意，請刪除本人之個人資料。"
    dispatcher = CollectingDispatcher()
    ValidateRepaymentForm().extract_events(
        tracker(typed, filed(), "check_repayment_eligibility"), None, dispatcher
    )
    said = [m.get("text") for m in dispatcher.messages]
    assert message("handoff.withdrawn", "zh-Hant", reference=REFERENCE) in said, said
    assert client.withdrawn == [(REFERENCE, "api:p15")]


def test_p15_019_8_a_withdrawal_read_as_ask_contact_is_no_answer_about_the_bureau(
    client: FakeClient,
) -> None:
    from actions.answer_question import ActionAnswerQuestion

    typed = "咁我而家唔想你哋有我電話，撤回啦"
    dispatcher = CollectingDispatcher()
    ActionAnswerQuestion().run(dispatcher, tracker(typed, filed(), "ask_contact"), {})
    said = [m.get("text") for m in dispatcher.messages if m.get("text")]
    assert said == [message("handoff.withdrawn", "zh-Hant", reference=REFERENCE)]


@pytest.mark.parametrize("intent", ["affirm", "deny", "greet"])
def test_p15_a_withdrawal_read_as_small_talk_withdraws(client: FakeClient, intent: str) -> None:
    from actions.small_talk import ActionSmallTalk

    typed = "算了，我不想让你们保留我的信息了，请全部删除"
    dispatcher = CollectingDispatcher()
    ActionSmallTalk().run(dispatcher, tracker(typed, filed(lang="zh-Hans"), intent), {})
    said = [m.get("text") for m in dispatcher.messages if m.get("text")]
    assert said == [message("handoff.withdrawn", "zh-Hans", reference=REFERENCE)]


# --- 1b. "was my withdrawal done?" from the ticket's state ------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "請問閣下是否已處理本人之撤回要求？",  # 015-9
        "你哋刪咗我啲資料未？",
        "我的撤回请求处理了吗？",
        "have you processed my withdrawal?",
        "is my data deleted?",
        "já apagaram os meus dados?",
    ],
)
def test_p15_asking_whether_the_withdrawal_was_done(typed: str) -> None:
    assert asks_if_withdrawn(typed)


def test_p15_015_9_not_yet_withdrawn_says_so_and_how(client: FakeClient) -> None:
    from actions.service_questions import service_reply

    typed = "請問閣下是否已處理本人之撤回要求？"
    reply = service_reply(tracker(typed, filed(), "check_repayment_eligibility"), typed, "zh-Hant")  # type: ignore[arg-type]
    assert reply is not None
    assert reply.text == message("handoff.withdrawal_not_done", "zh-Hant", reference=REFERENCE)
    assert client.withdrawn == []  # a question, no withdrawal


def test_p15_015_9_after_the_withdrawal_says_it_was_done(client: FakeClient) -> None:
    from actions.service_questions import service_reply

    typed = "請問閣下是否已處理本人之撤回要求？"
    done = [
        *filed(),
        {"event": "user", "text": "[redacted]"},
        {"event": "bot", "text": message("handoff.withdrawn", "zh-Hant", reference=REFERENCE)},
    ]
    reply = service_reply(tracker(typed, done, "check_repayment_eligibility"), typed, "zh-Hant")  # type: ignore[arg-type]
    assert reply is not None
    assert reply.text == message("handoff.data_withdrawn", "zh-Hant", reference=REFERENCE)


def test_p15_without_a_ticket_there_is_nothing_to_withdraw(client: FakeClient) -> None:
    from actions.service_questions import service_reply

    typed = "have you processed my withdrawal?"
    reply = service_reply(tracker(typed, [], "nlu_fallback"), typed, "en")  # type: ignore[arg-type]
    assert reply is not None and reply.text == message("handoff.no_ticket", "en")


def test_p15_withdrawal_not_done_in_every_language() -> None:
    for lang in ("zh-Hant", "zh-Hans", "en", "pt"):
        said = message("handoff.withdrawal_not_done", lang, reference=REFERENCE)
        assert REFERENCE in said


# --- 1c. a withdrawal inside the hand-off stops it --------------------------------------------


def test_p15_019_8_at_the_contact_step_a_withdrawal_stops_the_hand_off() -> None:
    """Not "either one is enough" (declines_one_contact): 「唔想你哋有我電話，撤回啦」 takes it all back."""
    from actions.handoff_form import STOPPED, ValidateHandoffForm

    typed = "咁我而家唔想你哋有我電話，撤回啦"
    dispatcher = CollectingDispatcher()
    set_ = ValidateHandoffForm().extract_events(
        tracker(typed, [], "ask_contact", {"handoff_consent": True, "contact_name": "Ken得"}),
        "contact_detail",
        dispatcher,
    )
    assert {e["name"]: e["value"] for e in set_}.get(STOPPED) is True, set_


# --- 2. a hand-off ended without a ticket: the gateway is told ---------------------------------


def submit(slots: dict[str, Any], lang: str = "zh-Hans") -> list[dict[str, Any]]:
    from actions.handoff_form import ActionSubmitHandoff

    dispatcher = CollectingDispatcher()
    asyncio.run(ActionSubmitHandoff().run(dispatcher, tracker("", [], "deny", slots, lang), {}))
    return dispatcher.messages


def ended(sent: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The custom messages that tell the gateway of the hand-off's end."""
    return [m["custom"] for m in sent if HANDOFF_ENDED in (m.get("custom") or {})]


def test_p15_012_9_a_declined_consent_after_details_asks_the_gateway_to_redact() -> None:
    """012-9: 「不同意，不要记录我的信息」 after 「我想找工作人员，我叫王建国，电话13800138000」."""
    sent = submit(
        {"handoff_stopped": True, "contact_name": "王建国", "contact_detail": "+8613800138000"}
    )
    assert message("handoff.declined", "zh-Hans") in [m.get("text") for m in sent]
    customs = ended(sent)
    assert customs == [{HANDOFF_ENDED: True}]
    assert handoff_ended_in([{"custom": c} for c in customs])
    assert not tickets_in([{"custom": c} for c in customs])
    assert "王建国" not in json.dumps(sent, ensure_ascii=False)  # a flag, never the data


def test_p15_037_12_cancel_at_the_contact_step_asks_the_gateway_to_redact() -> None:
    sent = submit({"handoff_consent": True, "handoff_stopped": True, "contact_name": "Peter Chan"})
    assert ended(sent) == [{HANDOFF_ENDED: True}]


def test_p15_a_hand_off_declined_at_once_asks_the_gateway_too() -> None:
    """Nothing given is fine too: a scan finds nothing; the reply is the same."""
    sent = submit({"handoff_consent": False})
    assert ended(sent) == [{HANDOFF_ENDED: True}]


def test_p15_a_hand_off_answered_instead_asks_nothing_of_the_gateway() -> None:
    sent = submit({"handoff_stopped": "answered"})
    assert not ended(sent)


def test_p15_the_flag_is_read_only_from_custom_messages() -> None:
    assert handoff_ended_in([{"custom": {HANDOFF_ENDED: True}}])
    assert not handoff_ended_in([{"text": HANDOFF_ENDED}, {"custom": {"ticket": REFERENCE}}])
    assert not handoff_ended_in([{"custom": "handoff_ended"}])


class FakeRasa:
    def __init__(self, messages: list[dict[str, Any]]) -> None:
        self.messages = messages

    async def send(self, conversation: str, message: str, metadata: dict[str, Any]) -> Turn:
        return Turn(messages=self.messages, intent={"name": "deny", "confidence": 0.95})


class NoLimit:
    async def check(self, kind: str, key: str) -> None:
        return None


def test_p15_the_gateway_hook_runs_for_the_flag_and_the_reply_keeps_its_shape() -> None:
    ended: list[str] = []

    async def on_handoff_ended(conversation: str) -> None:
        ended.append(conversation)

    declined = message("handoff.declined", "zh-Hans")
    rasa = FakeRasa([{"text": declined}, {"custom": {HANDOFF_ENDED: True}}])
    turns = Turns(rasa, NoLimit(), on_handoff_ended=on_handoff_ended)  # type: ignore[arg-type]
    reply = asyncio.run(turns.take("api", "p15-012", "不同意，不要记录我的信息"))
    assert ended == ["api:p15-012"]
    assert [r.text for r in reply.replies] == [declined]
    assert HANDOFF_ENDED not in reply.model_dump_json()


def test_p15_a_failing_hook_does_not_fail_the_turn() -> None:
    async def broken(conversation: str) -> None:
        raise RuntimeError("database is locked: 王建国")

    rasa = FakeRasa([{"text": "ok"}, {"custom": {HANDOFF_ENDED: True}}])
    turns = Turns(rasa, NoLimit(), on_handoff_ended=broken)  # type: ignore[arg-type]
    assert asyncio.run(turns.take("api", "x", "cancel")).replies[0].text == "ok"


# --- 2b. what the gateway's hook leaves in the tracker store -----------------------------------


def stored(url: str, sender: str) -> str:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            select(EVENTS.c.data).where(EVENTS.c.sender_id == sender).order_by(EVENTS.c.id)
        ).all()
    engine.dispose()
    return "\n".join(json.loads(json.dumps(r[0])) for r in rows)


P15_012 = [
    {"event": "user", "text": "3期", "parse_data": {"text": "3期", "entities": []}},
    {
        "event": "user",
        "text": "我想找工作人员，我叫王建国，电话13800138000",
        "parse_data": {"text": "我想找工作人员，我叫王建国，电话13800138000", "entities": []},
    },
    {"event": "action", "name": "handoff_form"},
    {"event": "slot", "name": "contact_name", "value": "王建国"},
    {"event": "slot", "name": "contact_detail", "value": "+8613800138000"},
    {"event": "bot", "text": "我可以将你的问题转交经济局职员跟进。…你是否同意？"},
    {"event": "user", "text": "不同意，不要记录我的信息", "parse_data": {"text": "不同意"}},
    {"event": "slot", "name": "handoff_stopped", "value": True},
    {"event": "bot", "text": "明白，不会收集你的资料。"},
    {"event": "slot", "name": "contact_name", "value": None},
    {"event": "slot", "name": "contact_detail", "value": None},
]


def test_p15_012_9_the_declined_hand_off_keeps_no_name_or_phone(tmp_path: Path) -> None:
    sender = "api:p15-012"
    url = tracker_store(tmp_path, sender, P15_012)
    redact_handoff(url, sender, [])
    kept = stored(url, sender)
    for secret in ("王建国", "13800138000", "我想找工作人员"):
        assert secret not in kept and json.dumps(secret)[1:-1] not in kept, secret
    assert REDACTED in kept
    for said in ("3期", "不同意"):  # what held no identity stays
        assert json.dumps(said)[1:-1] in kept, said


def test_p15_037_12_the_cancelled_hand_off_keeps_no_name(tmp_path: Path) -> None:
    sender = "api:p15-037"
    events = [
        {"event": "user", "text": "yes", "parse_data": {"text": "yes"}},
        {"event": "bot", "text": "What is your name?"},
        {"event": "user", "text": "Peter Chan", "parse_data": {"text": "Peter Chan"}},
        {"event": "action", "name": "handoff_form"},
        {"event": "slot", "name": "contact_name", "value": "Peter Chan"},
        {"event": "bot", "text": "Please give an e-mail address or a phone number…"},
        {"event": "user", "text": "cancel", "parse_data": {"text": "cancel"}},
        {"event": "bot", "text": "Understood: none of your details will be collected."},
    ]
    url = tracker_store(tmp_path, sender, events)
    redact_handoff(url, sender, [])
    assert "Peter" not in stored(url, sender)
