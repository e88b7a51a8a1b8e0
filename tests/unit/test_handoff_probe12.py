"""The staff hand-off's data handling, in the words of the twelfth probe's users (p12-NNN).

Parsers of actions/parsing/contacts.py, and the slots the hand-off form sets for a message at a
step (actions/handoff_form.py), with no process running.
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff_form import ValidateHandoffForm
from actions.parsing import (
    asks_about_own_data,
    asks_about_privacy,
    asks_if_one_contact_enough,
    declines_name,
    numbered_part,
    parse_name,
    parse_phone,
    split_contact_message,
    wants_staff,
    withdraws_consent,
    withholds_details,
)
from knowledge.messages import text as message

PASTED = (
    "我老板转来一封邮件，请帮忙回答：\n1. 修订协议哪天签署？\n2. 国民待遇部门从多少个增加到多少个？\n"
    "3. 澳门企业在内地注册公司需要多少注册资本？"
)


def form_turn(
    typed: str,
    requested: str | None,
    slots: dict[str, Any] | None = None,
    intent: str = "inform",
    earlier: list[str] | None = None,
    lang: str | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """The slots the hand-off form sets when `typed` answers `requested` (after the user's
    `earlier` messages, in the widget's `lang`), and what it says."""
    events = [{"event": "user", "text": said} for said in [*(earlier or []), typed]]
    tracker = Tracker(
        sender_id="web:test",
        slots=slots or {},
        latest_message={
            "text": typed,
            "intent": {"name": intent},
            "entities": [],
            "metadata": {"lang": lang} if lang else {},
        },
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )
    dispatcher = CollectingDispatcher()
    set_ = ValidateHandoffForm().extract_events(tracker, requested, dispatcher)
    said = [m["text"] for m in dispatcher.messages if m.get("text")]
    return {e["name"]: e["value"] for e in set_}, said


# --- A. a refusal is never a name; a title is part of one; "question:" marks the question ------


@pytest.mark.parametrize(
    "typed",
    ["本人不便透露姓名",  # p12-005 turn 8
     "名字就不留了",  # p12-045 turn 6
     "我不便透露名字", "姓名不提供了", "I'll leave out my name", "Não deixo o meu nome"],
)  # fmt: skip
def test_p12_declining_the_name_is_no_name(typed: str) -> None:
    """p12-005: 「本人不便透露姓名」 was stored as the name of ticket 0002."""
    assert declines_name(typed)
    assert parse_name(typed) is None


@pytest.mark.parametrize(
    "typed", ["Dr. Maria Lopes", "陳生", "黃小姐", "Sra. Ana Costa", "Mr Tom Lee"]
)
def test_p12_titles_belong_to_the_name(typed: str) -> None:
    """p12-027: "I'm Dr. Maria Lopes" was filed with the name "Dr"."""
    assert not declines_name(typed) and parse_name(typed) == typed


def test_p12_027_title_name_email_and_labelled_question_in_one_message() -> None:
    """p12-027: "yes. I'm Dr. Maria Lopes, maria.lopes@um.edu.mo — question: will there be a
    2027 workshop open to private firms?" was filed with the name "Dr" and the question
    "Maria Lopes"."""
    details = split_contact_message(
        "yes. I'm Dr. Maria Lopes, maria.lopes@um.edu.mo — question: will there be a 2027 "
        "workshop open to private firms?"
    )
    assert details is not None
    assert details.name == "Dr. Maria Lopes"
    assert details.contact == "maria.lopes@um.edu.mo"
    assert details.question == "will there be a 2027 workshop open to private firms?"


@pytest.mark.parametrize(
    ("typed", "name", "contact", "question"),
    [
        # p12-007 turn 1: the request sentence and the name were filed as the question
        ("我想搵真人 幫我問下我間公司青年創業援助計劃嘅還款 我叫李家明 電話 62887766 "
         "問題係我仲有幾多期未還", "李家明", "+853 62887766", "我仲有幾多期未還"),
        # p12-031 turn 5: "ok pass it to staff pls. name is Tom" was the question
        ("ok pass it to staff pls. name is Tom, tom@x.io", "Tom", "tom@x.io", None),
        # p12-050 turn 1: the name after the question, asked for again
        ("你好！我想转人工，问题：1）金伯利证书怎么申请 2）需要几天 3）费用多少。我叫刘洋，"
         "邮箱liuyang@163.com", "刘洋", "liuyang@163.com",
         "1）金伯利证书怎么申请 2）需要几天 3）费用多少"),
        # p12-022 turn 6: a landline as people group it, and «pergunta:»
        ("Quero falar com um funcionário. Chamo-me Rui Santos, telefone 28 123 456, pergunta: "
         "que documentos preciso?", "Rui Santos", "+853 28123456", "que documentos preciso?"),
        # p12-011 turn 6: "Name: Peter Ho" after other words
        ("actually ok fine, pass it on. Name: Peter Ho, peter.ho@mail.mo", "Peter Ho",
         "peter.ho@mail.mo", None),
    ],
)  # fmt: skip
def test_p12_details_in_the_request_message(
    typed: str, name: str, contact: str, question: str | None
) -> None:
    """p12-007, p12-031, p12-050, p12-022, p12-011: the name, contact or question of a request
    message was lost, or the request sentence kept as the question."""
    details = split_contact_message(typed)
    assert details is not None
    assert (details.name, details.contact, details.question) == (name, contact, question)
    assert not details.declined_name


def test_p12_045_a_name_declined_with_the_phone_and_question() -> None:
    """p12-045: 「可以，名字就不留了，电话66778899，问题是现在能不能延期还款」 stored the name
    「名字就不留了」."""
    details = split_contact_message("可以，名字就不留了，电话66778899，问题是现在能不能延期还款")
    assert details is not None and details.declined_name and details.name is None


def test_p12_rui_santos_ja_disse_is_rui_santos() -> None:
    """p12-022 turn 8: the name was stored as "Rui Santos (já disse)"."""
    assert parse_name("Rui Santos (já disse)") == "Rui Santos"
    assert parse_phone("28 123 456") == "+853 28123456"


@pytest.mark.parametrize(
    "typed",
    ["考慮後，本人撤回同意，請勿保留我的姓名及電郵。",  # p12-041 turn 9
     "我剛才已說撤回同意，不要轉交",  # p12-041 turn 11
     "I withdraw my consent", "Retiro o consentimento.", "我撤回同意"],
)  # fmt: skip
def test_p12_withdrawing_consent_is_recognised(typed: str) -> None:
    """p12-041: 「考慮後，本人撤回同意，請勿保留我的姓名及電郵。」 at the question was ignored."""
    assert withdraws_consent(typed) and withholds_details(typed)


@pytest.mark.parametrize(
    "typed",
    ["等等 我改變主意喇 唔想留資料 可唔可以刪咗佢",  # p12-007 turn 5
     "我要撤回同意 請刪除我嘅個人資料",  # p12-007 turn 6
     "我要撤回刚才的转交，删除我的资料"],  # p12-050 turn 5
)  # fmt: skip
def test_p12_withdrawing_after_a_ticket_is_recognised(typed: str) -> None:
    """p12-007: 「等等 我改變主意喇 唔想留資料 可唔可以刪咗佢」 after a ticket got "not sure"."""
    assert withdraws_consent(typed)


@pytest.mark.parametrize(
    "typed", ["如果我现在想撤回，怎么办？", "請問CEPA幾時生效", "我想問第一期還款幾時到期"]
)
def test_p12_questions_are_no_withdrawal(typed: str) -> None:
    """p12-050 turn 4: 「如果我现在想撤回，怎么办？」 asks how; it withdraws nothing yet."""
    assert not withdraws_consent(typed)


def test_p12_033_asking_if_an_email_is_enough() -> None:
    """p12-033: 「一定要留電話咩？我唔想俾電話 可唔可以淨係留email」 ended the hand-off."""
    assert asks_if_one_contact_enough("一定要留電話咩？我唔想俾電話 可唔可以淨係留email")
    assert asks_if_one_contact_enough("can I just give my email?")
    assert asks_if_one_contact_enough("Posso deixar só o e-mail?")
    assert not asks_if_one_contact_enough("may.chan@gmail.com")


@pytest.mark.parametrize(
    ("typed", "number"),
    [("第3个转给职员吧", 3), ("就是邮件里第3个问题啊", 3), ("please pass question 2 to staff", 2),
     ("the last one", -1), ("我想問第一期還款", None)],
)  # fmt: skip
def test_p12_014_a_numbered_question(typed: str, number: int | None) -> None:
    """p12-014: 「第3个转给职员吧」, 「就是邮件里第3个问题啊」 name the pasted e-mail's third question."""
    assert numbered_part(typed) == number


@pytest.mark.parametrize(
    "typed",
    ["好的谢谢，我的资料你们会保存多久？",  # p12-014 turn 7
     "请问我刚才提供的邮箱会被用来发广告吗？如果我现在想撤回，怎么办？"],  # p12-050 turn 4
)  # fmt: skip
def test_p12_questions_about_ones_data(typed: str) -> None:
    """p12-014 turn 7 got "out of scope", p12-050 turn 4 "not sure"."""
    assert asks_about_own_data(typed) or asks_about_privacy(typed)


def test_p12_018_a_complaint_to_a_human_asks_for_staff() -> None:
    """p12-018: "i want to make a complaint to a human" got the out-of-scope text."""
    assert wants_staff("i want to make a complaint to a human")
    assert wants_staff("ok pass it to staff pls")


# --- the form: what it keeps, when it stops ---------------------------------------------------


def test_p12_045_a_name_declined_with_consent_stops_and_keeps_nothing() -> None:
    """p12-045: 「可以，名字就不留了，电话66778899，问题是现在能不能延期还款」 filed a ticket named
    「名字就不留了」; a declined name stops the hand-off, as at the name step."""
    slots, _said = form_turn(
        "可以，名字就不留了，电话66778899，问题是现在能不能延期还款", "handoff_consent"
    )
    assert slots == {"handoff_stopped": True}


@pytest.mark.parametrize(
    ("typed", "requested"),
    [("考慮後，本人撤回同意，請勿保留我的姓名及電郵。", "handoff_question"),
     ("我剛才已說撤回同意，不要轉交", "handoff_question"),
     ("I withdraw my consent", "contact_detail"),
     ("Retiro o consentimento", "contact_name")],
)  # fmt: skip
def test_p12_041_withdrawal_at_any_step_stops(typed: str, requested: str) -> None:
    """p12-041: 「考慮後，本人撤回同意…」 and 「我剛才已說撤回同意，不要轉交」 at the question: the
    second was filed as the question; now any step stops, and the offered question is dropped."""
    slots, _said = form_turn(
        typed,
        requested,
        {"handoff_consent": True, "contact_name": "梁振華", "last_unanswered_question": "Q"},
    )
    assert slots["handoff_stopped"] is True
    assert slots.get("last_unanswered_question", "") is None
    assert "handoff_question" not in slots


def test_p12_033_is_an_email_enough_answers_and_stays() -> None:
    """p12-033: 「一定要留電話咩？我唔想俾電話 可唔可以淨係留email」 ended the hand-off."""
    slots, said = form_turn(
        "一定要留電話咩？我唔想俾電話 可唔可以淨係留email",
        "contact_detail",
        {"handoff_consent": True, "contact_name": "阿May"},
    )
    assert "handoff_stopped" not in slots
    assert said and said[0] == message("handoff.one_contact_enough", "zh-Hant")


def test_p12_007_the_request_messages_details_are_kept_and_its_question_read_back() -> None:
    """p12-007: name, phone and question in the request; the name was asked again after consent
    and the request sentence filed as the question, unread."""
    request = (
        "我想搵真人 幫我問下我間公司青年創業援助計劃嘅還款 我叫李家明 電話 62887766 "
        "問題係我仲有幾多期未還"
    )
    kept, _said = form_turn(request, None, intent="request_human")
    assert kept == {
        "contact_name": "李家明",
        "contact_detail": "+853 62887766",
        "handoff_question": "我仲有幾多期未還",
    }
    consent, _said = form_turn("同意", "handoff_consent", kept, intent="affirm", earlier=[request])
    assert consent["handoff_consent"] is True
    assert consent["handoff_question"] is None  # asked again as "should staff follow up …?"
    assert consent["last_unanswered_question"] == "我仲有幾多期未還"


def test_p12_011_details_before_the_staff_button_are_kept() -> None:
    """p12-011: "actually ok fine, pass it on. Name: Peter Ho, peter.ho@mail.mo", then the
    button: name and e-mail asked again."""
    tracker_events = ["actually ok fine, pass it on. Name: Peter Ho, peter.ho@mail.mo"]
    slots, _said = form_turn("/request_human", None, intent="request_human", earlier=tracker_events)
    assert slots == {"contact_name": "Peter Ho", "contact_detail": "peter.ho@mail.mo"}


@pytest.mark.parametrize(
    ("typed", "requested"),
    [("第3个转给职员吧", None), ("就是邮件里第3个问题啊", "handoff_question")],
)
def test_p12_014_the_third_question_of_the_pasted_email(typed: str, requested: str | None) -> None:
    """p12-014: 「第3个转给职员吧」, then 「就是邮件里第3个问题啊」 was filed as the question."""
    slots, _said = form_turn(
        typed, requested, {"handoff_consent": True}, intent="request_human", earlier=[PASTED]
    )
    asked = "澳门企业在内地注册公司需要多少注册资本？"
    key = "last_unanswered_question" if requested is None else "handoff_question"
    assert slots[key] == asked


def test_p12_031_a_request_for_staff_is_no_question_for_them() -> None:
    """p12-031: "ok pass it to staff pls. name is Tom" was filed as the question."""
    slots, _said = form_turn(
        "ok pass it to staff pls", "handoff_question", {"handoff_consent": True}
    )
    assert "handoff_question" not in slots or slots["handoff_question"] is None
