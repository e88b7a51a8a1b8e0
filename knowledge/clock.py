"""Macao's calendar: "today" for the bureau is the date in Macao (UTC+8, no daylight saving)."""

from __future__ import annotations

import datetime as dt

MACAO = dt.timezone(dt.timedelta(hours=8))


def macao_today(now: dt.datetime | None = None) -> dt.date:
    """The Macao date of `now` (default: now); a naive datetime is UTC, as the database stores."""
    now = now or dt.datetime.now(dt.UTC)
    return (now if now.tzinfo else now.replace(tzinfo=dt.UTC)).astimezone(MACAO).date()
