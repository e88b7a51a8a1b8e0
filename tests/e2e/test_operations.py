"""Operations on the real processes: one request id in the three logs, probes and metrics."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.stack import Stack
from tests.e2e.conftest import METRICS_TOKEN

QUESTION = "大灣區有咩惠澳措施？"  # answered by the action server from the knowledge base


def _lines_with(log: Path, needle: str) -> list[str]:
    return [line for line in log.read_text(encoding="utf-8").splitlines() if needle in line]


def _wait_for_lines(log: Path, needle: str, timeout: float = 30.0) -> list[str]:
    """Each process writes its line as it finishes the request: wait for it, within bounds."""
    deadline = time.monotonic() + timeout
    while not (found := _lines_with(log, needle)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


@pytest.mark.parametrize("turn", ["first", "second"])
def test_one_request_id_runs_through_the_gateway_rasa_and_action_logs(
    stack: Stack, turn: str
) -> None:
    """Every turn, not only a session's first: Rasa's repeated-log filter once kept one
    "turn handled" line of a whole session."""
    given = f"e2e-{uuid.uuid4().hex}"
    response = httpx.post(
        stack.gateway_url + "/api/chat",
        json={"sender": uuid.uuid4().hex, "message": QUESTION},
        headers={"X-Request-ID": given},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    assert response.json()["sources"], "the question should have been answered by the actions"
    assert response.headers["x-request-id"] == given

    logs = stack.var_dir / "log"
    seen: dict[str, list[dict[str, Any]]] = {}
    for name in ("gateway", "rasa", "actions"):
        lines = _wait_for_lines(logs / f"{name}.log", given)
        assert lines, f"{given} not in {name}.log"
        seen[name] = [json.loads(line) for line in lines]  # each one a JSON object
        assert all(r["request_id"] == given and r["service"] == name for r in seen[name])
        assert {"time", "level", "logger", "message"} <= set(seen[name][0])
    assert any(r.get("path") == "/api/chat" and r.get("status") == 200 for r in seen["gateway"])
    assert any(r["message"] == "turn handled" for r in seen["rasa"])
    assert any(r.get("path") == "/webhook" and r.get("status") == 200 for r in seen["actions"])
    # Nothing a user wrote reaches a log.
    for name in ("gateway", "rasa", "actions"):
        assert QUESTION not in (logs / f"{name}.log").read_text(encoding="utf-8")


def test_a_malformed_request_id_is_replaced_not_echoed(stack: Stack) -> None:
    response = httpx.get(stack.gateway_url + "/livez", headers={"X-Request-ID": "a b"}, timeout=10)
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}
    assert response.headers["x-request-id"] not in ("", "a b")


def test_the_gateway_and_action_logs_are_json_lines_throughout(stack: Stack) -> None:
    for name in ("gateway", "actions"):
        text = (stack.var_dir / "log" / f"{name}.log").read_text(encoding="utf-8")
        for line in text.splitlines():
            assert isinstance(json.loads(line), dict), line
        # The Bot API's URLs carry the bot token (conftest: TELEGRAM_BOT_TOKEN); never logged.
        assert "4242:TEST" not in text


def test_ready_when_every_part_and_the_database_answer(stack: Stack) -> None:
    response = httpx.get(stack.gateway_url + "/readyz", timeout=10)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ready"
    checks = body["checks"]
    assert {k: checks[k] for k in ("database", "rasa", "actions", "knowledge")} == dict.fromkeys(
        ("database", "rasa", "actions", "knowledge"), True
    )
    assert checks["outbox"]["ok"] is True
    assert isinstance(checks["outbox"]["pending"], int)


def _scrape(stack: Stack) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = httpx.get(
        stack.gateway_url + "/metrics",
        headers={"authorization": f"Bearer {METRICS_TOKEN}"},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def test_metrics_count_turns_intents_fallbacks_and_latency(stack: Stack) -> None:
    assert httpx.get(stack.gateway_url + "/metrics", timeout=10).status_code == 401
    before = _scrape(stack)
    answer = httpx.post(
        stack.gateway_url + "/api/chat",
        json={"sender": uuid.uuid4().hex, "message": "今日天氣點樣？"},
        timeout=60,
    ).json()
    assert answer["handoff_offered"] and not answer["sources"]  # a fallback
    after = _scrape(stack)

    def delta(name: str, **labels: str) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0.0) - before.get(key, 0.0)

    assert delta("cepa_turns_total", channel="api", lang=answer["lang"]) == 1
    assert delta("cepa_intents_total", intent=answer["intent"]["name"]) == 1
    assert delta("cepa_fallbacks_total", channel="api") == 1
    assert delta("cepa_turn_duration_seconds_count", channel="api") == 1
    assert after[("cepa_outbox_up", ())] == 1
    assert ("cepa_outbox_pending", ()) in after
    assert after[("process_resident_memory_bytes", ())] > 0
