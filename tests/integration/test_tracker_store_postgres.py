"""nlu/tracker_store.py on a real PostgreSQL, as N Rasa replicas use it (in .venv-rasa).

Replicas starting together on an empty database must all come up (table creation is guarded)
and each keeps the pool the endpoints file asks for (values arrive as text from `${VAR}`).
"""

from __future__ import annotations

import json
import subprocess
import time
import uuid
from pathlib import Path

from tests.services import Postgres

ROOT = Path(__file__).resolve().parents[2]
RASA_PYTHON = ROOT / ".venv-rasa" / "bin" / "python"
REPLICAS = 4

# One replica: import everything first (the slow part), say so, wait for the common start,
# then open the store as Rasa would (keyword arguments from the endpoints file) and save a turn.
REPLICA = r"""
import asyncio, json, pathlib, sys, time
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from nlu.tracker_store import CepaTrackerStore

port, db, name, folder = sys.argv[1:5]
domain = Domain.load("domain.yml")
pathlib.Path(folder, f"ready-{name}").touch()
while not pathlib.Path(folder, "go").exists():
    time.sleep(0.005)
store = CepaTrackerStore(
    domain=domain, dialect="postgresql", host="127.0.0.1", port=port, db=db,
    username="cepa", password="", pool_size="3", max_overflow="1",
)


async def turn():
    tracker = await store.get_or_create_tracker(name, append_action_listen=False)
    tracker.update(UserUttered(f"hello from {name}", {"name": "greet", "confidence": 1.0}))
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)
    stored = await store.retrieve(name)
    return [e.text for e in stored.events if isinstance(e, UserUttered)]


texts = asyncio.run(turn())
print(json.dumps({"pool": store.engine.pool.size(), "overflow": store.engine.pool._max_overflow,
                  "texts": texts}))
"""


def start_together(
    postgres: Postgres, db: str, folder: Path
) -> list[subprocess.CompletedProcess[str]]:
    procs = [
        subprocess.Popen(
            [str(RASA_PYTHON), "-c", REPLICA, str(postgres.port), db, f"replica-{i}", str(folder)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(REPLICAS)
    ]
    try:
        while len(list(folder.glob("ready-*"))) < REPLICAS:
            assert all(p.poll() is None for p in procs), "a replica died while importing"
            time.sleep(0.1)
        (folder / "go").touch()
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=300)
            results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
        return results
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def test_replicas_starting_together_on_an_empty_database_all_come_up(
    postgres_server: Postgres, tmp_path: Path
) -> None:
    db = f"t_{uuid.uuid4().hex[:12]}"
    postgres_server.create_database(db)
    results = start_together(postgres_server, db, tmp_path)
    for result in results:
        assert result.returncode == 0, result.stderr[-3000:]
        # Rasa's own store survives the race only by logging it and retrying in 5 s.
        assert "Could not create tables" not in result.stderr
        assert "UniqueViolation" not in result.stderr
    outputs = [json.loads(r.stdout.strip().splitlines()[-1]) for r in results]
    for i, output in enumerate(outputs):
        assert output == {"pool": 3, "overflow": 1, "texts": [f"hello from replica-{i}"]}

    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={postgres_server.port} user=cepa dbname={db}") as c:
        senders = c.execute("SELECT DISTINCT sender_id FROM events ORDER BY 1").fetchall()
        tables = c.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'events'"
        ).fetchone()
    assert [s for (s,) in senders] == [f"replica-{i}" for i in range(REPLICAS)]
    assert tables == (1,)


def test_a_bad_pool_size_names_the_setting() -> None:
    script = (
        "from nlu.tracker_store import CepaTrackerStore\n"
        "CepaTrackerStore(dialect='sqlite', db=':memory:', pool_size='abc')\n"
    )
    result = subprocess.run(
        [str(RASA_PYTHON), "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode != 0
    assert "tracker store pool_size must be a whole number, got 'abc'" in result.stderr
