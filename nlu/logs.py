"""JSON log lines for the Rasa process, in the same shape as the gateway's and the actions'.

Rasa's environment (.venv-rasa) has no python-json-logger, so the line is built here with the
standard library; `tests/unit/test_logs.py` formats one record with both this and
`bot/logs.py` and fails if the two drift. Rasa logs through stdlib logging *and* structlog:
structlog's events are handed to stdlib logging here (event name as the message, its key-value
pairs under `fields`), minus the keys Rasa itself treats as personal (message text, slots,
entities). Sanic's own console handlers are switched off so every line goes through one handler.
`LOG_FORMAT=text` leaves Rasa's own output as it is.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from datetime import datetime, timezone
from typing import IO, Any

from bot.request_id import RequestIdFilter

FORMATS = ("json", "text")
# The attributes every LogRecord has: anything else on a record is an `extra` field.
_RECORD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "taskName",
    "request_id",
    "color_message",  # uvicorn's ANSI-coloured copy of its message (dropped by bot/logs.py too)
}
# Keys whose values carry what users wrote (rasa/utils/log_utils.py `_anonymizer`), and ids of
# people: never written to the log.
PERSONAL_KEYS = frozenset(
    {
        "text",
        "response_text",
        "user_text",
        "slot_values",
        "parse_data_text",
        "parse_data_entities",
        "prediction_events",
        "tracker_latest_message",
        "prefilled_slots",
        "message",
        "response",
        "slot_candidates",
        "rasa_event",
        "rasa_events",
        "tracker_states",
        "current_states",
        "old_states",
        "successes",
        "current_entity",
        "next_entity",
        "states",
        "entity",
        "token_text",
        "user_message",
        "json_message",
        "sender_id",
        "conversation_id",
        "events",
        "tracker",
        "slots",
        "entities",
    }
)
_SERVER_LOGGERS = ("sanic.root", "sanic.error", "sanic.access", "sanic.server", "jieba")


def log_format() -> str:
    raw = os.environ.get("LOG_FORMAT", "").strip().lower() or "json"
    if raw not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(FORMATS)}, got {raw!r}")
    return raw


def utc_time(created: float) -> str:
    return (
        datetime.fromtimestamp(created, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    )


class JsonLineFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request_id, service, extras."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": utc_time(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
            "service": self.service,
        }
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRS and not key.startswith("_"):
                data[key] = value
        if record.exc_info:
            data["exc_info"] = self.formatException(record.exc_info)
        elif record.exc_text:
            data["exc_info"] = record.exc_text
        if record.stack_info:
            data["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def structlog_to_stdlib(_: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """Last structlog processor: the event as stdlib `logger.<level>(msg, extra=...)` kwargs."""
    event = str(event_dict.pop("event", ""))
    info = event_dict.pop("event_info", None)
    exc_info = event_dict.pop("exc_info", None)
    for key in ("level", "log_level", "timestamp"):
        event_dict.pop(key, None)
    fields = {k: v for k, v in event_dict.items() if k not in PERSONAL_KEYS}
    extra: dict[str, Any] = {"event": event}
    if fields:
        extra["fields"] = fields
    kwargs: dict[str, Any] = {"msg": str(info) if info else event, "extra": extra}
    if exc_info:
        kwargs["exc_info"] = exc_info
    return kwargs


def route_structlog() -> None:
    """After Rasa's `configure_structlog`: keep its pipeline (level filter, anonymizer) but
    render through the stdlib handler, so structlog events are JSON lines with a request id."""
    if log_format() == "text":
        return
    import structlog

    processors = [
        p
        for p in structlog.get_config()["processors"]
        if not isinstance(p, (structlog.processors.JSONRenderer, structlog.dev.ConsoleRenderer))
        and p is not structlog.processors.dict_tracebacks
    ]
    structlog.configure(processors=[*processors, structlog_to_stdlib])


def setup(service: str = "rasa", stream: IO[str] | None = None) -> str:
    """Call before Rasa's modules are imported, so their warnings are records too."""
    fmt = log_format()
    if fmt == "text":
        return fmt
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonLineFormatter(service))
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.captureWarnings(True)
    with contextlib.suppress(ImportError):
        # Sanic applies this config when Rasa creates its app: console handlers that print
        # plain text beside ours. Emptied, Sanic's loggers propagate to the root handler.
        from sanic.log import LOGGING_CONFIG_DEFAULTS

        LOGGING_CONFIG_DEFAULTS.update(loggers={}, handlers={}, formatters={})
    with contextlib.suppress(ImportError):
        import jieba  # noqa: F401 - adds its own stderr handler at import: import now, drop it
    for name in _SERVER_LOGGERS:
        server_logger = logging.getLogger(name)
        server_logger.handlers.clear()
        server_logger.propagate = True
    logging.getLogger("jieba").setLevel(logging.INFO)
    return fmt
