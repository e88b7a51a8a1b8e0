from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.schema import Entry
from knowledge.store import load_entries

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEED = PROJECT_ROOT / "knowledge" / "source" / "cepa-express-2019-12.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def entries() -> list[Entry]:
    return load_entries()
