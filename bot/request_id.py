"""The request id that ties one turn's log lines together across the gateway, Rasa and actions.

Stdlib only: Rasa's environment (.venv-rasa) imports this module too, so the header name, the
accepted shape and the context variable are the same in every process.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar, Token

HEADER = "X-Request-ID"
# What a caller may hand us: short, printable, no spaces or quotes, so it is safe in any log line
# and header. Anything else is replaced by a fresh id instead of being echoed back.
_WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")

current: ContextVar[str | None] = ContextVar("request_id", default=None)


def new() -> str:
    return uuid.uuid4().hex


def well_formed(value: str | None) -> bool:
    return bool(value) and _WELL_FORMED.fullmatch(value or "") is not None


def accept(incoming: str | None) -> str:
    """The caller's id when it is well formed, else a fresh one."""
    return incoming if incoming is not None and well_formed(incoming) else new()


def bind(request_id: str) -> Token[str | None]:
    """Make `request_id` the current one for this task (and the tasks it starts)."""
    return current.set(request_id)


def reset(token: Token[str | None]) -> None:
    current.reset(token)


class RequestIdFilter(logging.Filter):
    """Stamps every record with the current request id (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = current.get()
        return True
