import datetime as dt
import re

import pytest

from knowledge.answer import (
    HANDOFF_PAYLOAD,
    SCOPE_TOPICS,
    compose_answer,
    compose_not_sure,
    compose_out_of_scope,
    entry_payload,
    format_date,
)
from knowledge.glossary import NAMES, OFFICIAL_NAMES, official_name
from knowledge.language import LANGS, Lang
from knowledge.messages import text as message
from knowledge.schema import TOPICS, Entry


def by_id(entries: list[Entry], entry_id: str) -> Entry:
    return next(e for e in entries if e.id == entry_id)


def test_answer_cites_its_source_and_offers_related_questions(entries: list[Entry]) -> None:
    entry = by_id(entries, "sme-repayment-amount")
    related = [by_id(entries, r) for r in entry.related]
    reply = compose_answer([entry], "zh-Hant", dt.date(2019, 12, 1), related)
    assert "1,000澳門元" in reply.text
    assert "第8篇" in reply.text
    assert reply.sources == [{"id": "sme-repayment-amount", "title": "調整後每期要還多少？"}]
    assert [b.payload for b in reply.buttons] == [
        *(entry_payload(r) for r in related[:3]),
        "/check_repayment_eligibility",  # the way into the user's own case
    ]
    assert reply.buttons[-1].title == "查核我的情況"
    assert reply.buttons[0].payload.startswith('/ask_sme_repayment{"kb_entry":"sme-')
    assert not reply.handoff_offered


def test_only_repayment_facts_offer_the_check_of_ones_own_case(entries: list[Entry]) -> None:
    for entry in entries:
        reply = compose_answer([entry], "en", dt.date(2026, 11, 29), [])
        offers_check = "/check_repayment_eligibility" in [b.payload for b in reply.buttons]
        assert offers_check == (entry.topic == "sme_repayment"), entry.id


def test_expired_measure_says_so_when_asked_after_its_period(entries: list[Entry]) -> None:
    entry = by_id(entries, "sme-repayment-deadline")
    during = compose_answer([entry], "en", dt.date(2020, 12, 31), [])
    after = compose_answer([entry], "en", dt.date(2026, 11, 27), [])
    assert "that period has ended" not in during.text
    assert "31 December 2020; that period has ended" in after.text


@pytest.mark.parametrize("lang", LANGS)
def test_siblings_answered_together_each_come_under_their_title(
    entries: list[Entry], lang: Lang
) -> None:
    """Two repayment entries answered together: both answers in full, each under its title, the
    ended-period note and the source line once, both sources, one way into one's own case."""
    pair = [by_id(entries, "sme-repayment-amount"), by_id(entries, "sme-repayment-deadline")]
    reply = compose_answer(pair, lang, dt.date(2026, 12, 6), [])
    for entry in pair:
        heading = message("answer.heading", lang, title=entry.title.get(lang))
        assert f"{heading}\n{entry.answer.get(lang).strip()}" in reply.text
    note = message("answer.expired", lang, date=format_date(dt.date(2020, 12, 31), lang))
    assert reply.text.count(note) == 1
    assert reply.text.count(message("answer.source_label", lang)) == 1
    assert [s["id"] for s in reply.sources] == [e.id for e in pair]
    assert [b.payload for b in reply.buttons] == ["/check_repayment_eligibility"]


def test_not_sure_offers_topics_and_staff_without_sources(entries: list[Entry]) -> None:
    reply = compose_not_sure(entries[:2], "pt")
    assert reply.handoff_offered and reply.sources == []
    assert reply.buttons[-1].payload == HANDOFF_PAYLOAD
    assert len(reply.buttons) == 3


def test_out_of_scope_offers_staff() -> None:
    reply = compose_out_of_scope("en")
    assert reply.handoff_offered and reply.sources == []
    assert "only answer questions about CEPA" in reply.text


# 「我想投訴…」, 「我想問下聽日天氣」, "Who do I call about a parking ticket?": the reply says what
# the assistant covers and offers staff with the button; it does not start the consent form.
SCOPE_NAMES = {
    "zh-Hant": ["CEPA服務貿易協議", "粵港澳大灣區", "調整各項援助計劃的還款", "金伯利進程",
                "進口許可", "CITES", "質量檢測認證"],
    "zh-Hans": ["CEPA服务贸易协议", "粤港澳大湾区", "调整各项援助计划的还款", "金伯利进程",
                "进口许可", "CITES", "质量检测认证"],
    "en": ["CEPA Agreement on Trade in Services", "Greater Bay Area", "SME aid repayment",
           "Kimberley Process", "import licensing", "CITES", "quality certification"],
    "pt": ["Comércio de Serviços do CEPA", "Grande Baía", "reembolsos dos planos de apoio",
           "Processo de Kimberley", "licenciamento de importação", "CITES", "certificação"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_out_of_scope_names_every_topic_and_offers_staff_by_button(lang: Lang) -> None:
    reply = compose_out_of_scope(lang)
    for name in SCOPE_NAMES[lang]:
        assert name in reply.text, name
    assert reply.handoff_offered and reply.sources == [] and reply.lang == lang
    assert [b.payload for b in reply.buttons] == [HANDOFF_PAYLOAD]
    # An offer, not the consent form: no privacy notice, no question about personal data.
    assert not re.search("個人資料|个人资料|Personal Data|Dados Pessoais", reply.text)


def test_the_scope_sentence_covers_every_topic_but_the_general_ones() -> None:
    assert set(SCOPE_TOPICS) == set(TOPICS) - {"trade_committee", "contact"}


def test_out_of_scope_reads_naturally() -> None:
    assert compose_out_of_scope("en").text.count("CITES and quality certification") == 1
    assert "CITES履約、粵澳質量檢測認證合作。" in compose_out_of_scope("zh-Hant").text
    assert "a CITES e a cooperação com Guangdong" in compose_out_of_scope("pt").text


# "What is CEPA?", 「CEPA係咩嚟㗎？」, 「CEPA是什么」, 「甚麼是CEPA」, "O que é o CEPA?"
CEPA_OVERVIEW = {
    "zh-Hant": ["貨物貿易領域已全面實現自由化", "服務貿易領域基本實現自由化", "推動CEPA升級",
                "2020年6月1日", "第2篇"],
    "zh-Hans": ["货物贸易领域已全面实现自由化", "服务贸易领域基本实现自由化", "推动CEPA升级",
                "2020年6月1日", "第2篇"],
    "en": ["trade in goods between the Mainland and Macao is fully liberalised",
           "trade in services is basically liberalised", "upgrading CEPA", "1 June 2020",
           "article 2"],
    "pt": ["o comércio de mercadorias entre o Interior da China e Macau está totalmente "
           "liberalizado", "o comércio de serviços está basicamente liberalizado",
           "actualização do CEPA", "1 de Junho de 2020", "artigo 2"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_what_is_cepa_is_answered_from_the_newsletter(entries: list[Entry], lang: Lang) -> None:
    entry = by_id(entries, "cepa-overview")
    related = [by_id(entries, r) for r in entry.related]
    reply = compose_answer([entry], lang, dt.date(2026, 11, 29), related)
    for phrase in CEPA_OVERVIEW[lang]:
        assert phrase in reply.text, phrase
    assert [s["id"] for s in reply.sources] == ["cepa-overview"]
    assert [b.payload for b in reply.buttons] == [entry_payload(r) for r in related]
    assert not reply.handoff_offered


def test_what_is_cepa_quotes_the_newsletter_word_for_word(
    entries: list[Entry], seed_text: str
) -> None:
    """Each clause of the Chinese answer that reports what CEPA is or has done is in the seed."""
    seed = re.sub(r"\s+", "", seed_text)
    answer = by_id(entries, "cepa-overview").answer.zh_hans
    clauses = [
        "具备“一国两制”特色、全面涵盖",
        "经贸合作领域的高水准自由贸易协定",
        "“加大内地对港澳开放力度，推动CEPA升级”的目标",
        "在货物贸易领域已全面实现自由化，服务贸易领域基本实现自由化，投资领域实现全面保护，"
        "经济技术合作安排向更广领域发展",
        "在贸易投资便利化方面开展了丰富务实的合作",
        "《关于修订〈CEPA服务贸易协议〉的协议》",
        "于2020年6月1日起正式实施",
        "进一步推进CEPA修订和落实",
    ]
    for clause in clauses:
        assert clause in answer and clause in seed, clause


def test_names_the_newsletter_never_uses_stay_out_of_the_answers(entries: list[Entry]) -> None:
    """CEPA's full name is not in the newsletter: no answer states it (glossary names the
    newsletter does use are checked in test_glossary.py)."""
    unused = [key for key, name in NAMES.items() if not name.in_newsletter]
    assert "cepa" in unused
    names = [OFFICIAL_NAMES[key][lang] for key in unused for lang in LANGS]
    for entry in entries:
        for text in entry.answer.all():
            assert not any(name in text for name in names), entry.id


def test_glossary_has_the_official_names_in_every_language() -> None:
    assert (
        official_name("CEPA", "en") == "Mainland and Macao Closer Economic Partnership Arrangement"
    )
    assert official_name("CEPA", "pt") == (
        "Acordo de Estreitamento das Relações Económicas e Comerciais entre o Interior da China "
        "e Macau"
    )
    assert official_name("CEPA", "zh-Hant") == "內地與澳門關於建立更緊密經貿關係的安排"
    assert official_name("WTO", "en") is None


def test_dates_in_each_language() -> None:
    day = dt.date(2020, 6, 1)
    assert format_date(day, "zh-Hant") == "2020年6月1日"
    assert format_date(day, "en") == "1 June 2020"
    assert format_date(day, "pt") == "1 de Junho de 2020"
