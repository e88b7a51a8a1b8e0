"""The gateway's HTTP contract where no Rasa answers: validation and unavailability."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from tests.helpers import offline_settings


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    with TestClient(create_app(offline_settings(tmp_path))) as test_client:
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


VALID = {
    "scheme": "sme_aid",
    "installment_due_date": "2020-05-01",
    "is_last_installment": False,
    "grant_cancelled": False,
    "adjustments_used": 1,
    "installment_amount": 12000,
    "remaining_installments_after": 3,
}


def test_eligibility_computes_the_adjusted_schedule(client: TestClient) -> None:
    response = client.post("/api/eligibility", json=VALID)
    assert response.status_code == 200
    assert response.json() == {
        "eligible": True,
        "reason_codes": [],
        "reasons": [],
        "adjusted_installment": 1000.0,
        "deferred_amount": 11000.0,
        "later_installment_increase": 3666.67,
        "measure_open": False,
        "measure_closed_on": "2020-12-31",
    }


def test_eligibility_lists_every_reason(client: TestClient) -> None:
    body = {**VALID, "scheme": "other", "is_last_installment": True, "adjustments_used": 2,
            "installment_due_date": "2021-01-31", "installment_amount": 800}  # fmt: skip
    data = client.post("/api/eligibility", json=body).json()
    assert data["eligible"] is False
    assert data["reason_codes"] == [
        "scheme_not_covered", "last_installment", "adjustment_limit_reached",
        "outside_period", "installment_not_above_minimum",
    ]  # fmt: skip
    assert len(data["reasons"]) == 5 and "31 December 2020" in data["reasons"][3]
    assert data["adjusted_installment"] is None and data["later_installment_increase"] is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"installment_due_date": "2020-13-01"}, "installment_due_date"),
        ({"installment_due_date": "01/05/2020"}, "installment_due_date"),
        ({"adjustments_used": -1}, "adjustments_used"),
        ({"adjustments_used": "one"}, "adjustments_used"),
        ({"is_last_installment": "no"}, "is_last_installment"),
        ({"installment_amount": 0}, "installment_amount"),
        ({"remaining_installments_after": 0}, "remaining_installments_after"),
        ({"scheme": None}, "scheme"),
    ],
)
def test_eligibility_malformed_input_names_the_field(
    client: TestClient, change: dict[str, object], field: str
) -> None:
    response = client.post("/api/eligibility", json={**VALID, **change})
    assert response.status_code == 422
    assert field in response.json()["error"]


def test_eligibility_missing_field_is_named(client: TestClient) -> None:
    body = {k: v for k, v in VALID.items() if k != "grant_cancelled"}
    response = client.post("/api/eligibility", json=body)
    assert response.status_code == 422 and "grant_cancelled" in response.json()["error"]
