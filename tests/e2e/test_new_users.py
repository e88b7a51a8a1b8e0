"""Conversations new users had with the running service (a probe of 65 multi-turn conversations,
2026-12-06) that went wrong, through the real gateway, Rasa and action server, in the users'
words: negations the check read as the fact itself, a question inside the check read for its
facts, a year read as an amount, the bot's own "check my case" button silencing the conversation,
yes to the offer of staff not taken, and short Simplified answers replied to in Traditional.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from bot.stack import Stack
from knowledge.answer import CHECK_MY_CASE_PAYLOAD
from knowledge.messages import template
from knowledge.messages import text as message
from tests.helpers import chat, text_of

pytestmark = pytest.mark.e2e

# Decisions that rule the case out, in Traditional, Simplified, English and Portuguese.
RULED_OUT = ("不符合調整還款的條件", "不符合调整还款的条件", "would not have met", "não reuniria")


def question(slot: str, lang: str = "zh-Hant") -> str:
    return template(f"form.question.{slot}", lang).split("{")[0]


def payloads(reply: dict[str, Any]) -> list[str]:
    return [b["payload"] for r in reply["replies"] for b in r["buttons"]]


def talk(stack: Stack, *turns: str, lang: str | None = None) -> list[dict[str, Any]]:
    sender = uuid.uuid4().hex
    extra = {"lang": lang} if lang else {}
    return [chat(stack, turn, sender, **extra) for turn in turns]


@pytest.mark.parametrize(
    ("opening", "negations", "lang", "next_slot"),
    [
        (
            "您好，本公司為《中小企業援助計劃》受惠企業，擬就2020年3月到期之還款申請調整，請問是否符合資格？",
            "該期並非最後一期，援助批給亦未被取消，此前未曾申請調整。",
            "zh-Hant",
            "installment_amount",
        ),
        (
            "Hi, I run a small bakery under the SME Aid Scheme. Can I get my March 2020 instalment "
            "reduced?",
            "It's not the last one and the aid wasn't cancelled",
            "en",
            "adjustments_used",
        ),
        (
            "我公司是中小企业援助计划的受惠企业，想调整2020年4月那期还款",
            "不是最后一期，也没被取消资助",
            "zh-Hans",
            "adjustments_used",
        ),
    ],
)
def test_a_negation_is_not_read_as_the_fact(
    stack: Stack, opening: str, negations: str, lang: str, next_slot: str
) -> None:
    """Each got "not eligible: last instalment" or "…aid cancelled", facts the user denied."""
    reply = talk(stack, opening, negations)[-1]
    said = text_of(reply)
    assert not any(r in said for r in RULED_OUT), said
    assert question(next_slot, lang) in said, said


def test_a_question_inside_the_check_is_answered_not_read_as_yes(stack: Stack) -> None:
    """「係咪…？」 was read as "yes, it is the last instalment" and the case was ruled out."""
    *_, asked, so_what = talk(
        stack,
        "我間公司青年創業援助計劃，2020年6月嗰期",
        "係咪要申請牌先可以做毛坯鑽石生意？",
        "咁點算好",
    )
    said = text_of(asked)
    assert [s["id"] for s in asked["sources"]][:1] == ["kimberley-licences"], said
    assert said.endswith(question("is_last_installment")), said
    # 「咁點算好」 ("so what do I do?"), read by the NLU as affirm, is no yes either.
    said = text_of(so_what)
    assert not any(r in said for r in RULED_OUT), said
    assert question("is_last_installment") in said, said


def test_a_year_is_not_the_instalment(stack: Stack) -> None:
    """«…a prestação de Março de 2020»: 2020 became the adjustments made ("não pode exceder 100")
    and the instalment, whose "restantes 1 020,00 patacas" the decision quoted."""
    opening, *_, decision = talk(
        stack,
        "Bom dia, a minha empresa tem um empréstimo do Plano de Apoio a Pequenas e Médias "
        "Empresas e queria ajustar a prestação de Março de 2020.",
        "Não é a última prestação e o apoio não foi cancelado",
        "nunca ajustei",
        "oito mil patacas",
        "faltam 10",
        lang="pt",
    )
    assert "100" not in text_of(opening), text_of(opening)
    said = text_of(decision)
    assert decision["lang"] == "pt", said
    assert "7 000,00" in said and "1 020" not in said, said


def test_the_check_my_case_button_inside_the_check_goes_on_with_it(stack: Stack) -> None:
    """Pressed while the check ran, it got ten "still cannot answer" replies, and every later
    message, "cancel" included, got none."""
    sender = uuid.uuid4().hex
    for turn in ("I want to check if my company can adjust its repayment", "SME Aid Scheme",
                 "May 2020"):  # fmt: skip
        chat(stack, turn, sender)
    inside = chat(stack, "What is the minimum instalment?", sender)
    assert inside["sources"] and CHECK_MY_CASE_PAYLOAD not in payloads(inside), text_of(inside)
    pressed = chat(stack, CHECK_MY_CASE_PAYLOAD, sender, lang="en")
    assert len(pressed["replies"]) == 1, text_of(pressed)
    assert question("is_last_installment", "en") in text_of(pressed), text_of(pressed)
    said = text_of(chat(stack, "No", sender))
    assert question("grant_cancelled", "en") in said, said


@pytest.mark.parametrize(
    ("complaint", "yes", "lang"),
    [
        ("我想投訴隔籬舖長期阻街", "好，唔該", "zh-Hant"),
        ("本人欲投訴某食肆衛生欠佳，應如何處理？", "可以", "zh-Hant"),
        ("我想咨询办理澳门身份证的事", "好的", "zh-Hans"),
        ("I want to complain about a taxi driver who overcharged me", "ok sure", "en"),
        ("Quero fazer uma queixa sobre um restaurante", "Sim, pode ser", "pt"),
    ],
)
def test_yes_to_the_offer_of_staff_opens_the_hand_off(
    stack: Stack, complaint: str, yes: str, lang: str
) -> None:
    offer, accepted = talk(stack, complaint, yes)
    assert offer["handoff_offered"] is True, text_of(offer)
    assert message("handoff.privacy_notice", lang) in text_of(accepted), text_of(accepted)  # type: ignore[arg-type]


def test_a_question_inside_the_hand_off_is_answered_then_the_consent_asked_again(
    stack: Stack,
) -> None:
    """「請問修訂協議於何時正式實施？」 at the consent step got 「未能理解你的答案」."""
    *_, asked = talk(stack, "我想搵職員", "請問修訂協議於何時正式實施？")
    said = text_of(asked)
    assert [s["id"] for s in asked["sources"]][:1] == ["cepa-services-signing"], said
    assert said.endswith(message("handoff.privacy_notice", "zh-Hant")), said


def test_short_simplified_answers_are_answered_in_simplified(stack: Stack) -> None:
    """2020年6月, 不是 and 取消 show no script; with the widget in 简体 they were answered in
    Traditional."""
    *_, date, no, stop = talk(
        stack,
        "我的公司是天鸽风灾特别援助计划的受惠企业，想调整还款",
        "2020年6月",
        "不是",
        "不用了",
        lang="zh-Hans",
    )
    assert date["lang"] == "zh-Hans" and question("is_last_installment", "zh-Hans") in text_of(date)
    assert no["lang"] == "zh-Hans" and question("grant_cancelled", "zh-Hans") in text_of(no)
    # 「不用了」 (no need any more) leaves the check.
    assert message("form.stopped", "zh-Hans") in text_of(stop), text_of(stop)


def test_thanks_in_portuguese_is_thanks_inside_the_check_and_after(stack: Stack) -> None:
    """«obrigado» got «não percebi» inside the check, and «ok obrigado» the scope sentence."""
    *_, inside, stopped, thanks = talk(
        stack,
        "A minha empresa pode ajustar o reembolso? Plano de Apoio a Pequenas e Médias Empresas, "
        "prestação de Maio de 2020",
        "obrigado",
        "parar",
        "ok obrigado",
        lang="pt",
    )
    said = text_of(inside)
    assert (
        message("small_talk.thank", "pt") in said and question("is_last_installment", "pt") in said
    )
    assert message("form.stopped", "pt") in text_of(stopped)
    assert text_of(thanks) == message("small_talk.thank", "pt"), text_of(thanks)
    assert thanks["handoff_offered"] is False


def test_a_year_and_month_in_the_first_message_is_read(stack: Stack) -> None:
    """ "…due 2021-02?": the date question came back however the user answered it."""
    (reply,) = talk(
        stack, "My company has an SME Aid Scheme loan. Can we reduce the instalment due 2021-02?"
    )
    said = text_of(reply)
    assert any(r in said for r in RULED_OUT) and "31 December 2020" in said, said


def test_a_phone_number_out_of_the_blue_is_offered_staff(stack: Stack) -> None:
    """「6612 3456」 started the repayment check («+853 6612 3456» too)."""
    number, yes = talk(stack, "6612 3456", "好")
    said = text_of(number)
    assert said == message("answer.contact_given", "zh-Hant"), said
    assert number["handoff_offered"] is True
    assert message("handoff.privacy_notice", "zh-Hant") in text_of(yes), text_of(yes)


def test_a_follow_up_on_the_measure_after_stopping_the_check_is_answered(stack: Stack) -> None:
    """After 'stop', "how many applications were approved?" got the scope sentence: the NLU reads
    it as out of scope, but the conversation was on the repayment measure."""
    *_, stopped, asked = talk(
        stack,
        "I want to check if my company can adjust its repayment",
        "stop",
        "how many applications were approved?",
    )
    assert message("form.stopped", "en") in text_of(stopped)
    assert [s["id"] for s in asked["sources"]] == ["sme-repayment-statistics"], text_of(asked)


@pytest.mark.parametrize(
    ("turns", "lang"),
    [
        (
            (
                "我的公司是天鸽风灾特别援助计划的受惠企业，想调整还款",
                "2020年6月",
                "我现在可以申请吗？",
            ),
            "zh-Hans",
        ),
        (
            (
                "A minha empresa pode ajustar o reembolso? Plano de Apoio a Pequenas e Médias "
                "Empresas, prestação de Junho de 2020",
                "Posso candidatar-me agora?",
            ),
            "pt",
        ),
        (("so can I apply now?",), "en"),
    ],
)
def test_can_i_apply_now_is_told_the_measure_has_ended(
    stack: Stack, turns: tuple[str, ...], lang: str
) -> None:
    """The second probe: a greeting (the NLU read 「我现在可以申请吗？」 as one), the staff phone
    line in English, or "still cannot answer"."""
    reply = talk(stack, *turns, lang=lang)[-1]
    said = text_of(reply)
    assert message("answer.measure_closed", lang) in said, said  # type: ignore[arg-type]
    assert reply["lang"] == lang


def test_a_correction_or_a_doubt_is_no_answer_to_is_it_the_last(stack: Stack) -> None:
    """「更正：應為2020年9月，並非8月。」 skipped "is it the last instalment?" (its 並非 was read
    as no); "是最后一期吗？我不太确定" was read as yes and the case ruled out."""
    *_, corrected = talk(
        stack, "本公司屬中小企業援助計劃，想調整還款", "2020年8月", "更正：應為2020年9月，並非8月。"
    )
    assert question("is_last_installment") in text_of(corrected), text_of(corrected)
    *_, doubt = talk(
        stack, "我公司是中小企业援助计划的，想调整2020年6月那期还款", "是最后一期吗？我不太确定",
        lang="zh-Hans",
    )  # fmt: skip
    said = text_of(doubt)
    assert not any(r in said for r in RULED_OUT), said
    assert question("is_last_installment", "zh-Hans") in said, said


def test_the_third_probes_conversations(stack: Stack) -> None:
    """Each ruled a case out, decided on a fact never given, or did not leave the check."""
    # "May '20" gave an instalment of MOP 20: "not above MOP 1,000".
    (may,) = talk(
        stack,
        "Could my company have adjusted its repayment? SME Aid Scheme, instalment due May '20.",
    )
    assert not any(r in text_of(may) for r in RULED_OUT), text_of(may)
    assert question("is_last_installment", "en") in text_of(may)
    # A date supposed ("what if…") was taken as the due date and the check decided.
    *_, supposed = talk(stack, "本公司屬中小企業援助計劃，想調整2020年2月到期的還款",
                        "如果到期日是2021年1月，結果會否不同？")  # fmt: skip
    assert not any(r in text_of(supposed) for r in RULED_OUT), text_of(supposed)
    assert question("is_last_installment") in text_of(supposed), text_of(supposed)
    # 「取消本次查核」 was read as "the aid was cancelled".
    *_, left = talk(stack, "本公司屬中小企業援助計劃，想調整2020年2月到期的還款", "取消本次查核")
    assert message("form.stopped", "zh-Hant") in text_of(left), text_of(left)
    # 「现在还能申请吗？」 was read as a greeting and greeted.
    (now,) = talk(stack, "现在还能申请吗？", lang="zh-Hans")
    assert message("answer.measure_closed", "zh-Hans") in text_of(now), text_of(now)


# --- the fifth probe (81 conversations, 2026-12-06) --------------------------------------------


def test_a_case_told_without_a_question_gets_the_check(stack: Stack) -> None:
    """「中小企业援助计划，2020年9月30日到期的那期8500澳门元…后面还有10期。」 (the NLU: unsure) got
    "not sure" instead of the check's decision."""
    said = text_of(
        chat(
            stack,
            "中小企业援助计划，2020年9月30日到期的那期8500澳门元，不是最后一期，没被取消，没调整过，"
            "后面还有10期。",
            uuid.uuid4().hex,
            lang="zh-Hans",
        )
    )
    assert "按当时的规定，你的情况符合" in said, said


def test_so_can_i_apply_inside_the_check_is_told_the_measure_has_ended(stack: Stack) -> None:
    """«então posso pedir?» inside the check got "not sure"."""
    sender = uuid.uuid4().hex
    chat(stack, "A minha empresa pode ajustar o reembolso do plano de apoio?", sender, lang="pt")
    said = text_of(chat(stack, "então posso pedir?", sender, lang="pt"))
    assert message("answer.measure_closed", "pt") in said, said


@pytest.mark.parametrize(("typed", "lang"), [("who can see this chat?", "en"),
                                             ("仲有冇其他嘢要留意", "zh-Hant")])  # fmt: skip
def test_a_question_read_as_goodbye_is_not_told_goodbye(
    stack: Stack, typed: str, lang: str
) -> None:
    """ "who can see this chat?" and 「仲有冇其他嘢要留意」 got "Thank you for your enquiry. Goodbye!"."""
    said = text_of(chat(stack, typed, uuid.uuid4().hex, lang=lang))
    assert message("small_talk.goodbye", lang) not in said, said


@pytest.mark.parametrize(("typed", "lang"), [("你能做什么？", "zh-Hans"), ("Olá, fala português?", "pt"),
                                             ("哈哈咁你識唔識講廣東話", "zh-Hant")])  # fmt: skip
def test_what_can_you_do_is_told_what_the_assistant_does(
    stack: Stack, typed: str, lang: str
) -> None:
    """「你能做什么？」 got "not sure" with unrelated topics; «Olá, fala português?» too."""
    said = text_of(chat(stack, typed, uuid.uuid4().hex, lang=lang))
    assert said.startswith(template("small_talk.capabilities", lang)[:12]), said


# --- the seventh probe (90 conversations, 2026-12-07) --------------------------------------------


def sources(reply: dict[str, Any]) -> list[str]:
    return [s["id"] for s in reply["sources"]]


def to_the_question_for_staff(stack: Stack, lang: str, asking: str, name: str) -> list[str]:
    """A conversation at the hand-off's last step (consent given, name and e-mail taken)."""
    sender = uuid.uuid4().hex
    consent = {"pt": "sim", "en": "yes"}.get(lang, "同意")
    for said in (asking, consent, name, "someone@example.com"):
        chat(stack, said, sender, lang=lang)
    return [sender]


def test_giving_up_at_the_question_for_staff_files_nothing(stack: Stack) -> None:
    """«Afinal não quero, desisto» at the question step became a ticket holding the user's name and
    e-mail (severity 5: data kept after the user withdrew)."""
    [sender] = to_the_question_for_staff(
        stack, "pt", "Gostaria de falar com um funcionário", "Maria Fernandes"
    )
    said = text_of(chat(stack, "Afinal não quero, desisto", sender, lang="pt"))
    assert message("handoff.declined", "pt").split(".")[0] in said, said
    assert "CEPA-" not in said


@pytest.mark.parametrize("refusal", ["nah forget it", "no"])
def test_no_at_the_contact_step_ends_the_hand_off(stack: Stack, refusal: str) -> None:
    """ "nah forget it", "forget it" and "no" for the contact got "I could not find a valid e-mail
    address or phone number", three times."""
    sender = uuid.uuid4().hex
    for said in ("I want to talk to a real person", "yes", "Peter Chan"):
        chat(stack, said, sender, lang="en")
    said = text_of(chat(stack, refusal, sender, lang="en"))
    assert message("handoff.declined", "en").split(".")[0] in said, said


def test_a_privacy_question_at_the_question_step_is_answered_not_filed(stack: Stack) -> None:
    """「請問轉交後，本人之個人資料將保存多久？」 became the ticket."""
    [sender] = to_the_question_for_staff(stack, "zh-Hant", "我想搵職員跟進", "陳大文")
    reply = chat(stack, "請問轉交後，本人之個人資料將保存多久？", sender, lang="zh-Hant")
    said = text_of(reply)
    assert message("small_talk.privacy", "zh-Hant")[:20] in said, said
    assert message("handoff.question.handoff_question", "zh-Hant") in said
    assert "CEPA-" not in said


def test_an_aside_at_the_question_step_is_answered_then_the_question_asked_again(
    stack: Stack,
) -> None:
    """「等等，先問你，金伯利制度幾時喺澳門實施？」 became the ticket, unanswered."""
    [sender] = to_the_question_for_staff(stack, "zh-Hant", "我想搵職員跟進", "陳大文")
    reply = chat(stack, "等等，先問你，金伯利制度幾時喺澳門實施？", sender, lang="zh-Hant")
    assert "kimberley-overview" in sources(reply), text_of(reply)
    assert message("handoff.question.handoff_question", "zh-Hant") in text_of(reply)
    assert "CEPA-" not in text_of(reply)


def test_never_mind_right_after_a_ticket_says_how_to_withdraw_it(stack: Stack) -> None:
    """「算了不用了」 right after ticket 0005 got "what would you like to know?": the ticket, with the
    user's name and phone, stayed on record without a word."""
    [sender] = to_the_question_for_staff(stack, "zh-Hans", "我要转人工", "李先生")
    filed = text_of(chat(stack, "CEPA对会计师事务所有什么优惠？", sender, lang="zh-Hans"))
    reference = filed.split("CEPA-")[1][:13]
    said = text_of(chat(stack, "算了不用了", sender, lang="zh-Hans"))
    assert f"CEPA-{reference}" in said and "85972343" in said, said


@pytest.mark.parametrize(
    ("typed", "lang"),
    [("How old is your information?", "en"), ("你哋嘅資料幾時更新㗎？啲嘢係咪好舊", "zh-Hant")],
)
def test_how_current_the_information_is_is_answered(stack: Stack, typed: str, lang: str) -> None:
    """Called out of scope; the bot never said it answers from a December 2019 newsletter."""
    reply = chat(stack, typed, uuid.uuid4().hex, lang=lang)
    assert text_of(reply) == message("small_talk.how_current", lang)
    assert reply["handoff_offered"] and payloads(reply) == ["/request_human"]


@pytest.mark.parametrize(
    ("listing", "pointing", "lang"),
    [
        ("What are the 15 Greater Bay Area measures for Macao?", "the second one", "en"),
        ("Quais são as 15 medidas da Grande Baía para Macau?", "a segunda", "pt"),
        ("大湾区十五项惠澳措施有哪些？", "第二个是什么意思", "zh-Hans"),
    ],
)
def test_the_second_one_after_the_list_is_the_second_measure(
    stack: Stack, listing: str, pointing: str, lang: str
) -> None:
    """ "the second one" and «a segunda» got "what would you like to know?", 「第二个是什么意思」 the
    whole list again."""
    listed, pointed = talk(stack, listing, pointing, lang=lang)
    assert sources(listed)[:1] == ["gba-measures-overview"], text_of(listed)
    assert sources(pointed) == ["gba-measure-02-mobile-payment"], text_of(pointed)


def test_a_question_after_words_that_keep_the_talk_going_is_answered(stack: Stack) -> None:
    """After two football questions, "fine. how many people attended the WTO import licensing
    workshop" got "Sorry, I still cannot answer your question" (without "fine." it was answered)."""
    *_, reply = talk(
        stack,
        "what's the best football team in Macau",
        "Benfica or Porto?",
        "fine. how many people attended the WTO import licensing workshop",
        lang="en",
    )
    assert "import-licensing-workshop" in sources(reply), text_of(reply)


def test_is_there_a_real_person_opens_the_hand_off(stack: Stack) -> None:
    """「有冇真人？」 got the scope sentence."""
    reply = chat(stack, "有冇真人？", uuid.uuid4().hex, lang="zh-Hant")
    assert text_of(reply).startswith(message("handoff.privacy_notice", "zh-Hant")[:15])


@pytest.mark.parametrize(
    ("typed", "lang"),
    [
        ("想check下個還款可唔可以調", "zh-Hant"),
        ("我想查还款调整", "zh-Hans"),
        ("Preciso de ajuda com o reembolso", "pt"),
    ],
)
def test_asking_to_check_ones_repayment_starts_the_check(
    stack: Stack, typed: str, lang: str
) -> None:
    """They got "not sure" with three entries of the measure, and no check."""
    reply = chat(stack, typed, uuid.uuid4().hex, lang=lang)
    assert '/deny{"answer_to":"stop"}' in payloads(reply), text_of(reply)


# --- the eighth probe (62 conversations, 2026-12-07) ---------------------------------------------


@pytest.mark.parametrize(
    ("lang", "withdrawal"),
    [
        ("en", "please delete my name and email from the ticket you just made"),
        ("zh-Hant", "我改咗主意，唔好跟進喇，刪咗我資料啦"),
    ],
)
def test_deleting_ones_data_after_a_ticket_says_how(
    stack: Stack, lang: str, withdrawal: str
) -> None:
    """Severity 5: after a ticket, "please delete my name and email…" began the repayment check
    (NLU: the check) and 「唔好跟進喇，刪咗我資料啦」 got "not sure"; the data stayed unmentioned."""
    [sender] = to_the_question_for_staff(stack, lang, "I want to talk to a real person", "Robert")
    filed = text_of(chat(stack, "Does CEPA cover logistics firms in Hengqin?", sender, lang=lang))
    reference = "CEPA-" + filed.split("CEPA-")[1][:13]
    reply = chat(stack, withdrawal, sender, lang=lang)
    assert reference in text_of(reply) and "85972343" in text_of(reply), text_of(reply)
    assert '/deny{"answer_to":"stop"}' not in payloads(reply)  # no check begun


def test_a_landline_finishes_the_hand_off(stack: Stack) -> None:
    """ "28123456", "+853 2812 3456" and "853-28123456" were refused: a landline user could not
    finish."""
    sender = uuid.uuid4().hex
    for said in ("I want to talk to a real person", "yes", "Mr. Lopes"):
        chat(stack, said, sender, lang="en")
    said = text_of(chat(stack, "+853 2812 3456", sender, lang="en"))
    assert message("handoff.question.handoff_question", "en") in said, said


def test_who_were_the_speakers_read_as_are_you_a_bot_is_answered(stack: Stack) -> None:
    """「讲者是谁？」 after the WTO workshop got "I am an automated assistant, not a person"."""
    _, reply = talk(stack, "世贸组织进口许可工作坊是什么时候举行的？", "讲者是谁？", lang="zh-Hans")
    assert "import-licensing-workshop" in sources(reply), text_of(reply)
    assert message("small_talk.bot_challenge", "zh-Hans") not in text_of(reply)


def test_asking_for_simplified_characters_switches_to_them(stack: Stack) -> None:
    """「請以簡體字回覆。」 was read as "are you a bot?"."""
    _, switched = talk(stack, "請問CEPA是什麼？", "請以簡體字回覆。", lang="zh-Hant")
    assert switched["lang"] == "zh-Hans", text_of(switched)
    assert message("small_talk.bot_challenge", "zh-Hant") not in text_of(switched)


@pytest.mark.parametrize(
    ("first", "then", "lang"),
    [
        ("What were the 2018 Mainland-Macao trade figures?", "3.16 billion MOP or USD?", "en"),
        ("CEPA服務貿易協議修訂幾時生效？", "2020年6月1號之後仲有冇再修訂？", "zh-Hant"),
    ],
)
def test_a_question_with_a_number_or_date_begins_no_check(
    stack: Stack, first: str, then: str, lang: str
) -> None:
    """Both began the repayment check on their number or date (NLU: the check or facts)."""
    _, reply = talk(stack, first, then, lang=lang)
    assert '/deny{"answer_to":"stop"}' not in payloads(reply), text_of(reply)


# Probe 9 (74 conversations, 2026-12-07): going on through the list after one of its items, a
# short follow-up read by the NLU as another topic, a pasted e-mail, markup, typing slips.


@pytest.mark.parametrize(
    ("turns", "entry", "lang"),
    [
        (("大灣區嗰15項措施有冇講買樓", "第五項係咩嚟", "咁第二個呢？"), "gba-measure-02-mobile-payment", "zh-Hant"),
        (("大灣區15項措施第八項講咩", "下一項呢"), "gba-measure-09-professional-practice", "zh-Hant"),
        (("大灣區15項措施第八項講咩", "最尾嗰項呢"), "gba-measure-15-bond-market", "zh-Hant"),
        (("Qual é a terceira medida da Grande Baía?", "e a seguinte?"), "gba-measure-04-wealth-management-connect", "pt"),
    ],
)  # fmt: skip
def test_going_on_through_the_list_after_an_item(
    stack: Stack, turns: tuple[str, ...], entry: str, lang: str
) -> None:
    """「咁第二個呢？」 after measure 5 got measure 5 again; 「下一項呢」, 「最尾嗰項呢」 and «e a
    seguinte?» the same item or "not sure"."""
    reply = talk(stack, *turns, lang=lang)[-1]
    assert sources(reply)[:1] == [entry], text_of(reply)


def test_how_many_attended_after_the_cites_meeting_is_its_own_count(stack: Stack) -> None:
    """「幾多人出席」 after two questions on the CITES meeting got the WTO workshop's 50."""
    reply = talk(stack, "CITES個協調會喺邊度開", "邊個主持㗎", "幾多人出席", lang="zh-Hant")[-1]
    assert "28" in text_of(reply) and "50" not in text_of(reply), text_of(reply)


def test_a_pasted_e_mail_asking_the_count_and_two_items_gets_the_list(stack: Stack) -> None:
    """The bot said the newsletter gives nothing beyond the measures' names and numbers, which
    were what the e-mail asked; then 「共有多少項措施？」 was told the newsletter gives no count."""
    mail = (
        "以下為本公司收到之電郵，煩請協助解答：\n-----\n寄件者：李經理\n主旨：大灣區惠澳措施\n"
        "各位同事：請查明中央推出的惠澳措施共有多少項，以及第九項及第十一項之內容，並於週五前回覆。謝謝。\n-----"
    )
    reply, count = talk(stack, mail, "共有多少項措施？", lang="zh-Hant")
    for said in (reply, count):
        assert sources(said)[:1] == ["gba-measures-overview"], text_of(said)
        assert "15項" in text_of(said)


def test_markup_around_a_question_is_no_words(stack: Stack) -> None:
    """The tags and the script's words got the repayment rules."""
    typed = "<b>what</b> is the Kimberley law number? <script>alert(1)</script>"
    (reply,) = talk(stack, typed, lang="en")
    assert sources(reply)[:1] == ["kimberley-laws"], text_of(reply)
    assert "15/2019" in text_of(reply)


def test_a_question_full_of_typing_slips_is_answered(stack: Stack) -> None:
    """ "wen is cepa amendmnt efective" got "not sure"."""
    (reply,) = talk(stack, "wen is cepa amendmnt efective", lang="en")
    assert "cepa-services-signing" in sources(reply), text_of(reply)
    assert "1 June 2020" in text_of(reply)


def test_a_decision_cites_the_rule_that_decided_it(stack: Stack) -> None:
    """blind18: the check's answer to a cancelled grant cited the measure's overview."""
    typed = "Our grant was cancelled by the bureau, can we still ask to adjust the repayment?"
    (reply,) = talk(stack, typed, lang="en")
    assert any(r in text_of(reply) for r in RULED_OUT), text_of(reply)
    assert sources(reply)[0] == "sme-repayment-eligibility", sources(reply)


# Probe 10 (75 conversations, 2026-12-07), the knowledge side.
@pytest.mark.parametrize(
    ("turns", "lang"),
    [(("批發銷售是否已實現國民待遇？", "謝謝。如需進一步查詢，應聯絡哪個部門？"), "zh-Hant"),
     (("oi, preciso de licenca pra importar carro usado pra macau?", "qual o email de voces"), "pt"),
     (("which service sectors get national treatment now?", "whats ur email"), "en")],
)  # fmt: skip
def test_asking_for_the_contact_after_an_answer_gets_the_contact(
    stack: Stack, turns: tuple[str, ...], lang: str
) -> None:
    """p10-024, p10-069: read as asking for the contact, they got the previous answer again;
    p10-048: "whats ur email" got "not sure"."""
    reply = talk(stack, *turns, lang=lang)[-1]
    assert sources(reply)[:1] == ["contact-bureau"] or "85972343" in text_of(reply), text_of(reply)
    assert sources(reply)[:1] != sources(talk(stack, turns[0], lang=lang)[0])[:1]


@pytest.mark.parametrize(
    ("typed", "lang", "answered", "unanswered"),
    [("敬啟者：本公司為澳門一家從事批發銷售之企業，擬拓展內地市場。謹請教：（一）修訂協議下，批發銷售是否已"
      "實現國民待遇？（二）修訂協議何時生效？（三）貴局可否提供申請「CEPA澳門服務提供者證明書」之所需文件及"
      "收費？順頌商祺。", "zh-Hant", ["cepa-services-national-treatment", "cepa-services-signing"],
      "之所需文件及收費"),
     ("hi there! quick qs: 1) when did Kimberley start in macao 2) which law 3) how many "
      "companies licensed. thx", "en", ["kimberley-overview", "kimberley-licensed-operators"],
      None),
     ("Dear Sir/Madam, I am writing on behalf of a Portuguese wine importer based in Macao. We "
      "would like to clarify the following: (a) does importing wine into Macao require an import "
      "licence? (b) what was discussed at the WTO import licensing workshop and who attended? (c) "
      "could you tell us the processing time and fee for an import licence? (d) is the Macao "
      "product quality certification open to imported goods? Kind regards, João", "en",
      ["import-licensing-goods"], "processing time and fee")],
)  # fmt: skip
def test_a_pasted_e_mail_gets_the_answers_it_can_and_names_the_rest(
    stack: Stack, typed: str, lang: str, answered: list[str], unanswered: str | None
) -> None:
    """p10-024, p10-059, p10-052: each whole e-mail was refused for its one question the
    newsletter does not answer (a fee, a processing time) or for a number it read as asked."""
    (reply,) = talk(stack, typed, lang=lang)
    assert all(entry in sources(reply) for entry in answered), (sources(reply), text_of(reply))
    if unanswered is not None:
        assert unanswered in text_of(reply) and reply["handoff_offered"], text_of(reply)


@pytest.mark.parametrize(
    ("turns", "lang", "entry"),
    [(("Boa tarde. Quais são as 15 medidas da Grande Baía?", "e a quinta?", "e a décima segunda?"),
      "pt", "gba-measure-12-human-genetic-resources"),
     (("我们公司是做设备维修保养的，在澳门注册，能不能以商业存在的形式进入内地市场？",
       "从什么时候开始可以？"), "zh-Hans", "cepa-services-signing")],
)  # fmt: skip
def test_a_follow_up_gets_what_it_asks_not_the_previous_answer_again(
    stack: Stack, turns: tuple[str, ...], lang: str, entry: str
) -> None:
    """p10-064: «e a décima segunda?» got the fifth measure again; p10-034: "from when?" after
    national treatment got national treatment again, with no date."""
    reply = talk(stack, *turns, lang=lang)[-1]
    assert sources(reply)[:1] == [entry], text_of(reply)


def test_what_they_discussed_after_the_trade_committee_is_not_the_cites_meeting(
    stack: Stack,
) -> None:
    """p10-001: 「佢哋傾咗啲咩」 after the committee meeting got the CITES meeting's topics (a
    phrasing of theirs, meant as a follow-up of the CITES meeting)."""
    reply = talk(stack, "個委員會會議喺邊度開", "佢哋傾咗啲咩", lang="zh-Hant")[-1]
    assert not any(s.startswith("cites") for s in sources(reply)), text_of(reply)
    reply = talk(stack, "CITES個協調會喺邊度開", "佢哋傾咗啲咩", lang="zh-Hant")[-1]
    assert sources(reply)[:1] == ["cites-meeting-topics"], text_of(reply)


# Probe 11 (45 conversations on the probe-10 fixes, 2026-12-07).
@pytest.mark.parametrize(
    ("turns", "lang", "entry"),
    [(("whats the 11th gba measure",), "en", "gba-measure-11-animal-biomaterials"),
     (("tell me about the 7th GBA measure", "what's the 2nd one"), "en",
      "gba-measure-02-mobile-payment"),
     (("qual é a 7.ª medida da Grande Baía?",), "pt", "gba-measure-07-law-firms")],
)  # fmt: skip
def test_a_measure_named_by_a_numeral_ordinal_is_that_measure(
    stack: Stack, turns: tuple[str, ...], lang: str, entry: str
) -> None:
    """p11-031, p11-035, p11-041: the 11th, 7th and 2nd got measure 10 or the CEPA agreement's
    opening measures."""
    reply = talk(stack, *turns, lang=lang)[-1]
    assert sources(reply)[:1] == [entry], text_of(reply)


@pytest.mark.parametrize(
    ("turns", "lang"),
    [(("那次经贸合作委员会会议达成了什么共识？", "电话呢"), "zh-Hans"),
     (("how many firms hold rough diamond licences?", "and phone?"), "en"),
     (("Quantas empresas têm licença de diamantes em bruto?", "e o email?"), "pt"),
     (("那次经贸合作委员会会议达成了什么共识？", "好的，你们的邮箱是多少"), "zh-Hans"),
     (("how many firms hold rough diamond licences?", "ok thanks, what's your email?"), "en"),
     (("Quantas empresas têm licença de diamantes em bruto?", "E o contacto da DSE?"), "pt")],
)  # fmt: skip
def test_the_phone_or_e_mail_asked_after_an_answer_is_the_bureaus(
    stack: Stack, turns: tuple[str, ...], lang: str
) -> None:
    """p11-026, p11-036: 「电话呢」 and "and phone?" got the previous answer again."""
    reply = talk(stack, *turns, lang=lang)[-1]
    assert sources(reply)[:1] == ["contact-bureau"], text_of(reply)
    assert "85972343" in text_of(reply)


# --- probe 12 (2026-12-07): lists, follow-ups, details the newsletter lacks -----------------------


@pytest.mark.parametrize(
    ("turns", "lang", "entry"),
    [(("第10项措施是什么", "第16项呢"), "zh-Hans", "gba-measures-overview"),  # p12-010: measure 10
     (("whats the deal with the human genetic resources one lol", "and the one before it?"), "en",
      "gba-measure-11-animal-biomaterials"),  # p12-048: measure 12 again
     (("banking and insurance opening under revised CEPA?", "咁保險公估嗰個呢 大灣區有冇"), "zh-Hant",
      "gba-measure-14-insurance-loss-adjusters"),  # p12-040: measure 13
     (("請問2019年中央政府和港澳特區政府CITES履約協調會於何時何地舉行？", "香港方面有哪些部門出席？"),
      "zh-Hant", "cites-participants"),  # p12-005: the meeting again, twice
     (("香港有邊啲部門嚟咗澳門開CITES會",), "zh-Hant", "cites-participants"),  # blind22: refused
     (("我做藥品代理 大灣區有冇放寬藥品入口", "咁藥物入澳門使唔使准照"), "zh-Hant",
      "import-licensing-goods")],  # p12-029: measure 6 again
)  # fmt: skip
def test_probe12_the_item_or_entry_asked_for(
    stack: Stack, turns: tuple[str, ...], lang: str, entry: str
) -> None:
    reply = talk(stack, *turns, lang=lang)[-1]
    assert sources(reply)[:1] == [entry], text_of(reply)


def test_probe12_a_place_past_the_end_says_how_many_there_are(stack: Stack) -> None:
    """p12-010: 「第16项呢」 after measure 10 got measure 10 again."""
    reply = talk(stack, "第10项措施是什么", "第16项呢", lang="zh-Hans")[-1]
    assert text_of(reply).startswith(
        message("answer.no_such_item", "zh-Hans", count=15, place=16)
    ), text_of(reply)


@pytest.mark.parametrize(
    ("turns", "lang"),
    [(("首批钻石是从哪个国家来的？",), "zh-Hans"),  # p12-039: the lusophone sourcing, 4 times
     (("商務部話會出咩文件支持大灣區？", "即係出咗未呀？"), "zh-Hant"),  # p12-019: achievements
     (("d鑽石嘅牌 去邊度申請", "申請要幾耐 要幾錢"), "zh-Hant")],  # p12-012: "out of scope"
)  # fmt: skip
def test_probe12_a_detail_the_newsletter_lacks_is_named(
    stack: Stack, turns: tuple[str, ...], lang: str
) -> None:
    reply = talk(stack, *turns, lang=lang)[-1]
    assert sources(reply) == [] and reply["handoff_offered"], text_of(reply)
    assert text_of(reply).startswith(
        ("抱歉，我所依據的資料沒有提供", "抱歉，我所依据的资料没有提供")
    )


def test_probe12_the_weather_after_an_answer_is_out_of_scope(stack: Stack) -> None:
    """A short question on the weather after the diamond licences got the licences again."""
    reply = talk(stack, "d鑽石嘅牌 去邊度申請", "明天天氣點", lang="zh-Hant")[-1]
    assert sources(reply) == [] and "毛坯鑽石" not in text_of(reply), text_of(reply)


def test_probe12_this_years_meeting_is_the_newsletters_with_its_date(stack: Stack) -> None:
    """blind20/blind22: 「今年…CITES履約協調會…」 was refused as "no information for that year"."""
    reply = talk(stack, "今年CITES履約協調會喺邊度開㗎 幾時", lang="zh-Hant")[-1]
    assert sources(reply)[:1] == ["cites-coordination-meeting"], text_of(reply)
    assert text_of(reply).startswith(message("answer.as_of_newsletter", "zh-Hant"))
    assert "2019年11月26日" in text_of(reply)


@pytest.mark.parametrize(
    ("turns", "lang"),
    [(("首批钻石是怎么进口的？", "你一直重复同一段话，能不能认真回答"), "zh-Hans"),  # p12-039
     (("can I still adjust my sme loan repayment?", "this is useless man. govt never helps small biz"),
      "en")],  # p12-018: the repayment overview again
)  # fmt: skip
def test_probe12_a_reproach_gets_an_apology_and_the_offer_of_staff(
    stack: Stack, turns: tuple[str, ...], lang: str
) -> None:
    reply = talk(stack, *turns, lang=lang)[-1]
    # (inside the check its question follows: "can I still adjust…?" began it)
    assert text_of(reply).startswith(message("small_talk.complaint", lang)), text_of(reply)
    assert sources(reply) == []


def test_probe12_ok_then_thanks_is_no_question(stack: Stack) -> None:
    """p12-007: 「咁好啦 唔該」 got "not sure" with topic buttons."""
    reply = talk(stack, "CEPA係咩", "咁好啦 唔該", lang="zh-Hant")[-1]
    assert not reply["handoff_offered"] and sources(reply) == [], text_of(reply)
    assert "未能確定" not in text_of(reply)


def test_probe13_a_language_asked_with_a_question_is_answered_once_and_the_talk_goes_on(
    stack: Stack,
) -> None:
    """p13-005: «Perfeito. Vocês falam cantonês? 你識唔識講廣東話» (NLU: are you a bot) got the switch
    and what the assistant does eight times over, and no reply to anything after."""
    replies = talk(
        stack,
        "Olá, gostaria de saber quando entra em vigor o acordo revisto do CEPA sobre serviços.",
        "Perfeito. Vocês falam cantonês? 你識唔識講廣東話",
        "Ok, volto ao português. Quantas empresas têm licença para diamantes em bruto?",
        lang="pt",
    )
    switched = replies[1]["replies"]
    assert len(switched) <= 3, [r["text"] for r in switched]  # said once (and its custom data)
    assert sources(replies[2])[:1] == ["kimberley-licensed-operators"], text_of(replies[2])


def test_probe13_a_question_after_switching_back_to_english_is_answered(stack: Stack) -> None:
    """p13-019: "ok never mind, switch back to english pls. what did the trade committee agree on
    diversification?" got the Bay Area's measure 10 and the list of 15: the question was dropped
    with the request."""
    reply = talk(
        stack,
        "thanks. And the 15 GBA measures — what's number 12?",
        "ok never mind, switch back to english pls. what did the trade committee agree on "
        "diversification?",
        lang="en",
    )[-1]
    assert sources(reply)[:1] == ["trade-committee-consensus"], text_of(reply)
