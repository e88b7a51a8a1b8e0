"""Whether a question asks something the knowledge base answers at all.

Retrieval scores how close a question is to an entry; a near miss ("what is the Kimberley
licence's fee?", "which apps can I use?") is as close to the entry as the questions it answers,
and the rules in knowledge/facets.py name only the details someone has written down. Near misses
resemble near misses asked before, though: a question closer to a labelled question the knowledge
base cannot answer than to any it can (the labelled in-scope questions, and every text the index
holds) is turned away; one that repeats a labelled in-scope question gets that question's entries.
The labelled questions are the tuning sets', encoded when the index is built (knowledge/index.py),
less the out-of-scope ones the facet rules already explain. Leave-one-set-out figures and the
choice of the constants: `benchmarks/answerability.py`, docs/benchmarks.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from knowledge.schema import Entry
from knowledge.text import chinese_nouns, normalise, tokenize

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The labelled tuning sets (docs/benchmarks.md, "data roles"). Never a held-out set: the frozen
# test split, the newest blind set (blind21) and dev_queries.jsonl (which holds the frozen split) stay
# out; so do the follow-up conversations, whose questions lean on another.
TRAINING_SETS: tuple[str, ...] = (
    "tests/data/blind_queries.jsonl",
    "tests/data/blind2_queries.jsonl",
    "tests/data/blind3_queries.jsonl",
    "tests/data/blind4_queries.jsonl",
    "tests/data/blind5_queries.jsonl",
    "tests/data/blind6_queries.jsonl",
    "tests/data/blind7_queries.jsonl",
    "tests/data/blind8_queries.jsonl",
    "tests/data/blind9_queries.jsonl",
    "tests/data/blind10_queries.jsonl",
    "tests/data/blind11_queries.jsonl",
    "tests/data/blind12_queries.jsonl",
    "tests/data/blind13_queries.jsonl",
    "tests/data/blind14_queries.jsonl",
    "tests/data/blind15_queries.jsonl",
    "tests/data/blind16_queries.jsonl",
    "tests/data/blind17_queries.jsonl",
    "tests/data/blind18_queries.jsonl",
    "tests/data/blind19_queries.jsonl",
    "tests/data/blind20_queries.jsonl",
    "tests/data/blind22_queries.jsonl",
    "tests/data/fresh_queries.jsonl",
    "tests/data/splits/retrieval_tune.jsonl",
)
# How much closer (cosine) the nearest unanswerable question must be than the nearest answerable
# text. Leave one set out (benchmarks/answerability.py), 0 turns away no in-scope question whose
# entry the ranking put first; below it, some are: 0 reads "closer to a question we cannot answer
# than to any we can".
NEAR_MISS_MARGIN = 0.0
# A question this close (cosine) to a labelled in-scope question is that question again, and gets
# its entry: leave one set out, every such neighbour's entry was right (benchmarks/answerability.py).
SAME_QUESTION_AT = 0.9
LABELLED_FILE = "labelled_questions.npz"

Vectors = npt.NDArray[np.float32]


@dataclass(frozen=True)
class LabelledQuestions:
    """Encoded labelled questions: one L2-normalised row each, whether it is in scope, and the
    entries that answer it (ids separated by spaces; "" when none does)."""

    vectors: Vectors
    in_scope: npt.NDArray[np.bool_]
    entry_ids: npt.NDArray[np.str_]

    def nearest(self, query: Vectors) -> tuple[float, float]:
        """Cosine of `query` (one normalised vector) to the nearest in-scope and the nearest
        out-of-scope question (-1 when there is none)."""
        similarity = self.vectors @ query
        inside = similarity[self.in_scope]
        outside = similarity[~self.in_scope]
        return (
            float(inside.max()) if inside.size else -1.0,
            float(outside.max()) if outside.size else -1.0,
        )

    def same_question(self, query: Vectors, at: float = SAME_QUESTION_AT) -> tuple[str, ...]:
        """The entries of the in-scope labelled question `query` repeats (cosine >= `at`), if the
        nearest labelled question is one; () otherwise."""
        similarity = self.vectors @ query
        nearest = int(np.argmax(similarity)) if similarity.size else -1
        if nearest < 0 or similarity[nearest] < at or not self.in_scope[nearest]:
            return ()
        return tuple(str(self.entry_ids[nearest]).split())

    def save(self, path: Path) -> None:
        np.savez(path, vectors=self.vectors, in_scope=self.in_scope, entry_ids=self.entry_ids)

    @classmethod
    def load(cls, path: Path) -> LabelledQuestions:
        with np.load(path) as data:
            return cls(
                data["vectors"].astype(np.float32),
                data["in_scope"].astype(bool),
                data["entry_ids"].astype(str),
            )


def near_miss(
    labelled: LabelledQuestions,
    query: Vectors,
    best_document: float,
    margin: float = NEAR_MISS_MARGIN,
) -> bool:
    """Whether `query` is closer to a question the knowledge base cannot answer than to any it
    can: a labelled in-scope question, or the best of the index's own texts (`best_document`)."""
    inside, outside = labelled.nearest(query)
    return outside - max(inside, best_document) > margin


def training_files(root: Path = PROJECT_ROOT) -> list[Path]:
    return [root / name for name in TRAINING_SETS]


# How many entries a word may appear in and still name what one of them states ("药物": the
# goods needing a licence, and no more than two others).
RARE_WORD_ENTRIES = 3


def names_what_it_states(question: str, entry: Entry, entries: Iterable[Entry]) -> bool:
    """Whether `question` names a rare word of the knowledge base that `entry` states, and no
    word the knowledge base lacks: 「咁藥物入澳門使唔使准照」 lies closest to the labelled near miss
    「入口葡萄酒去澳門使唔使准照？」, but names the 药物 the goods entry lists, where that one
    names a 葡萄酒 no entry mentions (probe 12). Such a question is no near miss. Any word of two
    letters or more that no entry uses makes it one again."""
    spread = _spread(tuple(entries))
    words = set(tokenize(question))
    rare = {w for w in words if _rare(w, spread)}
    # and no word of its own the knowledge base lacks (「深圳有咩好食推介」 names 深圳, which the
    # conference's answer states, but asks of 推介; "weather in Zhuhai": followups_tune2)
    unknown = [w for w in words if len(w) >= 2 and not spread.get(w)]
    return bool(rare & _answer_words(entry)) and not unknown


# Nouns that ask rather than name ("从什么时候开始可以？" names no thing the entries lack).
_ASKING_NOUNS = frozenset(
    {"时候", "时间", "地方", "东西", "问题", "事情", "情况", "意思", "办法", "方法", "方面", "部分",
     "内容", "资料", "详情", "结果", "原因", "样子", "人家", "大家", "朋友"}
)  # fmt: skip


# Cantonese question words jieba glues to a neighbour and tags as a noun (有边 in 「有邊啲部門出席」).
_ASKING_CHARACTERS = re.compile("[边咩乜点几啲嘢冇]")


def names_what_none_states(question: str, entries: Iterable[Entry]) -> bool:
    """Whether `question` names a thing (a Chinese noun) that no entry mentions: 葡萄酒, 天气."""
    spread = _spread(tuple(entries))
    nouns = chinese_nouns(normalise(question))
    return any(
        noun
        and len(w) >= 2
        and w not in _ASKING_NOUNS
        and not _ASKING_CHARACTERS.search(w)
        and not spread.get(w)
        for w, noun in nouns
    )


# How many entries a word may appear in and still name a topic's thing (kimberley: 4, 部门: 6).
TOPIC_WORD_ENTRIES = 8


def names_only_what_it_states(question: str, entry: Entry, entries: Iterable[Entry]) -> bool:
    """Whether every word of `question` that names a thing of the knowledge base (in at most
    TOPIC_WORD_ENTRIES entries) is one `entry`'s answer states, and it names no thing the
    knowledge base lacks: after the WTO workshop, 「有咩部門派人去」 and "who attended?" ask of the
    workshop, however well the CITES meeting's participants match them; "how many applications
    were approved?" (applications, approved) and "Unrelated, but what is the Kimberley Process
    scheme?" after national treatment ask of something else."""
    spread = _spread(tuple(entries))
    words = _answer_words(entry)
    named = {
        w for w in tokenize(question) if len(w) >= 2 and 1 <= spread.get(w, 0) <= TOPIC_WORD_ENTRIES
    }
    return named <= words and not names_what_none_states(question, entries)


def stated_only_by(question: str, entry: Entry, entries: Iterable[Entry]) -> frozenset[str]:
    """The words of `question` (two letters or more) that `entry`'s answer states and no other
    entry's does: 62 and 69 (the sectors before and after) for national treatment, 香港海关 for
    the CITES meeting's participants."""
    spread = _spread(tuple(entries))
    words = _answer_words(entry)
    return frozenset(
        w for w in tokenize(question) if len(w) >= 2 and spread.get(w) == 1 and w in words
    )


def _rare(word: str, spread: dict[str, int]) -> bool:
    """A word of two letters or more that few entries use (未 names nothing)."""
    return len(word) >= 2 and 1 <= spread.get(word, 0) <= RARE_WORD_ENTRIES


@cache
def _spread(entries: tuple[Entry, ...]) -> dict[str, int]:
    """How many entries each word of the knowledge base's answers appears in."""
    spread: dict[str, int] = {}
    for entry in entries:
        for word in _answer_words(entry):
            spread[word] = spread.get(word, 0) + 1
    return spread


@cache
def _answer_words(entry: Entry) -> frozenset[str]:
    """The words of `entry`'s answer (Simplified and English), tokenized once, not per question."""
    return frozenset(tokenize(entry.answer.zh_hans)) | frozenset(tokenize(entry.answer.en))


def names_nothing_rare(question: str, entries: Iterable[Entry]) -> bool:
    """Whether `question` names no rare word of the knowledge base and no noun it lacks: 「申請要
    幾耐 要幾錢」 asks of whatever the conversation is on, 「身份證續期要幾錢」 of identity cards."""
    spread = _spread(tuple(entries))
    if any(_rare(w, spread) for w in tokenize(question)):
        return False
    return not names_what_none_states(question, entries)
