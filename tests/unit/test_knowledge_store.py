import re
from pathlib import Path

import pytest

from knowledge.messages import month_names
from knowledge.schema import Entry, join_cjk_lines, topic_for_intent
from knowledge.store import KnowledgeError, load_entries

GOOD_ENTRY = """
  - id: {id}
    title: {{zh-Hans: 标题, en: Title, pt: Título}}
    answer: {{zh-Hans: 答案, en: Answer, pt: Resposta}}
    questions: [一, 二, 三, 四, 五, 六]
    related: [{related}]
"""
HEADER = """topic: contact
source: {article: 1, date: 2019-11-20}
entries:
"""


def write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "topic.yml").write_text(HEADER + body, encoding="utf-8")
    return tmp_path


def test_every_entry_loads_with_four_languages(entries: list[Entry]) -> None:
    assert {e.topic for e in entries} >= {"sme_repayment", "cepa_services", "contact"}
    for entry in entries:
        for lang in ("zh-Hant", "zh-Hans", "en", "pt"):
            assert entry.answer.get(lang).strip()
            assert entry.title.get(lang).strip()


def test_valid_file_loads(tmp_path: Path) -> None:
    body = GOOD_ENTRY.format(id="a-entry", related="b-entry") + GOOD_ENTRY.format(
        id="b-entry", related=""
    )
    loaded = load_entries(write(tmp_path, body))
    assert [e.id for e in loaded] == ["a-entry", "b-entry"]
    assert loaded[0].source.article == 1


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (GOOD_ENTRY.format(id="Bad Id", related=""), "id"),
        (GOOD_ENTRY.format(id="a-entry", related="missing"), "related entries not found"),
        (
            GOOD_ENTRY.format(id="a", related="") + GOOD_ENTRY.format(id="a", related=""),
            "duplicate",
        ),
        (GOOD_ENTRY.format(id="a", related="").replace("五, 六", "五"), "questions"),
        (GOOD_ENTRY.format(id="a", related="").replace("pt: Resposta", "xx: y"), "pt"),
        ("  - [unclosed", "topic.yml"),
        (
            GOOD_ENTRY.format(id="a", related="").replace("en: Answer", "en: '[[no-such-name]]'"),
            "unknown glossary name",
        ),
    ],
)
def test_malformed_files_are_rejected_with_the_reason(
    tmp_path: Path, body: str, problem: str
) -> None:
    with pytest.raises(KnowledgeError, match=problem):
        load_entries(write(tmp_path, body))


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").replace(".", "") for n in re.findall(r"\d[\d,.]*\d|\d", text)}


def test_every_number_in_every_chinese_answer_appears_in_the_seed(
    entries: list[Entry], seed_text: str
) -> None:
    seed_numbers = _numbers(re.sub(r"\s+", "", seed_text))
    for entry in entries:
        for number in _numbers(entry.answer.zh_hans):
            assert number in seed_numbers, f"{entry.id}: {number} is not in the seed"


def test_numbers_agree_across_languages(entries: list[Entry]) -> None:
    """The English and Portuguese answers state the same figures as the Chinese one."""
    for entry in entries:
        zh = _numbers(entry.answer.zh_hans)
        for lang, text in (("en", entry.answer.en), ("pt", entry.answer.pt)):
            months = {str(i) for i, name in enumerate(month_names(lang), 1) if name in text}
            found = _numbers(text) | months
            missing = {n for n in zh if n not in found}
            assert not missing, f"{entry.id}: {missing} missing from {lang} {text[:40]}..."


def test_folded_chinese_lines_join_without_spaces() -> None:
    assert join_cjk_lines("第一行，\n 第二行 CEPA 协议") == "第一行，第二行CEPA协议"


def test_topic_for_intent() -> None:
    assert topic_for_intent("ask_sme_repayment") == "sme_repayment"
    assert topic_for_intent("check_repayment_eligibility") == "sme_repayment"
    assert topic_for_intent("greet") is None
    assert topic_for_intent("ask_weather") is None


def test_what_is_cepa_has_phrasings_in_five_styles(entries: list[Entry]) -> None:
    """ "What is CEPA?" and its cousins: Traditional, Cantonese, Simplified, English, Portuguese."""
    entry = next(e for e in entries if e.id == "cepa-overview")
    questions = set(entry.questions)
    assert len(questions) >= 8
    assert {
        "甚麼是CEPA？",
        "CEPA係咩嚟㗎？",
        "CEPA是什么",
        "What is CEPA?",
        "O que é o CEPA?",
    } <= questions
    assert entry.source.article == 2
    assert set(entry.related) <= {e.id for e in entries}
