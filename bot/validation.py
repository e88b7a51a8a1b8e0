"""Field checks shared by every request model: text that is valid Unicode and one line.

A JSON string may carry a lone surrogate (`"\\ud800"`), which Python accepts but no encoder
does; it would fail deep inside a turn. It is refused here, as a 400 (see bot/app.py).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

INVALID_UNICODE = "invalid_unicode"
# pydantic's own error when its JSON parser meets such a string in a field it reads raw.
UNICODE_ERRORS = frozenset({INVALID_UNICODE, "string_unicode"})


def valid_unicode(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError(INVALID_UNICODE, "text is not valid Unicode") from None
    if "\x00" in value:  # PostgreSQL's text refuses NUL: a clear 400, never a 500 later
        raise PydanticCustomError(INVALID_UNICODE, "text contains a NUL character")
    return value


UnicodeText = Annotated[str, AfterValidator(valid_unicode)]
