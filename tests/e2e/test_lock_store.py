"""Two Rasa replicas on deploy/endpoints.production.yml: one PostgreSQL tracker store, one Redis
lock store, and one conversation whose messages arrive at both at once.

Without a shared lock store each replica runs its own turn of the conversation on the tracker it
loaded, and the turns of the two overlap: messages are answered without the ones before them,
and Rasa's stock store even drops one side's events. With the Redis lock every turn runs after
the previous one is stored, whichever replica takes it, and every user message is stored once.
"""

from __future__ import annotations

import subprocess
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psycopg
import pytest

from bot.rasa_model import ensure_model
from bot.stack import PROJECT_ROOT, Ports, Stack
from knowledge.cli import main as kb_main
from knowledge.index import default_index_dir
from tests.helpers import rasa_tracker
from tests.services import Postgres, free_port, redis

pytestmark = pytest.mark.e2e
PRODUCTION = PROJECT_ROOT / "deploy" / "endpoints.production.yml"
MESSAGES = 16


def wait_ready(port: int, token: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    """Rasa answers /status once its model is loaded."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
        try:
            if httpx.get(f"http://127.0.0.1:{port}/status", params={"token": token}).is_success:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"Rasa on {port} not ready; see {log}")


@pytest.fixture
def replicas(postgres_server: Postgres, tmp_path: Path) -> Iterator[tuple[Stack, int, str]]:
    """A whole stack (Rasa A, action server, gateway) plus a second Rasa (B) on the same stores;
    yields the stack, B's port and the tracker database's name."""
    assert kb_main(["build"]) == 0
    database = f"tracker_{uuid.uuid4().hex[:8]}"
    postgres_server.create_database(database)
    with redis(tmp_path) as redis_port:
        stores = {
            "RASA_TRACKER_HOST": "127.0.0.1",
            "RASA_TRACKER_PORT": str(postgres_server.port),
            "RASA_TRACKER_DATABASE": database,
            "RASA_TRACKER_USER": postgres_server.user,
            "RASA_TRACKER_POOL_SIZE": "2",
            "RASA_LOCK_REDIS_HOST": "127.0.0.1",
            "RASA_LOCK_REDIS_PORT": str(redis_port),
            # A queued turn's ticket expires after this, and an expired ticket no longer waits
            # its turn: all 16 messages arrive at once, and on a loaded 2-core machine the last
            # waits longer than the service's 35 s (which is about a crashed replica's lock).
            "TICKET_LOCK_LIFETIME": "300",
        }
        stack = Stack(
            model=ensure_model(),
            ports=Ports(gateway=free_port(), rasa=free_port(), actions=free_port()),
            var_dir=tmp_path / "var",
            index_dir=default_index_dir(),
            endpoints=PRODUCTION,
            extra_env={"DATABASE_URL": f"sqlite:///{tmp_path / 'cepa.db'}", **stores},
        )
        stack.start()
        second: subprocess.Popen[bytes] | None = None
        log_path = tmp_path / "rasa-b.log"
        try:
            stack.wait_healthy(timeout=300)
            port = free_port()
            command = stack.commands()["rasa"]
            command[command.index("--port") + 1] = str(port)
            with open(log_path, "wb") as log:
                second = subprocess.Popen(
                    command, cwd=PROJECT_ROOT, env=stack._env(), stdout=log,
                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                )  # fmt: skip
            wait_ready(port, stack.rasa_token, second, log_path)
            yield stack, port, database
        finally:
            if second is not None:
                second.terminate()
                second.wait(30)
            stack.stop()


def test_one_conversation_on_two_replicas_loses_no_message_and_runs_turns_in_order(
    replicas: tuple[Stack, int, str], postgres_server: Postgres
) -> None:
    stack, second_port, database = replicas
    conversation = f"api:lock-{uuid.uuid4().hex[:8]}"
    rasa = [f"http://127.0.0.1:{stack.ports.rasa}", f"http://127.0.0.1:{second_port}"]
    texts = [f"What is CEPA? ({i})" if i % 2 else f"多謝 ({i})" for i in range(MESSAGES)]

    def send(i: int) -> int:
        response = httpx.post(
            rasa[i % 2] + "/webhooks/gateway/webhook",
            json={"sender": conversation, "message": texts[i]},
            headers={"authorization": f"Bearer {stack.rasa_token}"},
            timeout=180,
        )
        return response.status_code

    with ThreadPoolExecutor(MESSAGES) as pool:
        statuses = list(pool.map(send, range(MESSAGES)))
    assert statuses == [200] * MESSAGES

    # Every user message is in the stored conversation, once.
    tracker = rasa_tracker(stack, conversation)
    said = [e["text"] for e in tracker["events"] if e["event"] == "user"]
    assert sorted(said) == sorted(texts)

    # And the turns ran one after another: in the order they were stored, no event was made
    # before the one stored ahead of it (overlapping turns interleave their times).
    conninfo = f"host=127.0.0.1 port={postgres_server.port} user=cepa dbname={database}"
    with psycopg.connect(conninfo) as connection:
        rows = connection.execute(
            "SELECT type_name, timestamp FROM events WHERE sender_id = %s ORDER BY id",
            (conversation,),
        ).fetchall()
    assert sum(1 for kind, _ in rows if kind == "user") == MESSAGES
    times = [timestamp for _, timestamp in rows]
    assert times == sorted(times)
