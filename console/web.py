"""The console as the gateway mounts it: one object holding the access checks, the turn
recorder and the routers (bot/app.py includes them)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter
from sqlalchemy.orm import Session, sessionmaker

from console.access import Access
from console.api import api_router
from console.pages import pages_router
from console.recording import Recorder


class Console:
    def __init__(
        self,
        admin_token: Callable[[], str | None],
        sessions: Callable[[], sessionmaker[Session]],
        index_dir: Path,
        tracker_url: str | None = None,
    ) -> None:
        self.access = Access(admin_token, sessions)
        self.recorder = Recorder(sessions, tracker_url)
        self._sessions = sessions
        self._index_dir = index_dir

    def routers(self) -> list[APIRouter]:
        return [
            api_router(self.access, self._sessions, self._index_dir),
            pages_router(self.access, self._sessions, self._index_dir),
        ]
