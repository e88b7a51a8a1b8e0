"""A question asking for a detail the entry's answer does not state is not answered with it.

The users' words are from the 2026-12-06 blind set and the 2026-11-29 set (both tuning data now).
"""

from __future__ import annotations

import pytest

from knowledge.answer import HANDOFF_PAYLOAD, compose_not_sure
from knowledge.facets import FACETS, asked_facets, missing_detail
from knowledge.language import LANGS
from knowledge.messages import text as message
from knowledge.schema import Entry


@pytest.fixture(scope="module")
def known(entries: list[Entry]) -> dict[str, Entry]:
    return {e.id: e for e in entries}


@pytest.mark.parametrize(
    ("question", "entry_id", "detail"),
    [
        ("攞毛坯鑽石牌要俾幾多錢，要等幾耐", "kimberley-licences", "cost"),
        ("How much does a Kimberley Process certificate cost?", "kimberley-overview", "cost"),
        (
            "Quanto tempo demora a emissão da licença de operador de diamantes em bruto?",
            "kimberley-licensed-operators",
            "duration",
        ),
        ("跨境理财通现在每人额度是多少", "gba-measure-04-wealth-management-connect", "quota"),
        (
            "What is the investment quota for the cross-boundary wealth management connect?",
            "gba-measure-04-wealth-management-connect",
            "quota",
        ),
        ("澳門產品優質認證計劃點樣報名申請", "quality-2019-meeting", "procedure"),
        ("澳门人在内地开通微信支付要准备什么材料", "gba-measure-02-mobile-payment", "documents"),
        (
            "Qual é o horário de atendimento da Direcção dos Serviços de Economia?",
            "contact-bureau",
            "hours",
        ),
        ("你覺得澳門經濟適度多元發展做得成功嗎？", "trade-committee-consensus", "opinion"),
        ("青年创业援助计划申请条件是啥", "sme-repayment-schemes", "scheme"),
        ("天鴿嗰個援助計劃仲可唔可以申請新貸款", "sme-repayment-schemes", "scheme"),
        ("2025年大湾区有什么新政策", "gba-measures-overview", "year"),
        # The second blind set of 2026-12-06 (tuning data now).
        (
            "How many service sectors did Hong Kong's CEPA amendment open up?",
            "cepa-services-national-treatment",
            "hong_kong",
        ),
        ("香港的CEPA修订协议对香港律师事务所有什么新措施？", "cepa-services-gba", "hong_kong"),
        ("下一次CITES履約協調會幾時喺邊度開？", "cites-coordination-meeting", "next_event"),
        (
            "When will the Mainland-Macao economic and trade cooperation committee hold its "
            "third meeting?",
            "trade-committee-meeting",
            "next_event",
        ),
        ("第二届中国质量大会是在哪个城市开的？", "quality-china-quality-conference", "occurrence"),
        (
            "Where can I download the application form for the repayment adjustment?",
            "sme-repayment-overview",
            "download",
        ),
        ("今年頭三季澳門同內地嘅貿易額係幾多？", "trade-committee-trade-figures", "year"),
        ("在澳门申请进口许可证一般需要多少个工作日？", "import-licensing-goods", "duration"),
        (
            "Ainda posso candidatar-me ao Plano de Apoio a Jovens Empreendedores?",
            "sme-repayment-schemes",
            "scheme",
        ),
    ],
)
def test_a_detail_the_answer_does_not_state_is_named(
    known: dict[str, Entry], question: str, entry_id: str, detail: str
) -> None:
    assert missing_detail(question, [known[entry_id]]) == detail


@pytest.mark.parametrize(
    ("question", "entry_ids"),
    [
        # The overview says where to apply: the Economic Bureau.
        ("How do I apply for the repayment adjustment?", ["sme-repayment-overview"]),
        ("調整還款有咩條件？", ["sme-repayment-eligibility"]),
        # An e-mail address is a contact, which the contact entry states.
        ("經濟局CEPA查詢的電郵地址為何", ["contact-bureau"]),
        ("Qual é o endereço de e-mail para enviar sugestões sobre o CEPA?", ["contact-bureau"]),
        ("What's the email address for CEPA suggestions?", ["contact-bureau"]),
        ("請問經濟局嘅電子郵件地址係乜？", ["contact-bureau"]),
        ("CEPA查詢嘅email地址係咩？", ["contact-bureau"]),
        # "How often" asks a frequency, not a duration.
        ("專責小組幾耐開一次會？", ["quality-working-group"]),
        # 為期三日 answers how many days the workshop lasted.
        ("世貿嗰個工作坊搞咗幾多日？", ["import-licensing-workshop"]),
        # A year after the measure ended is answered by its end date.
        (
            "Is the repayment adjustment still available for instalments due in 2021?",
            ["sme-repayment-deadline"],
        ),
        ("2018年内地实际使用澳资有多少", ["trade-committee-trade-figures"]),
        # How much: the amount entry states MOP 1,000.
        ("每期最少要還幾多錢？", ["sme-repayment-amount"]),
        # Hong Kong and Macao together, or inside the Greater Bay Area's name, is not Hong Kong.
        (
            "Is there anything in the GBA package about partnership associations between "
            "HK/Macao and mainland law firms?",
            ["gba-measure-07-law-firms"],
        ),
        (
            "持香港或澳門永久性居民身份證的外國人去大灣區有咩便利？",
            ["gba-measure-05-foreign-permanent-residents"],
        ),
        ("委員會第二次會議喺邊度開？", ["trade-committee-meeting"]),
        ("今年仲可唔可以申請調整還款？", ["sme-repayment-deadline"]),
    ],
)
def test_a_detail_the_answer_states_is_answered(
    known: dict[str, Entry], question: str, entry_ids: list[str]
) -> None:
    assert missing_detail(question, [known[i] for i in entry_ids]) is None


def test_no_phrasing_an_entry_lists_asks_for_what_its_answer_lacks(entries: list[Entry]) -> None:
    """Each entry's own phrasings are questions its answer answers."""
    asking = [(e.id, q) for e in entries for q in e.questions if missing_detail(q, [e])]
    assert asking == []


def test_every_facet_has_a_name_in_every_language() -> None:
    for detail in [*FACETS, "year", "occurrence"]:
        for lang in LANGS:
            assert message(f"detail.{detail}", lang)


@pytest.mark.parametrize(
    "question",
    ["今日天氣點樣", "CEPA服務貿易協議幾時生效？", "What are the 15 Greater Bay Area measures?"],
)
def test_a_plain_question_asks_for_no_detail(question: str) -> None:
    assert asked_facets(question) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_reply_says_which_detail_is_missing_and_offers_staff(
    known: dict[str, Entry], lang: str
) -> None:
    reply = compose_not_sure([known["kimberley-licences"]], lang, "cost")  # type: ignore[arg-type]
    assert message("detail.cost", lang) in reply.text  # type: ignore[arg-type]
    assert reply.sources == [] and reply.handoff_offered
    assert [b.payload for b in reply.buttons][-1] == HANDOFF_PAYLOAD
