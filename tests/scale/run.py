"""`make scale-test`: two replicas of every process on PostgreSQL and Redis, as deployed.

Starts throw-away PostgreSQL and Redis servers (Debian's packages, tests/services.py), migrates
the project database once, starts two stacks (Rasa + action server + gateway each) that share
the project database, Rasa's tracker store (PostgreSQL) and lock store (Redis), and one SMTP
server (aiosmtpd) on loopback. Then:

1. one hand-off whose turns alternate between the two gateways;
2. 50 concurrent hand-offs spread over both gateways, during which one Rasa and one gateway are
   killed (SIGKILL); the client then does what a load balancer does, and sends the failed turn
   and the rest to the surviving gateway.

It asserts distinct ticket references, exactly one e-mail per ticket at the SMTP server, and
that every user message a gateway acknowledged is in the shared tracker store; it prints one
summary line and stops every process it started, pass or fail.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from aiosmtpd.controller import Controller
from sqlalchemy import select

from bot.db import sessions
from bot.migrate import upgrade
from bot.rasa_model import ensure_model
from bot.retention import REDACTED
from bot.settings import PROJECT_ROOT
from bot.stack import Ports, Stack
from handoff.models import OutboxEmail, Ticket
from knowledge.index import default_index_dir
from tests.helpers import Inbox, rasa_tracker
from tests.services import Postgres, free_port, postgres, redis

REFERENCE = re.compile(r"CEPA-\d{8}-\d{4}")
ENDPOINTS = PROJECT_ROOT / "deploy" / "endpoints.production.yml"
ANSWERS = {  # what a user says when the hand-off form asks for each slot
    None: "我想搵職員跟進",
    "handoff_consent": "同意",
    "contact_name": "陳大文",
    "handoff_question": "CEPA原產地證書點申請？",
}


@dataclass
class Replicas:
    stacks: list[Stack]
    dead: set[int] = field(default_factory=set)

    def alive(self) -> list[int]:
        return [i for i in range(len(self.stacks)) if i not in self.dead]


@dataclass
class Conversation:
    sender: str
    number: int
    acknowledged: list[str] = field(default_factory=list)  # user messages a gateway took
    reference: str | None = None
    retried: int = 0


def stack_for(
    index: int, tmp: Path, pg: Postgres, project_url: str, redis_port: int, smtp_port: int,
    secrets: dict[str, str],
) -> Stack:  # fmt: skip
    env = {
        "DATABASE_URL": project_url,
        "RASA_TRACKER_HOST": "127.0.0.1",
        "RASA_TRACKER_PORT": str(pg.port),
        "RASA_TRACKER_DATABASE": "rasa",
        "RASA_TRACKER_USER": pg.user,
        "RASA_TRACKER_PASSWORD": "",
        "RASA_LOCK_REDIS_HOST": "127.0.0.1",
        "RASA_LOCK_REDIS_PORT": str(redis_port),
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port),
        "OUTBOX_INTERVAL": "1",
        # A gateway killed mid-send gives its claimed e-mails back after this, not 5 minutes.
        "OUTBOX_LEASE_SECONDS": "20",
        # One test client stands for thousands of users: only the limits per address rise.
        "RATE_LIMIT_IP_PER_MINUTE": "100000",
        "RATE_LIMIT_SENDER_PER_MINUTE": "1000",
        # A killed Rasa's conversation locks free themselves after this (Rasa's default: 60 s).
        "TICKET_LOCK_LIFETIME": "15",  # shorter than in service (35 s), to keep the run short
    }
    return Stack(
        model=ensure_model(),
        ports=Ports(gateway=free_port(), rasa=free_port(), actions=free_port()),
        var_dir=tmp / f"replica{index}",
        index_dir=default_index_dir(),
        endpoints=ENDPOINTS,
        extra_env=env,
        rasa_token=secrets["rasa"],
        actions_token=secrets["actions"],
        handoff_token=secrets["handoff"],
    )


async def requested_slot(client: httpx.AsyncClient, replicas: Replicas, sender: str) -> Any:
    """The slot the conversation's form waits for, read from the shared tracker store through
    any live Rasa (the stored conversation is the truth, whichever replica wrote it)."""
    for index in replicas.alive():
        stack = replicas.stacks[index]
        try:
            response = await client.get(
                f"http://127.0.0.1:{stack.ports.rasa}/conversations/api:{sender}/tracker",
                params={"token": stack.rasa_token},
                timeout=30,
            )
        except httpx.HTTPError:
            continue
        if response.status_code == 200:
            return response.json()["slots"].get("requested_slot")
    raise RuntimeError("no Rasa replica answers")


async def turn(
    client: httpx.AsyncClient, replicas: Replicas, conversation: Conversation, text: str,
    prefer: int,
) -> dict[str, Any]:  # fmt: skip
    """One user message through a gateway; on failure, the next live one, again and again for
    up to two minutes (what a load balancer and a patient client do)."""
    deadline = time.monotonic() + 120
    index = prefer
    while time.monotonic() < deadline:
        if index not in replicas.dead:
            try:
                response = await client.post(
                    replicas.stacks[index].gateway_url + "/api/chat",
                    json={"sender": conversation.sender, "message": text},
                    timeout=60,
                )
            except httpx.HTTPError:
                response = None
            if response is not None and response.status_code == 200:
                conversation.acknowledged.append(text)
                return response.json()  # type: ignore[no-any-return]
            # Refused, 502/503 (that replica's Rasa is gone, or the conversation is still
            # locked by the killed Rasa until its lock expires): try elsewhere, then again.
            conversation.retried += 1
            await asyncio.sleep(1)
        index = (index + 1) % len(replicas.stacks)
    raise RuntimeError(f"no gateway took a turn of {conversation.sender}")


async def hand_off(
    client: httpx.AsyncClient, replicas: Replicas, conversation: Conversation,
    alternate: bool = False,
) -> None:  # fmt: skip
    for step in range(14):
        slot = await requested_slot(client, replicas, conversation.sender)
        if slot == "contact_detail":
            text = f"user{conversation.number}@example.com"
        else:
            text = ANSWERS.get(slot, ANSWERS[None])
        prefer = step % 2 if alternate else conversation.number % 2
        reply = await turn(client, replicas, conversation, text, prefer)
        found = [r.get("ticket") for r in reply["replies"] if r.get("ticket")]
        if found:
            conversation.reference = found[0]
            return
    raise RuntimeError(f"{conversation.sender}: no ticket after 14 turns")


async def run_load(replicas: Replicas, count: int, kill_after: int) -> list[Conversation]:
    conversations = [Conversation(f"scale-{n}-{time.time_ns()}", n) for n in range(count)]
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=count * 2)) as client:
        first = Conversation(f"scale-alternating-{time.time_ns()}", 1000)
        await hand_off(client, replicas, first, alternate=True)
        print(f"alternating hand-off: {first.reference} over {len(first.acknowledged)} turns")

        async def killer() -> None:
            while sum(len(c.acknowledged) for c in conversations) < kill_after:
                await asyncio.sleep(0.05)
            stack = replicas.stacks[0]
            replicas.dead.add(0)  # the load balancer's health check notices
            await asyncio.to_thread(stack.kill, "rasa")
            await asyncio.to_thread(stack.kill, "gateway")
            print(f"killed rasa and gateway of replica 0 after {kill_after} acknowledged turns")

        results = await asyncio.gather(
            killer(),
            *(hand_off(client, replicas, c) for c in conversations),
            return_exceptions=True,
        )
        failures = [r for r in results if isinstance(r, BaseException)]
        if failures:
            raise RuntimeError(f"{len(failures)} hand-offs failed; first: {failures[0]!r}")
        return [first, *conversations]


def stored_events(replicas: Replicas, sender: str) -> list[dict[str, Any]]:
    """The conversation as the shared tracker store holds it, read through a live Rasa."""
    events = rasa_tracker(replicas.stacks[replicas.alive()[0]], f"api:{sender}")["events"]
    return events  # type: ignore[no-any-return]


def check_conversation(replicas: Replicas, conversation: Conversation) -> int:
    """How many acknowledged user messages are missing from the shared tracker store. The
    gateway redacts the name and contact once the ticket holds them, so those are looked for
    as "[redacted]", and the contact must appear nowhere in the stored events."""
    contact = f"user{conversation.number}@example.com"
    secrets = {contact, ANSWERS["contact_name"]}
    events = stored_events(replicas, conversation.sender)
    assert contact not in json.dumps(events, ensure_ascii=False), (
        f"{conversation.sender}: the contact is still in the tracker store"
    )
    kept = Counter(e.get("text") for e in events if e.get("event") == "user")
    told = Counter(REDACTED if text in secrets else text for text in conversation.acknowledged)
    return sum((told - kept).values())


def wait_for_mail(inbox: Inbox, expected: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while len(inbox.messages) < expected and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(3)  # a duplicate, if any, would arrive now


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hand-offs", type=int, default=50)
    parser.add_argument("--kill-after", type=int, default=60, help="acknowledged turns")
    args = parser.parse_args(argv)
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="cepa-scale-"))
    inbox = Inbox()
    smtp_port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    stacks: list[Stack] = []
    try:
        with postgres() as pg, redis(tmp) as redis_port:
            project_url = pg.create_database("cepa")
            pg.create_database("rasa")
            print(f"migrated project database to {upgrade(project_url)}")
            secrets = {"rasa": "scale-rasa", "actions": "scale-actions", "handoff": "scale-handoff"}
            stacks = [
                stack_for(i, tmp, pg, project_url, redis_port, smtp_port, secrets) for i in range(2)
            ]
            try:
                return run_checks(stacks, project_url, inbox, args, started)
            finally:
                for stack in stacks:  # before their database and Redis go
                    stack.stop()
    except (AssertionError, RuntimeError, TimeoutError) as exc:
        print(f"scale-test FAILED: {exc}", file=sys.stderr)
        for stack in stacks:
            print(f"  logs: {stack.var_dir / 'log'}", file=sys.stderr)
        return 1
    finally:
        controller.stop()


def run_checks(
    stacks: list[Stack], project_url: str, inbox: Inbox, args: argparse.Namespace, started: float
) -> int:
    """Start both replicas, run the load, and check what it left behind."""
    for stack in stacks:
        stack.start()
    for stack in stacks:
        stack.wait_healthy(timeout=600)
    print("two replicas of rasa, actions and gateway are up")
    replicas = Replicas(stacks)
    done = asyncio.run(run_load(replicas, args.hand_offs, args.kill_after))

    references = [c.reference for c in done]
    assert all(references), "a hand-off ended without a reference"
    assert len(set(references)) == len(references), "two hand-offs share a reference"
    db = sessions(project_url)
    with db() as session:
        stored = set(session.scalars(select(Ticket.reference)))
    assert stored == set(references), "tickets in the database differ from those told"

    wait_for_mail(inbox, len(references))
    mailed = Counter(
        m.group() for m in (REFERENCE.search(x["Subject"]) for x in inbox.messages) if m
    )
    twice = [ref for ref, n in mailed.items() if n > 1]
    missing = set(references) - set(mailed)
    assert not twice, f"e-mailed more than once: {twice}"
    assert not missing, f"never e-mailed: {sorted(missing)}"
    with db() as session:
        statuses = Counter(session.scalars(select(OutboxEmail.status)))
    assert statuses == Counter({"sent": len(references)}), statuses

    lost = sum(check_conversation(replicas, c) for c in done)
    acknowledged = sum(len(c.acknowledged) for c in done)
    assert lost == 0, f"{lost} acknowledged user messages are not in the tracker store"
    retried = sum(c.retried for c in done)
    print(
        f"scale-test passed: 2 replicas x (rasa, actions, gateway) on PostgreSQL + Redis; "
        f"{len(references)} hand-offs, {len(set(references))} distinct references, "
        f"{sum(mailed.values())} e-mails (1 per ticket), {acknowledged} acknowledged user "
        f"messages, 0 lost; rasa and gateway of replica 0 killed mid-run, {retried} turns "
        f"retried on the other replica; {time.monotonic() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
