"""Combining dense and lexical evidence into one calibrated score per entry (pure functions)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# Weight of the dense cosine; the rest goes to saturated BM25. Chosen on the tuning split only
# (tests/data/splits/retrieval_tune.jsonl): the pair answering most tuning questions confidently
# with the bands calibrated on it, among those keeping the most right first entries.
DENSE_WEIGHT = 0.5
# BM25 score at which lexical evidence counts half: saturation keeps the fused score in [0, 1].
BM25_HALF = 6.0
# An intent's topic nudges its entries up; it never filters the others out.
TOPIC_BOOST = 0.05


def best_per_entry(pairs: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Max score per entry over all of that entry's documents."""
    best: dict[str, float] = {}
    for entry_id, score in pairs:
        if score > best.get(entry_id, float("-inf")):
            best[entry_id] = score
    return best


def saturate(bm25: float, half: float = BM25_HALF) -> float:
    return bm25 / (bm25 + half) if bm25 > 0 else 0.0


def fuse(
    dense: Mapping[str, float],
    lexical: Mapping[str, float],
    boosted: frozenset[str] = frozenset(),
    dense_weight: float = DENSE_WEIGHT,
) -> dict[str, float]:
    """Fused score per entry: weighted dense cosine plus saturated BM25, plus the topic boost."""
    scores: dict[str, float] = {}
    for entry_id in dense.keys() | lexical.keys():
        score = dense_weight * max(dense.get(entry_id, 0.0), 0.0) + (1 - dense_weight) * saturate(
            lexical.get(entry_id, 0.0)
        )
        if entry_id in boosted:
            score += TOPIC_BOOST
        scores[entry_id] = score
    return scores
