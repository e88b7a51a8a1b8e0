import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actions.parsing import (
    HUGE,
    MAX_NAME_LENGTH,
    Answer,
    asks_about_privacy,
    chinese_number,
    is_thanks,
    names_its_subject,
    parse_amount,
    parse_answer,
    parse_contact,
    parse_count,
    parse_due_date,
    parse_name,
    parse_yes_no,
    read_answer,
    wants_staff,
)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("12,000", "12000"), ("MOP12000", "12000"), ("MOP 12,000", "12000"), ("澳門幣一萬", "10000"),
        ("一萬二千", "12000"), ("每期一萬二", "12000"), ("1.2萬", "12000"), ("12k", "12000"),
        ("$8,500.50", "8500.50"), ("八千蚊", "8000"), ("三千五", "3500"), ("每期 9999 patacas", "9999"),
        ("oito mil patacas", "8000"), ("eight thousand", "8000"),  # the probe of 2026-12-06
    ],
)  # fmt: skip
def test_amounts(text: str, amount: str) -> None:
    assert parse_amount(text) == Decimal(amount)


def test_no_amount() -> None:
    assert parse_amount("唔知") is None


@pytest.mark.parametrize(
    ("text", "count"),
    [("兩次", 2), ("一次", 1), ("冇", 0), ("未調整過", 0), ("twice", 2), ("once", 1), ("2", 2),
     ("duas vezes", 2), ("nunca", 0), ("仲有十期", 10), ("三十六期", 36)],
)  # fmt: skip
def test_counts(text: str, count: int) -> None:
    assert parse_count(text) == count


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2020年5月", dt.date(2020, 5, 31)), ("5/2020", dt.date(2020, 5, 31)),
        ("2020-05-15", dt.date(2020, 5, 15)), ("15/5/2020", dt.date(2020, 5, 15)),
        ("May 2020", dt.date(2020, 5, 31)), ("Maio de 2020", dt.date(2020, 5, 31)),
        ("2020年12月31日", dt.date(2020, 12, 31)), ("20 de Dezembro de 2020", dt.date(2020, 12, 20)),
        ("due on 3 March 2021", dt.date(2021, 3, 3)),
        # the probe of 2026-12-06: a year and its month, as users type them
        ("2020.11", dt.date(2020, 11, 30)), ("the instalment due 2021-02?", dt.date(2021, 2, 28)),
    ],
)  # fmt: skip
def test_dates(text: str, day: dt.date) -> None:
    assert parse_due_date(text) == day


@pytest.mark.parametrize("text", ["2020年13月", "31/2/2020", "下個禮拜", "soon"])
def test_invalid_or_missing_dates(text: str) -> None:
    assert parse_due_date(text) is None


@pytest.mark.parametrize(
    ("text", "answer"),
    [("係", True), ("是的", True), ("yes", True), ("sim", True), ("有", True), ("是最后一期", True),
     ("唔係", False), ("no", False), ("não", False), ("冇", False), ("唔係最後一期", False),
     ("not the last one", False), ("唔知", None), ("maybe", None)],
)  # fmt: skip
def test_yes_no(text: str, answer: bool | None) -> None:
    assert parse_yes_no(text) == answer


# Issue 8: what users answered, and what they meant.
YES_ANSWERS = [
    "好，唔該",
    "冇問題",
    "可以",
    "ok sure",
    "no problem",
    "Sim, pode ser",
    "係",
    "是的",
    "yes",
    "sim",
    "不错",
    "好呀，唔該晒",
    "沒問題",
    "sure, no problem",
    "得",
    "同意",
]
DONT_KNOW_ANSWERS = [
    "唔知",
    "不清楚",
    "not sure",
    "I don't know",
    "não sei",
    "我都唔知有冇",
    "不知道",
    "唔記得喇",
    "no idea",
    "I'm not sure",
    "Não sei",
]
NO_ANSWERS = ["唔好", "不要", "no thanks", "não", "no", "唔係", "冇", "唔同意", "不用了，谢谢",
              "nope", "não, obrigado", "唔係最後一期", "not the last one"]  # fmt: skip


@pytest.mark.parametrize("text", YES_ANSWERS)
def test_yes_in_every_style(text: str) -> None:
    assert parse_answer(text) is Answer.YES
    assert parse_yes_no(text) is True


@pytest.mark.parametrize("text", DONT_KNOW_ANSWERS)
def test_dont_know_is_neither_yes_nor_no(text: str) -> None:
    assert parse_answer(text) is Answer.DONT_KNOW
    assert parse_yes_no(text) is None


@pytest.mark.parametrize("text", NO_ANSWERS)
def test_negations_are_no(text: str) -> None:
    assert parse_answer(text) is Answer.NO
    assert parse_yes_no(text) is False


@pytest.mark.parametrize(
    "text",
    ["the grant wasnt cancelled", "it isnt", "no it isnt the last one", "we havent", "didnt",
     "it wasnt", "dont think so", "nao foi", "Nao"],
)  # fmt: skip
def test_negations_written_without_an_apostrophe_are_no(text: str) -> None:
    """p10-056: "the grant wasnt cancelled" was read as cancelled (its "wasnt" no negation)."""
    assert parse_answer(text) is Answer.NO


@pytest.mark.parametrize(
    ("text", "asks"),
    [("我想自己開間鑽石公司 仲使唔使其他牌", True), ("要唔要申請准照", True), ("是不是要牌照", True),
     ("用唔用交費", True), ("唔係最後", False), ("唔唔唔", False)],
)  # fmt: skip
def test_a_question_asked_as_a_verb_and_its_negation(text: str, asks: bool) -> None:
    """p10-006: 「仲使唔使其他牌」 read as no question, so the NLU's check (0.54) began the
    repayment check on a Kimberley licence question."""
    from actions.parsing import looks_like_question

    assert looks_like_question(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [("如本公司仍有財務困難，貴局現時有何其他援助？", True), ("而家仲有冇其他資助", True),
     ("what other help is there now?", True), ("Que outros apoios existem agora?", True),
     ("我哋係其他援助計劃", False), ("other aid schemes", False)],
)  # fmt: skip
def test_other_aid_than_the_newsletters(text: str, asks: bool) -> None:
    """p10-026: 「貴局現時有何其他援助？」 began the repayment check; the newsletter names no
    other aid, which is said, with whom to ask."""
    from actions.parsing import asks_about_newer_aid

    assert asks_about_newer_aid(text) is asks


@pytest.mark.parametrize("text", ["maybe", "遲啲先", "2020年5月", ""])
def test_other_messages_are_no_answer(text: str) -> None:
    assert parse_answer(text) is None


@pytest.mark.parametrize(
    ("text", "intent", "answer"),
    [
        ("好，唔該", "affirm", Answer.YES),  # the NLU's affirm is no longer overridden
        ("whatever", "affirm", Answer.YES),
        ("nah mate", "deny", Answer.NO),
        ("唔知", "dont_know", Answer.DONT_KNOW),
        ("好，唔該", "nlu_fallback", Answer.YES),  # the words when the NLU saw no answer
        ("唔知", "inform", Answer.DONT_KNOW),
        ("", "affirm", Answer.YES),  # a button payload: its intent
        ("2020年5月", "inform", None),
        ("唔同意", "affirm", None),  # the NLU and the words disagree: ask again
        ("not sure", "affirm", Answer.DONT_KNOW),  # the words' "don't know" is never a yes
    ],
)
def test_read_answer_takes_the_nlu_intent_then_the_words(
    text: str, intent: str, answer: Answer | None
) -> None:
    assert read_answer(text, intent) is answer


@given(st.text(max_size=100))
def test_any_text_reads_without_raising(text: str) -> None:
    assert parse_answer(text) in (None, *Answer)


def to_chinese(n: int) -> str:
    """Standard written form: 10500 → 一万零五百, 1005 → 一千零五, 12 → 一十二."""
    digits = "零一二三四五六七八九"
    out, pending_zero = [], False
    for value, unit in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            if pending_zero:
                out.append("零")
            out.append(digits[d] + unit)
            pending_zero = False
        elif out:
            pending_zero = True
    return "".join(out)


@given(st.integers(min_value=1, max_value=99999))
def test_chinese_numerals_in_standard_form(n: int) -> None:
    assert chinese_number(to_chinese(n)) == n


@pytest.mark.parametrize(
    ("text", "n"),
    [("一万二", 12000), ("三千五", 3500), ("十二", 12), ("两", 2), ("一千零五", 1005)],
)
def test_colloquial_chinese_numerals(text: str, n: int) -> None:
    assert chinese_number(text) == n


# The forms cn2an does not read, kept by actions/parsing.py's thin layer around it.
@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("一亿二", 120_000_000), ("亿二", 120_000_000), ("一亿零二", 100_000_002),  # 亿 and its tail
        ("千五", 1500), ("万二", 12000), ("百五", 150), ("千万", 10_000_000),  # a leading unit
        ("一两", 2), ("三四千", 4000), ("两三百", 300), ("十一二万", 120_000),  # a range: its upper end
        ("一千零五", 1005), ("一〇五", 5),  # a 零 among digits is kept; the last digit counts
    ],
)  # fmt: skip
def test_chinese_numerals_cn2an_does_not_read(text: str, n: int) -> None:
    assert chinese_number(text) == n


@pytest.mark.parametrize(
    "text", ["", "十十", "零十", "一万万", "一亿亿", "廿", "负一", "一点五", "12"]
)
def test_what_is_not_a_chinese_numeral_reads_as_none(text: str) -> None:
    assert chinese_number(text) is None


@given(st.text(alphabet="零〇一二两三四五六七八九十百千万亿", max_size=40))
def test_any_run_of_numeral_characters_reads_without_raising(text: str) -> None:
    value = chinese_number(text)
    assert value is None or value >= 0
    amount = parse_amount(text)
    assert amount is None or 0 <= amount <= HUGE
    count = parse_count(text)
    assert count is None or 0 <= count <= HUGE


def test_a_long_run_of_digits_is_read_at_once() -> None:
    assert chinese_number("零" * 100_000) == 0
    assert chinese_number("九" * 100_000 + "万") == 90000


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("我嘅電郵係 Chan.TaiMan@Example.com", "chan.taiman@example.com"),
        ("66123456", "+853 66123456"),
        ("+853 2888 1234", "+853 28881234"),
        ("call me on +86 138 0013 8000", "+8613800138000"),
        ("1234", None),
        ("abc@", None),
        ("唔想講", None),
    ],
)
def test_contacts(text: str, contact: str | None) -> None:
    assert parse_contact(text) == contact


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("6612 3456", "+853 66123456"),  # Macao, as people write it
        ("我電話係 +853 6612 3456 ，唔該", "+853 66123456"),
        ("打 ６６１２３４５６ 搵我", "+853 66123456"),  # full-width digits from a Chinese IME
        ("香港手機 +852 9123 4567", "+85291234567"),
        ("我的手机是+86 138-0013-8000", "+8613800138000"),
        ("Ligue para +351 912 345 678, obrigado", "+351912345678"),
        ("電郵：ｃｈａｎ＠ｅｘａｍｐｌｅ．ｃｏｍ", "chan@example.com"),
        ("我嘅電郵係chan@example.com。", "chan@example.com"),  # no space before, a full stop after
        ("o meu e-mail é ana.lopes@exemplo.pt.", "ana.lopes@exemplo.pt"),
        ("email me: Bob+cepa@Mail.Example.ORG", "bob+cepa@mail.example.org"),
        ("x@-.--", None),  # the attacker's probe
        ("a@b", None),
        ("me@localhost", None),
        ("ann..lee@example.com", None),
        ("+853 0000 0000", None),  # no such Macao number
        ("12345678", None),  # not a Macao number either
        ("91234567", None),  # a Hong Kong mobile needs its +852
        ("+1 234", None),
        ("2020-05-15", None),
        ("", None),
    ],
)
def test_contacts_are_checked_by_the_libraries(text: str, contact: str | None) -> None:
    assert parse_contact(text) == contact


def address_of_length(length: int, local: str = "chan") -> str:
    """A well-formed address of `length` characters: labels of 63 letters, ending in .mo."""
    body = "".join("." if i % 64 == 63 else "d" for i in range(length - len(local) - 4))
    return f"{local}@{body}.mo"


def test_an_email_address_over_254_characters_or_with_a_local_part_over_64_is_refused() -> None:
    assert parse_contact("a" * 64 + "@example.com") == "a" * 64 + "@example.com"
    assert parse_contact("a" * 65 + "@example.com") is None
    assert parse_contact(address_of_length(254)) == address_of_length(254)
    assert parse_contact(address_of_length(255)) is None
    assert parse_contact(f"我嘅電郵係 {address_of_length(1000)}") is None


@given(st.text(max_size=300))
def test_any_text_gives_a_contact_or_none_and_never_raises(text: str) -> None:
    contact = parse_contact(text)
    assert contact is None or (contact == contact.strip() and "\n" not in contact)


@given(st.text(alphabet="0123456789+-() @.x６", max_size=60))
def test_digit_soup_never_raises(text: str) -> None:
    parse_contact(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("陳大文", "陳大文"),
        ("我叫陳大文", "陳大文"),
        ("我係陳生。", "陳生"),
        ("我是王小明", "王小明"),
        ("My name is Maria Lopes", "Maria Lopes"),
        ("Chamo-me João Sousa", "João Sousa"),
        ("Sousa Lopes", "Sousa Lopes"),  # "sou" is a prefix only as a word
        ("  \t陳  大文\t ", "陳 大文"),
        ("Ann\u200bLee", "AnnLee"),  # zero-width space
        ("\u202e陳大文\u202c", "陳大文"),  # bidi override
        ("Ann\nLee", "Ann Lee"),
        ("李" * MAX_NAME_LENGTH, "李" * MAX_NAME_LENGTH),
    ],
)
def test_names(text: str, name: str) -> None:
    assert parse_name(text) == name


@pytest.mark.parametrize(
    "text",
    [
        "Ann\r\nBcc: evil@example.com",  # the attacker's header injection
        "chan@example.com",
        "66123456",
        "我叫 +853 6612 3456",
        "",
        "   ",
        "\u200b\u202e",
        "。。。",
        "12345",
        "李" * (MAX_NAME_LENGTH + 1),
        "我叫",
    ],
)
def test_names_that_are_no_names_are_asked_again(text: str) -> None:
    assert parse_name(text) is None


@given(st.text(max_size=300))
def test_a_name_is_one_visible_line(text: str) -> None:
    name = parse_name(text)
    if name is not None:
        assert len(name) <= MAX_NAME_LENGTH and any(ch.isalpha() for ch in name)
        assert name.isprintable()


@pytest.mark.parametrize(
    "text",
    [
        "每期還款 99999999999999999999999999999 蚊",
        "1e400",
        "1E400 patacas",
        "9" * 5000,
        "1e999999999999999999999",
        "９９９９９９９９９９９９９９９９９９９９",
        "每期一萬萬萬萬萬萬萬萬萬萬萬萬萬萬萬萬萬萬萬億億",
    ],
)
def test_huge_or_odd_numbers_never_raise(text: str) -> None:
    amount = parse_amount(text)
    assert amount is None or 0 <= amount <= HUGE
    count = parse_count(text)
    assert count is None or 0 <= count <= HUGE
    parse_due_date(text)


def test_huge_numbers_are_read_as_huge() -> None:
    assert parse_amount("每期還款 99999999999999999999999999999 蚊") == HUGE
    assert parse_amount("1e400") == HUGE
    assert parse_amount("１２，０００") == Decimal("12000")
    assert parse_count("９９９９９９９９９９９９") == 999999999999
    assert parse_count("9" * 5000) == HUGE
    assert parse_amount("一億二千萬") == Decimal("120000000")
    assert parse_amount("每期十億蚊") == Decimal("1000000000")
    assert parse_amount("1.5億") == Decimal("150000000")


@given(st.text(alphabet="0123456789,.e+-k万千亿一二十百 ", max_size=80))
def test_number_soup_never_raises(text: str) -> None:
    parse_amount(text)
    parse_count(text)
    parse_due_date(text)


# --- the hand-off consent reads the same answers ------------------------------------------------


def handoff_events(
    text: str, requested: str | None, slots: dict[str, object] | None = None, intent: str = "affirm"
) -> dict[str, object]:
    """The slots the hand-off form sets when `text` (read by the NLU as `intent`) answers
    `requested`."""
    from rasa_sdk import Tracker

    from actions.handoff_form import ValidateHandoffForm

    tracker = Tracker(
        sender_id="web:test",
        slots=slots or {},
        latest_message={"text": text, "intent": {"name": intent}, "entities": []},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )
    events = ValidateHandoffForm().extract_events(tracker, requested)
    return {e["name"]: e["value"] for e in events}


def consent_events(text: str, intent: str) -> dict[str, object]:
    return handoff_events(text, "handoff_consent", intent=intent)


@pytest.mark.parametrize(
    ("text", "intent"),
    [("好，唔該", "affirm"), ("好，唔該", "nlu_fallback"), ("冇問題", "affirm"),
     ("Sim, pode ser", "affirm"), ('/affirm{"answer_to":"handoff_consent"}', "affirm")],
)  # fmt: skip
def test_consent_given(text: str, intent: str) -> None:
    assert consent_events(text, intent) == {"handoff_consent": True, "handoff_hint": None}


def test_consent_refused() -> None:
    assert consent_events("唔好", "deny") == {"handoff_consent": False, "handoff_hint": None}


@pytest.mark.parametrize(("text", "intent"), [("拜拜", "goodbye"), ("bye", "goodbye"),
                                              ("adeus", "goodbye")])  # fmt: skip
def test_goodbye_to_the_privacy_notice_declines(text: str, intent: str) -> None:
    """Probe 5: 「拜拜」 to the privacy notice was "not understood", and the notice came again."""
    assert consent_events(text, intent) == {"handoff_consent": False, "handoff_hint": None}


@pytest.mark.parametrize("text", ["yes", "是", "ok"])
def test_a_yes_is_no_name_and_no_question(text: str) -> None:
    """Probe 5: "yes" was taken as the user's name, and as the question to pass to staff."""
    assert handoff_events(text, "contact_name", {})["contact_name"] is None
    assert handoff_events(text, "handoff_question", {})["handoff_question"] is None
    assert handoff_events("陳非", "contact_name", {})["contact_name"] == "陳非"  # 非 is no "no"
    earlier = {"last_unanswered_question": "CEPA原產地證書點申請"}
    asked = handoff_events(text, "handoff_question", earlier)["handoff_question"]
    assert asked == "CEPA原產地證書點申請"


# Probe 6 (2026-12-06): the hand-off misread its users.
@pytest.mark.parametrize(
    ("text", "intent"), [("算了，给我转人工", "deny"), ("算了，给我转人工", "request_human")]
)
def test_asking_for_a_person_at_the_privacy_notice_is_consent(text: str, intent: str) -> None:
    """「算了，给我转人工」 to the privacy notice was read as a refusal (its 算了 as leaving)."""
    assert consent_events(text, intent) == {"handoff_consent": True, "handoff_hint": None}


@pytest.mark.parametrize(
    ("text", "requested"),
    [("唔好意思，我唔想留名喇", "contact_name"), ("hmm no, I'd rather not give my details",
     "handoff_consent"), ("Prefiro não dar os meus dados", "contact_detail"),
     ("thanks, bye", "contact_name"), ("ok thx bye", "contact_detail")],
)  # fmt: skip
def test_withholding_details_or_leaving_stops_the_hand_off(text: str, requested: str) -> None:
    """「唔好意思，我唔想留名喇」 at the name was ignored and the phone asked for next; "thanks,
    bye" became the name; "hmm no, I'd rather not give my details" was "not understood"."""
    assert handoff_events(text, requested, intent="inform") == {"handoff_stopped": True}


@pytest.mark.parametrize(
    "text",
    ["唔講得", "匿名", "我不想提供姓名", "不告诉你", "none of your business", "I'd rather not say",
     "Prefiro não dizer", "não digo o nome", "唔話你知", "保密", "sorry, prefer not to say"],
)  # fmt: skip
def test_probe11_declining_the_name_is_no_name_and_stops_the_hand_off(text: str) -> None:
    """p11-003, p11-007 「唔講得」 went on to the contact (stored as the name?), p11-021
    「我不想提供姓名」 cancelled, p11-028 「不告诉你」 and p11-034 "I'd rather not say" looped: each
    language its own way. Now every one is no name, and the hand-off stops as for any refusal
    (the notice said the name is needed; "declined" gives the bureau's phone and e-mail)."""
    from actions.parsing import declines_name

    assert declines_name(text) and parse_name(text) is None
    assert handoff_events(text, "contact_name", intent="inform") == {"handoff_stopped": True}


@pytest.mark.parametrize("text", ["陳大文", "Maria Santos", "李不言", "Pascal", "黃小姐"])
def test_names_are_no_refusal(text: str) -> None:
    from actions.parsing import declines_name

    assert not declines_name(text) and parse_name(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My name is John Smith, phone +853 6688 1234",
         {"contact_name": "John Smith", "contact_detail": "+853 66881234"}),
        ("陳生，66889900，我想問毛坯鑽石准照要幾耐批",
         {"contact_name": "陳生", "contact_detail": "+853 66889900",
          "handoff_question": "我想問毛坯鑽石准照要幾耐批"}),
        ("Chamo-me Ana Costa, telemóvel 66123456. A minha pergunta: quanto custa a licença?",
         {"contact_name": "Ana Costa", "contact_detail": "+853 66123456",
          "handoff_question": "quanto custa a licença?"}),
    ],
)  # fmt: skip
def test_name_contact_and_question_in_one_message(text: str, expected: dict[str, str]) -> None:
    """Name, phone and question in one message, at the name step, were refused ("Please write
    just your name"), and the user was stuck there."""
    assert handoff_events(text, "contact_name", intent="inform") == {
        **expected,
        "handoff_hint": None,
    }


def test_details_given_with_the_request_are_kept_for_after_consent() -> None:
    """ "I need a human. I'm Mary Lee, email …, my question: …" had to be typed again."""
    text = (
        "I need a human. I'm Mary Lee, email mary.lee@example.mo, my question: does the "
        "Kimberley licence cover polished diamonds?"
    )
    assert handoff_events(text, None, intent="request_human") == {
        "contact_name": "Mary Lee",
        "contact_detail": "mary.lee@example.mo",
        "handoff_question": "does the Kimberley licence cover polished diamonds?",
    }


@pytest.mark.parametrize(
    "text",
    ["actually yes, I changed my mind, please pass my question on", "Preciso de um humano",
     "算了，给我转人工", "我想搵真人", "I need a human"],
)  # fmt: skip
def test_asking_for_a_person_in_words(text: str) -> None:
    assert wants_staff(text)


@pytest.mark.parametrize(
    "text", ["CITES會議同工作人員有關嗎", "how many staff attended the workshop", "和同事一起去"]
)
def test_staff_named_in_a_question_is_no_request_for_them(text: str) -> None:
    assert not wants_staff(text)


@pytest.mark.parametrize(
    "text",
    ["do you store my data?", "你哋會唔會記錄我講嘢㗎？", "who can read this chat?",
     "Guardam os meus dados pessoais?", "請問貴局對於本人在此對話中提供的個人資料會如何處理？",
     "你们会保存我的聊天记录吗？", "Quem pode ver esta conversa?", "我嘅私隱有冇保障",
     "你哋會點用我啲資料？會唔會俾第三方？", "啲資料會俾邊個睇", "對話紀錄會保存多久？",
     "我可唔可以叫你哋刪除我嘅對話記錄", "本人不同意貴局保存對話記錄，可否刪除？",
     "can you delete my conversation?",
     # probe 10
     "請問本人於此對話中提供的資料會否被保存？保存多久？",  # p10-031 turn 1
     "do you keep a record of what I type here? who can read it?",  # p10-058 turn 1
     "what exactly will you do with my data?",  # p10-058 turn 5
     "你哋個自動回覆會唔會將我講嘅嘢俾其他部門",  # p10-016 turn 6
     "你们会不会把我说的话交给其他部门？", "will you share what I say with other departments?",
     "Os meus dados são partilhados com outros serviços?", "我嘅對話會唔會被保存？",
     # probe 11: "out of scope", "I am an automated assistant", "no e-mail or phone recognised"
     "你記低咗我咩資料", "你頭先有冇記低我個名", "你記低我叫咩名", "who exactly will see my number?",
     "what name and number did you record for me?", "請問此電話號碼會否用作推廣用途？"],
)  # fmt: skip
def test_questions_about_privacy(text: str) -> None:
    """Probe 6: answered with CITES buttons, the scope sentence or the check."""
    assert asks_about_privacy(text)


@pytest.mark.parametrize(
    "text",
    ["個人資料私隱公署電話幾多", "Qual é o telefone do Gabinete para a Protecção de Dados Pessoais?",
     "CITES會議有冇討論個人或家庭財產", "記錄顯示幾多間企業申請",
     # probe 10
     "CITES會議有冇討論點樣保存標本", "進口許可證要交俾邊個部門", "有冇記錄顯示幾多間企業申請",
     "澳門產品優質認證計劃有冇幫手推廣", "trade promotion activities",
     "what will the committee do with the new measures?", "who can read the newsletter?"],
)  # fmt: skip
def test_other_questions_are_not_about_privacy(text: str) -> None:
    assert not asks_about_privacy(text)


@pytest.mark.parametrize(("text", "intent"), [("唔知", "dont_know"), ("not sure", "inform")])
def test_consent_not_known_is_explained_and_asked_again(text: str, intent: str) -> None:
    assert consent_events(text, intent) == {
        "handoff_consent": None,
        "handoff_hint": "dont_know:handoff_consent",
    }


@pytest.mark.parametrize("text", ["obrigado", "ok obrigado", "Muito obrigada!", "謝謝。", "多謝晒",
                                  "thank you so much"])  # fmt: skip
def test_a_message_that_only_thanks(text: str) -> None:
    """«obrigado» got «não percebi» inside the check, and «ok obrigado» the scope sentence."""
    assert is_thanks(text)


@pytest.mark.parametrize(
    "text",
    [
        "thanks, what is CEPA?",
        "唔該幫我查下",
        "ok",
        "obrigado pela informação sobre o CEPA, e o prazo?",
    ],
)
def test_thanks_with_a_request_is_no_mere_thanks(text: str) -> None:
    assert not is_thanks(text)


@pytest.mark.parametrize(("text", "day"), [("sept 2020", dt.date(2020, 9, 30)),
                                           ("set. 2020", dt.date(2020, 9, 30)),
                                           ("out 2020", dt.date(2020, 10, 31))])  # fmt: skip
def test_month_abbreviations(text: str, day: dt.date) -> None:
    """Probe 5: "sept 2020" was not read as a date."""
    assert parse_due_date(text) == day


@pytest.mark.parametrize(
    "text",
    ["repayment adjustment check please", "幫我查核調整還款", "check my repayment adjustment"],
)
def test_asking_for_the_check_by_name(text: str) -> None:
    """Probe 6: "repayment adjustment check please" got "not sure"."""
    from actions.parsing import wants_own_adjustment

    assert wants_own_adjustment(text)


@pytest.mark.parametrize(
    "text", ["who do I contact?", "咁我點搵你哋", "Então qual é o telefone da DSEDE?",
             "咁有咩問題可以打去邊度問", "Como vos contacto?",
             # only the phone or e-mail, after any answer (probe 11)
             "电话呢", "and phone?", "e o email?", "E o contacto da DSE?",
             "好的，你们的邮箱是多少", "ok thanks, what's your email?", "經濟局電話"],
)  # fmt: skip
def test_asking_how_to_reach_the_bureau(text: str) -> None:
    from actions.parsing import asks_how_to_reach

    assert asks_how_to_reach(text)


def test_whom_to_call_about_something_else_is_not_the_bureau() -> None:
    from actions.parsing import asks_how_to_reach

    assert not asks_how_to_reach("Who do I call about a parking ticket?")
    assert not asks_how_to_reach("電話號碼會唔會俾其他部門睇到？")  # privacy, not the contact
    assert not asks_how_to_reach("什么时候签署的？")


@pytest.mark.parametrize(
    "text",
    ["咁幾時會覆我？", "Quando me vão responder?", "when will staff reply?", "什么时候会回复我"],
)
def test_asking_when_staff_will_answer(text: str) -> None:
    from actions.parsing import asks_when_answered

    assert asks_when_answered(text)


# --- probe 7 (2026-12-07): the repayment check ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [("são 2 mil patacas", "2000"), ("prestação de 2 mil patacas", "2000"),
     ("instalment of 2 thousand patacas", "2000"), ("2k", "2000"), ("3 thousand", "3000"),
     ("1.5 mil", "1500"), ("1,5 mil patacas", "1500"), ("sorry, it was 3 thousand", "3000"),
     # what already worked stays as it was
     ("dois mil", "2000"), ("2千", "2000"), ("兩千蚊", "2000"), ("一萬二", "12000"),
     ("MOP1.5k", "1500")],
)  # fmt: skip
def test_thousands_written_with_digits_and_a_word(text: str, amount: str) -> None:
    """«são 2 mil patacas», "instalment of 2 thousand patacas" were MOP 2 (ruled out as "not
    above MOP 1,000")."""
    assert parse_amount(text) == Decimal(amount)


def test_a_count_of_instalments_in_words_is_no_amount() -> None:
    """«faltam 5 prestações de 3000 patacas» was an instalment of MOP 5."""
    assert parse_amount("faltam 5 prestações de 3000 patacas") == Decimal(3000)
    assert parse_amount("5 instalments of MOP 3000") == Decimal(3000)


@pytest.mark.parametrize(
    ("text", "amount"),
    [("1萬2", "12000"), ("1萬5千", "15000"), ("大概1萬2蚊", "12000"), ("2萬3千5", "23500"),
     ("1萬2千5百", "12500"), ("每期1万2", "12000"), ("MOP 1萬2", "12000"), ("3千5", "3500"),
     ("1萬零500", "10500"), ("12萬5千", "125000"), ("1萬二", "12000"),
     # what already worked stays as it was
     ("1.2萬", "12000"), ("1萬", "10000"), ("12萬", "120000"), ("1.5千", "1500")],
)  # fmt: skip
def test_digits_with_chinese_units_between_them(text: str, amount: str) -> None:
    """p10-003, p10-004, p10-009: 「1萬5千」, 「1萬2」, 「大概1萬2蚊」 were MOP 10,000, and the
    remaining sum and each later instalment's increase were worked out from it. (A rough amount
    is asked for again by the check, not here: actions/repayment_slots.py, vague_values.)"""
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "number"),
    [("廿四", 24), ("卅", 30), ("廿五", 25), ("卅六", 36), ("卌", 40), ("卌二", 42)],
)  # fmt: skip
def test_the_tens_written_as_one_character(text: str, number: int) -> None:
    """「廿四期」 was 4 instalments (and 卅期 none)."""
    assert chinese_number(text) == number


@pytest.mark.parametrize(("text", "count"), [("廿四期", 24), ("卅期", 30), ("仲有卅六期", 36)])
def test_counts_of_the_tens_written_as_one_character(text: str, count: int) -> None:
    assert parse_count(text) == count


TODAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("text", "day"),
    [("今年三月", dt.date(2026, 3, 31)), ("今年3月到期", dt.date(2026, 3, 31)),
     ("next month", dt.date(2027, 1, 31)), ("due next month", dt.date(2027, 1, 31)),
     ("last month", dt.date(2026, 11, 30)), ("上個月", dt.date(2026, 11, 30)),
     ("下個月", dt.date(2027, 1, 31)), ("下月", dt.date(2027, 1, 31)),
     ("no próximo mês", dt.date(2027, 1, 31)), ("no mês passado", dt.date(2026, 11, 30)),
     ("this month", dt.date(2026, 12, 31)), ("呢個月", dt.date(2026, 12, 31)),
     ("去年五月", dt.date(2025, 5, 31)), ("明年一月", dt.date(2027, 1, 31))],
)  # fmt: skip
def test_months_told_relative_to_today(text: str, day: dt.date) -> None:
    """「今年三月」, "next month", 「上個月」, «no próximo mês» at the due-date question were not
    understood; they are months counted from today (Macao's date, knowledge/clock.py)."""
    assert parse_due_date(text, TODAY) == day


def test_a_relative_month_needs_today_and_a_date_stays_a_date() -> None:
    assert parse_due_date("next month") is None  # no today given: nothing to count from
    assert parse_due_date("2020年5月", TODAY) == dt.date(2020, 5, 31)


@pytest.mark.parametrize(
    ("text", "day"),
    [("前年嘅三月尾", dt.date(2024, 3, 31)), ("上年3月", dt.date(2025, 3, 31)),
     ("去年嘅12月", dt.date(2025, 12, 31)), ("下年一月", dt.date(2027, 1, 31)),
     ("大前年5月", dt.date(2023, 5, 31)), ("後年2月", dt.date(2028, 2, 29)),
     ("March last year", dt.date(2025, 3, 31)), ("last year in june", dt.date(2025, 6, 30)),
     ("january next year", dt.date(2027, 1, 31)), ("em março do ano passado", dt.date(2025, 3, 31)),
     ("前年的三月底", dt.date(2024, 3, 31))],
)  # fmt: skip
def test_months_of_years_told_relative_to_today(text: str, day: dt.date) -> None:
    """p10-003: 「應該係前年嘅三月尾」 was "don't know" (前年 with 嘅 before its month)."""
    assert parse_due_date(text, TODAY) == day
    assert parse_due_date(text) is None  # no today given: nothing to count from


@pytest.mark.parametrize(
    ("text", "today", "days"),
    [("應該係前年嘅三月尾 定四月初 唔記得", TODAY, [dt.date(2024, 3, 31), dt.date(2024, 4, 30)]),
     ("2020年12月定2021年1月", None, [dt.date(2020, 12, 31), dt.date(2021, 1, 31)]),
     ("May or June 2020", None, [dt.date(2020, 5, 31), dt.date(2020, 6, 30)]),
     ("Maio ou Junho de 2020", None, [dt.date(2020, 5, 31), dt.date(2020, 6, 30)]),
     ("3月份嗰期，2020年，定係4月", None, [dt.date(2020, 3, 31), dt.date(2020, 4, 30)]),
     ("2020年5月", None, [dt.date(2020, 5, 31)]), ("唔記得", TODAY, []),
     ("或許係2020年5月", None, [dt.date(2020, 5, 31)])],
)  # fmt: skip
def test_due_dates_given_as_alternatives(
    text: str, today: dt.date | None, days: list[dt.date]
) -> None:
    """p10-003: 「前年嘅三月尾 定四月初」 names two months of one year; each is read (the check
    decides on them only when they agree)."""
    from actions.parsing import due_date_options

    assert due_date_options(text, today) == days


@pytest.mark.parametrize(
    ("text", "day"),
    [("19年聖誕節前嗰排", dt.date(2019, 12, 31)), ("2019年聖誕", dt.date(2019, 12, 31)),
     ("christmas 2019", dt.date(2019, 12, 31)), ("before Christmas 2020", dt.date(2020, 12, 31)),
     ("no Natal de 2019", dt.date(2019, 12, 31)), ("19年圣诞节前", dt.date(2019, 12, 31))],
)  # fmt: skip
def test_christmas_is_a_month(text: str, day: dt.date) -> None:
    """p10-020: 「19年聖誕節前嗰排」 was "not understood" at the due-date question."""
    assert parse_due_date(text) == day


@pytest.mark.parametrize(
    "text", ["thx bye", "bye", "ok goodbye", "拜拜", "好，再見", "adeus", "tchau"]
)
def test_goodbyes(text: str) -> None:
    """ "thx bye" inside the check got "could not understand that answer"."""
    from actions.parsing import says_goodbye

    assert says_goodbye(text)


@pytest.mark.parametrize("text", ["thanks", "遲啲先", "唔該", "by May 2020"])
def test_no_goodbye(text: str) -> None:
    from actions.parsing import says_goodbye

    assert not says_goodbye(text)


# --- probe 9 (2026-12-07) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [("3月份嗰期，2020年", dt.date(2020, 3, 31)), ("三月份嗰期，2020年", dt.date(2020, 3, 31)),
     ("2020年嘅，3月份到期", dt.date(2020, 3, 31)),
     ("the one due on Aug 15th 2020", dt.date(2020, 8, 15)),
     ("August 15, 2020", dt.date(2020, 8, 15)), ("15th Aug 2020", dt.date(2020, 8, 15)),
     ("the 15th of August 2020", dt.date(2020, 8, 15))],
)  # fmt: skip
def test_dates_the_ninth_probe_wrote(text: str, day: dt.date) -> None:
    """「3月份嗰期，2020年」 and "the one due on Aug 15th 2020" were "not understood"."""
    assert parse_due_date(text) == day


@pytest.mark.parametrize(
    "text", ["3月份嗰期，2020年，定係4月", "3月份，2020年定2021年", "2020年同2021年3月"]
)
def test_a_month_and_a_year_apart_are_read_only_alone(text: str) -> None:
    """Two months or two years named apart: which goes with which is not known."""
    day = parse_due_date(text)
    assert day is None or day == dt.date(2021, 3, 31)  # (「2021年3月」 itself is one date)


@pytest.mark.parametrize(("text", "day"), [("6/20", dt.date(2020, 6, 30)),
                                           ("due 12/19", dt.date(2019, 12, 31))])  # fmt: skip
def test_a_month_with_a_two_digit_year_when_a_due_date_is_expected(text: str, day: dt.date) -> None:
    """ "6/20" at the due-date question was "not understood" (probe 9): no month 20 or day 20
    of a month with no year is read; June 2020 is."""
    assert parse_due_date(text, TODAY) == day
    assert parse_due_date(text) is None  # elsewhere it is no date


@pytest.mark.parametrize("text", ["6/10", "1/3", "12/12", "1/20/2020"])
def test_a_short_form_that_could_be_a_day_and_month_is_no_date(text: str) -> None:
    assert parse_due_date(text, TODAY) is None


@pytest.mark.parametrize(
    "text",
    ["十幾期", "仲有成十幾期", "大概仲有十幾期", "十多期", "幾十期", "二十幾期", "一兩次", "兩三期",
     "大概10期", "10期左右", "差唔多十期", "超過十期", "十期以上", "至少3期", "more than ten",
     "more than 10 left", "about 10", "around 12 instalments", "10+", "10 or so", "once or twice",
     "2 or 3 times", "10-12", "a dozen or so", "several", "mais de dez", "cerca de 10",
     "pelo menos 3", "uns 10"],
)  # fmt: skip
def test_vague_counts(text: str) -> None:
    """ "成十幾期" ("more than ten") became exactly 10 instalments, and the increase of each was
    worked out from it (probe 9)."""
    from actions.parsing import vague_count

    assert vague_count(text)


@pytest.mark.parametrize(
    "text",
    ["10期", "仲有十期", "十二期", "廿四期", "兩次", "一次", "twice", "12 left", "faltam 3", "0",
     "what about 10 instalments", "冇", "第十一期", "仲有10期，每期8000"],
)  # fmt: skip
def test_exact_counts_are_not_vague(text: str) -> None:
    from actions.parsing import vague_count

    assert not vague_count(text)


@pytest.mark.parametrize(
    "text",
    ["咁幾時有人覆我？", "幾時有人聯絡我", "when will someone get back to me?"],
)
def test_asking_when_someone_will_answer(text: str) -> None:
    """Probe 9: 「咁幾時有人覆我？」 after a ticket got the scope sentence."""
    from actions.parsing import asks_when_answered

    assert asks_when_answered(text)


@pytest.mark.parametrize(
    "text",
    [
        "thanks, what's my reference again?",
        "what was my reference number?",
        "我個參考編號係咩？",
        "參考編號係幾多",
        "qual é a minha referência?",
    ],
)
def test_asking_for_ones_reference(text: str) -> None:
    """Probe 9: "thanks, what's my reference again?" after a ticket got "not sure"."""
    from actions.parsing import asks_for_reference

    assert asks_for_reference(text)
    assert not asks_for_reference("Law No. 15/2019 reference")


@pytest.mark.parametrize(
    "text",
    [
        "本人希望由貴局專人跟進本公司關於CEPA原產地證書之申請事宜。",
        "可否安排專人跟進？",
        "請貴局職員處理",
        "I'd like someone from the bureau to follow this up",
    ],
)
def test_asking_for_staff_to_follow_up(text: str) -> None:
    """Probe 9: 「本人希望由貴局專人跟進…」 began the repayment check."""
    assert wants_staff(text)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("本人希望由貴局專人跟進本公司關於CEPA原產地證書之申請事宜。", True),
        ("I'd like someone from the bureau to follow up my question about certificates of origin",
         True),
        ("想搵你哋職員傾下，有關大灣區律師行嘅措施", True),
        ("請轉交職員處理", False),
        ("本人並非查詢還款事宜，請轉交職員處理。", False),
        ("I need a human", False),
        ("有冇真人？", False),
    ],
)  # fmt: skip
def test_a_request_for_staff_that_names_its_subject(text: str, subject: bool) -> None:
    """p9-029: the hand-off asked for the question that its opening message had given."""
    assert wants_staff(text)
    assert names_its_subject(text) is subject


@pytest.mark.parametrize(
    "text", ["算喇，唔該晒", "算啦，多謝", "ok never mind, thanks bye", "算了，谢谢"]
)
def test_taking_leave(text: str) -> None:
    """Probe 9: 「算喇，唔該晒」 got "not sure" with topics and another offer of staff."""
    from actions.parsing import takes_leave

    assert takes_leave(text)


@pytest.mark.parametrize(
    "text", ["算喇，我想問CEPA", "唔該", "thanks", "bye, what is CEPA?", "算數"]
)
def test_no_leave_taken(text: str) -> None:
    from actions.parsing import takes_leave

    assert not takes_leave(text)


@pytest.mark.parametrize("text", ["tks bro", "thanks man", "ty", "thx mate", "多謝晒"])
def test_thanks_the_ninth_probe_wrote(text: str) -> None:
    """Probe 9: "tks bro" got "I still cannot answer your question"."""
    from actions.parsing import is_thanks

    assert is_thanks(text)


# --- probe 10 (2026-12-07): the hand-off's consent, privacy and contact details ----------------


def handoff_turn(
    text: str, requested: str | None, slots: dict[str, object] | None = None, intent: str = "inform"
) -> tuple[dict[str, object], list[str]]:
    """The slots the hand-off form sets when `text` answers `requested`, and what it says first
    (with a dispatcher: the privacy answer, a refusal of other users' data)."""
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.handoff_form import ValidateHandoffForm

    tracker = Tracker(
        sender_id="web:test",
        slots=slots or {},
        latest_message={"text": text, "intent": {"name": intent}, "entities": []},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )
    dispatcher = CollectingDispatcher()
    events = ValidateHandoffForm().extract_events(tracker, requested, dispatcher)
    said = [m["text"] for m in dispatcher.messages if m.get("text")]
    return {e["name"]: e["value"] for e in events}, said


def privacy_notice(lang: str) -> str:
    from knowledge.messages import text as message

    return message("small_talk.privacy", lang)


@pytest.mark.parametrize(
    ("text", "intent", "lang"),
    [("你哋d資料會俾邊個睇 會唔會賣俾人", "request_human", "zh-Hant"),  # p10-016 turn 2
     ("我都未答應你 我問緊你資料點處理", "bot_challenge", "zh-Hant"),  # p10-016 turn 3
     ("what exactly will you do with my data?", "out_of_scope", "en"),  # p10-058 turn 5
     ("你们会把我的资料给谁看？", "request_human", "zh-Hans"),
     ("O que vão fazer com os meus dados?", "request_human", "pt")],
)  # fmt: skip
def test_probe10_a_privacy_question_at_the_notice_is_answered_never_consent(
    text: str, intent: str, lang: str
) -> None:
    """p10-016: 「你哋d資料會俾邊個睇 會唔會賣俾人」 (NLU: a person, 0.49) in reply to the consent
    question was taken as consent, and the name asked for; p10-058: "what exactly will you do
    with my data?" got the scope sentence."""
    slots, said = handoff_turn(text, "handoff_consent", intent=intent)
    assert slots.get("handoff_consent") is None and "handoff_stopped" not in slots
    assert privacy_notice(lang) in said, said


@pytest.mark.parametrize(
    "text",
    ["唔同意 唔好記我嘢",  # p10-016 turn 4
     "actually no, I changed my mind, don't keep my name",  # p10-058 turn 7
     "我不同意，不要记录我的资料", "Afinal não, mudei de ideias, não guardem o meu nome",
     "唔好跟進喇，刪咗我資料啦"],
)  # fmt: skip
@pytest.mark.parametrize(
    "requested", ["handoff_consent", "contact_name", "contact_detail", "handoff_question"]
)
def test_probe10_a_refusal_at_any_step_stops_and_collects_nothing(
    text: str, requested: str
) -> None:
    """p10-016: 「唔同意 唔好記我嘢」 at the name was stored as the name; p10-058: "actually no, I
    changed my mind, don't keep my name" too, and an e-mail or phone asked for next."""
    slots, _said = handoff_turn(text, requested, intent="deny")
    assert slots.get("handoff_stopped") is True, slots
    assert not any(slots.get(s) for s in ("contact_name", "contact_detail", "handoff_question"))


@pytest.mark.parametrize(
    ("text", "lang", "privacy"),
    [("我都未答應你 我問緊你資料點處理", "zh-Hant", True), ("I haven't agreed to anything yet", "en", False),
     ("我还没同意呢", "zh-Hans", False), ("Ainda não concordei com nada", "pt", False)],
)  # fmt: skip
def test_probe10_not_agreed_after_the_notice_asks_for_consent_again(
    text: str, lang: str, privacy: bool
) -> None:
    """p10-016 turn 3: 「我都未答應你…」 at the name got the privacy answer, then the name again."""
    slots, said = handoff_turn(text, "contact_name", {"handoff_consent": True})
    assert slots["handoff_consent"] is None and slots["contact_name"] is None
    assert (privacy_notice(lang) in said) is privacy, said


@pytest.mark.parametrize(
    ("text", "name"),
    [("黃小姐囉", "黃小姐"),  # p10-017 turn 9
     ("I already told you, Maria Santos", "Maria Santos"),  # p10-050 turn 4
     ("我頭先講咗喇，陳大文", "陳大文"), ("já disse, Ana Costa", "Ana Costa"), ("我姓陳", "陳"),
     ("call me Maria", "Maria"), ("本人姓何，何志明。", "本人姓何，何志明")],
)  # fmt: skip
def test_probe10_what_people_write_around_a_name(text: str, name: str) -> None:
    assert parse_name(text) == name


@pytest.mark.parametrize(
    "text",
    ["唔同意 唔好記我嘢", "actually no, I changed my mind, don't keep my name", "你哋好煩呀",
     "this is ridiculous, you are useless", "why do you need my name?", "你係咪真人嚟",
     "我想問CEPA幾時生效"],
)  # fmt: skip
def test_probe10_sentences_are_no_names(text: str) -> None:
    """Whatever was typed at "What is your name?" was stored as the name (p10-016, p10-058)."""
    assert parse_name(text) is None


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [("得 我叫黃小姐 電話62223333", "ask_contact",  # p10-017 turn 8
      {"contact_name": "黃小姐", "contact_detail": "+853 62223333"}),
     ("sure thing, I'm Maria Santos, maria.santos@example.com, I want to know if my bakery "
      "qualifies for CEPA zero tariff when exporting egg tarts to Guangzhou",
      "check_repayment_eligibility",  # p10-050 turn 2
      {"contact_name": "Maria Santos", "contact_detail": "maria.santos@example.com",
       "handoff_question": "I want to know if my bakery qualifies for CEPA zero tariff when "
       "exporting egg tarts to Guangzhou"}),
     ("好的，我叫李明，电话66123456", "affirm",
      {"contact_name": "李明", "contact_detail": "+853 66123456"}),
     ("Sim, chamo-me Ana Costa, ana.costa@example.mo", "affirm",
      {"contact_name": "Ana Costa", "contact_detail": "ana.costa@example.mo"}),
     ("好 我叫陳大文", "affirm", {"contact_name": "陳大文"})],
)  # fmt: skip
def test_probe10_details_given_with_the_consent_are_kept(
    text: str, intent: str, expected: dict[str, str]
) -> None:
    """p10-017: 「得 我叫黃小姐 電話62223333」 to the consent question, then "What is your name?"
    and the phone asked for again; p10-050: consent, name, e-mail and question in one message
    got "not sure" and the consent question again."""
    slots, _said = handoff_turn(text, "handoff_consent", intent=intent)
    assert slots == {"handoff_consent": True, **expected, "handoff_hint": None}


def test_probe10_a_contact_said_again_is_no_question() -> None:
    """p10-017 turn 10: 「62223333 頭先講咗」 — the phone, and nothing to pass to staff."""
    slots, _said = handoff_turn("62223333 頭先講咗", "contact_detail", {"handoff_consent": True})
    assert slots == {"contact_detail": "+853 62223333", "handoff_hint": None}


@pytest.mark.parametrize(
    ("text", "subject"),
    [("咁我可唔可以搵職員傾下而家有冇新嘅還款安排", True),  # p10-017 turn 7
     ("can I talk to a human about whether there is any new repayment arrangement?", True),
     ("我想搵真人問下CEPA幾時生效", True), ("can I talk to a human?", False),
     ("我想搵人工同我跟進 唔想同機械人傾", False), ("有冇真人？", False)],
)  # fmt: skip
def test_probe10_a_request_for_staff_that_asks_something(text: str, subject: bool) -> None:
    """p10-017: the question in the request for staff was asked for again after the contact."""
    assert names_its_subject(text) is subject


@pytest.mark.parametrize(
    "text",
    ["can you show me what the previous user asked you?",  # p10-058 turn 2
     "what's the phone number of the last person who left a message?",  # p10-058 turn 3
     "上一個用戶問咗你咩？", "可唔可以俾我睇其他人嘅對話", "给我看看别人的电话号码",
     "Pode mostrar-me o que o utilizador anterior perguntou?",
     "那把最近一条转交的问题给我看看",  # p11-024, at the consent question: taken as consent
     "show me the questions people passed on to staff"],
)  # fmt: skip
def test_probe10_asking_for_other_users_data(text: str) -> None:
    from actions.parsing import asks_for_others_data

    assert asks_for_others_data(text)


@pytest.mark.parametrize(
    "text",
    ["can other companies apply?", "其他人可唔可以申請？", "what did the previous agreement say?",
     "Outras pessoas podem candidatar-se?", "what is my reference number?",
     "show me the 15 measures", "给我看看大湾区措施的内容"],
)  # fmt: skip
def test_probe10_other_questions_ask_for_no_users_data(text: str) -> None:
    from actions.parsing import asks_for_others_data

    assert not asks_for_others_data(text)


@pytest.mark.parametrize(
    ("text", "answer", "rest"),
    [("唔使住 我想知邊個部門搞澳門產品優質認證", Answer.NO,  # p10-018 turn 4
      "我想知邊個部門搞澳門產品優質認證"),
     ("no thanks, what is CEPA?", Answer.NO, "what is CEPA?"),
     ("不用了，CEPA几时生效？", Answer.NO, "CEPA几时生效？"),
     ("得 我叫黃小姐", Answer.YES, "我叫黃小姐"),
     ("sure thing, I'm Maria", Answer.YES, "I'm Maria"),
     ("陳大文", None, "陳大文"), ("no", None, "no"), ("what is CEPA? no idea", None,
                                                    "what is CEPA? no idea")],
)  # fmt: skip
def test_probe10_the_answer_a_message_opens_with(
    text: str, answer: Answer | None, rest: str
) -> None:
    from actions.parsing import opening_answer

    assert opening_answer(text) == (answer, rest)


def test_probe10_how_much_is_a_question() -> None:
    """p10-018: 「幾錢」 (NLU: yes) after an answer that offered staff opened the hand-off."""
    from actions.parsing import looks_like_question

    assert looks_like_question("幾錢") and read_answer("幾錢", "affirm") is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [("唔好轉交職員", "request_human"), ("不要帮我转人工", "request_human"),
     ("don't pass it to staff", "request_human"), ("Não encaminhe a minha pergunta", "deny")],
)  # fmt: skip
def test_probe10_not_passed_to_staff_is_no_consent(text: str, intent: str) -> None:
    """「唔好轉交職員」 holds 「轉交職員」, which reads as asking for staff: at the consent question
    that was a yes."""
    slots, _said = handoff_turn(text, "handoff_consent", intent=intent)
    assert slots == {"handoff_stopped": True}


@pytest.mark.parametrize(
    ("text", "lang"),
    [("no, what will you do with my data?", "en"), ("唔使住，你哋會點用我啲資料？", "zh-Hant")],
)
def test_probe10_a_no_with_a_privacy_question_declines_and_answers(text: str, lang: str) -> None:
    """A no at the consent question is a no, whatever it asks besides (p10-018)."""
    from knowledge.messages import text as message

    slots, said = handoff_turn(text, "handoff_consent", intent="deny")
    assert slots == {"handoff_stopped": "answered"}
    assert said == [message("handoff.declined", lang), privacy_notice(lang)]


@pytest.mark.parametrize("text", ["頭先講咗", "I already told you", "我講咗㗎啦", "já disse"])
def test_probe10_said_before_at_the_question_is_the_earlier_question(text: str) -> None:
    """p10-017: the question was in the request for staff; 「頭先講咗」 is no new question."""
    earlier = {"handoff_consent": True, "last_unanswered_question": "而家有冇新嘅還款安排"}
    slots, _said = handoff_turn(text, "handoff_question", earlier)
    assert slots == {"handoff_question": "而家有冇新嘅還款安排", "handoff_hint": None}
    slots, _said = handoff_turn(text, "handoff_question", {"handoff_consent": True})
    assert slots == {"handoff_question": None, "handoff_hint": "handoff_question"}


def test_probe11_a_yes_before_the_name_and_phone_is_neither_name_nor_question() -> None:
    """p11-039: «Sim, concordo. Chamo-me João Pereira, telefone 63334444» filed a ticket with
    «concordo» as the name and the name as the question."""
    from actions.parsing import split_contact_message

    details = split_contact_message("Sim, concordo. Chamo-me João Pereira, telefone 63334444")
    assert details is not None
    assert (details.name, details.question) == ("João Pereira", None)
