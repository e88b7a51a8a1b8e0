"""JSON log lines and request ids: one shape in every process, nothing malformed passed on."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator

import pytest

from bot import logs, request_id
from nlu import logs as rasa_logs


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """`setup` replaces the root handler; pytest's capture needs its own back."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.captureWarnings(False)


def _record(**extra: object) -> logging.LogRecord:
    record = logging.LogRecord(
        "actions.access", logging.INFO, __file__, 1, "took %s ms", (12,), None
    )
    record.__dict__.update(extra)
    return record


def _both(record: logging.LogRecord) -> tuple[dict[str, object], dict[str, object]]:
    request_id.RequestIdFilter().filter(record)
    ours = json.loads(logs.JsonLines("actions").format(record))
    rasa = json.loads(rasa_logs.JsonLineFormatter("actions").format(record))
    return ours, rasa


def test_the_rasa_copy_of_the_line_format_matches_python_json_logger() -> None:
    token = request_id.bind("req-1")
    try:
        ours, rasa = _both(
            _record(status=200, path="/webhook", fields={"n": 1}, color_message="\x1b[1m")
        )
    finally:
        request_id.reset(token)
    assert ours == rasa
    assert list(ours)[:6] == ["time", "level", "logger", "message", "request_id", "service"]
    assert ours["message"] == "took 12 ms"
    assert ours["request_id"] == "req-1"
    assert ours["status"] == 200
    assert "color_message" not in ours


def test_the_copies_agree_on_exceptions_and_on_lines_outside_a_request() -> None:
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = _record()
        record.exc_info = sys.exc_info()
    ours, rasa = _both(record)
    assert ours == rasa
    assert ours["request_id"] is None
    assert "RuntimeError: boom" in str(ours["exc_info"])


@pytest.mark.usefixtures("restore_logging")
def test_setup_writes_one_json_object_a_line_with_the_bound_id(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("LOG_FORMAT", raising=False)
    stream = io.StringIO()
    assert logs.setup("gateway", stream) == "json"
    token = request_id.bind("abc123")
    logging.getLogger("bot.test").info("first")
    request_id.reset(token)
    logging.getLogger("uvicorn.error").warning("second")
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/bot123:SECRET/x")
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [(x["message"], x["request_id"], x["service"]) for x in lines] == [
        ("first", "abc123", "gateway"),
        ("second", None, "gateway"),
    ]


@pytest.mark.usefixtures("restore_logging")
def test_text_format_keeps_plain_lines_with_the_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_FORMAT", "text")
    stream = io.StringIO()
    assert logs.setup("gateway", stream) == "text"
    token = request_id.bind("abc123")
    logging.getLogger("bot.test").info("hello")
    request_id.reset(token)
    line = stream.getvalue().strip()
    assert line.endswith("INFO bot.test [abc123] hello")
    with pytest.raises(json.JSONDecodeError):
        json.loads(line)


@pytest.mark.parametrize("module", [logs, rasa_logs])
def test_an_unknown_log_format_is_a_clear_error(
    module: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOG_FORMAT", "yaml")
    with pytest.raises(ValueError, match="LOG_FORMAT must be one of json, text"):
        module.log_format()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "incoming",
    ["4f1c2e9a-8d0b-4c7e-9f00-1234567890ab", "lb-7:abc.def_1", "a" * 64],
)
def test_a_well_formed_incoming_id_is_kept(incoming: str) -> None:
    assert request_id.accept(incoming) == incoming


@pytest.mark.parametrize(
    "incoming", [None, "", "a" * 65, "has space", "line\nbreak", '"quoted"', "-leading", "日本"]
)
def test_a_missing_or_malformed_id_is_replaced_by_a_fresh_one(incoming: str | None) -> None:
    fresh = request_id.accept(incoming)
    assert fresh != incoming
    assert request_id.well_formed(fresh)
    assert fresh != request_id.accept(incoming)  # fresh each time


def test_structlog_events_lose_what_users_wrote_but_keep_their_name() -> None:
    kwargs = rasa_logs.structlog_to_stdlib(
        None,
        "info",
        {
            "event": "processor.actions.log",
            "event_info": "Running action",
            "level": "info",
            "action_name": "action_answer_question",
            "text": "我叫陳大文，電話 66123456",
            "sender_id": "tg:12345",
            "slot_values": {"contact_name": "陳大文"},
        },
    )
    assert kwargs == {
        "msg": "Running action",
        "extra": {
            "event": "processor.actions.log",
            "fields": {"action_name": "action_answer_question"},
        },
    }
