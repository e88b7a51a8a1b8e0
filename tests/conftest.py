from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.schema import Entry
from knowledge.store import load_entries
from tests.services import Postgres, postgres

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEED = PROJECT_ROOT / "knowledge" / "source" / "cepa-express-2019-12.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def entries() -> list[Entry]:
    return load_entries()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Postgres]:
    """One throw-away PostgreSQL cluster for the whole run (scripts/ensure_services.sh)."""
    with postgres() as server:
        yield server


@pytest.fixture
def pg_url(postgres_server: Postgres) -> str:
    """A new empty PostgreSQL database for one test (psycopg 3 URL)."""
    return postgres_server.create_database(f"t_{uuid.uuid4().hex[:12]}")
