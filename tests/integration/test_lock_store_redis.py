"""nlu/lock_store.py on a real Redis, in .venv-rasa: two replicas' lock stores issuing and
finishing tickets of one conversation at the same moment lose none and never share one.

Rasa 3.6's RedisLockStore reads, changes and writes the lock in separate commands; under the
same load two processes overwrite each other (tickets lost or issued twice), and two turns of one
conversation ran at once in tests/e2e/test_lock_store.py.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.services import redis

ROOT = Path(__file__).resolve().parents[2]
RASA_PYTHON = ROOT / ".venv-rasa" / "bin" / "python"

# Two "replicas" (two stores, two connection pools) x 8 threads each issue 25 tickets for one
# conversation, all released together; then every ticket is finished. Prints what happened.
SCRIPT = r"""
import json, sys, threading
from rasa.utils.endpoints import EndpointConfig
from nlu.lock_store import CepaRedisLockStore
from rasa.core.lock_store import RedisLockStore

port, kind = int(sys.argv[1]), sys.argv[2]
cls = CepaRedisLockStore if kind == "cepa" else RedisLockStore
def store():
    if kind == "cepa":
        return cls(endpoint_config=EndpointConfig(url="127.0.0.1", port=port, db=1, type="x"))
    return cls(host="127.0.0.1", port=port, db=1)
stores = [store(), store()]
start = threading.Barrier(16)
issued = []
def work(n):
    s = stores[n % 2]
    start.wait()
    for _ in range(25):
        issued.append(s.issue_ticket("conv", 300))
threads = [threading.Thread(target=work, args=(n,)) for n in range(16)]
[t.start() for t in threads]; [t.join() for t in threads]
held = stores[0].get_lock("conv")
in_lock = sorted(t.number for t in held.tickets) if held else []
for number in issued:
    stores[number % 2].cleanup("conv", number)
print(json.dumps({"issued": issued, "in_lock": in_lock, "left": stores[1].get_lock("conv") is not None}))
"""


def run(port: int, kind: str) -> dict[str, object]:
    done = subprocess.run(
        [str(RASA_PYTHON), "-c", SCRIPT, str(port), kind],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.fixture
def redis_port(tmp_path: Path):  # type: ignore[no-untyped-def]
    with redis(tmp_path) as port:
        yield port


def test_concurrent_replicas_never_lose_or_share_a_ticket(redis_port: int) -> None:
    result = run(redis_port, "cepa")
    issued = result["issued"]
    assert isinstance(issued, list) and len(issued) == 400
    assert len(set(issued)) == 400  # no ticket issued twice
    assert result["in_lock"] == sorted(issued)  # and none lost before it was finished
    assert result["left"] is False  # the last one out deleted the lock
