"""The review file: phrasings staff accepted in the console, as YAML for a developer to merge
into `knowledge/data/` (`cepa-kb suggestions`). Nothing here reaches users by itself: the
knowledge files, their tests and the index rebuild stand between."""

from __future__ import annotations

from pathlib import Path

import yaml
from sqlalchemy.orm import Session, sessionmaker

from console.queries import accepted_phrasings
from knowledge.store import DATA_DIR, data_files

HEADER = (
    "# Phrasings bureau staff attached to entries in the console (personal data masked).\n"
    "# Review each; add the good ones to the entry's `questions:` in the file named, then run\n"
    "# `make test` (and `cepa-kb build`).\n"
)


def entry_files(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Entry id → the knowledge file that holds it (relative to the project)."""
    found: dict[str, str] = {}
    for path in data_files(data_dir):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in raw.get("entries") or []:
            if isinstance(entry, dict) and "id" in entry:
                found[str(entry["id"])] = f"knowledge/data/{path.name}"
    return found


def suggestions_yaml(sessions: sessionmaker[Session], data_dir: Path = DATA_DIR) -> str:
    files = entry_files(data_dir)
    items = [
        {"id": entry_id, "file": files.get(entry_id, "(no such entry now)"), "questions": texts}
        for entry_id, texts in accepted_phrasings(sessions).items()
    ]
    if not items:
        return HEADER + "[]\n"
    return HEADER + yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=100)
