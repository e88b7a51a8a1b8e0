"""Property-based fuzzing of the gateway's HTTP API: whatever arrives, never a 5xx.

Hypothesis generates well-formed, half-formed and malformed requests for `/api/chat`,
`/api/eligibility`, `/api/feedback` and `/admin/*` against the real running processes. Each
request comes from its own client address (X-Forwarded-For, trusted from loopback) so that the
rate limits, which have their own tests, do not hide the handlers.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.stack import Stack

pytestmark = pytest.mark.e2e

COUNTS = {"chat": 500, "eligibility": 700, "feedback": 400, "admin": 400}  # 2,000 requests

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(["", " ", "\u0000", "/restart", "2020-12-31", "9999-99-99", "1e30", "测试"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
ips = st.ip_addresses(v=4).map(str)
texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=80
)


def mutated(valid: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The valid body with some fields replaced by anything, some dropped, some added."""
    keys = list(valid)
    return st.builds(
        lambda replaced, dropped, extra: {
            **{k: v for k, v in {**valid, **replaced}.items() if k not in dropped},
            **extra,
        },
        st.dictionaries(st.sampled_from(keys), json_values, max_size=len(keys)),
        st.sets(st.sampled_from(keys), max_size=2),
        st.dictionaries(st.text(max_size=6), json_values, max_size=2),
    )


def bodies(valid: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[bytes]:
    as_json = valid.flatmap(lambda v: st.one_of(st.just(v), mutated(v))).map(
        lambda v: json.dumps(v).encode()
    )
    return st.one_of(
        as_json,
        as_json,
        json_values.map(lambda v: json.dumps(v).encode()),
        st.binary(max_size=64),
        st.just(b'{"sender": "\\ud800", "message": "\\udfff"}'),
    )


chat_bodies = bodies(
    st.fixed_dictionaries(
        {"sender": st.uuids().map(str), "message": texts},
        optional={"lang": st.sampled_from(["zh-Hant", "zh-Hans", "en", "pt", "fr", ""])},
    )
)
eligibility_bodies = bodies(
    st.fixed_dictionaries(
        {
            "scheme": st.sampled_from(["sme_aid", "young_entrepreneurs_aid", "x", ""]),
            "installment_due_date": st.dates().map(str),
            "is_last_installment": st.booleans(),
            "grant_cancelled": st.booleans(),
            "adjustments_used": st.integers(min_value=-5, max_value=10**6),
        },
        optional={
            "repayment_completed": st.booleans(),
            "installment_amount": st.floats(min_value=-1e40, max_value=1e40),
            "remaining_installments_after": st.integers(min_value=-5, max_value=10**12),
        },
    )
)
feedback_bodies = bodies(
    st.fixed_dictionaries(
        {
            "sender": st.uuids().map(str),
            "reply_id": texts,
            "rating": st.sampled_from(["up", "down", "meh"]),
        },
        optional={"reply_text": texts},
    )
)
# Only values a client can put on the wire (h11 refuses control characters and edge spaces).
header_bytes = st.binary(max_size=40).map(
    lambda b: bytes(c for c in b if 0x20 <= c != 0x7F).strip()
)
authorizations = st.one_of(
    st.none(),
    st.just(b"Bearer test-admin-token"),
    header_bytes.map(lambda b: (b"Bearer " + b).strip()),
    header_bytes,
)
content_types = st.sampled_from(
    [b"application/json", b"text/plain", b"application/x-www-form-urlencoded", b"", b"\xff"]
)


def fuzz(examples: int) -> settings:
    """Deterministic (the same requests every run), no deadline: the processes are real."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


@pytest.fixture(scope="module")
def client(stack: Stack) -> httpx.Client:
    with httpx.Client(base_url=stack.gateway_url, timeout=60) as c:
        yield c


def post(client: httpx.Client, path: str, body: bytes, ip: str, ctype: bytes, widget: bool) -> None:
    headers = {"x-forwarded-for": ip, "content-type": ctype}
    if widget:
        headers["x-cepa-client"] = "widget"
    response = client.post(path, content=body, headers=headers)
    assert response.status_code < 500, (path, body, response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/json")


@fuzz(COUNTS["chat"])
@given(body=chat_bodies, ip=ips, ctype=content_types, widget=st.booleans())
def test_chat_never_fails_on_the_server(
    client: httpx.Client, body: bytes, ip: str, ctype: bytes, widget: bool
) -> None:
    post(client, "/api/chat", body, ip, ctype, widget)


@fuzz(COUNTS["eligibility"])
@given(body=eligibility_bodies, ip=ips, ctype=content_types)
def test_eligibility_never_fails_on_the_server(
    client: httpx.Client, body: bytes, ip: str, ctype: bytes
) -> None:
    post(client, "/api/eligibility", body, ip, ctype, False)


@fuzz(COUNTS["feedback"])
@given(body=feedback_bodies, ip=ips, ctype=content_types, widget=st.booleans())
def test_feedback_never_fails_on_the_server(
    client: httpx.Client, body: bytes, ip: str, ctype: bytes, widget: bool
) -> None:
    post(client, "/api/feedback", body, ip, ctype, widget)


@fuzz(COUNTS["admin"])
@given(
    path=st.sampled_from(["/admin/tickets", "/admin/", "/admin/unanswered", "/admin/x"]),
    params=st.dictionaries(st.sampled_from(["limit", "days", "x"]), st.text(max_size=12)),
    authorization=authorizations,
    ip=ips,
)
def test_admin_never_fails_on_the_server(
    client: httpx.Client,
    path: str,
    params: dict[str, str],
    authorization: bytes | None,
    ip: str,
) -> None:
    headers: dict[str, Any] = {"x-forwarded-for": ip}
    if authorization is not None:
        headers["authorization"] = authorization
    response = client.get(path, params=params, headers=headers)
    assert response.status_code < 500, (path, params, authorization, response.text)
