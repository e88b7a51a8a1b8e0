"""Hybrid retrieval: FAISS dense search and jieba BM25 over the same documents, fused per entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi

from knowledge.encoders import Encoder, make_encoder
from knowledge.evaluation import Outcome
from knowledge.fusion import best_per_entry, fuse
from knowledge.index import LoadedIndex, load_index
from knowledge.schema import Entry, Topic
from knowledge.store import DATA_DIR, load_entries
from knowledge.text import normalise, tokenize

# Fused score below which no entry is trusted to answer.
ANSWER_THRESHOLD = 0.64


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float
    dense: float
    lexical: float


class HybridRetriever:
    def __init__(self, entries: list[Entry], index: LoadedIndex, encoder: Encoder) -> None:
        if encoder.spec != index.encoder_spec:
            raise ValueError(
                f"index was built with {index.encoder_spec!r}, not {encoder.spec!r}: rebuild it"
            )
        self.entries = {e.id: e for e in entries}
        self._index = index
        self._encoder = encoder
        self._doc_entry_ids = [d.entry_id for d in index.documents]
        self._bm25 = BM25Okapi([tokenize(d.text) or [""] for d in index.documents])
        # A question word for word as an entry lists it (any script, case, punctuation).
        owners: dict[str, set[str]] = {}
        for entry in entries:
            for question in entry.questions:
                owners.setdefault(question_key(question), set()).add(entry.id)
        self._exact = {key: ids.pop() for key, ids in owners.items() if len(ids) == 1 and key}

    @classmethod
    def load(cls, index_dir: Path, data_dir: Path = DATA_DIR) -> HybridRetriever:
        index = load_index(index_dir)
        return cls(load_entries(data_dir), index, make_encoder(index.encoder_spec))

    def exact_entry(self, query: str) -> Entry | None:
        """The entry that lists `query` among its own phrasings, if exactly one does."""
        entry_id = self._exact.get(question_key(query))
        return self.entries[entry_id] if entry_id else None

    def dense_scores(self, query: str) -> dict[str, float]:
        vector = self._encoder.encode([normalise(query)])
        k = self._index.vectors.ntotal
        scores, ids = self._index.vectors.search(vector, k)
        return best_per_entry(
            (self._doc_entry_ids[i], float(s))
            for s, i in zip(scores[0], ids[0], strict=True)
            if i >= 0
        )

    def lexical_scores(self, query: str) -> dict[str, float]:
        tokens = tokenize(query)
        if not tokens:
            return {}
        scores = np.asarray(self._bm25.get_scores(tokens))
        return best_per_entry(zip(self._doc_entry_ids, (float(s) for s in scores), strict=True))

    def search(self, query: str, k: int = 3, topic: Topic | None = None) -> list[Hit]:
        """Best `k` entries. The topic boost only orders them: a hit's `score` (what confidence
        is judged on) never includes it, so an intent cannot push a weak match over the bar."""
        dense = self.dense_scores(query)
        lexical = self.lexical_scores(query)
        boosted = frozenset(e.id for e in self.entries.values() if e.topic == topic)
        plain = fuse(dense, lexical)
        ranking = fuse(dense, lexical, boosted) if boosted else plain
        ranked = sorted(ranking, key=lambda entry_id: ranking[entry_id], reverse=True)[:k]
        return [
            Hit(self.entries[i], plain[i], dense.get(i, 0.0), lexical.get(i, 0.0)) for i in ranked
        ]


def question_key(text: str) -> str:
    return "".join(ch for ch in normalise(text) if ch.isalnum())


def confident(hits: list[Hit], threshold: float = ANSWER_THRESHOLD) -> bool:
    return bool(hits) and hits[0].score >= threshold


def as_outcome(retriever: HybridRetriever, k: int = 10) -> Callable[[str], Outcome]:
    """The retriever as an evaluation method: ranked entry ids and whether it would answer."""

    def method(query: str) -> Outcome:
        hits = retriever.search(query, k=k)
        return Outcome([h.entry.id for h in hits], confident(hits))

    return method
