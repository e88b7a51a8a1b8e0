"""BM25 over jieba words of the query and words plus single characters of the documents."""

from knowledge.lexical import LexicalIndex, query_terms, stemmed

DOCS = [
    "进一步放宽药品和医疗器械准入限制",
    "港澳专业资格人士在大湾区执业",
    "The most recent unpaid instalment could be reduced to MOP 1,000",
    "Cada empresa podia pedir o ajustamento no máximo duas vezes",
]


def ranked(index: LexicalIndex, query: str) -> list[int]:
    scores = index.scores(query)
    assert scores is not None and len(scores) == len(DOCS)
    return [i for i in scores.argsort()[::-1].tolist() if scores[i] > 0]


def test_a_one_character_word_meets_the_words_that_contain_it() -> None:
    """藥 (药) is one jieba word in the question and only a part of 药品 in the document."""
    assert ranked(LexicalIndex(DOCS), "澳門註冊嘅藥") == [0]


def test_english_and_portuguese_words_meet_their_other_forms() -> None:
    index = LexicalIndex(DOCS)
    assert ranked(index, "Can the instalments be reduced?")[0] == 2
    assert ranked(index, "Quantos ajustamentos pode pedir cada empresa?")[0] == 3
    assert stemmed(["adjusted", "adjustment", "药品"], "adjusted adjustment") == [
        "adjust",
        "adjust",
        "药品",
    ]


def test_a_question_without_an_indexed_word_scores_nothing() -> None:
    index = LexicalIndex(DOCS)
    assert index.scores("qwertyuiop") is None
    assert index.scores("？？") is None
    assert query_terms("？？") == []
