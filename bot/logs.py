"""Logging for the .venv processes (gateway, action server): one JSON object per line, or text.

`LOG_FORMAT=json` (the default: what a log shipper reads) writes, per record,
`{"time", "level", "logger", "message", "request_id", "service", ...extra fields}` on stdout;
`LOG_FORMAT=text` writes plain lines for a developer's terminal. The request id comes from
`bot.request_id` (bound per request by the gateway's middleware and the action server). Rasa's
process formats the same lines with the standard library only (`nlu/logs.py`); a unit test
keeps the two identical.

Never log message text, names or contacts: log ids, counts, statuses and durations.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from datetime import UTC, datetime
from typing import IO, Any

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

from bot.request_id import RequestIdFilter

FORMATS = ("json", "text")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
# Servers that install their own handlers; their records go through ours instead.
SERVER_LOGGERS = (
    "uvicorn",
    "uvicorn.error",
    "uvicorn.access",
    "sanic.root",
    "sanic.error",
    "sanic.access",
    "sanic.server",
    "sanic.websockets",
    "jieba",
)
# Clients that log every request at INFO with its full URL: Telegram's has the bot token in its
# path, and polling would write a line a second.
QUIET_LOGGERS = ("httpx", "httpcore")
# uvicorn's ANSI-coloured copy of its message.
DROPPED_FIELDS = ("color_message",)


def log_format() -> str:
    """LOG_FORMAT, validated: `json` (default) or `text`."""
    raw = os.environ.get("LOG_FORMAT", "").strip().lower() or "json"
    if raw not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(FORMATS)}, got {raw!r}")
    return raw


def utc_time(created: float) -> str:
    """ISO 8601 in UTC with milliseconds, e.g. 2026-11-29T15:46:05.123Z."""
    return datetime.fromtimestamp(created, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class JsonLines(JsonFormatter):
    """python-json-logger with the project's field names and order."""

    def __init__(self, service: str) -> None:
        super().__init__(
            ["levelname", "name", "message", "request_id"],
            rename_fields={"levelname": "level", "name": "logger"},
            static_fields={"service": service},
            json_ensure_ascii=False,
            json_default=str,
            reserved_attrs=[*RESERVED_ATTRS, *DROPPED_FIELDS],
        )

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        return log_data

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        log_data["time"] = utc_time(record.created)  # first, so lines sort and read by time
        super().add_fields(log_data, record, message_dict)


def setup(service: str, stream: IO[str] | None = None, level: int = logging.INFO) -> str:
    """Route every record of this process through one handler; returns the format used."""
    fmt = log_format()
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonLines(service) if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    with contextlib.suppress(ImportError):
        import jieba  # noqa: F401 - adds its own stderr handler at import: import it now, then drop it
    for name in SERVER_LOGGERS:
        server_logger = logging.getLogger(name)
        server_logger.handlers.clear()
        server_logger.propagate = True
    logging.getLogger("jieba").setLevel(logging.INFO)  # it sets DEBUG for itself
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.captureWarnings(True)  # library warnings become records too, not bare stderr text
    return fmt
