"""Macao's calendar: "today" for the bureau is the date in Macao (UTC+8, no daylight saving)."""

from __future__ import annotations

import datetime as dt

MACAO = dt.timezone(dt.timedelta(hours=8))


def macao_today(now: dt.datetime | None = None) -> dt.date:
    return (now or dt.datetime.now(dt.UTC)).astimezone(MACAO).date()
