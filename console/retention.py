"""What of the console's data goes after RETENTION_DAYS (bot/retention.py's purge calls this):
turn records (with the masked questions they keep), reviews, and sessions that have expired.
Accepted phrasings are a copy of a user's question too (masked, and masking is never perfect):
they wait for a developer's merge (`cepa-kb suggestions`) for RETENTION_DAYS at most."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import delete, func, select
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from console.models import Review, StaffSession, TurnRecord


def purge_console(session: Session, cutoff: dt.datetime, dry_run: bool = False) -> int:
    """Delete (or, in a dry run, count) turn records and reviews older than `cutoff`,
    and sessions expired before it, in the caller's transaction; returns how many rows."""
    targets = [
        (TurnRecord, TurnRecord.created_at < cutoff),
        (Review, Review.created_at < cutoff),
        (StaffSession, StaffSession.expires_at < cutoff),
    ]
    total = 0
    for table, condition in targets:
        if dry_run:
            total += int(
                session.scalar(select(func.count()).select_from(table).where(condition)) or 0
            )
        else:
            result = session.execute(
                delete(table).where(condition).execution_options(synchronize_session=False)
            )
            total += int(cast(CursorResult[Any], result).rowcount)
    return total
