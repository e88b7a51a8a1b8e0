"""End to end, issue 8 items 1 and 2: yes / no / don't know, and an eligibility form that listens.

Real gateway, Rasa and action-server processes, asked through `/api/chat` with the users' own
words. Each conversation stays well under the per-conversation rate limit (20 a minute).
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from typing import Any

import pytest

from actions.forms import STOP_PAYLOAD
from actions.repayment_slots import REQUIRED as REQUIRED_SLOTS
from bot.stack import Stack
from knowledge.answer import compose_capabilities
from knowledge.clock import macao_today
from knowledge.language import LANGS
from knowledge.messages import format_date
from knowledge.messages import text as message
from tests.helpers import chat, text_of

pytestmark = pytest.mark.e2e

HOTLINE = "85972343"
NOT_UNDERSTOOD = "未能理解"
DECISION = ("符合調整還款的條件", "符合调整还款的条件", "met the conditions", "reuniria as condições",
            "não reuniria")  # fmt: skip
STOPPED = ("已停止這次查詢", "已停止这次查询", "stopped the check", "parei a verificação")
DECLINED = ("不會收集你的資料", "不会收集你的资料", "none of your details", "não serão recolhidos")


def question(slot: str, lang: str = "zh-Hant") -> str:
    return message(f"form.question.{slot}", lang)


def buttons(reply: dict[str, Any]) -> list[dict[str, str]]:
    return [b for r in reply["replies"] for b in r["buttons"]]


def new_sender() -> str:
    return uuid.uuid4().hex


def form_at_grant_cancelled(stack: Stack, sender: str, lang: str = "zh-Hant") -> dict[str, Any]:
    """A check whose next question is "has your grant been cancelled?"."""
    opening = {
        "zh-Hant": "我間公司可唔可以調整還款？中小企業援助計劃，2020年5月到期，唔係最後一期",
        "zh-Hans": "我们公司能不能申请调整还款？中小企业援助计划，2020年5月到期，不是最后一期",
        "en": "Can my company adjust its aid repayment? SME Aid Scheme, due May 2020, "
        "not the last instalment",
        "pt": "A minha empresa pode ajustar o reembolso? Plano de Apoio a Pequenas e Médias "
        "Empresas, prestação de Maio de 2020, não é a última",
    }[lang]
    reply = chat(stack, opening, sender)
    assert question("grant_cancelled", lang) in text_of(reply), text_of(reply)
    return reply


# --- 1. yes / no / don't know ------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer", ["好，唔該", "冇問題", "可以", "ok sure", "no problem", "Sim, pode ser"]
)
def test_yes_to_the_privacy_notice_is_consent(stack: Stack, answer: str) -> None:
    sender = new_sender()
    assert "個人資料保護法" in text_of(chat(stack, "我想搵職員跟進", sender))
    reply = chat(stack, answer, sender)
    text = text_of(reply)
    assert not any(d in text for d in DECLINED), text
    assert any(message("handoff.question.contact_name", lang) in text for lang in LANGS), text


@pytest.mark.parametrize("answer", ["唔好", "不要", "no thanks", "não"])
def test_a_negation_to_the_privacy_notice_declines(stack: Stack, answer: str) -> None:
    sender = new_sender()
    chat(stack, "我想搵職員跟進", sender)
    text = text_of(chat(stack, answer, sender))
    assert any(d in text for d in DECLINED) and HOTLINE in text, text


def test_dont_know_to_the_privacy_notice_explains_and_asks_again(stack: Stack) -> None:
    sender = new_sender()
    chat(stack, "我想搵職員跟進", sender)
    text = text_of(chat(stack, "唔知", sender))
    assert "如同意" in text and "個人資料保護法" in text, text
    assert not any(d in text for d in DECLINED)
    # Still asking for consent: now a yes goes on to the name.
    text = text_of(chat(stack, "好，唔該", sender))
    assert message("handoff.question.contact_name", "zh-Hant") in text, text


@pytest.mark.parametrize(
    ("answer", "lang"),
    [("唔知", "zh-Hant"), ("不清楚", "zh-Hans"), ("not sure", "en"), ("I don't know", "en"),
     ("não sei", "pt")],
)  # fmt: skip
def test_dont_know_whether_the_grant_was_cancelled_decides_nothing(
    stack: Stack, answer: str, lang: str
) -> None:
    sender = new_sender()
    form_at_grant_cancelled(stack, sender, lang)
    reply = chat(stack, answer, sender)
    text = text_of(reply)
    # Not taken as "not cancelled": no decision, where to ask, and the same question again.
    assert not any(d in text for d in DECISION), text
    assert HOTLINE in text and "info@cepa.gov.mo" in text
    # (A short Chinese answer shows no script of its own: either script's question will do.)
    scripts = ("zh-Hant", "zh-Hans") if lang.startswith("zh") else (lang,)
    assert any(text.endswith(question("grant_cancelled", s)) for s in scripts), text
    assert STOP_PAYLOAD in [b["payload"] for b in buttons(reply)]


def test_after_dont_know_the_check_goes_on_when_the_user_answers(stack: Stack) -> None:
    sender = new_sender()
    form_at_grant_cancelled(stack, sender)
    chat(stack, "唔知", sender)
    text = text_of(chat(stack, "冇被取消", sender))
    assert question("adjustments_used") in text, text


def test_dont_know_the_amount_skips_it(stack: Stack) -> None:
    sender = new_sender()
    chat(stack, "我間公司可唔可以調整還款？中小企業援助計劃，2020年5月到期，唔係最後一期，"
         "援助冇被取消，之前調整過一次", sender)  # fmt: skip
    text = text_of(chat(stack, "唔知", sender))
    assert question("remaining_installments_after") in text, text


# --- 2. a form that listens --------------------------------------------------------------------


def test_a_fact_for_another_question_is_kept_and_can_rule_the_case_out(stack: Stack) -> None:
    sender = new_sender()
    reply = chat(stack, "我間公司可唔可以調整還款？中小企業援助計劃，2020年5月到期", sender)
    assert question("is_last_installment") in text_of(reply)
    # Asked "is this the last instalment?", the user says the adjustments were used up.
    text = text_of(chat(stack, "已經調整咗兩次", sender))
    assert NOT_UNDERSTOOD not in text, text
    assert "不符合調整還款的條件" in text and "兩次" in text, text
    assert question("adjustments_used") not in text


def test_a_fact_that_rules_the_case_out_ends_the_check_at_once(stack: Stack) -> None:
    sender = new_sender()
    chat(stack, "Can my company adjust its aid repayment?", sender)
    text = text_of(chat(stack, "SME Aid Scheme, it is the last instalment", sender))
    assert "would not have met the conditions" in text, text
    assert "last instalment" in text
    assert question("installment_due_date", "en") not in text


def test_a_fact_for_another_question_then_the_asked_one(stack: Stack) -> None:
    sender = new_sender()
    chat(stack, "我間公司可唔可以調整還款？中小企業援助計劃，2020年5月到期", sender)
    text = text_of(chat(stack, "調整過一次", sender))
    # Kept, and the question asked is asked again (no hint: the message was understood).
    assert NOT_UNDERSTOOD not in text and question("is_last_installment") in text, text
    text = text_of(chat(stack, "唔係", sender))
    assert question("grant_cancelled") in text, text
    text = text_of(chat(stack, "冇", sender))
    assert question("installment_amount") in text, text  # adjustments were not asked again


@pytest.mark.parametrize(
    "word",
    ["取消", "算啦", "唔使喇", "唔要喇", "cancel", "stop", "never mind", "parar", "cancelar"],
)
def test_leaving_by_words(stack: Stack, word: str) -> None:
    sender = new_sender()
    form_at_grant_cancelled(stack, sender)
    text = text_of(chat(stack, word, sender))
    assert any(s in text for s in STOPPED), text
    assert not any(d in text for d in DECISION)


def test_leaving_by_the_cancel_button(stack: Stack) -> None:
    sender = new_sender()
    reply = chat(stack, "我間公司可唔可以申請調整還款", sender)
    cancel = [b for b in buttons(reply) if b["payload"] == STOP_PAYLOAD]
    assert [b["title"] for b in cancel] == ["取消"]
    text = text_of(chat(stack, cancel[0]["payload"], sender))
    assert "已停止這次查詢" in text, text
    # The same button later, with no check running, changes nothing.
    text = text_of(chat(stack, STOP_PAYLOAD, sender))
    assert "目前沒有進行中的查詢" in text and question("scheme") not in text, text


def test_every_question_of_the_check_has_the_cancel_button(stack: Stack) -> None:
    sender = new_sender()
    answers = ["Can my company adjust its aid repayment?", "SME Aid Scheme", "May 2020", "no",
               "no", "once", "MOP 12,000"]  # fmt: skip
    for answer in answers:
        reply = chat(stack, answer, sender)
        assert STOP_PAYLOAD in [b["payload"] for b in buttons(reply)], text_of(reply)


def test_a_question_on_another_topic_is_answered_then_the_question_again(stack: Stack) -> None:
    sender = new_sender()
    form_at_grant_cancelled(stack, sender, "pt")
    reply = chat(stack, "Quando entrou em vigor o Processo de Kimberley em Macau?", sender)
    text = text_of(reply)
    assert reply["sources"], text
    assert text.endswith(question("grant_cancelled", "pt")), text
    text = text_of(chat(stack, "não", sender))
    assert question("adjustments_used", "pt") in text, text


def test_an_unrelated_question_in_the_form_is_not_an_unreadable_answer(stack: Stack) -> None:
    sender = new_sender()
    form_at_grant_cancelled(stack, sender)
    reply = chat(stack, "今日天氣點樣？", sender)
    text = text_of(reply)
    assert NOT_UNDERSTOOD not in text, text
    assert reply["handoff_offered"] is True  # the scope sentence and the staff offer
    assert text.endswith(question("grant_cancelled")), text


def test_an_unreadable_answer_still_gets_the_hint(stack: Stack) -> None:
    sender = new_sender()
    form_at_grant_cancelled(stack, sender)
    text = text_of(chat(stack, "遲啲先", sender))
    assert NOT_UNDERSTOOD in text and question("grant_cancelled") in text, text


def test_a_stale_button_does_not_answer_a_later_question(stack: Stack) -> None:
    sender = new_sender()
    reply = chat(stack, "我間公司可唔可以調整還款？中小企業援助計劃，2020年5月到期", sender)
    assert question("is_last_installment") in text_of(reply)
    is_last_buttons = {b["title"]: b["payload"] for b in buttons(reply)}
    assert "是" in is_last_buttons and "否" in is_last_buttons
    text = text_of(chat(stack, is_last_buttons["否"], sender))
    assert question("grant_cancelled") in text, text
    # "是" from the earlier question would rule the case out as a last instalment: not taken.
    text = text_of(chat(stack, is_last_buttons["是"], sender))
    assert not any(d in text for d in DECISION), text
    assert question("grant_cancelled") in text and NOT_UNDERSTOOD not in text, text
    # Starting again inside the check does not restart it.
    text = text_of(chat(stack, "我間公司可唔可以申請調整還款", sender))
    assert question("grant_cancelled") in text and question("scheme") not in text, text


def test_small_talk_inside_the_form_is_answered_then_the_question_again(stack: Stack) -> None:
    sender = new_sender()
    form_at_grant_cancelled(stack, sender)
    text = text_of(chat(stack, "你係咪機械人", sender))
    assert "不是真人" in text and NOT_UNDERSTOOD not in text, text
    assert text.endswith(question("grant_cancelled")), text


# --- probe 5 (2026-12-06): the check's verdicts and its way out to staff -------------------------


@pytest.mark.parametrize(
    ("asking", "lang"),
    [("可否轉介予貴局職員跟進？", "zh-Hant"), ("我想搵真人傾", "zh-Hant"),
     ("can I talk to a person", "en")],
)  # fmt: skip
def test_asking_for_staff_inside_the_check_opens_the_hand_off(
    stack: Stack, asking: str, lang: str
) -> None:
    """「可否轉介予貴局職員跟進？」 inside the check got the phone number and the check's question
    again; 「同意」, the user's name and phone were then "not understood" until Cancel."""
    sender = new_sender()
    form_at_grant_cancelled(stack, sender, lang)
    reply = chat(stack, asking, sender, lang=lang)
    assert message("handoff.privacy_notice", lang) in text_of(reply), text_of(reply)
    assert question("grant_cancelled", lang) not in text_of(reply)
    consent = chat(stack, "同意" if lang == "zh-Hant" else "yes", sender, lang=lang)
    assert message("handoff.question.contact_name", lang) in text_of(consent), text_of(consent)


def test_one_instalment_of_mop_8500_is_not_ruled_out_as_mop_1(stack: Stack) -> None:
    """The whole case in one formal message: 一期 was read as MOP 1 and 亦非最後一期 as the last."""
    reply = chat(
        stack,
        "本公司於2018年獲批《中小企業援助計劃》，現尚有欠款。原定於2020年9月30日到期之一期為"
        "8,500澳門元，其後尚餘十期；本公司此前從未申請調整，該期亦非最後一期，援助亦未被取消。"
        "請問可否申請調整還款？",
        new_sender(),
    )
    said = text_of(reply)
    assert "按當時的規定，你的情況符合" in said, said
    assert "無需下調" not in said and "處於最後一期還款的企業不適用" not in said


def test_cancel_after_an_apology_leaves_the_check(stack: Stack) -> None:
    """「唔好意思，唔做住，取消」 at the due-date question was ruled "aid cancelled"."""
    sender = new_sender()
    chat(stack, "我想申請調整還款", sender)
    chat(stack, "中小企業援助計劃", sender)
    said = text_of(chat(stack, "唔好意思，唔做住，取消", sender))
    assert any(s in said for s in STOPPED), said
    assert not any(s in said for s in DECISION)


def test_ok_opening_a_question_is_no_yes_to_a_cancelled_grant(stack: Stack) -> None:
    """ "ok and can I apply online?" at "has your aid been cancelled?" ruled the case out."""
    sender = new_sender()
    form_at_grant_cancelled(stack, sender, "en")
    said = text_of(chat(stack, "ok and can I apply online?", sender, lang="en"))
    assert not any(s in said for s in DECISION), said
    assert question("grant_cancelled", "en") in said


@pytest.mark.parametrize(
    ("typed", "lang"),
    [("15", "en"), ("2020", "zh-Hant"), ("<script>alert(1)</script>", "en"),
     ("本公司為電影發行商，可否在內地設立獨資公司？", "zh-Hant")],
)  # fmt: skip
def test_what_is_about_no_repayment_does_not_start_the_check(
    stack: Stack, typed: str, lang: str
) -> None:
    """A bare 15 or 2020, markup, and a film distributor's question (which the NLU read as the
    check) each opened the eligibility check, whose question then followed every later answer."""
    said = text_of(chat(stack, typed, new_sender(), lang=lang))
    assert question("scheme", lang) not in said, said
    assert message("form.ended_intro", lang) not in said


def test_a_new_topic_after_a_refusal_gets_topics_not_still_no_answer(stack: Stack) -> None:
    """「咁你話我知CITES個會喺邊度開」 after a refused 「哈哈咁你識唔識講廣東話」 got "I still cannot
    answer" with no topics, as if the same question had been asked twice."""
    sender = new_sender()
    chat(stack, "哈哈咁你識唔識講廣東話", sender)
    reply = chat(stack, "咁你話我知CITES個會喺邊度開", sender)
    assert "仍然未能解答" not in text_of(reply), text_of(reply)


def test_a_bare_number_after_an_answer_does_not_repeat_it(stack: Stack) -> None:
    """After "What is the Kimberley Process?", a bare "15" got the Kimberley answer again, read as
    a follow-up of it; it is no question, so the prompt for one."""
    sender = new_sender()
    assert chat(stack, "What is the Kimberley Process?", sender, lang="en")["sources"]
    reply = chat(stack, "15", sender, lang="en")
    assert reply["sources"] == [], text_of(reply)
    assert question("scheme", "en") not in text_of(reply)


# --- probe 6 (2026-12-06): new users' conversations ---------------------------------------------

NOT_ABOVE_MINIMUM = ("無需下調", "无需下调", "nothing to reduce", "nada a reduzir")


def test_the_amount_wanted_is_not_taken_for_the_instalment(stack: Stack) -> None:
    """ "Can my company reduce its next instalment to MOP 1,000? … the instalment is MOP 6,500"
    was ruled out as "not above MOP 1,000" (the MOP 1,000 wanted read as the instalment)."""
    sender = new_sender()
    said = text_of(
        chat(
            stack,
            "Can my company reduce its next instalment to MOP 1,000? We're on the SME Aid Scheme, "
            "the instalment is MOP 6,500 due in September 2020, not the last one, aid not "
            "cancelled, never adjusted before.",
            sender,
            lang="en",
        )
    )
    assert not any(s in said for s in NOT_ABOVE_MINIMUM), said
    assert question("remaining_installments_after", "en") in said  # the only fact not given
    said = text_of(chat(stack, "5", sender, lang="en"))
    assert "would have met the conditions" in said and "5,500" in said, said


def test_lowering_to_1000_in_cantonese_decides_nothing_yet(stack: Stack) -> None:
    said = text_of(
        chat(stack, "我間公司有借青年創業援助計劃，想問可唔可以將下期還款減到1000蚊", new_sender())
    )
    assert not any(s in said for s in (*NOT_ABOVE_MINIMUM, *DECISION)), said
    assert question("installment_due_date") in said


def decided(stack: Stack, sender: str, lang: str = "zh-Hant") -> str:
    """A case told whole, and its decision (it would have qualified)."""
    told = {
        "zh-Hant": "我間公司借咗天鴿特別援助計劃，2020年3月到期嗰期8000蚊，唔係最後一期，冇取消，"
        "未調整過，之後仲有10期",
        "en": "Typhoon Hato special aid scheme, instalment of MOP 8,000 due March 2020, not the "
        "last one, aid not cancelled, never adjusted, 10 instalments after it",
    }[lang]
    said = text_of(chat(stack, told, sender, lang=lang))
    assert any(s in said for s in DECISION), said
    return said


@pytest.mark.parametrize(
    ("lang", "what_if", "reason"),
    [("zh-Hant", "如果係最後一期呢？", "處於最後一期還款的企業不適用"),
     ("en", "What if it was the last instalment?", "It does not apply to the last instalment"),
     ("zh-Hant", "如該期為最後一期，結果是否不同？", "處於最後一期還款的企業不適用")],
)  # fmt: skip
def test_what_if_after_a_decision_is_decided_from_its_facts(
    stack: Stack, lang: str, what_if: str, reason: str
) -> None:
    """「如果係最後一期呢？」 after a decision got "not sure"; "What if it was the last
    instalment?" began a check from nothing (which aid scheme?)."""
    sender = new_sender()
    decided(stack, sender, lang)
    said = text_of(chat(stack, what_if, sender, lang=lang))
    assert reason in said, said
    assert question("scheme", lang) not in said
    # supposed, not told: the case is still the one told
    again = {"zh-Hant": "咁即係點？我可唔可以申請？", "en": "ok so am I eligible or not?"}[lang]
    said = text_of(chat(stack, again, sender, lang=lang))
    assert any(s in said for s in DECISION) and reason not in said, said


def test_a_correction_after_a_decision_keeps_the_other_facts(stack: Stack) -> None:
    """「唔好意思，打錯，係2020年3月」 after a decision on a 2021 date got the menu; the scheme
    given before was lost."""
    sender = new_sender()
    said = text_of(chat(stack, "天鴿特別援助計劃，2021年3月到期", sender))
    assert "措施只適用於調整" in said, said
    said = text_of(chat(stack, "唔好意思，打錯，係2020年3月", sender))
    assert question("is_last_installment") in said, said
    assert question("scheme") not in said


def test_asking_the_outcome_again_repeats_the_decision(stack: Stack) -> None:
    sender = new_sender()
    decided(stack, sender, "en")
    said = text_of(chat(stack, "ok so am I eligible or not?", sender, lang="en"))
    assert "would have met the conditions" in said, said
    assert question("scheme", "en") not in said


@pytest.mark.parametrize(
    ("typed", "lang"),
    [("do you store my data?", "en"), ("你哋會唔會記錄我講嘢㗎？", "zh-Hant"),
     ("Guardam os meus dados pessoais?", "pt"), ("who can read this chat?", "en")],
)  # fmt: skip
def test_privacy_questions_are_answered(stack: Stack, typed: str, lang: str) -> None:
    """Answered with CITES buttons, the scope sentence, or the check."""
    said = text_of(chat(stack, typed, new_sender(), lang=lang))
    assert message("small_talk.privacy", lang) in said, said


def at_privacy_notice(stack: Stack, sender: str, lang: str = "zh-Hant") -> None:
    words = {
        "zh-Hant": "我想搵職員跟進",
        "zh-Hans": "请帮我转人工",
        "en": "I want to speak to a human",
    }
    said = text_of(chat(stack, words[lang], sender, lang=lang))
    assert message("handoff.privacy_notice", lang) in said, said


def test_a_privacy_question_at_the_notice_is_answered_then_the_notice_again(stack: Stack) -> None:
    sender = new_sender()
    at_privacy_notice(stack, sender)
    said = text_of(chat(stack, "你哋會點用我啲資料？會唔會俾第三方？", sender))
    assert message("small_talk.privacy", "zh-Hant") in said, said
    assert message("handoff.privacy_notice", "zh-Hant") in said


def test_asking_for_a_person_at_the_notice_is_consent(stack: Stack) -> None:
    """「算了，给我转人工」 to the privacy notice was taken as a refusal."""
    sender = new_sender()
    at_privacy_notice(stack, sender, "zh-Hans")
    said = text_of(chat(stack, "算了，给我转人工", sender, lang="zh-Hans"))
    assert message("handoff.question.contact_name", "zh-Hans") in said, said


def test_withdrawing_at_the_name_stops_the_hand_off(stack: Stack) -> None:
    """「唔好意思，我唔想留名喇」 at the name was ignored and the phone asked for next. Now it is
    told any name will do (probe 14), and declined again the hand-off stops."""
    sender = new_sender()
    at_privacy_notice(stack, sender)
    chat(stack, "同意", sender)
    said = text_of(chat(stack, "唔好意思，我唔想留名喇", sender))
    assert message("handoff.name_alias", "zh-Hant") in said, said
    assert message("handoff.question.contact_detail", "zh-Hant") not in said
    said = text_of(chat(stack, "唔想留", sender))
    assert any(s in said for s in DECLINED), said
    assert message("handoff.question.contact_detail", "zh-Hant") not in said


def test_name_phone_and_question_in_one_message_file_the_ticket(stack: Stack) -> None:
    """「陳生，66889900，我想問毛坯鑽石准照要幾耐批」 at the name was refused ("please write just
    your name"), and the user was stuck there."""
    sender = new_sender()
    at_privacy_notice(stack, sender)
    chat(stack, "同意", sender)
    reply = chat(stack, "陳生，66889900，我想問毛坯鑽石准照要幾耐批", sender)
    assert reply["replies"][0].get("ticket") or "CEPA-" in text_of(reply), text_of(reply)


def test_asking_for_a_person_in_portuguese_opens_the_notice(stack: Stack) -> None:
    said = text_of(chat(stack, "Preciso de um humano", new_sender(), lang="pt"))
    assert message("handoff.privacy_notice", "pt") in said, said


def test_a_topic_button_at_the_notice_is_answered_then_the_notice_again(stack: Stack) -> None:
    """An answer's topic button pressed while the privacy notice waited got "not understood"."""
    sender = new_sender()
    answered = chat(stack, "金伯利進程證書制度係咩嚟㗎？", sender)
    topic = next(b for b in buttons(answered) if "kb_entry" in b["payload"])
    at_privacy_notice(stack, sender)
    reply = chat(stack, topic["payload"], sender)
    assert reply["sources"] and reply["sources"][0]["id"] in topic["payload"], text_of(reply)
    assert message("handoff.privacy_notice", "zh-Hant") in text_of(reply)
    said = text_of(chat(stack, "係，轉真人啦", sender))
    assert message("handoff.question.contact_name", "zh-Hant") in said, said


BUREAU_EMAIL = "info@cepa.gov.mo"


def test_how_to_reach_the_bureau_after_declining_gets_its_contacts(stack: Stack) -> None:
    """「咁我點搵你哋」 right after declining the hand-off reopened the privacy notice."""
    sender = new_sender()
    at_privacy_notice(stack, sender)
    chat(stack, "唔好", sender)
    said = text_of(chat(stack, "咁我點搵你哋", sender))
    assert HOTLINE in said and BUREAU_EMAIL in said, said
    assert message("handoff.privacy_notice", "zh-Hant") not in said


def test_who_to_contact_after_an_answer_is_not_that_answer_again(stack: Stack) -> None:
    sender = new_sender()
    first = chat(stack, "which goods need an import licence in macau?", sender, lang="en")
    assert first["sources"], text_of(first)
    reply = chat(stack, "who do I contact?", sender, lang="en")
    assert HOTLINE in text_of(reply), text_of(reply)
    assert reply["sources"] != first["sources"]


def test_asking_for_the_check_by_name_starts_it(stack: Stack) -> None:
    said = text_of(chat(stack, "repayment adjustment check please", new_sender(), lang="en"))
    assert message("form.ended_intro", "en") in said, said


def test_a_sum_in_a_question_inside_the_check_is_no_count(stack: Stack) -> None:
    """「那剩下的7000怎么还？」 at "how many instalments remain?" got "at most 600 instalments"."""
    sender = new_sender()
    said = text_of(
        chat(
            stack,
            "中小企业援助计划，2020年9月到期，不是最后一期，没有被取消，没调整过，这期8000澳门元",
            sender,
            lang="zh-Hans",
        )
    )
    assert question("remaining_installments_after", "zh-Hans") in said, said
    said = text_of(chat(stack, "那剩下的7000怎么还？", sender, lang="zh-Hans"))
    assert "600" not in said, said


@pytest.mark.parametrize(
    ("first", "follow_up", "lang", "entry"),
    [("首批毛坯钻石是哪天进口的？", "谁负责清关？", "zh-Hans", "kimberley-first-import"),
     ("Que produtos precisam de licença para entrar em Macau?", "Carros também?", "pt",
      "import-licensing-goods"),
     ("想問CEPA嘢可以打去邊？", "有冇電郵？", "zh-Hant", "contact-bureau")],
)  # fmt: skip
def test_a_follow_up_the_nlu_reads_as_a_request_or_small_talk_is_answered(
    stack: Stack, first: str, follow_up: str, lang: str, entry: str
) -> None:
    """Follow-ups' tuning set 2: 「谁负责清关？」 (NLU, unsure: a person) opened the privacy
    notice; «Carros também?» (unsure: "are you a bot?") was told the bot is no person."""
    sender = new_sender()
    chat(stack, first, sender, lang=lang)
    reply = chat(stack, follow_up, sender, lang=lang)
    assert entry in [s["id"] for s in reply["sources"]], text_of(reply)
    assert message("handoff.privacy_notice", lang) not in text_of(reply)


def test_when_staff_will_answer_after_a_ticket_repeats_what_was_said(stack: Stack) -> None:
    """「咁幾時會覆我？」 right after a ticket got the scope sentence and another offer of staff."""
    sender = new_sender()
    at_privacy_notice(stack, sender)
    chat(stack, "同意", sender)
    filed = chat(stack, "陳生，66889900，我想問毛坯鑽石准照要幾耐批", sender)
    reference = next(r["ticket"] for r in filed["replies"] if r.get("ticket"))
    said = text_of(chat(stack, "咁幾時會覆我？", sender))
    assert reference in said, said
    assert message("handoff.privacy_notice", "zh-Hant") not in said


# --- probe 7 (2026-12-07): the repayment check ---------------------------------------------------

ELIGIBLE_THEN = {
    "zh-Hant": "按當時的規定，你的情況符合",
    "zh-Hans": "按当时的规定，你的情况符合",
    "en": "would have met the conditions",
    "pt": "reuniria as condições",
}
NOT_NOW = {
    "zh-Hant": "不能再申請",
    "zh-Hans": "不能再申请",
    "en": "no application can be made now",
    "pt": "não é possível candidatar-se agora",
}


def reason(code: str, lang: str) -> str:
    return message(f"repayment.reason.{code}", lang)


def decided_probe7(stack: Stack, sender: str, lang: str, cancelled: bool = False) -> str:
    """A case told whole in one message (probe 6's `decided`, in Portuguese too, or with the
    aid cancelled), and its decision."""
    told = {
        "zh-Hant": "我間公司借咗天鴿特別援助計劃，2020年3月到期嗰期8000蚊，唔係最後一期，冇取消，"
        "未調整過，之後仲有10期",
        "en": "Typhoon Hato special aid scheme, instalment of MOP 8,000 due March 2020, not the "
        "last one, aid not cancelled, never adjusted, 10 instalments after it",
        "pt": "Plano de Apoio Especial às PME afectadas pelo tufão Hato, prestação de 8000 patacas "
        "em Março de 2020, não é a última, apoio não cancelado, nunca ajustei, faltam 10 "
        "prestações",
    }[lang]
    if cancelled:
        told = told.replace("aid not cancelled", "the aid was cancelled")
    said = text_of(chat(stack, told, sender, lang=lang))
    assert said.startswith(message(f"repayment.ended_verdict.{'not_' * cancelled}eligible", lang))
    return said


@pytest.mark.parametrize(
    ("lang", "told", "deferred"),
    [("pt", "Plano de Apoio a Pequenas e Médias Empresas, Maio de 2020, não é a última, apoio não "
      "cancelado, nunca ajustei, faltam 4 prestações, são 2 mil patacas", "1 000,00 patacas"),
     ("pt", "Plano de Apoio a Pequenas e Médias Empresas, prestação de 2 mil patacas em Maio de "
      "2020, não é a última, apoio não cancelado, nunca ajustei, faltam 4", "1 000,00 patacas"),
     ("en", "SME Aid Scheme, instalment of 2 thousand patacas due May 2020, not the last one, aid "
      "not cancelled, never adjusted, 4 instalments after it", "MOP 1,000.00")],
)  # fmt: skip
def test_probe7_two_thousand_in_words_is_no_mop_2(
    stack: Stack, lang: str, told: str, deferred: str
) -> None:
    """Item 1: «são 2 mil patacas», "instalment of 2 thousand patacas" were MOP 2: "not above
    MOP 1,000"."""
    said = text_of(chat(stack, told, new_sender(), lang=lang))
    assert ELIGIBLE_THEN[lang] in said and deferred in said, said
    assert reason("installment_not_above_minimum", lang) not in said


@pytest.mark.parametrize(
    ("lang", "amount", "deferred"),
    [("pt", "são 2 mil patacas", "1 000,00 patacas"), ("pt", "1.5 mil", "500,00 patacas"),
     ("en", "3 thousand", "MOP 2,000.00"), ("en", "2k", "MOP 1,000.00")],
)  # fmt: skip
def test_probe7_thousands_in_words_at_the_amount_question(
    stack: Stack, lang: str, amount: str, deferred: str
) -> None:
    sender = new_sender()
    told = {
        "pt": "A minha empresa pode ajustar o reembolso? Plano de Apoio a Pequenas e Médias "
        "Empresas, Maio de 2020, não é a última, apoio não cancelado, nunca ajustei",
        "en": "Can my company adjust its aid repayment? SME Aid Scheme, due May 2020, not the "
        "last one, aid not cancelled, never adjusted",
    }[lang]
    said = text_of(chat(stack, told, sender, lang=lang))
    assert said.endswith(question("installment_amount", lang)), said
    said = text_of(chat(stack, amount, sender, lang=lang))
    assert said.endswith(question("remaining_installments_after", lang)), said
    said = text_of(chat(stack, "4", sender, lang=lang))
    assert ELIGIBLE_THEN[lang] in said and deferred in said, said


def test_probe7_the_tens_as_one_character_and_a_corrected_count(stack: Stack) -> None:
    """Items 2 and 3: 「廿四期」 was 4 instalments; 「sorry 講錯，係卅期」 at "is this the last
    instalment?" was a yes, and the case refused as a last instalment."""
    sender = new_sender()
    said = text_of(
        chat(stack, "我間公司借咗中小企業援助計劃，2020年5月到期嗰期8000蚊，冇取消，冇調過，仲有廿四期",
             sender)
    )  # fmt: skip
    # (probe 12: 24 instalments left after it make it no last instalment, so it is decided)
    assert ELIGIBLE_THEN["zh-Hant"] in said and "之後24期" in said, said
    said = text_of(chat(stack, "sorry 講錯，係卅期", sender))
    assert reason("last_installment", "zh-Hant") not in said and NOT_UNDERSTOOD not in said, said
    assert ELIGIBLE_THEN["zh-Hant"] in said and "之後30期" in said, said


@pytest.mark.parametrize(
    ("lang", "told", "next_slot"),
    [("zh-Hant", "我間公司可唔可以調整還款？中小企業援助計劃，2020年5月到期，唔係尾期，冇取消，冇調過",
      "installment_amount"),
     ("en", "can my company adjust its repayment? SME aid scheme, due May 2020, not last, aid not "
      "cancelled, adjusted once, 11 left", "installment_amount"),
     ("pt", "Quero ajustar a prestação da minha empresa. Plano de Apoio a Pequenas e Médias "
      "Empresas, Maio de 2020, não é a última, apoio não cancelado, nunca ajustei",
      "installment_amount")],
)  # fmt: skip
def test_probe7_facts_told_in_free_text_are_taken(
    stack: Stack, lang: str, told: str, next_slot: str
) -> None:
    """Item 4: "not last", 「唔係尾期」, 「冇調過」, "adjusted once", "11 left" were not taken, and
    asked for again."""
    said = text_of(chat(stack, told, new_sender(), lang=lang))
    assert said.endswith(question(next_slot, lang)), said


def test_probe7_portuguese_remaining_told_with_digits(stack: Stack) -> None:
    """Item 4: «Faltavam 3» at the amount question was not taken."""
    sender = new_sender()
    chat(stack, "Quero ajustar a prestação da minha empresa. Plano de Apoio a Pequenas e Médias "
         "Empresas, Maio de 2020, não é a última, apoio não cancelado, nunca ajustei", sender,
         lang="pt")  # fmt: skip
    said = text_of(chat(stack, "Faltavam 3", sender, lang="pt"))
    assert said.endswith(question("installment_amount", "pt")), said
    assert "Desculpe" not in said  # understood: no hint
    said = text_of(chat(stack, "5000 patacas", sender, lang="pt"))
    assert ELIGIBLE_THEN["pt"] in said and "3 prestações" in said, said


def test_probe7_an_amount_in_hong_kong_dollars_is_asked_in_patacas(stack: Stack) -> None:
    """Item 5: «HKD 3000» was taken as MOP 3,000."""
    sender = new_sender()
    said = text_of(
        chat(stack, "SME aid scheme, due May 2020, not the last one, aid not cancelled, never "
             "adjusted", sender, lang="en")
    )  # fmt: skip
    assert said.endswith(question("installment_amount", "en")), said
    said = text_of(chat(stack, "HKD 3000", sender, lang="en"))
    assert message("form.not_patacas", "en") in said, said
    assert said.endswith(question("installment_amount", "en"))
    said = text_of(chat(stack, "MOP 3000", sender, lang="en"))
    assert said.endswith(question("remaining_installments_after", "en")), said


def month_end(offset: int, month: int | None = None) -> dt.date:
    """The last day of the month `offset` months after today's in Macao (or of `month` this
    year)."""
    today = macao_today()
    if month is not None:
        return dt.date(today.year, month, calendar.monthrange(today.year, month)[1])
    index = today.year * 12 + today.month - 1 + offset
    year, month0 = divmod(index, 12)
    return dt.date(year, month0 + 1, calendar.monthrange(year, month0 + 1)[1])


@pytest.mark.parametrize(
    ("lang", "opening", "relative", "due", "which_date"),
    [("zh-Hant", "我間公司可唔可以調整還款？中小企業援助計劃", "今年三月", month_end(0, 3),
      "你用咗咩日期計？"),
     ("en", "Can my company adjust its aid repayment? SME Aid Scheme", "next month", month_end(1),
      "what date did u use for my instalment?"),
     ("en", "Can my company adjust its aid repayment? SME Aid Scheme", "last month", month_end(-1),
      "what date did u use for my instalment?"),
     ("zh-Hant", "我間公司可唔可以調整還款？中小企業援助計劃", "上個月", month_end(-1),
      "你用咗咩日期計？"),
     ("zh-Hant", "我間公司可唔可以調整還款？中小企業援助計劃", "下個月", month_end(1),
      "你用咗咩日期計？"),
     ("pt", "A minha empresa pode ajustar o reembolso? Plano de Apoio a Pequenas e Médias "
      "Empresas", "no próximo mês", month_end(1), "que data usou?")],
)  # fmt: skip
def test_probe7_a_month_counted_from_today_is_decided_then_said_back(
    stack: Stack, lang: str, opening: str, relative: str, due: dt.date, which_date: str
) -> None:
    """Item 6: 「今年三月」, "next month", 「上個月」, «no próximo mês» at the due-date question were
    not understood; item 8: "what date did u use for my instalment?" began the check again."""
    sender = new_sender()
    said = text_of(chat(stack, opening, sender, lang=lang))
    assert said.endswith(question("installment_due_date", lang)), said
    said = text_of(chat(stack, relative, sender, lang=lang))
    assert said.startswith(message("repayment.ended_verdict.not_eligible", lang)), said
    assert reason("outside_period", lang) in said
    said = text_of(chat(stack, which_date, sender, lang=lang))
    assert format_date(due, lang) in said, said
    assert question("scheme", lang) not in said


@pytest.mark.parametrize(
    ("lang", "what_if", "expected"),
    [("en", "what if it were 1,200", "MOP 200.00"),
     ("zh-Hant", "哦，那如果是1200呢", "200.00澳"),
     ("pt", "E se fosse 1.000?", "nada a reduzir"),
     ("zh-Hant", "若為澳門幣一千元正呢？", "無需下調"),
     ("zh-Hant", "咁如果係十二期呢", "之後12期"),
     ("zh-Hant", "那如果只用过一次呢", "7,000.00澳"),
     ("pt", "e se vencesse a 1/1/2021?", "31 de Dezembro de 2020"),
     ("zh-Hant", "返返去頭先個還款，如果我調過兩次呢？", "最多可申請調整還款兩次"),
     ("en", "sorry, it was 3 thousand", "MOP 2,000.00")],
)  # fmt: skip
def test_probe7_what_ifs_and_corrections_after_a_decision_are_decided(
    stack: Stack, lang: str, what_if: str, expected: str
) -> None:
    """Item 7: refused, "not sure", the scope sentence, or (「返返去頭先個還款…」) the whole check
    begun again; "sorry, it was 3 thousand" was ignored."""
    sender = new_sender()
    decided_probe7(stack, sender, lang)
    said = text_of(chat(stack, what_if, sender, lang=lang))
    assert expected in said, said
    assert any(d in said for d in DECISION) and any(n in said for n in NOT_NOW.values())
    assert not any(question("scheme", other) in said for other in LANGS)


def test_probe7_a_what_if_inside_the_check_decides_it(stack: Stack) -> None:
    """Item 7: "ok what if it was due jan 2021" asked at the scheme question fell to "not sure";
    a due date after 2020 decides the case at once."""
    sender = new_sender()
    said = text_of(chat(stack, "Can my company adjust its aid repayment?", sender, lang="en"))
    assert said.endswith(question("scheme", "en")), said
    said = text_of(chat(stack, "ok what if it was due jan 2021", sender, lang="en"))
    assert reason("outside_period", "en") in said, said
    assert question("scheme", "en") not in said


@pytest.mark.parametrize(
    ("lang", "asked"),
    [("zh-Hant", "請問本公司是否可申請？"), ("zh-Hant", "請問本公司現時可否提出申請？"),
     ("en", "can we apply?"), ("pt", "Podemos candidatar-nos?")],
)  # fmt: skip
def test_probe7_can_we_apply_after_a_decision_is_answered(
    stack: Stack, lang: str, asked: str
) -> None:
    """Item 8: each restarted the seven questions of the check."""
    sender = new_sender()
    decided_probe7(stack, sender, lang)
    said = text_of(chat(stack, asked, sender, lang=lang))
    assert NOT_NOW[lang] in said and HOTLINE in said, said
    assert question("scheme", lang) not in said


def test_probe7_another_company_is_a_case_of_its_own(stack: Stack) -> None:
    """Item 9: the friend's company inherited "grant cancelled" from the user's own case."""
    sender = new_sender()
    said = decided_probe7(stack, sender, "en", cancelled=True)
    assert reason("grant_cancelled", "en") in said
    said = text_of(
        chat(stack, "ok what about my friend's company, Typhoon Hato scheme, last instalment due "
             "Oct 2020", sender, lang="en")
    )  # fmt: skip
    assert reason("last_installment", "en") in said, said
    assert reason("grant_cancelled", "en") not in said


def test_probe7_a_scheme_not_covered_is_said_to_be_not_covered(stack: Stack) -> None:
    """Item 10: «and if it's the e-commerce subsidy scheme?» got "the information does not give
    funding amounts"."""
    sender = new_sender()
    decided_probe7(stack, sender, "en")
    said = text_of(chat(stack, "and if it's the e-commerce subsidy scheme?", sender, lang="en"))
    assert reason("scheme_not_covered", "en") in said, said
    assert message("detail.funding", "en") not in said


def test_probe7_too_many_adjustments_says_what_the_question_accepts(stack: Stack) -> None:
    """Item 11: 「已調整的次數不能超過 100 次」 while the question asks 0, 1 or 2."""
    sender = new_sender()
    said = text_of(
        chat(stack, "我間公司可唔可以調整還款？中小企業援助計劃，2020年5月到期，唔係最後一期，"
             "援助冇被取消", sender)
    )  # fmt: skip
    assert said.endswith(question("adjustments_used")), said
    said = text_of(chat(stack, "調整過200次", sender))
    assert message("form.too_large.adjustments_used", "zh-Hant") in said, said
    assert "0、1 或 2" in said.split(question("adjustments_used"))[0]


def test_probe7_a_goodbye_inside_the_check_ends_it(stack: Stack) -> None:
    """Item 12: "thx bye" (NLU: goodbye, 0.80) got "could not understand that answer" and the
    question again."""
    sender = new_sender()
    form_at_grant_cancelled(stack, sender, "en")
    said = text_of(chat(stack, "thx bye", sender, lang="en"))
    assert message("small_talk.goodbye", "en") in said, said
    assert question("grant_cancelled", "en") not in said
    assert "could not understand" not in said
    said = text_of(chat(stack, "hi", sender, lang="en"))
    assert question("grant_cancelled", "en") not in said, said


# --- probe 9 (2026-12-07) ------------------------------------------------------------------------


def test_probe9_a_count_told_roughly_is_asked_for_exactly(stack: Stack) -> None:
    """p9-001: 「3月份嗰期，2020年」 was not understood; 「唔係，仲有成十幾期」 was no "no", and its
    "more than ten" became exactly 10 instalments, from which the increase was worked out."""
    sender = new_sender()
    said = text_of(
        chat(stack, "我間公司之前借咗中小企援助計劃，而家可唔可以申請調整還款呀？", sender)
    )
    assert said.endswith(question("installment_due_date")), said
    said = text_of(chat(stack, "3月份嗰期，2020年", sender))
    assert said.endswith(question("is_last_installment")) and NOT_UNDERSTOOD not in said, said
    said = text_of(chat(stack, "唔係，仲有成十幾期", sender))
    assert message("form.vague.remaining_installments_after", "zh-Hant") in said, said
    assert said.endswith(question("grant_cancelled")), said
    chat(stack, "冇被取消", sender)
    chat(stack, "調過一次", sender)
    said = text_of(chat(stack, "八千五蚊", sender))
    assert not any(d in said for d in DECISION), said
    assert said.endswith(question("remaining_installments_after")), said
    said = text_of(chat(stack, "12", sender))
    assert ELIGIBLE_THEN["zh-Hant"] in said and "之後12期" in said and "之後10期" not in said, said


def test_probe9_a_rough_count_told_early_is_never_computed_with(stack: Stack) -> None:
    """p9-073: "6/20" was not understood; 「大概仲有十幾期」 was kept as 10 and computed with."""
    sender = new_sender()
    said = text_of(chat(stack, "想計下調還款之後每期還幾多，中小企業援助計劃", sender))
    assert said.endswith(question("installment_due_date")), said
    said = text_of(chat(stack, "大概仲有十幾期", sender))
    assert message("form.vague.remaining_installments_after", "zh-Hant") in said, said
    assert said.endswith(question("installment_due_date")) and NOT_UNDERSTOOD not in said, said
    said = text_of(chat(stack, "6/20", sender))
    assert said.endswith(question("is_last_installment")), said
    for answer in ("否", "否", "0", "每期4千"):
        said = text_of(chat(stack, answer, sender))
    assert said.endswith(question("remaining_installments_after")), said
    said = text_of(chat(stack, "唔清楚", sender))
    assert ELIGIBLE_THEN["zh-Hant"] in said and "之後10期" not in said, said


@pytest.mark.parametrize(
    ("lang", "rough", "exact"),
    [("zh-Hant", "大概兩萬", "兩萬"), ("en", "about 8k I think", "MOP 8,000"),
     ("pt", "cerca de 5 mil patacas", "5000 patacas")],
)  # fmt: skip
def test_probe9_a_rough_amount_is_asked_for_exactly(
    stack: Stack, lang: str, rough: str, exact: str
) -> None:
    """p9-011: 「大概兩萬」 at the amount was taken as MOP 20,000 and computed with."""
    sender = new_sender()
    form_at_grant_cancelled(stack, sender, lang)
    chat(stack, {"zh-Hant": "冇被取消", "en": "no", "pt": "não"}[lang], sender, lang=lang)
    said = text_of(chat(stack, {"zh-Hant": "冇調過", "en": "never", "pt": "nunca"}[lang], sender,
                        lang=lang))  # fmt: skip
    assert said.endswith(question("installment_amount", lang)), said
    said = text_of(chat(stack, rough, sender, lang=lang))
    assert said.startswith(message("form.vague.installment_amount", lang)), said
    assert said.endswith(question("installment_amount", lang)), said
    said = text_of(chat(stack, exact, sender, lang=lang))
    assert said.endswith(question("remaining_installments_after", lang)), said


def test_probe9_the_last_one_after_the_measures_is_no_verdict(stack: Stack) -> None:
    """p9-052: "ok and the last one" after questions on the Greater Bay Area measures (no check
    begun) got "your case would not have met the conditions… the last instalment"."""
    sender = new_sender()
    for turn in ("does the gba package help me buy a flat in zhuhai?", "what's number 7 about?",
                 "and the one after?"):  # fmt: skip
        chat(stack, turn, sender, lang="en")
    said = text_of(chat(stack, "ok and the last one", sender, lang="en"))
    assert not any(d in said for d in DECISION), said
    assert reason("last_installment", "en") not in said
    assert not any(question(slot, "en") in said for slot in ("scheme", "installment_due_date"))


def test_probe9_staff_asked_to_follow_up_a_subject_opens_the_hand_off(stack: Stack) -> None:
    """p9-029: 「本人希望由貴局專人跟進…原產地證書…」 began the repayment check."""
    said = text_of(
        chat(stack, "本人希望由貴局專人跟進本公司關於CEPA原產地證書之申請事宜。", new_sender())
    )
    assert message("handoff.privacy_notice", "zh-Hant") in said, said
    assert question("scheme") not in said and message("form.ended_intro", "zh-Hant") not in said


@pytest.mark.parametrize(
    ("lang", "asked", "consent", "name", "contact", "yes"),
    [("zh-Hant", "本人希望由貴局專人跟進本公司關於CEPA原產地證書之申請事宜。", "同意。",
      "本人姓何，何志明。", "電郵：ho.cm@example.com.mo", "是"),
     ("en", "I'd like someone from the bureau to follow up my question about certificates of "
      "origin under CEPA", "ok", "Mary Ho", "mary.ho@example.com", "yes")],
)  # fmt: skip
def test_probe9_a_request_for_staff_that_names_its_subject_is_the_question(
    stack: Stack, lang: str, asked: str, consent: str, name: str, contact: str, yes: str
) -> None:
    """p9-029: after the name and e-mail, 「請寫下你想職員跟進的問題。」, although the first
    message had said what it was about; the user had to write it again."""
    sender = new_sender()
    chat(stack, asked, sender, lang=lang)
    chat(stack, consent, sender, lang=lang)
    chat(stack, name, sender, lang=lang)
    said = text_of(chat(stack, contact, sender, lang=lang))
    assert said == message("handoff.same_question", lang, question=asked), said
    filed = chat(stack, yes, sender, lang=lang)
    assert any(r.get("ticket") for r in filed["replies"]), text_of(filed)


@pytest.mark.parametrize(
    ("lang", "opening", "answer", "next_slot"),
    [("en", "Hello, I'd like to check my company's case for the repayment adjustment. We're on "
      "the Young Entrepreneurs Aid Scheme.", "the one due on Aug 15th 2020", "is_last_installment"),
     ("zh-Hant", "我想check下我可唔可以調還款", "中小企", "installment_due_date")],
)  # fmt: skip
def test_probe9_answers_as_users_write_them_are_read(
    stack: Stack, lang: str, opening: str, answer: str, next_slot: str
) -> None:
    """p9-045, p9-017: "the one due on Aug 15th 2020" and 「中小企」 were not understood."""
    sender = new_sender()
    chat(stack, opening, sender, lang=lang)
    said = text_of(chat(stack, answer, sender, lang=lang))
    assert said.endswith(question(next_slot, lang)), said


@pytest.mark.parametrize(
    ("lang", "turns", "next_slot"),
    [("zh-Hant", ["hello 我想問下青年創業援助計劃還款可唔可以減少每期金額", "2020年6月"],
      "is_last_installment"),
     ("zh-Hans", ["你好，我们公司参加了中小企业援助计划，想算一下如果调整还款的话之后每期要多还多少钱"],
      "installment_due_date")],
)  # fmt: skip
def test_probe9_a_scheme_named_before_is_not_asked_again(
    stack: Stack, lang: str, turns: list[str], next_slot: str
) -> None:
    """p9-002, p9-033: the check asked "which scheme?" of a user who had just named it."""
    sender = new_sender()
    for turn in turns:
        said = text_of(chat(stack, turn, sender, lang=lang))
    assert said.endswith(question(next_slot, lang)), said
    assert question("scheme", lang) not in said


def test_probe9_a_new_round_of_aid_after_a_decision(stack: Stack) -> None:
    """p9-046: "sure or not? my fren say got new round of help this year leh" after a decision
    began the check again, and asked the scheme it knew."""
    sender = new_sender()
    said = text_of(
        chat(stack, "Aiya my company got the Hato loan lah, can adjust the payment or not?",
             sender, lang="en")
    )  # fmt: skip
    assert said.endswith(question("installment_due_date", "en")), said
    said = text_of(chat(stack, "next one is jan 2021 wor", sender, lang="en"))
    assert reason("outside_period", "en") in said, said
    said = text_of(
        chat(stack, "sure or not? my fren say got new round of help this year leh", sender,
             lang="en")
    )  # fmt: skip
    assert message("answer.no_newer_aid", "en") in said and HOTLINE in said, said
    assert NOT_NOW["en"] in said
    assert question("scheme", "en") not in said


def test_probe9_the_last_instalment_told_first_is_decided_at_once(stack: Stack) -> None:
    """p9-011: 「得返最後一期未還」 was read as "not the last instalment", and five questions
    followed before the verdict."""
    said = text_of(
        chat(stack, "我公司係天鴿特別援助計劃嘅，得返最後一期未還，可唔可以調低佢？", new_sender())
    )
    assert reason("last_installment", "zh-Hant") in said, said
    assert not any(question(slot) in said for slot in ("installment_due_date", "grant_cancelled"))


def test_probe9_thanks_end_a_check_turned_away_from(stack: Stack) -> None:
    """p9-023: after a decision, a question supposing another case began the check again, whose
    question then followed every reply, 「謝謝。」's too, though the user only asked questions."""
    sender = new_sender()
    said = text_of(
        chat(stack, "敝公司為《受「天鴿」風災影響的中小企業特別援助計劃》之受惠企業，惟援助批給已於"
             "去年被取消，請問可否申請調整還款？", sender)
    )  # fmt: skip
    assert reason("grant_cancelled", "zh-Hant") in said, said
    for turn in ("明白。另請問，若批給未被取消，調整後最近一期須償還多少？", "餘下款項如何處理？",
                 "此措施由何時開始推出？"):  # fmt: skip
        chat(stack, turn, sender)
    said = text_of(chat(stack, "謝謝。", sender))
    assert message("small_talk.thank", "zh-Hant") in said, said
    assert not any(question(slot) in said for slot in REQUIRED_SLOTS), said
    said = text_of(chat(stack, "CEPA修訂協議幾時實施？", sender))
    assert not any(question(slot) in said for slot in REQUIRED_SLOTS), said


def test_probe9_thanks_after_asking_whether_one_can_still_apply(stack: Stack) -> None:
    """p9-044: "can i still apply??" began the check, whose question followed "thx"."""
    sender = new_sender()
    said = text_of(
        chat(stack, "wat is teh repayment thingy for sme loan, can i still apply??", sender,
             lang="en")
    )  # fmt: skip
    assert NOT_NOW["en"] in said, said
    said = text_of(chat(stack, "thx", sender, lang="en"))
    assert message("small_talk.thank", "en") in said, said
    assert not any(question(slot, "en") in said for slot in REQUIRED_SLOTS), said


def test_probe9_can_i_submit_it_now_after_a_decision(stack: Stack) -> None:
    """p9-045: "wait, so can I submit this to DSE now?" after a decision got "not sure"."""
    sender = new_sender()
    decided_probe7(stack, sender, "en")
    said = text_of(chat(stack, "wait, so can I submit this to DSE now?", sender, lang="en"))
    assert NOT_NOW["en"] in said and HOTLINE in said, said


def test_probe9_whether_a_scheme_still_takes_applications_begins_no_check(stack: Stack) -> None:
    """p9-039: after declining the hand-off, 「那我不留资料的话能问吗？我想知道青年创业援助计划
    现在还接受申请吗」 began the repayment check."""
    sender = new_sender()
    at_privacy_notice(stack, sender, "zh-Hans")
    chat(stack, "不同意", sender, lang="zh-Hans")
    said = text_of(
        chat(stack, "那我不留资料的话能问吗？我想知道青年创业援助计划现在还接受申请吗", sender,
             lang="zh-Hans")
    )  # fmt: skip
    assert NOT_NOW["zh-Hans"] in said and HOTLINE in said, said
    assert not any(question(slot, "zh-Hans") in said for slot in REQUIRED_SLOTS), said


@pytest.mark.parametrize(
    ("lang", "filing", "asked"),
    [("zh-Hant", "陳生，66123456，我想問物流公司去珠海開分公司要幾多註冊資本", "咁幾時有人覆我？"),
     ("en", "Maria Fernandes, maria.f@example.mo, can my travel agency open a branch in Zhuhai?",
      "thanks, what's my reference again?")],
)  # fmt: skip
def test_probe9_after_a_ticket_its_reference_and_how_to_follow_up(
    stack: Stack, lang: str, filing: str, asked: str
) -> None:
    """p9-006, p9-048: the scope sentence and "not sure", each with another offer of staff."""
    sender = new_sender()
    at_privacy_notice(stack, sender, lang)
    chat(stack, "同意" if lang == "zh-Hant" else "yes", sender, lang=lang)
    filed = chat(stack, filing, sender, lang=lang)
    reference = next(r["ticket"] for r in filed["replies"] if r.get("ticket"))
    reply = chat(stack, asked, sender, lang=lang)
    assert reference in text_of(reply) and HOTLINE in text_of(reply), text_of(reply)
    assert reply["handoff_offered"] is False
    if lang == "zh-Hant":
        said = text_of(chat(stack, "你記住咗我電話未", sender))
        assert message("small_talk.privacy", "zh-Hant") in said, said
        said = text_of(chat(stack, "算喇，唔該晒", sender))
        assert message("small_talk.goodbye", "zh-Hant") in said, said


@pytest.mark.parametrize(
    ("typed", "lang"),
    [("你哋會唔會將我電話俾第三方㗎", "zh-Hant"), ("我同你講嘢會唔會被記錄", "zh-Hant"),
     ("我要刪除我所有資料", "zh-Hant"), ("what do you do with the stuff I type here?", "en"),
     ("do you store my IP address?", "en"), ("please delete everything you know about me", "en"),
     ("who at DSE can read my chats?", "en")],
)  # fmt: skip
def test_probe9_questions_about_privacy_get_the_privacy_notice(
    stack: Stack, typed: str, lang: str
) -> None:
    """p9-013, p9-049: "not sure", the scope sentence, the capabilities, or an offer of staff
    (which would collect more)."""
    reply = chat(stack, typed, new_sender(), lang=lang)
    assert message("small_talk.privacy", lang) in text_of(reply), text_of(reply)
    assert reply["handoff_offered"] is False


def test_probe9_a_name_given_then_withdrawn_asked_to_be_deleted(stack: Stack) -> None:
    """p9-020: 「你頭先記低咗我個名，可唔可以刪咗佢」 after withdrawing got "not sure"."""
    sender = new_sender()
    at_privacy_notice(stack, sender)
    chat(stack, "係", sender)
    chat(stack, "Wong小姐", sender)
    # (not the phone: an e-mail will do, probe 14)
    said = text_of(chat(stack, "啊唔好意思，我諗返唔想留電話住", sender))
    assert message("handoff.one_contact_enough", "zh-Hant") in said, said
    said = text_of(chat(stack, "你頭先記低咗我個名，可唔可以刪咗佢", sender))
    assert any(d in said for d in DECLINED) or message("small_talk.privacy", "zh-Hant") in said
    assert message("handoff.question.contact_detail", "zh-Hant") not in said, said


def test_probe9_what_can_you_do_after_an_offer_of_staff(stack: Stack) -> None:
    """p9-036: 「好吧，你到底能干啥」 (NLU: yes) after an offer of staff opened the hand-off."""
    sender = new_sender()
    chat(stack, "帮我写一首关于澳门的诗", sender, lang="zh-Hans")
    said = text_of(chat(stack, "好吧，你到底能干啥", sender, lang="zh-Hans"))
    assert message("handoff.privacy_notice", "zh-Hans") not in said, said
    assert compose_capabilities("zh-Hans").text in said, said


def test_probe9_thanks_in_slang(stack: Stack) -> None:
    """p9-058: "tks bro" got "I still cannot answer your question"."""
    sender = new_sender()
    chat(stack, "wen is cepa amendmnt efective", sender, lang="en")
    said = text_of(chat(stack, "tks bro", sender, lang="en"))
    assert said == message("small_talk.thank", "en"), said


# --- probe 10 (2026-12-07) -----------------------------------------------------------------------


def test_probe10_a_count_taken_back_and_a_sum_with_units(stack: Stack) -> None:
    """p10-009: 「兩次 啊唔係 係一次」 was two adjustments, ruled out as "at most twice"; 「1萬2」
    was MOP 10,000, and "the remaining MOP 9,000" was spread over 6 instalments."""
    sender = new_sender()
    said = text_of(
        chat(stack, "我係中小企援助計劃 2020年3月嗰期想減 唔係最後一期 可唔可以", sender)
    )
    assert said.endswith(question("grant_cancelled")), said
    said = text_of(chat(stack, "應該冇掛", sender))
    assert said.endswith(question("adjustments_used")), said
    said = text_of(chat(stack, "兩次 啊唔係 係一次", sender))
    assert not any(d in said for d in DECISION), said
    assert said.endswith(question("installment_amount")), said
    said = text_of(chat(stack, "1萬2", sender))
    assert said.endswith(question("remaining_installments_after")), said
    said = text_of(chat(stack, "6", sender))
    assert ELIGIBLE_THEN["zh-Hant"] in said and "11,000.00" in said and "之後6期" in said, said
    assert "9,000.00" not in said


def test_probe10_three_facts_at_once_and_a_sum_with_units(stack: Stack) -> None:
    """p10-003: 「應該係前年嘅三月尾 定四月初 唔記得」 was "don't know" (both months are after
    2020: the case is settled); 「唔係最後 冇取消過 都未調過」 was asked again; 「1萬5千」 was
    MOP 10,000."""
    sender = new_sender()
    reply = chat(stack, "我間公司之前借咗中小企援助計劃 想申請調低還款得唔得", sender)
    assert text_of(reply).endswith(question("installment_due_date")), text_of(reply)
    said = text_of(chat(stack, "應該係前年嘅三月尾 定四月初 唔記得", sender))
    assert reason("outside_period", "zh-Hant") in said, said
    assert message("form.dont_know", "zh-Hant") not in said
    said = text_of(chat(stack, "咁我想再試下 中小企援助 2020年6月到期", sender))
    assert said.endswith(question("is_last_installment")), said
    said = text_of(chat(stack, "唔係最後 冇取消過 都未調過", sender))
    assert said.endswith(question("installment_amount")), said
    said = text_of(chat(stack, "1萬5千", sender))
    assert said.endswith(question("remaining_installments_after")), said
    said = text_of(chat(stack, "7期", sender))
    assert ELIGIBLE_THEN["zh-Hant"] in said and "14,000.00" in said and "2,000.00" in said, said


def test_probe10_a_rough_sum_with_units_is_asked_for_exactly(stack: Stack) -> None:
    """p10-004: 「大概1萬2蚊」 was taken without comment (as MOP 10,000) while 「十期左右」 was
    asked again; the first reply put three articles nobody asked for before the question."""
    sender = new_sender()
    reply = chat(stack, "check下我可唔可以調整還款", sender)
    said = text_of(reply)
    assert said.startswith(message("form.ended_intro", "zh-Hant")), said
    assert said.endswith(question("scheme")) and reply["sources"] == [], said
    for turn in ("天鴿嗰個 我做餐廳 好慘呀嗰陣", "2020年8月 15號左右", "唔係 仲有好多期",
                 "冇喎 一直都有還錢", "一次咋"):  # fmt: skip
        said = text_of(chat(stack, turn, sender))
    assert said.endswith(question("installment_amount")), said
    said = text_of(chat(stack, "大概1萬2蚊", sender))
    assert said.startswith(message("form.vague.installment_amount", "zh-Hant")), said
    assert said.endswith(question("installment_amount")), said
    said = text_of(chat(stack, "1萬2", sender))
    assert said.endswith(question("remaining_installments_after")), said
    said = text_of(chat(stack, "10期", sender))
    assert "11,000.00" in said and "1,100.00" in said, said


@pytest.mark.parametrize(
    ("lang", "opening", "next_slot"),
    [("zh-Hant", "check下我可唔可以調整還款", "scheme"),
     ("zh-Hant", "好啦 我想check下還款 我係中小企援助計劃", "installment_due_date"),
     ("pt", "Olá, a minha empresa tem um empréstimo do Plano de Apoio a Pequenas e Médias "
      "Empresas. Ainda posso pedir o ajustamento da prestação?", "installment_due_date"),
     ("en", "check my repayment case pls", "scheme")],
)  # fmt: skip
def test_probe10_the_check_opens_with_the_notice_and_its_question_only(
    stack: Stack, lang: str, opening: str, next_slot: str
) -> None:
    """p10-004, p10-012, p10-062: up to three articles (the application statistics among them)
    and a source line came between the notice that the measure has ended and the first question."""
    reply = chat(stack, opening, new_sender(), lang=lang)
    said = text_of(reply)
    assert said == f"{message('form.ended_intro', lang)}\n\n{question(next_slot, lang)}", said
    assert reply["sources"] == []


def test_probe10_the_instalment_told_in_the_first_message(stack: Stack) -> None:
    """p10-005: 「想問下12000調到1000 剩返幾多要攤還」: the check asked the instalment again
    (12000; 1000 is the sum it is lowered to)."""
    sender = new_sender()
    for turn in ("想問下12000調到1000 剩返幾多要攤還", "青年創業嗰個", "20年12月", "唔係", "冇"):
        chat(stack, turn, sender)
    said = text_of(chat(stack, "未試過", sender))
    assert said.endswith(question("remaining_installments_after")), said
    said = text_of(chat(stack, "唔知喎", sender))
    assert ELIGIBLE_THEN["zh-Hant"] in said and "11,000.00" in said, said


def test_probe10_a_diamond_licence_question_begins_no_check(stack: Stack) -> None:
    """p10-006: 「我想自己開間鑽石公司 仲使唔使其他牌」 (NLU: the check, 0.54) began the
    repayment check; 「出口要咩證」 inside it got "not sure"."""
    sender = new_sender()
    for turn in ("金伯利嗰個係咩嚟 同我哋做珠寶有咩關係", "要攞咩牌", "而家有幾多間公司攞咗牌"):
        chat(stack, turn, sender)
    reply = chat(stack, "我想自己開間鑽石公司 仲使唔使其他牌", sender)
    said = text_of(reply)
    assert message("form.ended_intro", "zh-Hant") not in said, said
    assert not any(question(slot) in said for slot in REQUIRED_SLOTS), said
    assert all(s["id"].startswith("kimberley") for s in reply["sources"]), reply["sources"]
    reply = chat(stack, "出口要咩證", sender)
    assert "kimberley-licences" in [s["id"] for s in reply["sources"]], text_of(reply)


@pytest.mark.parametrize(
    ("lang", "opening", "denial"),
    [("zh-Hant", "我想check下還款", "我冇借錢呀 你搞錯咗"),
     ("en", "check my repayment case pls", "i dont have any loan, you got it wrong"),
     ("pt", "Quero verificar o meu caso do reembolso", "Não tenho nenhum empréstimo")],
)  # fmt: skip
def test_probe10_no_loan_leaves_the_check(
    stack: Stack, lang: str, opening: str, denial: str
) -> None:
    """p10-006: 「我冇借錢呀 你搞錯咗」 was "not understood", and the scheme asked again."""
    sender = new_sender()
    chat(stack, opening, sender, lang=lang)
    said = text_of(chat(stack, denial, sender, lang=lang))
    assert said == message("form.misread", lang), said


@pytest.mark.parametrize("answer", ["sme個個", "中小企嗰個啦"])
def test_probe10_short_names_of_the_sme_scheme(stack: Stack, answer: str) -> None:
    """p10-017: each was "not understood" at "which scheme?"."""
    sender = new_sender()
    said = text_of(chat(stack, "hello 我想check下個repayment", sender))
    assert said.endswith(question("scheme")), said
    said = text_of(chat(stack, answer, sender))
    assert said.endswith(question("installment_due_date")) and NOT_UNDERSTOOD not in said, said


def test_probe10_before_christmas_of_a_year(stack: Stack) -> None:
    """p10-020: 「19年聖誕節前嗰排」 was "not understood" at the due-date question."""
    sender = new_sender()
    # (the probe's 「…天鴿援助計劃嘅還款仲可唔可以調」 is now told the measure has ended)
    said = text_of(chat(stack, "好啦 我想check下還款 我係天鴿援助計劃", sender))
    assert said.endswith(question("installment_due_date")), said
    said = text_of(chat(stack, "19年聖誕節前嗰排", sender))
    assert said.endswith(question("is_last_installment")) and NOT_UNDERSTOOD not in said, said


def test_probe10_other_aid_now_begins_no_check(stack: Stack) -> None:
    """p10-026: 「如本公司仍有財務困難，貴局現時有何其他援助？」 began the repayment check."""
    sender = new_sender()
    chat(stack, "本人欲查詢經濟局推出之「調整各項援助計劃的還款」措施。本公司屬《中小企業援助計劃》"
         "受惠企業，現尚有還款未清，可否於本月申請調整？", sender)  # fmt: skip
    chat(stack, "換言之，本公司現時不能申請，是否正確？", sender)
    said = text_of(chat(stack, "如本公司仍有財務困難，貴局現時有何其他援助？", sender))
    assert message("answer.no_newer_aid", "zh-Hant") in said and HOTLINE in said, said
    assert not any(question(slot) in said for slot in REQUIRED_SLOTS), said


def test_probe10_the_scheme_named_with_a_language_switch(stack: Stack) -> None:
    """p10-073: 「我用中文吧，是青年创业援助计划」 switched the language, then asked the scheme the
    same message had named."""
    sender = new_sender()
    said = text_of(chat(stack, "Quero verificar o meu caso do reembolso", sender, lang="pt"))
    assert said.endswith(question("scheme", "pt")), said
    said = text_of(chat(stack, "我用中文吧，是青年创业援助计划", sender, lang="pt"))
    assert message("language.switched", "zh-Hans") in said, said
    assert said.endswith(question("installment_due_date", "zh-Hans")), said
    assert question("scheme", "zh-Hans") not in said


def test_probe10_repaying_since_last_month_is_decided_at_once(stack: Stack) -> None:
    """p10-010: 「我上個月先開始還青創嘅錢 可唔可以申請調低」 asked the due date, which 上個月
    (after 2020) had already settled."""
    said = text_of(chat(stack, "我上個月先開始還青創嘅錢 可唔可以申請調低", new_sender()))
    assert reason("outside_period", "zh-Hant") in said, said
    assert not any(question(slot) in said for slot in REQUIRED_SLOTS), said


@pytest.mark.parametrize(
    ("lang", "opening", "asked"),
    [("zh-Hant", "好啦 我想check下還款 我係中小企援助計劃", "咁幾時截止㗎"),
     ("en", "check my repayment case, the hato one", "where do i submit it")],
)  # fmt: skip
def test_probe10_when_it_ends_and_where_to_apply_inside_the_check(
    stack: Stack, lang: str, opening: str, asked: str
) -> None:
    """p10-010: 「咁幾時截止㗎」 inside the check got "not sure"; p10-046: "where do i submit it"
    (NLU: out of scope) got "outside what I can help with". The measure's end, then the question."""
    sender = new_sender()
    said = text_of(chat(stack, opening, sender, lang=lang))
    assert said.endswith(question("installment_due_date", lang)), said
    reply = chat(stack, asked, sender, lang=lang)
    said = text_of(reply)
    assert NOT_NOW[lang] in said and HOTLINE in said, said
    assert said.endswith(question("installment_due_date", lang)), said
    assert reply["handoff_offered"] is False


def test_probe10_the_grant_that_wasnt_cancelled(stack: Stack) -> None:
    """p10-056: "nope, and the grant wasnt cancelled, never adjusted before" was ruled out as a
    cancelled grant."""
    sender = new_sender()
    for turn in ("check my repayment case pls", "the hato one", "30th of june 2020"):
        said = text_of(chat(stack, turn, sender, lang="en"))
    assert said.endswith(question("is_last_installment", "en")), said
    said = text_of(
        chat(stack, "nope, and the grant wasnt cancelled, never adjusted before", sender, lang="en")
    )
    assert reason("grant_cancelled", "en") not in said, said
    assert said.endswith(question("installment_amount", "en")), said
    chat(stack, "MOP 4,200", sender, lang="en")
    said = text_of(chat(stack, "four", sender, lang="en"))
    assert ELIGIBLE_THEN["en"] in said and "3,200.00" in said, said


# --- probe 12 (2026-12-07) -----------------------------------------------------------------------


def test_probe12_the_measures_own_figure_a_cousin_quoted_decides_nothing(stack: Stack) -> None:
    """018-1: "yo so my cousin said govt lets u pay only 1000 mop for ur sme loan?? can i do that
    now my shop is struggling" got "your case would not have met the conditions either: the
    instalment is not above MOP 1,000" (the measure's figure, not the user's instalment)."""
    said = text_of(
        chat(
            stack,
            "yo so my cousin said govt lets u pay only 1000 mop for ur sme loan?? can i do that "
            "now my shop is struggling",
            new_sender(),
            lang="en",
        )
    )
    assert NOT_NOW["en"] in said, said
    assert reason("installment_not_above_minimum", "en") not in said, said
    assert not any(d in said for d in DECISION), said


def test_probe12_a_correction_after_the_verdict_decides_again(stack: Stack) -> None:
    """047-2: 「唔係喎 我諗錯 應該仲有兩期」 right after "the last instalment: not eligible"
    repeated that verdict."""
    sender = new_sender()
    said = text_of(chat(stack, "我2020年5月嗰期已經係最後一期 仲可唔可以減到1000", sender))
    assert reason("last_installment", "zh-Hant") in said, said
    said = text_of(chat(stack, "唔係喎 我諗錯 應該仲有兩期", sender))
    assert reason("last_installment", "zh-Hant") not in said, said
    assert said.startswith(message("form.ended_intro", "zh-Hant")), said
    assert said.endswith(question("scheme")), said
    for turn in ("中小企", "冇取消", "0"):
        said = text_of(chat(stack, turn, sender))
    assert said.endswith(question("installment_amount")), said
    said = text_of(chat(stack, "七千蚊", sender))
    assert said.startswith(message("repayment.ended_verdict.eligible", "zh-Hant")), said
    assert "6,000.00" in said and "之後2期" in said and "3,000.00" in said, said


def test_probe12_the_end_of_2020_and_the_measures_last_day(stack: Stack) -> None:
    """030-3: 「应该是2020年底吧」 was "not understood"; 030-10: an instalment due on 31 December
    2020 was "eligible" under 「2020年12月31日前」 with no word that that day itself is open."""
    sender = new_sender()
    said = text_of(chat(stack, "我想查一下我的还款情况，我是天鸽那个计划的", sender))
    assert said.endswith(question("installment_due_date", "zh-Hans")), said
    said = text_of(chat(stack, "应该是2020年底吧", sender))
    assert NOT_UNDERSTOOD not in said and "未能理解" not in said, said
    assert said.endswith(question("is_last_installment", "zh-Hans")), said
    said = text_of(chat(stack, "说错了，不是最后一期，还有两期", sender))
    assert said.endswith(question("grant_cancelled", "zh-Hans")), said
    chat(stack, "没有", sender)
    chat(stack, "0", sender)
    said = text_of(chat(stack, "1万", sender))
    assert said.startswith(message("repayment.ended_verdict.eligible", "zh-Hans")), said
    assert message("repayment.boundary_note", "zh-Hans") in said and "4,500.00" in said, said


@pytest.mark.parametrize(
    ("typed", "lang"),
    [("last thing: where can I find the newsletter online?", "en"),
     ("The letter says I'm in arrears. What happens if I can't pay? Will they cancel my grant?",
      "en"),
     ("唔係13呀 我問公估 loss adjuster", "zh-Hant"),
     ("so the deadline passed? can i get an exception, my case is special (covid losses)", "en")],
)  # fmt: skip
def test_probe12_questions_on_other_things_begin_no_check(
    stack: Stack, typed: str, lang: str
) -> None:
    """035-6, 043-3, 040-5, 052-2: each began the repayment check (the NLU read the check)."""
    said = text_of(chat(stack, typed, new_sender(), lang=lang))
    assert message("form.ended_intro", lang) not in said, said
    assert not any(question(slot, lang) in said for slot in REQUIRED_SLOTS), said
    assert not any(d in said for d in DECISION), said


def test_probe12_what_if_i_cant_pay_after_a_decision_begins_no_check(stack: Stack) -> None:
    """043-3: "The letter says I'm in arrears. What happens if I can't pay? Will they cancel my
    grant?" after a decision began the check again."""
    sender = new_sender()
    said = text_of(
        chat(
            stack,
            "Hi. I received a letter about my Typhoon Hato aid loan. Can the Economic Bureau still "
            "reduce my next instalment to 1000?",
            sender,
            lang="en",
        )
    )
    assert said.startswith(message("form.ended_intro", "en")), said
    said = text_of(chat(stack, "15 Jan 2027", sender, lang="en"))
    assert reason("outside_period", "en") in said, said
    said = text_of(
        chat(
            stack,
            "The letter says I'm in arrears. What happens if I can't pay? Will they cancel my grant?",
            sender,
            lang="en",
        )
    )
    assert message("form.ended_intro", "en") not in said, said
    assert not any(question(slot, "en") in said for slot in REQUIRED_SLOTS), said


def test_probe12_a_no_at_the_first_question_leaves_the_check(stack: Stack) -> None:
    """035-7: "what?? no, I asked where the CEPA Express newsletter is on the website" at the
    check's first question got "not sure" and the question again."""
    sender = new_sender()
    said = text_of(chat(stack, "check my repayment case pls", sender, lang="en"))
    assert said.endswith(question("scheme", "en")), said
    said = text_of(
        chat(
            stack,
            "what?? no, I asked where the CEPA Express newsletter is on the website",
            sender,
            lang="en",
        )
    )
    assert said.startswith(message("form.left", "en")), said
    assert not any(question(slot, "en") in said for slot in REQUIRED_SLOTS), said
    said = text_of(chat(stack, "ok thanks", sender, lang="en"))
    assert not any(question(slot, "en") in said for slot in REQUIRED_SLOTS), said


@pytest.mark.parametrize(
    ("refusal", "lang"),
    [("no", "en"), ("I don't want a check", "en"), ("唔使check", "zh-Hant"),
     ("não quero verificar", "pt")],
)  # fmt: skip
def test_probe12_no_or_a_refusal_at_the_first_question(
    stack: Stack, refusal: str, lang: str
) -> None:
    """043-4: "I don't want a check. I'm asking what happens if I don't pay." did not leave the
    check (only "cancel" or 「唔關我事」 did); 035-7: a "no" did not either."""
    sender = new_sender()
    opening = {"en": "check my repayment case pls", "zh-Hant": "我想check下還款",
               "pt": "Quero verificar o meu caso do reembolso"}[lang]  # fmt: skip
    said = text_of(chat(stack, opening, sender, lang=lang))
    assert said.endswith(question("scheme", lang)), said
    said = text_of(chat(stack, refusal, sender, lang=lang))
    assert said == message("form.misread", lang), said


def test_probe12_i_dont_want_a_check_and_a_question_besides(stack: Stack) -> None:
    """043-4: "I don't want a check. I'm asking what happens if I don't pay." got the amount
    article and the check's question again."""
    sender = new_sender()
    chat(stack, "check my repayment case, the hato one", sender, lang="en")
    said = text_of(
        chat(
            stack,
            "I don't want a check. I'm asking what happens if I don't pay.",
            sender,
            lang="en",
        )
    )
    assert said.startswith(message("form.left", "en")), said
    assert not any(question(slot, "en") in said for slot in REQUIRED_SLOTS), said


def test_probe12_a_festival_and_a_month_after_the_year(stack: Stack) -> None:
    """002-4: 「春節前後啦 2020年」 and 002-5: 「1月尾」 (the year given just before) were each "not
    understood"."""
    sender = new_sender()
    said = text_of(chat(stack, "好啦 我想check下還款 我係中小企援助計劃", sender))
    assert said.endswith(question("installment_due_date")), said
    said = text_of(chat(stack, "春節前後啦 2020年", sender))
    assert NOT_UNDERSTOOD not in said and said.endswith(question("is_last_installment")), said
    sender = new_sender()
    chat(stack, "好啦 我想check下還款 我係中小企援助計劃", sender)
    said = text_of(chat(stack, "2020年嘅事啦", sender))
    assert said.endswith(question("installment_due_date")), said
    said = text_of(chat(stack, "1月尾", sender))
    assert NOT_UNDERSTOOD not in said and said.endswith(question("is_last_installment")), said


def test_probe12_july_in_the_summer_of_2020(stack: Stack) -> None:
    """037-2: «no verão de 2020, julho acho» was "not understood"."""
    sender = new_sender()
    said = text_of(
        chat(
            stack,
            "Bom dia. A minha empresa tem um empréstimo do Plano de Apoio a Jovens Empreendedores. "
            "Quero verificar o meu caso antigo.",
            sender,
            lang="pt",
        )
    )
    assert said.endswith(question("installment_due_date", "pt")), said
    said = text_of(chat(stack, "no verão de 2020, julho acho", sender, lang="pt"))
    assert said.endswith(question("is_last_installment", "pt")), said


def test_probe12_so_no_and_a_rough_amount(stack: Stack) -> None:
    """024-4: 「check咗 仲有3期 所以唔係」 was asked again whether it was the last instalment;
    024-8: 「大概三千五蚊」 is asked for exactly."""
    sender = new_sender()
    said = text_of(chat(stack, "我間公司 2020年4月嗰期 想知當時可唔可以減", sender))
    assert said.endswith(question("scheme")), said
    said = text_of(chat(stack, "青創", sender))
    assert said.endswith(question("is_last_installment")), said
    said = text_of(chat(stack, "check咗 仲有3期 所以唔係", sender))
    assert said.endswith(question("grant_cancelled")), said
    chat(stack, "冇取消", sender)
    said = text_of(chat(stack, "未試過調整", sender))
    assert said.endswith(question("installment_amount")), said
    said = text_of(chat(stack, "大概三千五蚊", sender))
    assert said.startswith(message("form.vague.installment_amount", "zh-Hant")), said
    said = text_of(chat(stack, "3500", sender))
    assert ELIGIBLE_THEN["zh-Hant"] in said and "之後3期" in said and "833.34" in said, said


def test_probe12_a_case_supposed_in_the_opening_question(stack: Stack) -> None:
    """034-4, 034-5, 034-8: 「如果我2020年11月那期已经调整过两次了，12月那期还能再调吗」 began the
    check, which asked the month and the adjustments again."""
    said = text_of(
        chat(stack, "如果我2020年11月那期已经调整过两次了，12月那期还能再调吗", new_sender())
    )
    assert said.startswith(message("repayment.ended_verdict.not_eligible", "zh-Hans")), said
    assert reason("adjustment_limit_reached", "zh-Hans") in said, said
    assert not any(question(slot, "zh-Hans") in said for slot in REQUIRED_SLOTS), said


def test_probe12_instalments_told_before_the_check_began(stack: Stack) -> None:
    """051-5: 「仲有4期」 (051-2), then 「幫我計下啦」: the check asked whether it was the last
    instalment, and never used the MOP 5,000 told first."""
    sender = new_sender()
    chat(stack, "我而家每期還5000 如果申請調整 之後要還幾多", sender)
    chat(stack, "咁假設係2020年嗰陣 減完之後每期幾多 仲有4期", sender)
    said = text_of(chat(stack, "幫我計下啦", sender))
    assert said.endswith(question("scheme")), said
    chat(stack, "中小企業援助計劃", sender)
    said = text_of(chat(stack, "2020年8月", sender))
    assert said.endswith(question("grant_cancelled")), said
    chat(stack, "冇取消", sender)
    said = text_of(chat(stack, "0", sender))
    assert ELIGIBLE_THEN["zh-Hant"] in said and "4,000.00" in said and "之後4期" in said, said


# --- probe 13 (2026-12-07) ------------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["冇俾人取消過", "冇俾人取消"])
def test_probe13_never_cancelled_by_anyone_is_not_cancelled(stack: Stack, answer: str) -> None:
    """p13-023, p13-032: 「冇俾人取消過」 was read as "cancelled" and the case ruled out for it."""
    sender = new_sender()
    form_at_grant_cancelled(stack, sender)
    said = text_of(chat(stack, answer, sender))
    assert question("adjustments_used").split("（")[0] in said, said
    assert message("repayment.reason.grant_cancelled", "zh-Hant") not in said
