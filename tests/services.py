"""Throw-away PostgreSQL and Redis servers on loopback, from Debian's packages.

Used by the PostgreSQL-backed tests (tests/conftest.py), the tracker-store benchmark and
`make scale-test`. `scripts/ensure_services.sh` installs the packages when they are missing.
Each server lives in a temporary folder and is stopped (and its data dropped) on exit.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_USER = "cepa"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listening on {port}")


@dataclass(frozen=True)
class Postgres:
    port: int
    user: str = PG_USER

    def url(self, database: str = "postgres", driver: str = "postgresql+psycopg") -> str:
        """SQLAlchemy URL; `driver="postgresql"` gives Rasa's (psycopg2) form."""
        return f"{driver}://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database `name`; returns its psycopg 3 URL."""
        import psycopg

        conninfo = f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def postgres_available() -> bool:
    return (PG_BIN / "initdb").exists() and shutil.which("runuser") is not None


@contextmanager
def postgres() -> Iterator[Postgres]:
    """A PostgreSQL 15 cluster in a new folder under /tmp, trusting connections on 127.0.0.1
    only. As root it runs as the `postgres` user (the server refuses root), so the folder is
    made where that user can reach it (pytest's own temporary folders are private to root)."""
    if not postgres_available():
        raise RuntimeError("PostgreSQL server binaries missing: run scripts/ensure_services.sh")
    home = Path(tempfile.mkdtemp(prefix="cepa-pg-"))
    data = home / "data"
    data.mkdir()
    as_pg: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(home, "postgres", "postgres")
        shutil.chown(data, "postgres", "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run(
        [*as_pg, str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", PG_USER],
        check=True, capture_output=True,
    )  # fmt: skip
    server = subprocess.Popen(
        [*as_pg, str(PG_BIN / "postgres"), "-D", str(data), "-p", str(port), "-k", str(data),
         "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300", "-c", "fsync=off"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_port(port)
        _wait_accepting(port)
        yield Postgres(port)
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(home, ignore_errors=True)


def _wait_accepting(port: int, timeout: float = 30) -> None:
    """The port opens before the cluster accepts logins; wait for a real connection."""
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            psycopg.connect(f"host=127.0.0.1 port={port} user={PG_USER} dbname=postgres").close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def redis(tmp: Path) -> Iterator[int]:
    """A Redis server on a free loopback port (append-only file on); yields the port."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server missing: run scripts/ensure_services.sh")
    port = free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(tmp),
         "--appendonly", "yes", "--appendfsync", "everysec", "--save", ""],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_port(port)
        yield port
    finally:
        server.terminate()
        server.wait(30)
