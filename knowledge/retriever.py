"""Hybrid retrieval: FAISS dense search and jieba BM25 over the same documents, fused per entry."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from knowledge.answerability import LABELLED_FILE, LabelledQuestions, near_miss
from knowledge.encoders import Encoder, make_encoder
from knowledge.evaluation import Outcome
from knowledge.fusion import fuse
from knowledge.index import LoadedIndex, load_index
from knowledge.lexical import LexicalIndex
from knowledge.schema import Entry, Topic
from knowledge.spelling import Speller, vocabulary
from knowledge.store import DATA_DIR, load_entries
from knowledge.text import normalise, written_chinese

# Three answer bands, calibrated on the tuning split only (tests/data/splits/retrieval_tune.jsonl)
# by `benchmarks/retrieval.py --bands`, which prints the calibration and the frozen-test figures
# (docs/benchmarks.md) and exits 1 while these constants differ from it:
# - confident: the best entry scores at least ANSWER_THRESHOLD *and* leads the next by ANSWER_MARGIN
#   (the lowest pair with no confident wrong answer on the tuning split) → answer;
# - plausible: at least PLAUSIBLE_THRESHOLD (maximises right minus wrong or out-of-scope top
#   entries shown in the band on the tuning split) → "Is this what you mean?" with that answer;
# - weak: below → not sure, closest topics and staff.
ANSWER_THRESHOLD = 0.64
ANSWER_MARGIN = 0.06
PLAUSIBLE_THRESHOLD = 0.54
# A lower confident pair for when the NLU, a second and independent reading of the message, asks
# about the best entry's topic with at least AGREEMENT_INTENT_CONFIDENCE: calibrated by the same
# command on the same tuning split (with the NLU's intents), for no confident wrong answer there.
# It lifts a clear leader with a modest score ("national treatment 69 sectors") out of "is this
# what you mean?".
AGREEMENT_THRESHOLD = 0.54
AGREEMENT_MARGIN = 0.01
AGREEMENT_INTENT_CONFIDENCE = 0.8
# The three as `band` takes them: (score, lead, intent confidence).
AGREEMENT = (AGREEMENT_THRESHOLD, AGREEMENT_MARGIN, AGREEMENT_INTENT_CONFIDENCE)
# A short question whose few words all point at one entry ("whats ur email", «qual o email de
# vocês»: probe 10 got "not sure") scores low against every entry, yet leads the rest by far;
# with the NLU agreeing as above, it is that entry. Of the 7,070 questions of
# knowledge/answerability.py's TRAINING_SETS, none scoring between CLEAR_LEAD_FLOOR and
# AGREEMENT_THRESHOLD leads by CLEAR_LEAD; the nearest out-of-scope one leads by 0.218 ("I lost my
# wallet on a bus - who should I contact?", the contact entry).
CLEAR_LEAD = 0.23
CLEAR_LEAD_FLOOR = 0.35
# Entries of the first entry's topic scoring within the margin behind it are its siblings: one
# question often touches two of them (the repayment measure's amount and its schemes), and the
# ranking cannot tell which the user meant. Up to ANSWER_GROUP of them are answered together, and
# the lead that makes the answer confident is the group's lead over the best entry outside it.
ANSWER_GROUP = 3
# A question that CROWD entries of one topic match within CROWD_SPREAD of each other, the topic's
# overview among them, asks about the topic as a whole ("大灣區有咩措施？"): when the NLU asks about
# that topic, the overview is answered if it scores at least CROWD_FLOOR (knowledge/service.py).
CROWD = 3
CROWD_SPREAD = 0.03
CROWD_FLOOR = 0.5
# Query embeddings kept (about 2 KB each).
QUERY_CACHE_SIZE = 1024

Band = Literal["confident", "plausible", "weak"]


@dataclass(frozen=True)
class Intent:
    """The NLU's reading of a message, as far as retrieval uses it: the topic its intent asks
    about (None for any other intent) and the intent's confidence."""

    topic: Topic | None
    confidence: float


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float
    dense: float
    lexical: float


class HybridRetriever:
    def __init__(
        self,
        entries: list[Entry],
        index: LoadedIndex,
        encoder: Encoder,
        labelled: LabelledQuestions | None = None,
    ) -> None:
        if encoder.spec != index.encoder_spec:
            raise ValueError(
                f"index was built with {index.encoder_spec!r}, not {encoder.spec!r}: rebuild it"
            )
        self.entries = {e.id: e for e in entries}
        self._index = index
        self._encoder = encoder
        # Each entry's documents side by side, so one reduceat gives every entry's best score.
        doc_entry_ids = [d.entry_id for d in index.documents]
        self._order = np.argsort(np.asarray(doc_entry_ids), kind="stable")
        ordered = [doc_entry_ids[i] for i in self._order]
        self._starts = np.asarray(
            [i for i, e in enumerate(ordered) if i == 0 or e != ordered[i - 1]], dtype=np.intp
        )
        self._group_ids = [ordered[i] for i in self._starts]
        self._lexical = LexicalIndex([d.text for d in index.documents])
        # A question word for word as an entry lists it (any script, case, punctuation).
        owners: dict[str, set[str]] = {}
        for entry in entries:
            for question in entry.questions:
                owners.setdefault(question_key(question), set()).add(entry.id)
        self._exact = {key: ids.pop() for key, ids in owners.items() if len(ids) == 1 and key}
        self._query_vectors: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()
        self._speller = Speller(
            vocabulary(t for e in entries for t in (*e.answer.all(), *e.title.all(), *e.questions))
        )
        self.labelled = labelled

    @classmethod
    def load(cls, index_dir: Path, data_dir: Path = DATA_DIR) -> HybridRetriever:
        index = load_index(index_dir)
        path = index_dir / LABELLED_FILE
        labelled = LabelledQuestions.load(path) if path.exists() else None
        return cls(load_entries(data_dir), index, make_encoder(index.encoder_spec), labelled)

    def exact_entry(self, query: str) -> Entry | None:
        """The entry that lists `query` among its own phrasings, if exactly one does."""
        entry_id = self._exact.get(question_key(query))
        return self.entries[entry_id] if entry_id else None

    def _per_entry(self, doc_scores: npt.NDArray[np.float32]) -> dict[str, float]:
        """Best score of each entry over its documents (`doc_scores` in document order)."""
        best = np.maximum.reduceat(doc_scores[self._order], self._starts)
        return dict(zip(self._group_ids, best.tolist(), strict=True))

    def query_vector(self, query: str) -> npt.NDArray[np.float32]:
        """The query's embedding. The last QUERY_CACHE_SIZE are kept: a question asked again,
        or one the gateway asked to prepare while Rasa was still parsing it (`prepare`), is not
        encoded twice. Treat the array as read-only."""
        key = self.mended(query)
        vector = self._query_vectors.get(key)
        if vector is None:
            vector = self._encoder.encode([written_chinese(key)])
            self._query_vectors[key] = vector
            if len(self._query_vectors) > QUERY_CACHE_SIZE:
                self._query_vectors.popitem(last=False)
        else:
            self._query_vectors.move_to_end(key)
        return vector

    def answerable(self, query: str, hits: list[Hit]) -> bool:
        """False when `query` is closer to a labelled question the knowledge base cannot answer
        than to any it can (knowledge/answerability.py); True without labelled questions.
        `hits` is its ranking over every entry, whose dense scores hold the best document's."""
        if self.labelled is None:
            return True
        best_document = max((h.dense for h in hits), default=-1.0)
        return not near_miss(self.labelled, self.query_vector(query)[0], best_document)

    def same_labelled_question(self, query: str) -> frozenset[str]:
        """The entries of the labelled in-scope question `query` repeats in other words
        (knowledge/answerability.py); empty when it repeats none."""
        if self.labelled is None:
            return frozenset()
        ids = self.labelled.same_question(self.query_vector(query)[0])
        return frozenset(i for i in ids if i in self.entries)

    def prepare(self, query: str) -> None:
        """Do the slow part of a search ahead of time (the gateway calls this through the action
        server while Rasa parses the message, so that both cores work on the turn)."""
        self.query_vector(query)

    def dense_scores(self, query: str) -> dict[str, float]:
        vector = self.query_vector(query)
        k = self._index.vectors.ntotal
        scores, ids = self._index.vectors.search(vector, k)
        by_document = np.full(k, -1.0, dtype=np.float32)  # cosine floor for any id FAISS leaves out
        found = ids[0] >= 0
        by_document[ids[0][found]] = scores[0][found]
        return self._per_entry(by_document)

    def mended(self, query: str) -> str:
        """`query` normalised, with its English or Portuguese typing slips mended
        (knowledge/spelling.py)."""
        return self._speller.mend(normalise(query))

    def lexical_scores(self, query: str) -> dict[str, float]:
        scores = self._lexical.scores(self.mended(query))
        if scores is None:
            return {}
        return self._per_entry(scores)

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


def band(
    hits: list[Hit],
    confident_at: float = ANSWER_THRESHOLD,
    margin: float = ANSWER_MARGIN,
    plausible_at: float = PLAUSIBLE_THRESHOLD,
    intent: Intent | None = None,
    agreement: tuple[float, float, float] = AGREEMENT,
) -> Band:
    """How sure the ranking is of its first entry and the siblings answered with it
    (`answer_group`; `hits` best first, one more than a group for a lead). `intent` is the NLU's
    reading of the same message; `agreement` the (score, lead, intent confidence) that make the
    first entry confident when that intent asks about its topic."""
    if not hits:
        return "weak"
    best, ahead = hits[0], lead(hits, margin)
    if best.score >= confident_at and ahead >= margin:
        return "confident"
    if agrees(best, intent, agreement[2]) and (
        (best.score >= agreement[0] and ahead >= agreement[1])
        or (best.score >= CLEAR_LEAD_FLOOR and ahead >= CLEAR_LEAD)
    ):
        return "confident"
    return "plausible" if best.score >= plausible_at else "weak"


def answer_group(hits: list[Hit], margin: float = ANSWER_MARGIN) -> list[Hit]:
    """The first hit and its siblings right behind it: hits of its topic scoring less than `margin`
    below it, in rank order without a gap, at most ANSWER_GROUP in all."""
    group = hits[:1]
    for hit in hits[1:ANSWER_GROUP]:
        if hit.entry.topic != hits[0].entry.topic or hits[0].score - hit.score >= margin:
            break
        group.append(hit)
    return group


def lead(hits: list[Hit], margin: float = ANSWER_MARGIN) -> float:
    """How far the first entry scores above the best entry outside its group (`answer_group`
    with `margin`); its own score when nothing else was found. The best, not the next: a topic
    boost orders `hits`, and an entry of another topic can score higher than one ranked before
    it."""
    rest = hits[len(answer_group(hits, margin)) :]
    return hits[0].score - max((h.score for h in rest), default=0.0)


def agrees(hit: Hit, intent: Intent | None, min_confidence: float) -> bool:
    """The NLU asks, sure enough, about the topic of the entry retrieval put first."""
    return (
        intent is not None
        and intent.topic is not None
        and intent.topic == hit.entry.topic
        and intent.confidence >= min_confidence
    )


def crowd_overview(
    hits: list[Hit], spread: float = CROWD_SPREAD, floor: float = CROWD_FLOOR
) -> Hit | None:
    """The topic's overview when the first CROWD hits are entries of one topic scoring within
    `spread` of each other and it is among them with at least `floor`."""
    crowd = hits[:CROWD]
    if len(crowd) < CROWD or crowd[0].score - crowd[-1].score >= spread:
        return None
    if any(h.entry.topic != crowd[0].entry.topic for h in crowd):
        return None
    return next((h for h in crowd if h.entry.overview and h.score >= floor), None)


def confident(hits: list[Hit], threshold: float = ANSWER_THRESHOLD) -> bool:
    return band(hits, confident_at=threshold) == "confident"


def as_outcome(retriever: HybridRetriever, k: int = 10) -> Callable[[str], Outcome]:
    """The retriever as an evaluation method: ranked entry ids and whether it would answer."""

    def method(query: str) -> Outcome:
        hits = retriever.search(query, k=k)
        return Outcome([h.entry.id for h in hits], confident(hits))

    return method
