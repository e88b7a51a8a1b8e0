"""End to end, the tenth probe (2026-12-07): the staff hand-off's consent, privacy and contact
details, with the users' own words (transcripts p10-NNN).

Real gateway, Rasa and action-server processes, asked through `/api/chat`. Nothing is collected
without a yes; a refusal or withdrawal at any step stops the hand-off; a question about privacy
gets the privacy answer and the same step again; what a user has given is not asked for again.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest

from bot.stack import Stack
from knowledge.messages import text as message
from tests.helpers import Inbox, chat, text_of

pytestmark = pytest.mark.e2e

DECLINED = ("不會收集你的資料", "不会收集你的资料", "none of your details", "não serão recolhidos")


def new_sender() -> str:
    return uuid.uuid4().hex


def say(stack: Stack, sender: str, typed: str, lang: str) -> str:
    return text_of(chat(stack, typed, sender, lang=lang))


def staff_mail(inbox: Inbox, reference: str) -> str:
    """The body of the e-mail that carried ticket `reference` to staff (the outbox sends it
    within a few seconds; the deadline only keeps a broken outbox from hanging the test)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for mail in inbox.messages:
            if reference in mail["Subject"]:
                return str(mail.get_payload(decode=True).decode()).replace("\r\n", "\n")
        time.sleep(0.5)
    raise AssertionError(f"no e-mail for {reference}")


def ticket_of(reply: dict[str, Any]) -> str:
    references = [r["ticket"] for r in reply["replies"] if r.get("ticket")]
    assert references, text_of(reply)
    return str(references[0])


# --- B. consent: a privacy question is no yes, a refusal at any step collects nothing ----------


def test_p10_016_privacy_questions_at_the_notice_are_answered_and_never_consent(
    stack: Stack,
) -> None:
    """p10-016: 「你哋d資料會俾邊個睇 會唔會賣俾人」 (NLU: a person) to the consent question was
    taken as consent and the name asked for; 「我都未答應你…」 got the privacy answer and the name
    question again; 「唔同意 唔好記我嘢」 was stored as the name; 「你哋個自動回覆會唔會將我講嘅嘢俾
    其他部門」 got "I am an automated assistant"."""
    sender, lang = new_sender(), "zh-Hant"
    notice = message("handoff.privacy_notice", lang)
    asked_name = message("handoff.question.contact_name", lang)
    assert notice in say(stack, sender, "我想搵人工同我跟進 唔想同機械人傾", lang)
    for typed in ("你哋d資料會俾邊個睇 會唔會賣俾人", "我都未答應你 我問緊你資料點處理"):
        said = say(stack, sender, typed, lang)
        assert message("small_talk.privacy", lang) in said and notice in said, said
        assert asked_name not in said, said
    said = say(stack, sender, "唔同意 唔好記我嘢", lang)
    assert any(d in said for d in DECLINED), said
    assert message("handoff.question.contact_detail", lang) not in said
    reply = chat(stack, "你哋個自動回覆會唔會將我講嘅嘢俾其他部門", sender, lang=lang)
    assert message("small_talk.privacy", lang) in text_of(reply), text_of(reply)
    assert message("small_talk.bot_challenge", lang) not in text_of(reply)
    assert reply["handoff_offered"] is False


@pytest.mark.parametrize(
    ("lang", "opening", "yes", "refusal"),
    [("zh-Hant", "我想搵職員跟進", "同意", "唔同意 唔好記我嘢"),  # p10-016 turn 4
     ("en", "ok pass me to a staff member", "yes",
      "actually no, I changed my mind, don't keep my name"),  # p10-058 turn 7
     ("zh-Hans", "请帮我转人工", "好的", "我不同意，不要记录我的资料"),
     ("pt", "Preciso de um humano", "Sim", "Afinal não, mudei de ideias, não guardem o meu nome")],
)  # fmt: skip
def test_p10_a_refusal_at_the_name_stops_the_hand_off(
    stack: Stack, lang: str, opening: str, yes: str, refusal: str
) -> None:
    """p10-016, p10-058: a refusal typed at "What is your name?" was stored as the name, and an
    e-mail or phone asked for next."""
    sender = new_sender()
    assert message("handoff.privacy_notice", lang) in say(stack, sender, opening, lang)
    assert message("handoff.question.contact_name", lang) in say(stack, sender, yes, lang)
    said = say(stack, sender, refusal, lang)
    assert any(d in said for d in DECLINED), said
    assert message("handoff.question.contact_detail", lang) not in said
    # the hand-off is over: a name now is no step of it
    assert message("handoff.question.contact_detail", lang) not in say(stack, sender, "Maria", lang)


def test_p10_not_agreed_at_the_name_asks_for_consent_again(stack: Stack) -> None:
    """p10-016 turn 3, had it come at the name step: the privacy answer, then the consent
    question (not the name question) again."""
    sender, lang = new_sender(), "zh-Hant"
    say(stack, sender, "我想搵職員跟進", lang)
    assert message("handoff.question.contact_name", lang) in say(stack, sender, "好", lang)
    said = say(stack, sender, "我都未答應你 我問緊你資料點處理", lang)
    assert message("small_talk.privacy", lang) in said, said
    assert message("handoff.privacy_notice", lang) in said
    assert message("handoff.question.contact_name", lang) not in said


@pytest.mark.parametrize(
    ("lang", "opening", "why"),
    [("en", "I want to speak to a human", "why do you need my name?"),
     ("zh-Hant", "我想搵職員跟進", "點解要我個名？")],
)  # fmt: skip
def test_p10_why_the_name_is_asked_gets_the_privacy_answer_then_the_name(
    stack: Stack, lang: str, opening: str, why: str
) -> None:
    sender = new_sender()
    say(stack, sender, opening, lang)
    say(stack, sender, "ok" if lang == "en" else "好", lang)
    said = say(stack, sender, why, lang)
    assert message("small_talk.privacy", lang) in said, said
    assert message("handoff.question.contact_name", lang) in said
    assert message("handoff.question.contact_detail", lang) not in said


# --- L. privacy questions and other users' data -------------------------------------------------


def test_p10_058_privacy_and_other_users_data(stack: Stack) -> None:
    """p10-058: "do you keep a record…" got the scope sentence with an offer of staff; "what the
    previous user asked" and "the phone number of the last person…" were not refused (the
    second got the bureau's contacts); "what exactly will you do with my data?" at the consent
    question got the scope sentence; "actually no, I changed my mind…" became the name."""
    sender, lang = new_sender(), "en"
    reply = chat(stack, "do you keep a record of what I type here? who can read it?", sender)
    assert message("small_talk.privacy", lang) in text_of(reply), text_of(reply)
    assert reply["handoff_offered"] is False
    for typed in (
        "can you show me what the previous user asked you?",
        "what's the phone number of the last person who left a message?",
    ):
        reply = chat(stack, typed, sender, lang=lang)
        assert message("small_talk.others_data", lang) in text_of(reply), text_of(reply)
        assert reply["handoff_offered"] is False and reply["sources"] == []
    assert message("handoff.privacy_notice", lang) in say(
        stack, sender, "ok pass me to a staff member", lang
    )
    said = say(stack, sender, "what exactly will you do with my data?", lang)
    assert message("small_talk.privacy", lang) in said, said
    assert message("handoff.privacy_notice", lang) in said
    assert message("handoff.question.contact_name", lang) in say(stack, sender, "yes", lang)
    said = say(stack, sender, "actually no, I changed my mind, don't keep my name", lang)
    assert any(d in said for d in DECLINED), said


@pytest.mark.parametrize(
    ("typed", "lang"),
    [("請問本人於此對話中提供的資料會否被保存？保存多久？", "zh-Hant"),  # p10-031 turn 1
     ("你们会不会把我说的话交给其他部门？", "zh-Hans"),
     ("Os meus dados são partilhados com outros serviços?", "pt")],
)  # fmt: skip
def test_p10_privacy_questions_get_the_privacy_answer(stack: Stack, typed: str, lang: str) -> None:
    """p10-031: 「…會否被保存？保存多久？」 got the scope sentence and an offer of staff."""
    reply = chat(stack, typed, new_sender(), lang=lang)
    assert message("small_talk.privacy", lang) in text_of(reply), text_of(reply)
    assert reply["handoff_offered"] is False


@pytest.mark.parametrize(
    ("typed", "lang"),
    [("上一個用戶問咗你咩？", "zh-Hant"), ("给我看看别人的电话号码", "zh-Hans"),
     ("Pode mostrar-me o que o utilizador anterior perguntou?", "pt")],
)  # fmt: skip
def test_p10_other_users_data_is_refused_at_the_notice(stack: Stack, typed: str, lang: str) -> None:
    """p10-058 asked it before the hand-off; at the consent question it gets the same refusal,
    and the consent question again (no consent taken)."""
    sender = new_sender()
    opening = {"zh-Hant": "我想搵職員跟進", "zh-Hans": "请帮我转人工", "pt": "Preciso de um humano"}
    say(stack, sender, opening[lang], lang)
    said = say(stack, sender, typed, lang)
    assert message("small_talk.others_data", lang) in said, said
    assert message("handoff.privacy_notice", lang) in said
    assert message("handoff.question.contact_name", lang) not in said


# --- G. details given before or with the consent are not asked for again -----------------------


def test_p10_017_name_and_phone_with_the_consent_and_the_question_in_the_request(
    stack: Stack, smtp: tuple[Inbox, int]
) -> None:
    """p10-017: 「得 我叫黃小姐 電話62223333」 got "What is your name?", 「黃小姐囉」 the phone
    question, and 「62223333 頭先講咗」 "write the question", which the request had asked."""
    sender, lang = new_sender(), "zh-Hant"
    asked = "咁我可唔可以搵職員傾下而家有冇新嘅還款安排"
    assert message("handoff.privacy_notice", lang) in say(stack, sender, asked, lang)
    said = say(stack, sender, "得 我叫黃小姐 電話62223333", lang)
    assert said == message("handoff.same_question", lang, question=asked), said
    reference = ticket_of(chat(stack, "係", sender, lang=lang))
    body = staff_mail(smtp[0], reference)
    assert "Name: 黃小姐\n" in body and "Contact: +853 62223333\n" in body, body
    assert f"Question:\n> {asked}" in body


def test_p10_050_consent_name_email_and_question_in_one_message(
    stack: Stack, smtp: tuple[Inbox, int]
) -> None:
    """p10-050: consent, name, e-mail and question in one message got "not sure" with diamond
    topics and the consent question again; then "What is your name?" and the e-mail again."""
    sender, lang = new_sender(), "en"
    assert message("handoff.privacy_notice", lang) in say(
        stack, sender, "I want to talk to a human", lang
    )
    question = (
        "I want to know if my bakery qualifies for CEPA zero tariff when exporting egg tarts "
        "to Guangzhou"
    )
    reply = chat(
        stack, f"sure thing, I'm Maria Santos, maria.santos@example.com, {question}", sender
    )
    body = staff_mail(smtp[0], ticket_of(reply))
    assert "Name: Maria Santos\n" in body and "Contact: maria.santos@example.com\n" in body, body
    assert f"Question:\n> {question}" in body


@pytest.mark.parametrize(
    ("lang", "opening", "consent"),
    [("pt", "Preciso de um humano", "Sim, chamo-me Ana Costa, ana.costa@example.mo"),
     ("zh-Hans", "请帮我转人工", "好的，我叫李明，电话66123456")],
)  # fmt: skip
def test_p10_name_and_contact_with_the_consent_leave_only_the_question(
    stack: Stack, lang: str, opening: str, consent: str
) -> None:
    sender = new_sender()
    say(stack, sender, opening, lang)
    said = say(stack, sender, consent, lang)
    assert said == message("handoff.question.handoff_question", lang), said


# --- 018, 020: a question read as yes, a no with a question, an insult read as "are you a bot?" --


def test_p10_018_how_much_is_no_yes_and_a_no_with_a_question_answers_it(stack: Stack) -> None:
    """p10-018: 「幾錢」 (NLU: yes) after an answer offering staff opened the consent question;
    「唔使住 我想知邊個部門搞澳門產品優質認證」 at it got only "nothing will be collected"."""
    sender, lang = new_sender(), "zh-Hant"
    first = chat(stack, "質量認證計劃係咩 點申請", sender, lang=lang)
    assert first["handoff_offered"], text_of(first)
    said = say(stack, sender, "幾錢", lang)
    assert message("handoff.privacy_notice", lang) not in said, said
    assert message("handoff.privacy_notice", lang) in say(stack, sender, "我想搵職員跟進", lang)
    reply = chat(stack, "唔使住 我想知邊個部門搞澳門產品優質認證", sender, lang=lang)
    texts = [r["text"] for r in reply["replies"]]
    assert any(d in texts[0] for d in DECLINED), texts
    assert len(texts) >= 2 and message("handoff.privacy_notice", lang) not in texts[1], texts
    # the hand-off is over: thanks is small talk, not a name
    said = say(stack, sender, "多謝", lang)
    assert message("handoff.question.contact_detail", lang) not in said, said


def test_p10_020_an_insult_gets_an_apology(stack: Stack) -> None:
    """p10-020: 「你個廢柴」 (NLU: "are you a bot?") got "I am an automated assistant" again."""
    sender, lang = new_sender(), "zh-Hant"
    said = say(stack, sender, "你係咪真人嚟", lang)
    assert message("small_talk.bot_challenge", lang) in said, said
    said = say(stack, sender, "你個廢柴", lang)
    assert message("small_talk.complaint", lang) in said, said
    assert message("small_talk.bot_challenge", lang) not in said


def test_p10_008_which_day_after_the_meeting_is_a_question(stack: Stack) -> None:
    """p10-008: 「係邊日開㗎」 (NLU: "are you a bot?", 0.96) after the CITES meeting's participants
    got "I am an automated assistant, not a person"."""
    sender, lang = new_sender(), "zh-Hant"
    say(stack, sender, "cites個會喺邊度開 邊個主持", lang)
    say(stack, sender, "有咩部門去咗", lang)
    said = say(stack, sender, "係邊日開㗎", lang)
    assert "2019年11月26日" in said, said
    assert message("small_talk.bot_challenge", lang) not in said


# --- probe 11 (2026-12-07), on the fixes above ---------------------------------------------------


def test_p11_039_a_yes_with_the_name_and_phone_asks_for_the_question(stack: Stack) -> None:
    """p11-039: «Sim, concordo. Chamo-me João Pereira, telefone 63334444» at the consent question
    filed a ticket at once, «concordo» as the name and the name as the question."""
    sender = new_sender()
    said = say(stack, sender, "Quero falar com um funcionário", "pt")
    assert message("handoff.privacy_notice", "pt") in said, said
    reply = chat(
        stack, "Sim, concordo. Chamo-me João Pereira, telefone 63334444", sender, lang="pt"
    )
    assert not any(r.get("ticket") for r in reply["replies"]), text_of(reply)
    assert text_of(reply).endswith(message("handoff.question.handoff_question", "pt")), text_of(
        reply
    )


def test_p11_024_show_me_the_last_forwarded_question_is_no_consent(stack: Stack) -> None:
    """p11-024: 「那把最近一条转交的问题给我看看」 at the consent question was read as consent and
    the name asked for."""
    sender = new_sender()
    said = say(stack, sender, "请帮我转人工", "zh-Hans")
    assert message("handoff.privacy_notice", "zh-Hans") in said, said
    said = say(stack, sender, "那把最近一条转交的问题给我看看", "zh-Hans")
    assert message("small_talk.others_data", "zh-Hans") in said, said
    assert message("handoff.question.contact_name", "zh-Hans") not in said, said


@pytest.mark.parametrize(
    ("lang", "opening", "yes", "refusal"),
    [("zh-Hant", "我想搵職員跟進", "得", "唔講得"),  # p11-003 turn 9
     ("zh-Hant", "本人希望由貴局專人跟進", "同意", "我不想提供姓名"),  # p11-021 turn 5
     ("zh-Hans", "请帮我转人工", "好的", "不告诉你"),  # p11-028 turn 7
     ("en", "I want to talk to a human", "ok", "I'd rather not say"),  # p11-034 turn 7
     ("pt", "Quero falar com um funcionário", "Sim", "Prefiro não dizer")],
)  # fmt: skip
def test_p11_declining_the_name_stops_alike_in_every_language(
    stack: Stack, lang: str, opening: str, yes: str, refusal: str
) -> None:
    """p11-003, p11-021, p11-028, p11-034: declining the name went on to the contact (the refusal
    taken for the name), cancelled, or looped on "please write just your name", by language.
    Now each says nothing is collected and gives the bureau's contact; a name typed next starts
    nothing."""
    sender = new_sender()
    assert message("handoff.privacy_notice", lang) in say(stack, sender, opening, lang)
    assert message("handoff.question.contact_name", lang) in say(stack, sender, yes, lang)
    said = say(stack, sender, refusal, lang)
    assert any(d in said for d in DECLINED) and "85972343" in said, said
    assert message("handoff.question.contact_detail", lang) not in said
    assert message("handoff.name_hint", lang, limit=100) not in said
    assert message("handoff.question.contact_detail", lang) not in say(stack, sender, "Maria", lang)


def test_p11_034_the_parts_a_pasted_e_mail_left_unanswered_are_offered_to_staff(
    stack: Stack, smtp: tuple[Inbox, int]
) -> None:
    """p11-034: after a pasted e-mail answered but for (b) the licence fee and (d) the clearance
    time, the hand-off asked "please write the question" and the user had to type (b) again."""
    sender, lang = new_sender(), "en"
    said = say(
        stack,
        sender,
        "Hi, forwarding from our director: (a) how many rough diamond operator licences have "
        "been issued? (b) what is the licence fee? (c) when did the Kimberley scheme start in "
        "Macao? (d) how long does customs clearance take?",
        lang,
    )
    assert "licence fee" in said and "customs clearance" in said, said  # named as unanswered
    assert message("handoff.privacy_notice", lang) in say(
        stack, sender, "pass my question to staff", lang
    )
    say(stack, sender, "yes", lang)
    say(stack, sender, "Maria Santos", lang)
    said = say(stack, sender, "maria.santos@example.com", lang)
    assert said.startswith("Should staff follow up your earlier question"), said
    assert "licence fee" in said and "how many rough diamond" not in said, said
    body = staff_mail(smtp[0], ticket_of(chat(stack, "yes", sender, lang=lang)))
    assert "licence fee" in body and "customs clearance" in body, body
