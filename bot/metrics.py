"""Prometheus metrics of one gateway replica (prometheus-client), scraped at `GET /metrics`.

Counters and the latency histogram live in this process (each replica is scraped on its own;
Prometheus sums across them). The e-mail backlog is shared by every replica, so it is read from
the database at scrape time, never counted here. Labels are bounded and carry nothing personal:
channel, reply language, intent name. `/metrics` answers only with `Authorization: Bearer
$METRICS_TOKEN` (401 otherwise) and is absent (404) while METRICS_TOKEN is unset (the token is
validated with the gateway's other settings, bot/settings.py).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from bot.chat import ChatResponse
from handoff.outbox import Backlog
from knowledge.language import LANGS

logger = logging.getLogger(__name__)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Intent names come from the trained model (a fixed set); anything else is folded into "other"
# so that no client can make the series grow.
_INTENT_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")

REGISTRY = CollectorRegistry()
ProcessCollector(registry=REGISTRY)  # memory and CPU of this replica (docs/deploy.md sizes)
PlatformCollector(registry=REGISTRY)

TURNS = Counter(
    "cepa_turns", "Chat turns answered, by channel and reply language", ["channel", "lang"],
    registry=REGISTRY,
)  # fmt: skip
INTENTS = Counter(
    "cepa_intents", "Chat turns by the intent Rasa recognised", ["intent"], registry=REGISTRY
)
FALLBACKS = Counter(
    "cepa_fallbacks",
    "Turns with no answer from the knowledge base: staff offered, no source cited",
    ["channel"],
    registry=REGISTRY,
)
HANDOFFS = Counter(
    "cepa_handoffs", "Staff tickets created in chat turns", ["channel"], registry=REGISTRY
)
TURN_FAILURES = Counter(
    "cepa_turn_failures", "Turns that failed because Rasa did not answer", ["channel"],
    registry=REGISTRY,
)  # fmt: skip
TURN_SECONDS = Histogram(
    "cepa_turn_duration_seconds",
    "Time of one chat turn in the gateway (Rasa, the actions and shaping the reply)",
    ["channel"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
    registry=REGISTRY,
)


def is_fallback(reply: ChatResponse) -> bool:
    """The turn offered staff and cited no knowledge entry: the bot could not answer it."""
    return reply.handoff_offered and not reply.sources


def intent_label(name: str) -> str:
    if not name:
        return "none"
    return name if _INTENT_NAME.fullmatch(name) else "other"


def record_turn(channel: str, reply: ChatResponse, seconds: float) -> None:
    """Count one answered turn (bot/turns.py calls it for every channel)."""
    TURNS.labels(channel, reply.lang if reply.lang in LANGS else "other").inc()
    INTENTS.labels(intent_label(reply.intent.name)).inc()
    if is_fallback(reply):
        FALLBACKS.labels(channel).inc()
    tickets = sum(1 for r in reply.replies if r.ticket)
    if tickets:
        HANDOFFS.labels(channel).inc(tickets)
    TURN_SECONDS.labels(channel).observe(seconds)


def record_failure(channel: str, seconds: float) -> None:
    TURN_FAILURES.labels(channel).inc()
    TURN_SECONDS.labels(channel).observe(seconds)


class OutboxCollector(Collector):
    """The shared e-mail backlog as read for this scrape (`cepa_outbox_up` 0 when unread)."""

    def __init__(self, backlog: Backlog | None) -> None:
        self._backlog = backlog

    def collect(self) -> Iterable[Metric]:
        backlog = self._backlog
        yield GaugeMetricFamily(
            "cepa_outbox_up",
            "1 when the e-mail backlog could be read",
            value=int(backlog is not None),
        )
        if backlog is None:
            return
        yield GaugeMetricFamily(
            "cepa_outbox_pending", "Staff e-mails waiting to be sent", value=backlog.pending
        )
        yield GaugeMetricFamily(
            "cepa_outbox_failed", "Staff e-mails given up on (need staff)", value=backlog.failed
        )
        yield GaugeMetricFamily(
            "cepa_outbox_oldest_pending_seconds",
            "Age of the oldest e-mail still waiting (0 when none waits)",
            value=backlog.oldest_pending_seconds or 0.0,
        )


def scrape(backlog: Backlog | None) -> bytes:
    """The exposition text: this process's metrics, then the backlog the caller just read (the
    gateway reads it through bot/health.py's StoreProbe: one database query at a time)."""
    shared = CollectorRegistry()
    shared.register(OutboxCollector(backlog))
    return generate_latest(REGISTRY) + generate_latest(shared)
