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

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

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
