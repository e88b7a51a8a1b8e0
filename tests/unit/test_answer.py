import datetime as dt

from knowledge.answer import (
    HANDOFF_PAYLOAD,
    compose_answer,
    compose_not_sure,
    compose_out_of_scope,
    entry_payload,
    format_date,
)
from knowledge.schema import Entry


def by_id(entries: list[Entry], entry_id: str) -> Entry:
    return next(e for e in entries if e.id == entry_id)


def test_answer_cites_its_source_and_offers_related_questions(entries: list[Entry]) -> None:
    entry = by_id(entries, "sme-repayment-amount")
    related = [by_id(entries, r) for r in entry.related]
    reply = compose_answer(entry, "zh-Hant", dt.date(2019, 12, 1), related)
    assert "1,000澳門元" in reply.text
    assert "第8篇" in reply.text
    assert reply.sources == [{"id": "sme-repayment-amount", "title": "調整後每期要還多少？"}]
    assert [b.payload for b in reply.buttons] == [entry_payload(r) for r in related[:3]]
    assert reply.buttons[0].payload.startswith('/ask_sme_repayment{"kb_entry":"sme-')
    assert not reply.handoff_offered


def test_expired_measure_says_so_when_asked_after_its_period(entries: list[Entry]) -> None:
    entry = by_id(entries, "sme-repayment-deadline")
    during = compose_answer(entry, "en", dt.date(2020, 12, 31), [])
    after = compose_answer(entry, "en", dt.date(2026, 11, 27), [])
    assert "that period has ended" not in during.text
    assert "31 December 2020; that period has ended" in after.text


def test_not_sure_offers_topics_and_staff_without_sources(entries: list[Entry]) -> None:
    reply = compose_not_sure(entries[:2], "pt")
    assert reply.handoff_offered and reply.sources == []
    assert reply.buttons[-1].payload == HANDOFF_PAYLOAD
    assert len(reply.buttons) == 3


def test_out_of_scope_offers_staff() -> None:
    reply = compose_out_of_scope("en")
    assert reply.handoff_offered and reply.sources == []
    assert "only answer questions about CEPA" in reply.text


def test_dates_in_each_language() -> None:
    day = dt.date(2020, 6, 1)
    assert format_date(day, "zh-Hant") == "2020年6月1日"
    assert format_date(day, "en") == "1 June 2020"
    assert format_date(day, "pt") == "1 de Junho de 2020"
