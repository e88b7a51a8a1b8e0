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

import httpx
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
    Now each is told alike that any name will do (probe 14: a first decline had ended the
    hand-off), and a second decline says nothing is collected and gives the bureau's contact; a
    name typed next starts nothing."""
    sender = new_sender()
    assert message("handoff.privacy_notice", lang) in say(stack, sender, opening, lang)
    assert message("handoff.question.contact_name", lang) in say(stack, sender, yes, lang)
    said = say(stack, sender, refusal, lang)
    assert message("handoff.name_alias", lang) in said, said
    assert message("handoff.question.contact_detail", lang) not in said
    assert message("handoff.name_hint", lang, limit=100) not in said
    said = say(stack, sender, refusal, lang)
    assert any(d in said for d in DECLINED) and "85972343" in said, said
    assert message("handoff.question.contact_detail", lang) not in said
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


# --- probe 12 (2026-12-07): what the hand-off stores, and withdrawing it ----------------------

WITHDRAWN_TEXTS = ("handoff.withdrawn", "handoff.withdrawn_notified")


def admin_ticket(stack: Stack, reference: str) -> dict[str, Any]:
    """Ticket `reference` as staff automation sees it (status, e-mail state)."""
    response = httpx.get(
        stack.gateway_url + "/admin/tickets",
        params={"limit": 500},
        headers={"authorization": "Bearer test-admin-token"},
    )
    assert response.status_code == 200, response.text
    return next(t for t in response.json()["tickets"] if t["reference"] == reference)


def mail_about(inbox: Inbox, reference: str, subject_words: str) -> str:
    """The body of the e-mail whose subject names `reference` and holds `subject_words` (the
    deadline only keeps a broken outbox from hanging the test)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for mail in inbox.messages:
            if reference in mail["Subject"] and subject_words in mail["Subject"]:
                return str(mail.get_payload(decode=True).decode()).replace("\r\n", "\n")
        time.sleep(0.5)
    raise AssertionError(f"no e-mail '{subject_words}' for {reference}")


def assert_withdrawn(
    stack: Stack, inbox: Inbox, said: str, reference: str, lang: str, personal: list[str]
) -> None:
    """The reply says the withdrawal is done with the reference; the ticket is withdrawn; its
    e-mail was cancelled, or else staff got a notice to delete the data (none of it in there)."""
    texts = {key: message(key, lang, reference=reference) for key in WITHDRAWN_TEXTS}
    assert said in texts.values(), said
    ticket = admin_ticket(stack, reference)
    assert ticket["status"] == "withdrawn", ticket
    if said == texts["handoff.withdrawn"]:
        assert ticket["email_status"] == "cancelled", ticket
    else:
        notice = mail_about(inbox, reference, "Consent withdrawn")
        assert "delete" in notice and not any(p in notice for p in personal), notice


@pytest.mark.parametrize(
    ("lang", "opening", "yes", "refusal"),
    [("zh-Hant", "本人希望由貴局專人跟進", "同意", "本人不便透露姓名"),  # p12-005 turn 8
     ("zh-Hans", "请帮我转人工", "可以", "名字就不留了"),
     ("zh-Hant", "我想搵職員跟進", "同意", "不提供"),  # p13-021 turn 3
     ("en", "I want to talk to a human", "yes", "none")],  # p13-029 turn 6
)  # fmt: skip
def test_p12_005_a_declined_name_is_never_stored(
    stack: Stack, lang: str, opening: str, yes: str, refusal: str
) -> None:
    """p12-005: 「本人不便透露姓名」 at the name was stored as the name of ticket 0002; p13-021
    「不提供」 and p13-029 "none" too."""
    sender = new_sender()
    assert message("handoff.privacy_notice", lang) in say(stack, sender, opening, lang)
    assert message("handoff.question.contact_name", lang) in say(stack, sender, yes, lang)
    reply = chat(stack, refusal, sender, lang=lang)
    assert message("handoff.name_alias", lang) in text_of(reply), text_of(reply)
    assert not any(r.get("ticket") for r in reply["replies"])
    assert message("handoff.question.contact_detail", lang) not in text_of(reply)
    reply = chat(stack, refusal, sender, lang=lang)  # declined again: nothing is collected
    assert any(d in text_of(reply) for d in DECLINED), text_of(reply)
    assert not any(r.get("ticket") for r in reply["replies"])


@pytest.mark.parametrize(
    ("lang", "opening", "consent"),
    [("zh-Hans", "请帮我转人工",
      "可以，名字就不留了，电话66778899，问题是现在能不能延期还款"),  # p12-045 turn 6
     ("en", "I want to talk to a human",
      "yes, anonymous, phone 66778899, question: can I defer my repayment?"),
     ("pt", "Quero falar com um funcionário",
      "Sim, sem nome, telefone 66778899, pergunta: posso adiar o pagamento?"),
     ("zh-Hant", "我想搵職員跟進", "好，名就唔留喇，電話66778899，問題係可唔可以延期還款")],
)  # fmt: skip
def test_p12_045_a_name_declined_with_the_phone_and_question_stops_alike_in_every_language(
    stack: Stack, lang: str, opening: str, consent: str
) -> None:
    """p12-045: 「可以，名字就不留了，电话66778899，问题是现在能不能延期还款」 filed ticket 0012 with
    the name 「名字就不留了」. A name declined stops the hand-off wherever it is declined: nothing
    is filed, the bureau's phone and e-mail are given, and the next "yes" starts nothing."""
    sender = new_sender()
    assert message("handoff.privacy_notice", lang) in say(stack, sender, opening, lang)
    reply = chat(stack, consent, sender, lang=lang)
    said = text_of(reply)
    assert any(d in said for d in DECLINED) and "85972343" in said, said
    assert not any(r.get("ticket") for r in reply["replies"]), said
    follow = chat(stack, "yes" if lang == "en" else "好", sender, lang=lang)
    assert not any(r.get("ticket") for r in follow["replies"]), text_of(follow)


def test_p12_027_a_title_belongs_to_the_name_and_question_marks_the_question(
    stack: Stack, smtp: tuple[Inbox, int]
) -> None:
    """p12-027: "yes. I'm Dr. Maria Lopes, maria.lopes@um.edu.mo — question: will there be a
    2027 workshop open to private firms?" filed ticket 0007 with the name "Dr" and the question
    "Maria Lopes"; the question was dropped."""
    sender, lang = new_sender(), "en"
    assert message("handoff.privacy_notice", lang) in say(
        stack, sender, "I want to talk to a human", lang
    )
    reply = chat(
        stack,
        "yes. I'm Dr. Maria Lopes, maria.lopes@um.edu.mo — question: will there be a 2027 "
        "workshop open to private firms?",
        sender,
        lang=lang,
    )
    body = staff_mail(smtp[0], ticket_of(reply))
    assert "Name: Dr. Maria Lopes\n" in body, body
    assert "Contact: maria.lopes@um.edu.mo\n" in body
    assert "Question:\n> will there be a 2027 workshop open to private firms?\n" in body


def test_p12_041_a_withdrawal_at_the_question_stops_and_files_nothing(
    stack: Stack, smtp: tuple[Inbox, int]
) -> None:
    """p12-041: 「考慮後，本人撤回同意，請勿保留我的姓名及電郵。」 at the question got the privacy
    notice and the question again; 「我剛才已說撤回同意，不要轉交」 was then FILED as the question
    of ticket 0010, with the name and e-mail."""
    sender, lang = new_sender(), "zh-Hant"
    assert message("handoff.privacy_notice", lang) in say(stack, sender, "我想搵職員跟進", lang)
    assert message("handoff.question.contact_name", lang) in say(stack, sender, "同意", lang)
    say(stack, sender, "梁振華", lang)
    assert message("handoff.question.handoff_question", lang) in say(
        stack, sender, "leung.cw@macau.net", lang
    )
    reply = chat(stack, "考慮後，本人撤回同意，請勿保留我的姓名及電郵。", sender, lang=lang)
    said = text_of(reply)
    assert any(d in said for d in DECLINED), said
    assert message("handoff.question.handoff_question", lang) not in said
    for typed in ("好", "我剛才已說撤回同意，不要轉交"):
        reply = chat(stack, typed, sender, lang=lang)
        assert not any(r.get("ticket") for r in reply["replies"]), text_of(reply)
    assert not any("梁振華" in str(mail.get_payload()) for mail in smtp[0].messages)


def test_p12_007_details_in_the_request_are_kept_read_back_and_withdrawn(
    stack: Stack, smtp: tuple[Inbox, int]
) -> None:
    """p12-007: name, phone and question in the request; after 「同意」 the name was asked again
    (「頭先講咗㗎喇」 too), and ticket 0003 was filed unread with the request sentence as the
    question, 「我仲有幾多期未還」 dropped. Then 「等等 我改變主意喇 唔想留資料 可唔可以刪咗佢」
    got "not sure", and the ticket and its e-mail stayed."""
    sender, lang = new_sender(), "zh-Hant"
    said = say(
        stack,
        sender,
        "我想搵真人 幫我問下我間公司青年創業援助計劃嘅還款 我叫李家明 電話 62887766 "
        "問題係我仲有幾多期未還",
        lang,
    )
    assert message("handoff.privacy_notice", lang) in said, said
    said = say(stack, sender, "同意", lang)
    assert said == message("handoff.same_question", lang, question="我仲有幾多期未還"), said
    reply = chat(stack, "係", sender, lang=lang)
    reference = ticket_of(reply)
    body = staff_mail(smtp[0], reference)
    assert "Name: 李家明\n" in body and "Contact: +853 62887766\n" in body, body
    assert "Question:\n> 我仲有幾多期未還\n" in body
    said = say(stack, sender, "等等 我改變主意喇 唔想留資料 可唔可以刪咗佢", lang)
    assert_withdrawn(stack, smtp[0], said, reference, lang, ["李家明", "62887766"])


def test_p12_050_withdrawal_after_a_ticket_and_the_privacy_answer(
    stack: Stack, smtp: tuple[Inbox, int]
) -> None:
    """p12-050: the name after the question in the request was asked for again; after the
    ticket, 「请问我刚才提供的邮箱会被用来发广告吗？如果我现在想撤回，怎么办？」 got "not sure", and
    「我要撤回刚才的转交，删除我的资料」 only "phone the bureau" (ticket 0013 kept)."""
    sender, lang = new_sender(), "zh-Hans"
    said = say(
        stack,
        sender,
        "你好！我想转人工，问题：1）金伯利证书怎么申请 2）需要几天 3）费用多少。我叫刘洋，"
        "邮箱liuyang@163.com",
        lang,
    )
    assert message("handoff.privacy_notice", lang) in said, said
    said = say(stack, sender, "是", lang)
    assert said.startswith(message("handoff.same_question", lang, question="X").split("X")[0]), said
    assert message("handoff.question.contact_name", lang) not in said
    reference = ticket_of(chat(stack, "是", sender, lang=lang))
    body = staff_mail(smtp[0], reference)
    assert "Name: 刘洋\n" in body and "Contact: liuyang@163.com\n" in body, body
    assert "我叫刘洋" not in body.split("Transcript:")[0]
    said = say(
        stack, sender, "请问我刚才提供的邮箱会被用来发广告吗？如果我现在想撤回，怎么办？", lang
    )
    assert message("small_talk.privacy", lang) in said, said
    assert message("handoff.withdraw_here", lang, reference=reference) in said
    said = say(stack, sender, "我要撤回刚才的转交，删除我的资料", lang)
    assert_withdrawn(stack, smtp[0], said, reference, lang, ["刘洋", "liuyang@163.com"])


def test_p12_031_a_request_for_staff_is_no_question_and_the_name_is_kept(
    stack: Stack, smtp: tuple[Inbox, int]
) -> None:
    """p12-031: "ok pass it to staff pls. name is Tom, tom@x.io": after "yes" the name was asked
    again, and ticket 0008 was filed with the question "ok pass it to staff pls. name is Tom"."""
    sender, lang = new_sender(), "en"
    said = say(stack, sender, "ok pass it to staff pls. name is Tom, tom@x.io", lang)
    assert message("handoff.privacy_notice", lang) in said, said
    said = say(stack, sender, "yes", lang)
    assert said == message("handoff.question.handoff_question", lang), said
    reply = chat(stack, "When is the 4th China Quality Conference?", sender, lang=lang)
    body = staff_mail(smtp[0], ticket_of(reply))
    assert "Name: Tom\n" in body and "Contact: tom@x.io\n" in body, body
    assert "Question:\n> When is the 4th China Quality Conference?\n" in body


def test_p12_033_is_an_email_enough_gets_a_yes_and_the_hand_off_goes_on(
    stack: Stack, smtp: tuple[Inbox, int]
) -> None:
    """p12-033: 「一定要留電話咩？我唔想俾電話 可唔可以淨係留email」 ended the hand-off (「不會收集
    你的資料」), and the e-mail given next got "not sure"."""
    sender, lang = new_sender(), "zh-Hant"
    say(stack, sender, "我想搵職員跟進", lang)
    say(stack, sender, "是", lang)
    assert message("handoff.question.contact_detail", lang) in say(stack, sender, "阿May", lang)
    said = say(stack, sender, "一定要留電話咩？我唔想俾電話 可唔可以淨係留email", lang)
    assert message("handoff.one_contact_enough", lang) in said, said
    assert message("handoff.question.contact_detail", lang) in said
    assert not any(d in said for d in DECLINED), said
    said = say(stack, sender, "may.chan@gmail.com", lang)
    assert message("handoff.question.handoff_question", lang) in said, said
    body = staff_mail(
        smtp[0], ticket_of(chat(stack, "金伯利證書出口要幾錢一張", sender, lang=lang))
    )
    assert "Contact: may.chan@gmail.com\n" in body, body


def test_p12_014_the_third_question_of_a_pasted_email_is_passed_on(
    stack: Stack, smtp: tuple[Inbox, int]
) -> None:
    """p12-014: 「第3个转给职员吧」 after a pasted e-mail, then 「就是邮件里第3个问题啊」 was filed as
    the question; 「我的资料你们会保存多久？」 after the ticket got "out of scope"."""
    sender, lang = new_sender(), "zh-Hans"
    third = "澳门企业在内地注册公司需要多少注册资本？"
    say(
        stack,
        sender,
        "我老板转来一封邮件，请帮忙回答：\n1. 修订协议哪天签署？\n2. 国民待遇部门从多少个增加到多少个？\n"
        f"3. {third}",
        lang,
    )
    assert message("handoff.privacy_notice", lang) in say(stack, sender, "第3个转给职员吧", lang)
    say(stack, sender, "可以", lang)
    say(stack, sender, "张伟", lang)
    said = say(stack, sender, "电话是+86 138 0013 8000", lang)
    assert said == message("handoff.same_question", lang, question=third), said
    reference = ticket_of(chat(stack, "就是邮件里第3个问题啊", sender, lang=lang))
    body = staff_mail(smtp[0], reference)
    assert f"Question:\n> {third}\n" in body, body
    said = say(stack, sender, "好的谢谢，我的资料你们会保存多久？", lang)
    assert message("small_talk.privacy", lang) in said, said
    assert message("handoff.withdraw_here", lang, reference=reference) in said


def test_p12_018_a_complaint_to_a_human_opens_the_consent_question(stack: Stack) -> None:
    """p12-018: "i want to make a complaint to a human" got the out-of-scope text."""
    sender, lang = new_sender(), "en"
    said = say(stack, sender, "i want to make a complaint to a human", lang)
    assert message("handoff.privacy_notice", lang) in said, said


def test_p12_011_name_and_email_with_pass_it_on_are_not_asked_again(
    stack: Stack, smtp: tuple[Inbox, int]
) -> None:
    """p12-011: "actually ok fine, pass it on. Name: Peter Ho, peter.ho@mail.mo" got "I first need
    your consent"; after "yes", the name and the e-mail were asked for again."""
    sender, lang = new_sender(), "en"
    said = say(
        stack, sender, "actually ok fine, pass it on. Name: Peter Ho, peter.ho@mail.mo", lang
    )
    assert message("handoff.privacy_notice", lang) in said, said
    said = say(stack, sender, "yes", lang)
    assert said == message("handoff.question.handoff_question", lang), said
    reply = chat(
        stack, "Do I need a certificate to be a Macao service supplier?", sender, lang=lang
    )
    body = staff_mail(smtp[0], ticket_of(reply))
    assert "Name: Peter Ho\n" in body and "Contact: peter.ho@mail.mo\n" in body, body


def test_p12_022_a_landline_and_a_labelled_question_in_the_request_are_read_back(
    stack: Stack, smtp: tuple[Inbox, int]
) -> None:
    """p12-022: «…Chamo-me Rui Santos, telefone 28 123 456, pergunta: …» in the request; after
    «Sim» the name and the phone were asked again, the name stored as "Rui Santos (já disse)",
    and an earlier message offered as the question."""
    sender, lang = new_sender(), "pt"
    asked = "que documentos preciso para os serviços jurídicos na Grande Baía ao abrigo do CEPA?"
    said = say(
        stack,
        sender,
        f"Quero falar com um funcionário. Chamo-me Rui Santos, telefone 28 123 456, pergunta: {asked}",
        lang,
    )
    assert message("handoff.privacy_notice", lang) in said, said
    said = say(stack, sender, "Sim", lang)
    assert said == message("handoff.same_question", lang, question=asked), said
    body = staff_mail(smtp[0], ticket_of(chat(stack, "Sim", sender, lang=lang)))
    assert "Name: Rui Santos\n" in body and "Contact: +853 28123456\n" in body, body
    assert f"Question:\n> {asked}\n" in body
