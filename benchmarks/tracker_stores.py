"""Which tracker store: latency of a whole chat turn, and whether conversations survive a restart.

    .venv/bin/python benchmarks/tracker_stores.py [--conversations 30] [--turns 5]

For each store it starts the real processes (action server, Rasa, gateway) with an endpoints file
that selects the store, runs the same conversations (five turns each, one style per
conversation, so trackers grow as they do in use), then restarts the whole service on the same
data and checks that every conversation's turns are still there. Stores:

- `memory`: Rasa's InMemoryTrackerStore (what Rasa uses with no `tracker_store`);
- `sql-sqlite`: Rasa's own SQLTrackerStore on SQLite;
- `cepa-sqlite`: nlu/tracker_store.py on SQLite (the default, endpoints.yml);
- `sql-postgres` and `cepa-postgres`: the same two on PostgreSQL, when its server binaries are
  installed (tests/services.py's throw-away cluster, `scripts/ensure_services.sh` installs it);
- `redis`: Rasa's RedisTrackerStore, when `redis-server` is installed (append-only file on).

A store whose server is not installed is reported as skipped, never silently left out.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load import bench_stack, percentile, style_conversations  # noqa: E402
from bot.stack import Stack  # noqa: E402
from knowledge.cli import main as kb_main  # noqa: E402
from tests.helpers import rasa_tracker  # noqa: E402
from tests.services import Postgres, postgres, postgres_available, redis  # noqa: E402

ACTIONS = """action_endpoint:
  url: ${ACTION_ENDPOINT_URL}
  headers:
    Authorization: Bearer ${ACTIONS_TOKEN}
"""


@dataclass
class Result:
    store: str
    p50: float = 0.0
    p95: float = 0.0
    kept: str = ""
    note: str = ""


@contextmanager
def servers(tmp: Path) -> Iterator[tuple[Postgres | None, int | None]]:
    """tests/services.py's throw-away PostgreSQL and Redis, each None when not installed."""
    with ExitStack() as stack:
        pg = stack.enter_context(postgres()) if postgres_available() else None
        redis_port = stack.enter_context(redis(tmp)) if shutil.which("redis-server") else None
        yield pg, redis_port


def store_yaml(store: str, var_dir: Path, pg: Postgres | None, redis_port: int | None) -> str:
    if store == "memory":
        return ACTIONS
    if store == "redis":
        return ACTIONS + (
            f"tracker_store:\n  type: redis\n  url: 127.0.0.1\n  port: {redis_port}\n  db: 0\n"
        )
    kind = "SQL" if store.startswith("sql-") else "nlu.tracker_store.CepaTrackerStore"
    if store.endswith("postgres"):
        assert pg is not None
        return ACTIONS + (
            f"tracker_store:\n  type: {kind}\n  dialect: postgresql\n  url: 127.0.0.1\n"
            f"  port: {pg.port}\n  db: {store.replace('-', '_')}\n  username: {pg.user}\n"
            "  login_db: postgres\n"
        )
    return ACTIONS + (
        f"tracker_store:\n  type: {kind}\n  dialect: sqlite\n  db: {var_dir}/rasa/tracker.db\n"
    )


def converse(stack: Stack, conversations: list[list[str]]) -> tuple[list[float], list[str]]:
    times: list[float] = []
    senders: list[str] = []
    with httpx.Client(timeout=60) as client:
        for texts in conversations:
            sender = uuid.uuid4().hex
            senders.append(sender)
            for text in texts:
                started = time.perf_counter()
                reply = client.post(
                    stack.gateway_url + "/api/chat", json={"sender": sender, "message": text}
                )
                times.append((time.perf_counter() - started) * 1000)
                reply.raise_for_status()
    return times, senders


def user_turns(stack: Stack, sender: str) -> int:
    tracker = rasa_tracker(stack, f"api:{sender}")
    return sum(1 for e in tracker.get("events", []) if e.get("event") == "user")


def run_store(
    store: str, conversations: list[list[str]], pg: Postgres | None, redis_port: int | None
) -> Result:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        endpoints = tmp / "endpoints.yml"
        endpoints.write_text(store_yaml(store, tmp, pg, redis_port), encoding="utf-8")

        def new_stack() -> Stack:
            return bench_stack(tmp, endpoints=endpoints)

        stack = new_stack()
        stack.start()
        try:
            stack.wait_healthy()
            converse(stack, conversations[:3])  # warm-up: first calls load lazily
            times, senders = converse(stack, conversations)
        finally:
            stack.stop()
        stack = new_stack()
        stack.start()
        try:
            stack.wait_healthy()
            turns = len(conversations[0])
            kept = sum(user_turns(stack, s) == turns for s in senders)
        finally:
            stack.stop()
    return Result(
        store,
        statistics.median(times),
        percentile(times, 95),
        f"{kept}/{len(senders)} conversations",
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=30)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument(
        "--stores",
        default="memory,sql-sqlite,cepa-sqlite,sql-postgres,cepa-postgres,redis",
    )
    args = parser.parse_args()
    if kb_main(["build"]) != 0:
        return 1
    conversations = style_conversations(args.conversations, args.turns)

    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp, servers(Path(tmp)) as (pg, redis_port):
        for store in args.stores.split(","):
            server = pg if store.endswith("postgres") else redis_port
            if store in ("redis", "sql-postgres", "cepa-postgres") and server is None:
                results.append(Result(store, note="skipped: server not installed"))
                continue
            print(f"... {store}", file=sys.stderr, flush=True)
            results.append(run_store(store, conversations, pg, redis_port))

    print(f"{args.conversations} conversations x {args.turns} turns, sequential, through /api/chat")
    print("| tracker store | p50 ms | p95 ms | kept after a restart |\n|---|---|---|---|")
    for r in results:
        if r.note:
            print(f"| {r.store} | | | {r.note} |")
        else:
            print(f"| {r.store} | {r.p50:.1f} | {r.p95:.1f} | {r.kept} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
