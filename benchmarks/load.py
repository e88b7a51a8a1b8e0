"""Chat-turn latency against a bare NLU parse, and a concurrent load run, on the real processes.

    .venv/bin/python benchmarks/load.py [--sequential 200] [--conversations 50] [--turns 5]

Starts its own action server, Rasa and gateway (free ports, a temporary folder, rate limits
raised: every request comes from loopback), then:

1. sequential: for each text of the dev set (mixed languages and topics), a bare Rasa
   `/model/parse` and a whole `/api/chat` turn in a fresh conversation, interleaved, so both see
   the same machine state; prints p50/p95 of each and the ratio of the p95s;
2. load: N concurrent conversations of T turns each (the texts of one style per conversation,
   in order), all at once; prints throughput, p50/p95/p99, errors, and each process's memory.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.rasa_model import ensure_model  # noqa: E402
from bot.stack import Ports, Stack  # noqa: E402
from knowledge.cli import main as kb_main  # noqa: E402
from tests.helpers import free_port  # noqa: E402

DEV = ROOT / "tests" / "data" / "dev_queries.jsonl"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (Rasa's launcher forks none, uvicorn none)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def queries() -> list[dict[str, object]]:
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]


def style_conversations(count: int, turns: int) -> list[list[str]]:
    """`count` conversations of `turns` dev-set texts, one style each, styles taken in turn."""
    by_style: dict[str, list[str]] = {}
    for row in queries():
        by_style.setdefault(str(row["style"]), []).append(str(row["query"]))
    styles = sorted(by_style)
    conversations = []
    for i in range(count):
        pool = by_style[styles[i % len(styles)]]
        start = (i // len(styles)) * turns
        conversations.append([pool[(start + k) % len(pool)] for k in range(turns)])
    return conversations


def bench_stack(var_dir: Path, **fields: Any) -> Stack:
    """A whole service on free ports in `var_dir`, rate limits raised (every request comes from
    loopback); `fields` go to `Stack` (another `endpoints` file, say)."""
    return Stack(
        model=ensure_model(),
        ports=Ports(gateway=free_port(), rasa=free_port(), actions=free_port()),
        var_dir=var_dir,
        extra_env={
            "RATE_LIMIT_IP_PER_MINUTE": "1000000",
            "RATE_LIMIT_SENDER_PER_MINUTE": "1000",
            "DATABASE_URL": f"sqlite:///{var_dir}/cepa.db",
        },
        **fields,
    )


def sequential(stack: Stack, texts: list[str]) -> dict[str, list[float]]:
    rasa = f"http://127.0.0.1:{stack.ports.rasa}/model/parse"
    times: dict[str, list[float]] = {"parse": [], "chat": []}
    with httpx.Client(timeout=60) as client:
        for text in texts[:5]:  # warm-up: first calls load lazily
            client.post(rasa, params={"token": stack.rasa_token}, json={"text": text})
            client.post(stack.gateway_url + "/api/chat", json={"sender": "warm", "message": text})
        for text in texts:
            started = time.perf_counter()
            parsed = client.post(rasa, params={"token": stack.rasa_token}, json={"text": text})
            times["parse"].append((time.perf_counter() - started) * 1000)
            parsed.raise_for_status()
            started = time.perf_counter()
            reply = client.post(
                stack.gateway_url + "/api/chat",
                json={"sender": uuid.uuid4().hex, "message": text},
            )
            times["chat"].append((time.perf_counter() - started) * 1000)
            reply.raise_for_status()
    return times


async def load(
    stack: Stack, conversations: list[list[str]]
) -> tuple[list[float], int, float, dict[str, float]]:
    latencies: list[float] = []
    errors = 0
    peak: dict[str, float] = {}

    async def converse(client: httpx.AsyncClient, texts: list[str]) -> None:
        nonlocal errors
        sender = uuid.uuid4().hex
        for text in texts:
            started = time.perf_counter()
            try:
                reply = await client.post(
                    stack.gateway_url + "/api/chat", json={"sender": sender, "message": text}
                )
                ok = reply.status_code == 200 and reply.json()["replies"]
            except httpx.HTTPError:
                ok = False
            latencies.append((time.perf_counter() - started) * 1000)
            errors += not ok

    async def sample_memory(stop: asyncio.Event) -> None:
        while not stop.is_set():
            for name, pid in stack.pids().items():
                peak[name] = max(peak.get(name, 0.0), rss_mb(pid))
            await asyncio.sleep(0.2)

    stop = asyncio.Event()
    limits = httpx.Limits(max_connections=len(conversations))
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        sampler = asyncio.create_task(sample_memory(stop))
        started = time.perf_counter()
        await asyncio.gather(*(converse(client, texts) for texts in conversations))
        elapsed = time.perf_counter() - started
        stop.set()
        await sampler
    return latencies, errors, elapsed, peak


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sequential", type=int, default=200)
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--turns", type=int, default=5)
    args = parser.parse_args()
    if kb_main(["build"]) != 0:
        return 1
    texts = [str(r["query"]) for r in queries()][: args.sequential]
    conversations = style_conversations(args.conversations, args.turns)

    with tempfile.TemporaryDirectory() as tmp:
        stack = bench_stack(Path(tmp))
        stack.start()
        try:
            stack.wait_healthy()
            times = sequential(stack, texts)
            latencies, errors, elapsed, peak = asyncio.run(load(stack, conversations))
        finally:
            stack.stop()

    p95_parse, p95_chat = percentile(times["parse"], 95), percentile(times["chat"], 95)
    print(f"sequential, {len(texts)} texts (dev set, five styles), ms")
    print("| step | p50 | p95 |\n|---|---|---|")
    for name, label in (("parse", "bare Rasa `/model/parse`"), ("chat", "gateway `/api/chat`")):
        print(
            f"| {label} | {statistics.median(times[name]):.1f} | {percentile(times[name], 95):.1f} |"
        )
    print(f"\np95 ratio chat / parse: {p95_chat / p95_parse:.2f}\n")
    total = len(latencies)
    print(f"load: {args.conversations} concurrent conversations x {args.turns} turns")
    print("| messages | errors | msg/s | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|---|")
    print(
        f"| {total} | {errors} | {total / elapsed:.1f} | {percentile(latencies, 50):.0f} | "
        f"{percentile(latencies, 95):.0f} | {percentile(latencies, 99):.0f} |"
    )
    print("\npeak resident memory, MB: " + ", ".join(f"{k} {v:.0f}" for k, v in peak.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
