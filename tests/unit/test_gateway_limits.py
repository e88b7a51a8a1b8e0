"""The gateway's own guards, in process: body size, Unicode, headers, rate limits, bounds.

Rasa is not running here (these guards answer before any turn); tests/e2e/test_security.py
checks the same holes against the real processes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from tests.helpers import ELIGIBLE_CASE, offline_settings

VALID = ELIGIBLE_CASE


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(offline_settings(tmp_path, rate_ip_per_minute=5))) as test_client:
        yield test_client


def test_a_body_over_16_kib_is_413(client: TestClient) -> None:
    body = json.dumps({"sender": "s", "message": "長" * 6000}).encode()
    assert len(body) > 16 * 1024
    response = client.post("/api/chat", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "16384" in response.json()["error"]


def test_lone_surrogate_is_400_not_503(client: TestClient) -> None:
    response = client.post(
        "/api/chat",
        content=b'{"sender": "s", "message": "\\ud83d"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400


def test_ip_limit_gives_429_with_retry_after(client: TestClient) -> None:
    statuses = [client.post("/api/eligibility", json=VALID).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    limited = client.post("/api/eligibility", json=VALID)
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert "retry" in limited.json()["error"]


def test_ended_measure_is_reported_with_its_closing_date(client: TestClient) -> None:
    reply = client.post("/api/eligibility", json=VALID).json()
    # The rules' verdict stays what they would have said; the measure itself is over.
    assert reply["eligible"] is True
    assert reply["measure_open"] is False
    assert reply["measure_closed_on"] == "2020-12-31"


@pytest.mark.parametrize(
    ("field", "value"),
    [("remaining_installments_after", 601), ("installment_amount", 1e30),
     ("adjustments_used", 101)],
)  # fmt: skip
def test_numbers_beyond_the_bounds_are_422_naming_the_field(
    client: TestClient, field: str, value: float
) -> None:
    response = client.post("/api/eligibility", json={**VALID, field: value})
    assert response.status_code == 422
    assert field in response.json()["error"]


def test_docs_are_off_by_default(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").status_code == 404


def test_every_response_has_the_security_headers(client: TestClient) -> None:
    page = client.get("/")
    assert "frame-ancestors 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    api = client.post("/api/chat", json={})
    assert api.headers["cache-control"] == "no-store"
    # The staff console may be framed by no one, even where the widget may (click-jacking).
    console = client.get("/admin/login")
    assert console.status_code == 200 and console.headers["content-type"].startswith("text/html")
    assert "frame-ancestors 'none'" in console.headers["content-security-policy"]
    assert console.headers["x-frame-options"] == "DENY"


def test_a_shared_store_is_used_when_redis_is_configured() -> None:
    from limits.aio.storage import RedisStorage
    from limits.storage import MemoryStorage

    from bot.ratelimit import storage_for

    # In one process: the synchronous store, whose expiry does not hop threads per key.
    assert isinstance(storage_for(None), MemoryStorage)
    # Built lazily: no connection is made until the first hit.
    assert isinstance(storage_for("redis://127.0.0.1:6390/0"), RedisStorage)


def test_the_in_memory_limit_counts_per_key_and_says_how_long_to_wait() -> None:
    import asyncio

    from bot.ratelimit import Limiter, storage_for

    async def scenario() -> tuple[list[int | None], int | None]:
        limiter = Limiter({"sender": 3}, storage_for(None))
        verdicts = [await limiter.check("sender", "web:a") for _ in range(4)]
        return verdicts, await limiter.check("sender", "web:b")

    verdicts, other = asyncio.run(scenario())
    assert verdicts[:3] == [None, None, None]
    assert verdicts[3] is not None and 1 <= verdicts[3] <= 60
    assert other is None
