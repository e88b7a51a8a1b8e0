"""End to end, probe 16 (`/tmp/probe16/urgent.md`): the repayment check decides only on facts
the user gave, in the users' words.

Real gateway, Rasa and action-server processes, asked through `/api/chat`.
"""

from __future__ import annotations

import uuid

import pytest

from bot.stack import Stack
from knowledge.messages import text as message
from tests.e2e.test_handoff_probe15 import file_ticket, ticket_row
from tests.helpers import chat, text_of

pytestmark = pytest.mark.e2e

# The verdict that the case would have qualified (not its negation, which holds these words too).
ELIGIBLE = ("你的情況符合", "你的情况符合", "would have met the conditions", "caso reuniria")


def question(slot: str, lang: str) -> str:
    return message(f"form.question.{slot}", lang).split("（")[0].split("(")[0]


def new_sender() -> str:
    return uuid.uuid4().hex


def test_008_the_one_after_the_last_one_paid_is_no_last_instalment(stack: Stack) -> None:
    """008-2 went straight to "would not have met the conditions: it does not apply to the last
    instalment"; the user had said it was the one after the last one paid."""
    sender, lang = new_sender(), "en"
    said = text_of(chat(stack, "hi, had the typhoon hato special aid loan for my shop in taipa. "
                               "can u check if i coulda reduced my payment?", sender))  # fmt: skip
    assert question("installment_due_date", lang) in said, said
    said = text_of(
        chat(
            stack,
            "its the one after the last one i paid... lemme check. it was due 15th of july "
            "2020, amount MOP 2,750",
            sender,
        )
    )
    assert message("repayment.reason.last_installment", lang) not in said, said
    assert question("is_last_installment", lang) in said, said
    said = text_of(chat(stack, "no, there were like 5 more after it", sender))
    assert question("grant_cancelled", lang) in said, said
    said = text_of(chat(stack, "nope not cancelled", sender))
    assert question("adjustments_used", lang) in said, said
    said = text_of(chat(stack, "never did", sender))
    assert question("remaining_installments_after", lang) in said, said
    said = text_of(chat(stack, "5, told u already", sender))
    assert "would have met the conditions" in said and "MOP 1,750.00" in said, said


def test_017_an_amount_written_the_portuguese_way(stack: Stack) -> None:
    """017-6 «MOP 4.500,00» was MOP 4.50, and the case "not above MOP 1,000"."""
    sender, lang = new_sender(), "pt"
    said = text_of(chat(stack, "Quero verificar o ajustamento da prestação do Plano de Apoio a "
                               "Jovens Empreendedores", sender, lang=lang))  # fmt: skip
    assert question("installment_due_date", lang) in said, said
    said = text_of(chat(stack, "marco de 2021... nao, espera, era 31/12/2020", sender, lang=lang))
    assert question("is_last_installment", lang) in said, said
    said = text_of(
        chat(
            stack,
            "nao, faltavam mais 3 depois dessa. O valor era MOP 4.500,00 e nunca ajustei nada",
            sender,
            lang=lang,
        )
    )
    assert message("repayment.reason.installment_not_above_minimum", lang) not in said, said
    assert question("grant_cancelled", lang) in said, said
    said = text_of(chat(stack, "não", sender, lang=lang))
    assert "caso reuniria" in said and "3 500,00" in said, said


def test_017_a_number_neither_way_reads_is_asked_for(stack: Stack) -> None:
    sender, lang = new_sender(), "pt"
    chat(stack, "Quero verificar o ajustamento da prestação do Plano de Apoio a PME", sender,
         lang=lang)  # fmt: skip
    chat(stack, "31/12/2020", sender, lang=lang)
    said = text_of(chat(stack, "nao, faltavam mais 3 depois dessa", sender, lang=lang))
    assert question("grant_cancelled", lang) in said, said
    chat(stack, "não", sender, lang=lang)
    said = text_of(chat(stack, "nunca ajustei nada", sender, lang=lang))
    assert question("installment_amount", lang) in said, said
    said = text_of(chat(stack, "MOP 4.500.00", sender, lang=lang))
    assert message("form.unclear_amount", lang) in said, said
    assert question("installment_amount", lang) in said, said
    said = text_of(chat(stack, "4500", sender, lang=lang))
    assert "caso reuniria" in said, said


def test_017_7_017_8_an_amount_corrected_after_the_verdict(stack: Stack) -> None:
    """017-7 «como assim? 4.500 patacas e mais que 1000!» and 017-8 «quatro mil e quinhentas
    patacas. refaz o calculo por favor» after a verdict on a wrong amount got "not sure"."""
    sender, lang = new_sender(), "pt"
    chat(stack, "Quero verificar o ajustamento da prestação do Plano de Apoio a Jovens "
                "Empreendedores", sender, lang=lang)  # fmt: skip
    chat(stack, "31/12/2020", sender, lang=lang)
    said = text_of(
        chat(
            stack,
            "nao, faltavam mais 3 depois dessa. O valor era MOP 450 e nunca ajustei nada",
            sender,
            lang=lang,
        )
    )
    assert message("repayment.reason.installment_not_above_minimum", lang) in said, said
    said = text_of(chat(stack, "como assim? 4.500 patacas e mais que 1000!", sender, lang=lang))
    # the check reopens with MOP 4,500: the cancellation, never asked, is asked now
    assert question("grant_cancelled", lang) in said, said
    said = text_of(chat(stack, "não", sender, lang=lang))
    assert "caso reuniria" in said and "3 500,00" in said, said
    said = text_of(
        chat(stack, "quatro mil e quinhentas patacas. refaz o calculo por favor", sender, lang=lang)
    )
    assert "caso reuniria" in said and "3 500,00" in said, said
    assert message("answer.not_sure", lang) not in said, said


def test_028_a_month_corrected_at_the_last_instalment_question(stack: Stack) -> None:
    """028-4 「等等，佢而家話係九月唔係八月，sorry」: its 唔係 was "not the last instalment", the
    due date stayed August, and 028-8 was 「符合」."""
    sender, lang = new_sender(), "zh-Hant"
    said = text_of(chat(stack, "OK。另外我阿媽間士多攞過中小企援助，佢想知當時可以點減還款，我幫佢問",
                        sender))  # fmt: skip
    assert question("installment_due_date", lang) in said, said
    said = text_of(chat(stack, "佢話係八月，2020年", sender))
    assert question("is_last_installment", lang) in said, said
    said = text_of(chat(stack, "等等，佢而家話係九月唔係八月，sorry", sender))
    assert question("is_last_installment", lang) in said, said
    assert message("form.noted", lang) in said, said
    assert question("grant_cancelled", lang) not in said, said
    said = text_of(chat(stack, "佢其實係最後一期嚟㗎", sender))
    assert message("repayment.reason.last_installment", lang) in said, said
    said = text_of(chat(stack, "你用咗咩日期？", sender))
    assert "2020年9月30日" in said, said


def test_016_a_rejected_application_counts_towards_the_limit(stack: Stack) -> None:
    """016-7 「調過兩次…啊唔係，一次咋，另一次係俾人拒絕咗」: read as one adjustment, and 016-8
    got 「符合」; 016-9 「俾人拒絕咗嗰次申請計唔計入兩次入面㗎？」 got "not sure"."""
    sender, lang = new_sender(), "zh-Hant"
    said = text_of(
        chat(stack, "天鴿嗰陣我間車房浸晒，攞咗特別援助，想計下當年個還款可以點調", sender)
    )
    assert question("installment_due_date", lang) in said, said
    chat(stack, "20年11月尾", sender)
    said = text_of(chat(stack, "唔係，之後仲有兩期", sender))
    assert question("grant_cancelled", lang) in said, said
    said = text_of(chat(stack, "冇，仲keep住", sender))
    assert "申請調整還款多少次" in said, said
    said = text_of(chat(stack, "調過兩次…啊唔係，一次咋，另一次係俾人拒絕咗", sender))
    assert not any(e in said for e in ELIGIBLE), said
    assert message("repayment.reason.adjustment_limit_reached", lang) in said, said
    assert message("repayment.rejected_counted_note", lang) in said, said
    reply = chat(stack, "咦，俾人拒絕咗嗰次申請計唔計入兩次入面㗎？", sender)
    said = text_of(reply)
    assert message("repayment.rejected_application_rule", lang) in said, said
    assert message("answer.not_sure", lang) not in said, said
    assert reply["handoff_offered"], reply
    said = text_of(chat(stack, "即係話我符合，咁我聽日拎文件上去申請得㗎喇？", sender))
    assert not any(e in said for e in ELIGIBLE), said


def test_034_a_staff_follow_up_on_cites_starts_no_check(stack: Stack) -> None:
    """034-1 (NLU: the check 0.52) began the repayment check: 「請問你的企業屬於哪一項援助計劃？」."""
    sender, lang = new_sender(), "zh-Hant"
    said = text_of(chat(stack, "hi，我想搵人跟進下我公司CITES證書嘅申請進度，唔該", sender))
    assert question("scheme", lang) not in said, said
    assert message("form.ended_intro", lang) not in said, said
    assert message("handoff.privacy_notice", lang) in said, said


def test_another_topic_without_a_repayment_word_starts_no_check(stack: Stack) -> None:
    sender, lang = new_sender(), "zh-Hant"
    said = text_of(chat(stack, "我想check下我公司CITES證書嘅申請", sender))
    assert question("scheme", lang) not in said, said
    assert message("form.ended_intro", lang) not in said, said


def test_045_2_the_date_of_a_past_adjustment_is_no_due_date(stack: Stack) -> None:
    """045-2 stored 2020-06 (an earlier adjustment's date) and later said 「符合」 for an
    instalment due February 2021."""
    sender, lang = new_sender(), "zh-Hant"
    chat(stack, "hello，我間美甲舖有中小企援助，想check下當年個還款調整啱唔啱我", sender)
    said = text_of(chat(stack, "2020年6月我調過一次，今次想問嘅係2021年2月到期嗰期", sender))
    assert not any(words in said for words in ELIGIBLE), said
    # ruled out: due after the measure's last due date
    assert message("repayment.reason.outside_period", lang).split("{")[0] in said, said


def test_044_5_a_month_is_no_count_of_adjustments(stack: Stack) -> None:
    """044-5 「本公司曾於二〇二〇年三月調整一次。」 was three adjustments, "at most two"."""
    sender, lang = new_sender(), "zh-Hant"
    chat(stack, "你好，我公司有中小企業援助，想查下還款調整", sender)
    chat(stack, "2020年9月到期嗰期", sender)
    chat(stack, "唔係最後一期", sender)
    said = text_of(chat(stack, "冇取消", sender))
    assert question("adjustments_used", lang) in said, said
    said = text_of(chat(stack, "本公司曾於二〇二〇年三月調整一次。", sender))
    assert message("repayment.reason.adjustment_limit_reached", lang).split("{")[0] not in said
    assert question("adjustments_used", lang) not in said, said


def test_037_5_a_grant_reinstated_is_asked_to_be_confirmed(stack: Stack) -> None:
    """037-5 was read as cancelled, and "not eligible"."""
    sender, lang = new_sender(), "en"
    chat(stack, "my shop had the youth entrepreneur aid, can u check if i could adjust a payment",
         sender)  # fmt: skip
    chat(stack, "it was due april 2020", sender)
    said = text_of(chat(stack, "no, 4 more after it", sender))
    assert question("grant_cancelled", lang) in said, said
    said = text_of(
        chat(stack, "hmm it was cancelled once in 2019 but then DSE reinstated it a month later",
             sender)
    )  # fmt: skip
    assert message("repayment.reason.grant_cancelled", lang) not in said, said
    assert question("grant_cancelled", lang) in said, said


def test_a_ticket_withdrawn_while_the_check_runs_is_withdrawn(stack: Stack) -> None:
    """「算了，幫我撤回張單」 during the check stopped the check and left the ticket open."""
    sender, lang = new_sender(), "zh-Hant"
    reference = file_ticket(stack, sender, lang)
    said = text_of(chat(stack, "我間舖有中小企業援助，想查下還款調整啱唔啱", sender, lang=lang))
    assert question("installment_due_date", lang) in said, said
    said = text_of(chat(stack, "算了，幫我撤回張單", sender, lang=lang))
    assert reference in said, said
    assert ticket_row(stack, reference)[0] == "withdrawn"
