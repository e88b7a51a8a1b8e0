"""BM25 over the index's documents: sparse, precomputed per (document, token), scored vectorised.

Documents are tokenised with `document_tokens` (jieba words plus single Chinese characters), queries
with `tokenize` (jieba words): a one-character query word (藥 → 药) then meets the longer words that
contain it (药品), while a query's longer words keep matching only whole words. English and
Portuguese words are reduced to their Snowball stems on both sides (adjusted / adjustment → adjust).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import bm25s
import numpy as np
import numpy.typing as npt
import snowballstemmer

from knowledge.language import detect_lang
from knowledge.text import document_tokens, tokenize, unaccented

# Okapi BM25 constants (the usual defaults; the fused score's saturation is tuned in fusion.py).
K1 = 1.5
B = 0.75

_LATIN_WORD = re.compile(r"[a-zà-ÿ]+")
_STEMMERS = {"en": snowballstemmer.stemmer("english"), "pt": snowballstemmer.stemmer("portuguese")}


def stemmed(tokens: list[str], text: str) -> list[str]:
    """`tokens` of `text` with every Latin-letter word replaced by its English or Portuguese stem
    (the language of the whole text decides; Chinese words are kept), diacritics dropped first:
    Macao users often type Portuguese without them («Que licencas preciso…», blind23), and the
    stems of «apreciação» and «apreciacao» differ."""
    if not any(_LATIN_WORD.fullmatch(t) for t in tokens):
        return tokens
    stemmer = _STEMMERS["pt" if detect_lang(text) == "pt" else "en"]
    return [stemmer.stemWord(unaccented(t)) if _LATIN_WORD.fullmatch(t) else t for t in tokens]


def query_terms(query: str) -> list[str]:
    return stemmed(tokenize(query), query)


def document_terms(text: str) -> list[str]:
    return stemmed(document_tokens(text), text)


class LexicalIndex:
    def __init__(self, texts: Sequence[str]) -> None:
        self._bm25 = bm25s.BM25(k1=K1, b=B, method="lucene")
        self._bm25.index([document_terms(text) or [""] for text in texts], show_progress=False)
        self._vocab: dict[str, int] = self._bm25.vocab_dict
        self.size = len(texts)

    def scores(self, query: str) -> npt.NDArray[np.float32] | None:
        """BM25 score of every document for `query` (None when no query word is indexed)."""
        ids = [self._vocab[t] for t in query_terms(query) if t in self._vocab]
        if not ids:
            return None
        return np.asarray(self._bm25.get_scores_from_ids(ids), dtype=np.float32)
