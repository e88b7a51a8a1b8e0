"""Whether a question asks something the knowledge base answers at all.

Retrieval scores how close a question is to an entry; a near miss ("what is the Kimberley
licence's fee?", "which apps can I use?") is as close as the questions the entry answers, and the
rules in knowledge/facets.py name only the details someone has written down. This is a logistic
regression over the question's embedding, its product with the best entry's centroid and the
ranking's scores, fitted on the labelled tuning queries (in scope or not) and the entries' own
phrasings when the index is built (knowledge/index.py). Leave-one-set-out figures and the choice
of ANSWERABLE_AT: `benchmarks/answerability.py`, docs/benchmarks.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The labelled tuning sets (docs/benchmarks.md, "data roles"). Never a held-out set: the frozen
# test split, the sixth blind set and dev_queries.jsonl (which holds the frozen split) stay out.
TRAINING_SETS: tuple[str, ...] = (
    "tests/data/blind_queries.jsonl",
    "tests/data/blind2_queries.jsonl",
    "tests/data/blind3_queries.jsonl",
    "tests/data/blind4_queries.jsonl",
    "tests/data/blind5_queries.jsonl",
    "tests/data/fresh_queries.jsonl",
    "tests/data/splits/retrieval_tune.jsonl",
)
# Below this probability an answer the ranking is sure of is not given ("not sure" instead).
# Chosen by `benchmarks/answerability.py` (leave one tuning set out): the threshold that turns away
# the most near misses the ranking would answer less LOST_ANSWER_COST times the in-scope answers
# it loses; a wrong answer from a government hotline costs more than a "not sure".
ANSWERABLE_AT = 0.35
LOST_ANSWER_COST = 3
# Inverse regularisation strength of the regression.
REGULARISATION = 1.0
MODEL_FILE = "answerability.npz"

Vector = npt.NDArray[np.float32]


def training_files(root: Path = PROJECT_ROOT) -> list[Path]:
    return [root / name for name in TRAINING_SETS]


def features(
    query: Vector, centroid: Vector, score: float, lead: float, dense: float, lexical: float
) -> Vector:
    """What the regression reads: the question, how it meets the best entry, and the ranking."""
    return np.concatenate(
        [query, query * centroid, np.asarray([score, lead, dense, lexical], dtype=np.float32)]
    ).astype(np.float32)


@dataclass(frozen=True)
class AnswerabilityModel:
    coef: Vector
    intercept: float

    def probability(self, x: Vector) -> float:
        return float(1.0 / (1.0 + np.exp(-(float(x @ self.coef) + self.intercept))))

    def answerable(self, x: Vector, at: float = ANSWERABLE_AT) -> bool:
        return self.probability(x) >= at

    def save(self, path: Path) -> None:
        np.savez(path, coef=self.coef, intercept=np.asarray([self.intercept]))

    @classmethod
    def load(cls, path: Path) -> AnswerabilityModel:
        with np.load(path) as data:
            return cls(data["coef"].astype(np.float32), float(data["intercept"][0]))


def fit(
    rows: Sequence[Vector], labels: Iterable[bool], c: float = REGULARISATION
) -> AnswerabilityModel:
    """Fit the regression; classes weighted equally (out-of-scope queries are the fewer)."""
    from sklearn.linear_model import LogisticRegression  # build time only

    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit(np.vstack(rows), np.asarray(list(labels), dtype=int))
    return AnswerabilityModel(model.coef_[0].astype(np.float32), float(model.intercept_[0]))
