"""The console's JSON API and CSV exports (Bearer ADMIN_TOKEN or a staff session; else 401).

- `GET /admin/unanswered?days=30` → `[{"text", "count", "last_seen", "lang", "closest_entry",
  "score", "variants"}]`: questions not answered, grouped by meaning, masked, not yet reviewed.
- `GET /admin/stats?days=N` (1..366) → the overview's figures (console/stats.py).
- `GET /admin/feedback?days=30&rating=down` → rated answers with the entry and, for 👎, the
  masked question.
- `GET /admin/{unanswered,stats,feedback,tickets}.csv` → the same tables as CSV.
(`GET /admin/tickets` is handoff/api.py's, and takes a staff session too.)
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.orm import Session, sessionmaker

from bot.db import utcnow
from console import queries
from console.access import Access
from console.csvs import to_csv
from console.grouping import Group, group_questions, load_retriever
from console.stats import MAX_DAYS, Overview, overview, period_start
from handoff.tickets import ticket_rows

DEFAULT_DAYS = 30
Days = Query(DEFAULT_DAYS, ge=1, le=MAX_DAYS)


def unanswered_groups(sessions: sessionmaker[Session], index_dir: Path, days: int) -> list[Group]:
    """Runs in a worker thread: the first call loads the knowledge index."""
    questions = queries.unanswered_questions(sessions, period_start(days, utcnow()))
    return group_questions(questions, load_retriever(index_dir) if questions else None)


def stats_for(sessions: sessionmaker[Session], days: int) -> Overview:
    now = utcnow()
    return overview(queries.turn_facts(sessions, period_start(days, now)), days, now)


def _csv(name: str, text: str) -> Response:
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}.csv"'},
    )


def api_router(
    access: Access, sessions: Callable[[], sessionmaker[Session]], index_dir: Path
) -> APIRouter:
    async def require(request: Request) -> None:
        if not await access.api_allowed(request):
            raise HTTPException(401, "staff session or admin token required")

    # A dependency runs before the query is validated: anonymous callers get 401, never 422.
    router = APIRouter(include_in_schema=False, dependencies=[Depends(require)])

    @router.get("/admin/unanswered")
    async def unanswered(days: int = Days) -> JSONResponse:
        groups = await asyncio.to_thread(unanswered_groups, sessions(), index_dir, days)
        return JSONResponse([g.as_json() for g in groups])

    @router.get("/admin/stats")
    async def stats(days: int = Query(7, ge=1, le=MAX_DAYS)) -> JSONResponse:
        figures = await asyncio.to_thread(stats_for, sessions(), days)
        return JSONResponse(figures.as_json())

    @router.get("/admin/feedback")
    async def feedback(
        days: int = Days, rating: Literal["up", "down"] | None = None
    ) -> JSONResponse:
        since = period_start(days, utcnow())
        rows = await asyncio.to_thread(queries.feedback_rows, sessions(), since, rating)
        return JSONResponse(rows)

    @router.get("/admin/unanswered.csv")
    async def unanswered_csv(days: int = Days) -> Response:
        groups = await asyncio.to_thread(unanswered_groups, sessions(), index_dir, days)
        header = ["text", "count", "last_seen", "lang", "closest_entry", "score", "variants"]
        rows = [
            [g.as_json()[h] if h != "variants" else " | ".join(g.variants) for h in header]
            for g in groups
        ]
        return _csv("unanswered", to_csv(header, rows))

    @router.get("/admin/stats.csv")
    async def stats_csv(days: int = Query(30, ge=1, le=MAX_DAYS)) -> Response:
        figures = await asyncio.to_thread(stats_for, sessions(), days)
        header = ["day", "messages", "answered", "not_answered"]
        rows = [
            [d.day.isoformat(), d.messages, d.answered, d.not_answered] for d in figures.per_day
        ]
        return _csv("stats", to_csv(header, rows))

    @router.get("/admin/feedback.csv")
    async def feedback_csv(days: int = Days) -> Response:
        since = period_start(days, utcnow())
        rows = await asyncio.to_thread(queries.feedback_rows, sessions(), since, None)
        header = ["created_at", "channel", "lang", "entry_id", "rating", "question"]
        return _csv("feedback", to_csv(header, [[r[h] for h in header] for r in rows]))

    @router.get("/admin/tickets.csv")
    async def tickets_csv() -> Response:
        rows = await asyncio.to_thread(ticket_rows, sessions(), 5000)
        header = ["reference", "created_at", "channel", "topic", "status", "email_status",
                  "attempts", "last_error"]  # fmt: skip
        return _csv("tickets", to_csv(header, [[r[h] for h in header] for r in rows]))

    return router
