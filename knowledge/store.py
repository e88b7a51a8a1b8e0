"""Loading and checking the knowledge files."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import yaml
from pydantic import ValidationError

from knowledge.schema import Entry, TopicFile

DATA_DIR = Path(__file__).resolve().parent / "data"


class KnowledgeError(ValueError):
    """A knowledge file is malformed; the message names the file and the problem."""


def data_files(data_dir: Path = DATA_DIR) -> list[Path]:
    return sorted(data_dir.glob("*.yml"))


def fingerprint(files: Iterable[Path], *extra: str) -> str:
    """Content hash of files (names and bytes) and extra strings; order-independent of mtimes."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for item in extra:
        digest.update(item.encode())
    return digest.hexdigest()[:16]


def load_entries(data_dir: Path = DATA_DIR) -> list[Entry]:
    entries: list[Entry] = []
    for path in data_files(data_dir):
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
            topic_file = TopicFile.model_validate(raw)
            entries.extend(Entry.model_validate(item) for item in topic_file.entries)
        except (yaml.YAMLError, ValidationError) as exc:
            raise KnowledgeError(f"{path.name}: {exc}") from exc
    _check_references(entries)
    return entries


def _check_references(entries: list[Entry]) -> None:
    ids = [e.id for e in entries]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise KnowledgeError(f"duplicate entry ids: {', '.join(duplicates)}")
    overviews = [e.topic for e in entries if e.overview]
    if twice := sorted({t for t in overviews if overviews.count(t) > 1}):
        raise KnowledgeError(f"more than one overview entry for: {', '.join(twice)}")
    known = set(ids)
    for entry in entries:
        missing = [r for r in entry.related if r not in known or r == entry.id]
        if missing:
            raise KnowledgeError(f"{entry.id}: related entries not found: {', '.join(missing)}")
