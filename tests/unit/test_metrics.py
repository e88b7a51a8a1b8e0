"""Prometheus metrics: what a turn counts, the shared e-mail backlog, and who may scrape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.parser import text_string_to_metric_families

from bot import metrics
from bot.app import create_app
from bot.chat import build_response
from bot.db import engine_for, metadata, sessions
from bot.settings import Settings, SettingsError, load
from handoff.contract import TicketRequest
from handoff.outbox import Backlog
from handoff.tickets import create_ticket
from tests.helpers import offline_settings

TOKEN = "metrics-token-0123456789abcdef"
ANSWER = [
    {"text": "The 15 measures are ..."},
    {"custom": {"sources": [{"id": "gba-measures", "title": "GBA"}], "lang": "en"}},
]
NOT_SURE = [{"text": "Not sure."}, {"custom": {"sources": [], "handoff_offered": True}}]
TICKET = [
    {"text": "Your reference is CEPA-20261129-0001."},
    {"custom": {"ticket": "CEPA-20261129-0001"}},
]


def _value(name: str, **labels: str) -> float:
    return metrics.REGISTRY.get_sample_value(name, labels) or 0.0


def _turn(channel: str, messages: list[dict[str, object]], intent: str) -> None:
    reply = build_response("u1", "a question", messages, {"name": intent, "confidence": 0.9})
    metrics.record_turn(channel, reply, 0.02)


def test_an_answered_turn_counts_its_channel_language_intent_and_latency() -> None:
    before = (
        _value("cepa_turns_total", channel="web", lang="en"),
        _value("cepa_intents_total", intent="ask_gba_measures"),
        _value("cepa_fallbacks_total", channel="web"),
        _value("cepa_turn_duration_seconds_count", channel="web"),
        _value("cepa_turn_duration_seconds_bucket", channel="web", le="0.025"),
    )
    _turn("web", ANSWER, "ask_gba_measures")
    after = (
        _value("cepa_turns_total", channel="web", lang="en"),
        _value("cepa_intents_total", intent="ask_gba_measures"),
        _value("cepa_fallbacks_total", channel="web"),
        _value("cepa_turn_duration_seconds_count", channel="web"),
        _value("cepa_turn_duration_seconds_bucket", channel="web", le="0.025"),
    )
    assert [a - b for a, b in zip(after, before, strict=True)] == [1, 1, 0, 1, 1]


def test_a_turn_with_no_source_and_a_staff_offer_is_a_fallback() -> None:
    before = _value("cepa_fallbacks_total", channel="tg")
    _turn("tg", NOT_SURE, "out_of_scope")
    assert _value("cepa_fallbacks_total", channel="tg") == before + 1


def test_a_turn_that_announces_a_ticket_counts_a_handoff() -> None:
    before = _value("cepa_handoffs_total", channel="api")
    _turn("api", TICKET, "affirm")
    _turn("api", ANSWER, "ask_gba_measures")
    assert _value("cepa_handoffs_total", channel="api") == before + 1


@pytest.mark.parametrize(
    ("name", "label"), [("greet", "greet"), ("", "none"), ("Robert'); DROP", "other")]
)
def test_intent_labels_stay_a_bounded_set(name: str, label: str) -> None:
    assert metrics.intent_label(name) == label


def test_a_failed_turn_is_counted_and_timed() -> None:
    before = _value("cepa_turn_failures_total", channel="web")
    metrics.record_failure("web", 30.0)
    assert _value("cepa_turn_failures_total", channel="web") == before + 1


def _families(collector: metrics.OutboxCollector) -> dict[str, float]:
    registry = CollectorRegistry()
    registry.register(collector)
    text = generate_latest(registry).decode()
    return {s.name: s.value for f in text_string_to_metric_families(text) for s in f.samples}


def test_the_backlog_gauges() -> None:
    assert _families(metrics.OutboxCollector(Backlog(3, 1, 42.0))) == {
        "cepa_outbox_up": 1,
        "cepa_outbox_pending": 3,
        "cepa_outbox_failed": 1,
        "cepa_outbox_oldest_pending_seconds": 42.0,
    }
    assert (
        _families(metrics.OutboxCollector(Backlog(0, 1, None)))[
            "cepa_outbox_oldest_pending_seconds"
        ]
        == 0
    )


def test_an_unreadable_backlog_still_scrapes_with_up_zero() -> None:
    assert _families(metrics.OutboxCollector(None)) == {"cepa_outbox_up": 0}


@pytest.mark.parametrize("token", ["short", "has a space in it 1234", "ключ" * 8])
def test_a_weak_metrics_token_is_refused_at_start(
    token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("METRICS_TOKEN", token)
    with pytest.raises(SettingsError, match="METRICS_TOKEN"):
        load(Settings)


def _app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, token: str | None) -> TestClient:
    url = f"sqlite:///{tmp_path / 'cepa.db'}"
    metadata().create_all(engine_for(url))
    request = TicketRequest("web:x", "en", "A", "a@example.com", "Q?", "other", [("user", "Q?")])
    create_ticket(sessions(url), request, "staff@example.com")  # one e-mail waiting
    monkeypatch.setenv("DATABASE_URL", url)
    if token is None:
        monkeypatch.delenv("METRICS_TOKEN", raising=False)
    else:
        monkeypatch.setenv("METRICS_TOKEN", token)
    return TestClient(create_app(offline_settings(tmp_path)))


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    with _app(tmp_path, monkeypatch, TOKEN) as test_client:
        yield test_client


def test_metrics_need_the_token(client: TestClient) -> None:
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/metrics", headers={"authorization": TOKEN}).status_code == 401


def test_metrics_with_the_token_show_the_shared_backlog(client: TestClient) -> None:
    response = client.get("/metrics", headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    samples = {
        s.name: s.value
        for f in text_string_to_metric_families(response.text)
        for s in f.samples
        if not s.labels
    }
    assert samples["cepa_outbox_up"] == 1
    assert samples["cepa_outbox_pending"] == 1
    assert "cepa_turns_total" in response.text
    assert "a@example.com" not in response.text


def test_metrics_are_absent_without_a_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _app(tmp_path, monkeypatch, None) as test_client:
        response = test_client.get("/metrics", headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 404
