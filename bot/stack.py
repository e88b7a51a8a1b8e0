"""Starting and stopping the whole service: action server, Rasa and the gateway.

`make run` uses `main()`; the end-to-end tests use `Stack` with their own ports and folders.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from bot.auth import new_token
from bot.migrate import upgrade
from bot.rasa_model import RASA_PYTHON, ensure_model, rasa_env
from bot.settings import (
    PROJECT_ROOT,
    ActionServerSettings,
    AddressSettings,
    Settings,
    StackSettings,
    TokenSettings,
    load,
    load_or_exit,
)
from knowledge.index import default_index_dir

VENV_PYTHON = PROJECT_ROOT / ".venv" / "bin" / "python"
DEFAULT_ENDPOINTS = PROJECT_ROOT / "endpoints.yml"


def default_endpoints() -> Path:
    """RASA_ENDPOINTS (relative to the project) when the operator set it, else endpoints.yml."""
    chosen = load(StackSettings).rasa_endpoints
    return PROJECT_ROOT / chosen if chosen else DEFAULT_ENDPOINTS


@dataclass(frozen=True)
class Ports:
    gateway: int = 8000
    rasa: int = 5005
    actions: int = 5055

    @classmethod
    def from_env(cls) -> Ports:
        addresses = load(AddressSettings)
        return cls(addresses.gateway_port, addresses.rasa_port, addresses.actions_port)


def _token(name: str) -> str:
    """A shared secret from the environment, else a fresh one for this start."""
    return str(getattr(load(TokenSettings), name)) or new_token()


@dataclass
class Stack:
    model: Path
    ports: Ports = field(default_factory=Ports)
    var_dir: Path = PROJECT_ROOT / "var"
    index_dir: Path = field(default_factory=default_index_dir)
    host: str = "127.0.0.1"
    extra_env: dict[str, str] = field(default_factory=dict)
    actions_host: str = "127.0.0.1"
    # Rasa's endpoints (action server, tracker store, lock store): RASA_ENDPOINTS if the
    # operator set it, else endpoints.yml (SQLite); benchmarks and tests pass their own.
    endpoints: Path = field(default_factory=lambda: default_endpoints())
    # Shared secrets of the process pairs: from the environment, else fresh for this start.
    rasa_token: str = field(default_factory=lambda: _token("rasa_token"))
    actions_token: str = field(default_factory=lambda: _token("actions_token"))
    handoff_token: str = field(default_factory=lambda: _token("handoff_token"))
    _procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict, init=False)
    _logs: list[IO[bytes]] = field(default_factory=list, init=False)

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.gateway}"

    def _env(self) -> dict[str, str]:
        """The processes' environment: the operator's, with the wiring between the three
        processes this stack starts, and the embedded stores only where nothing is configured."""
        operator = os.environ
        env = rasa_env()
        # endpoints.yml's SQLite tracker store (rasa_env's defaults point at the shared var/).
        for name, default in (
            ("RASA_TRACKER_DIALECT", "sqlite"),
            ("RASA_TRACKER_DB", str(self.var_dir / "rasa" / "tracker.db")),
            ("DATABASE_URL", f"sqlite:///{self.var_dir / 'cepa.db'}"),
        ):
            env[name] = operator.get(name) or default
        env.update(
            ACTION_ENDPOINT_URL=f"http://127.0.0.1:{self.ports.actions}/webhook",
            RASA_URL=f"http://127.0.0.1:{self.ports.rasa}",
            ACTIONS_URL=f"http://127.0.0.1:{self.ports.actions}",
            KB_INDEX_DIR=str(self.index_dir),
            RASA_TOKEN=self.rasa_token,
            ACTIONS_TOKEN=self.actions_token,
            HANDOFF_TOKEN=self.handoff_token,
            # Where the action server files tickets (the gateway owns tickets and the outbox).
            GATEWAY_URL=f"http://127.0.0.1:{self.ports.gateway}",
        )
        env.update(self.extra_env)
        return env

    def commands(self) -> dict[str, list[str]]:
        py = str(VENV_PYTHON)
        return {
            "actions": [
                py, "-m", "actions.server",
                "--host", self.actions_host, "--port", str(self.ports.actions),
            ],
            # Tokens travel in the environment, never on a command line that `ps` shows.
            "rasa": [
                str(RASA_PYTHON), "-m", "nlu.server",
                "--interface", "127.0.0.1", "--port", str(self.ports.rasa),
                "--model", str(self.model),
                "--endpoints", str(self.endpoints), "--credentials", "credentials.yml",
            ],
            # Slow or piled-up clients cannot hold the gateway (bot/serve.py, docs/security.md).
            "gateway": [py, "-m", "bot.serve", "--host", self.host, "--port", str(self.ports.gateway)],
        }  # fmt: skip

    def start(self) -> None:
        log_dir = self.var_dir / "log"
        log_dir.mkdir(parents=True, exist_ok=True)
        (self.var_dir / "rasa").mkdir(parents=True, exist_ok=True)
        env = self._env()
        # The schema is made once, here, before any process starts (never by the processes).
        upgrade(env["DATABASE_URL"])
        for name, command in self.commands().items():
            log = open(log_dir / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop()
            self._logs.append(log)
            self._procs[name] = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip

    def kill(self, name: str) -> None:
        """SIGKILL one process (`rasa`, `actions`, `gateway`): a crash, for failover tests."""
        proc = self._procs[name]
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

    def pids(self) -> dict[str, int]:
        """Process ids of the running parts (benchmarks read their memory)."""
        return {name: proc.pid for name, proc in self._procs.items() if proc.poll() is None}

    def health(self) -> tuple[int, dict[str, object]] | None:
        try:
            response = httpx.get(self.gateway_url + "/healthz", timeout=3)
            return response.status_code, response.json()
        except (httpx.HTTPError, ValueError):
            return None

    def exited(self) -> str | None:
        """Which process has died, if any, and where its log is."""
        for name, proc in self._procs.items():
            if proc.poll() is not None:
                return (
                    f"{name} exited with code {proc.returncode}; see {self.var_dir}/log/{name}.log"
                )
        return None

    def wait_healthy(self, timeout: float = 300.0) -> None:
        deadline = time.monotonic() + timeout
        last: object = None
        while time.monotonic() < deadline:
            if died := self.exited():
                raise RuntimeError(died)
            last = self.health()
            if last is not None and last[0] == 200:
                return
            time.sleep(1.0)
        raise TimeoutError(f"service not healthy after {timeout:.0f}s: {last}")

    def stop(self, grace: float = 15.0) -> None:
        for proc in self._procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for proc in self._procs.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        for log in self._logs:
            log.close()
        self._procs.clear()
        self._logs.clear()


def main() -> int:
    from knowledge.cli import main as kb_main
    from nlu.settings import check_environment

    # Every process's settings, checked before minutes of index and model work.
    settings = load_or_exit(StackSettings)
    load_or_exit(Settings)
    load_or_exit(ActionServerSettings)
    if kb_main(["build"]) != 0:
        return 1
    stack = Stack(
        model=ensure_model(),
        ports=Ports.from_env(),
        host=settings.gateway_host,
        actions_host=settings.actions_host,
    )
    if problems := check_environment(stack.endpoints, stack._env()):
        print(f"error: invalid setting: {'; '.join(problems)}", file=sys.stderr)
        return 2
    stopping = False

    def _request_stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _request_stop)
    signal.signal(signal.SIGTERM, _request_stop)
    print("starting action server, Rasa and gateway (logs in var/log/) ...", flush=True)
    stack.start()
    try:
        stack.wait_healthy()
        print(
            f"\nCEPA enquiry assistant is up:\n"
            f"  chat API   POST {stack.gateway_url}/api/chat\n"
            f"  health     GET  {stack.gateway_url}/healthz (probes: /livez, /readyz)\n"
            f"  staff      {stack.gateway_url}/admin/ (add users: python -m console.cli add-user)\n"
            f"  Rasa       http://127.0.0.1:{stack.ports.rasa}\n"
            f"  actions    http://127.0.0.1:{stack.ports.actions}\n"
            f"Press Ctrl-C to stop.",
            flush=True,
        )
        while not stopping:
            if died := stack.exited():
                print(f"{died}; stopping", file=sys.stderr)
                stopping = True
            time.sleep(0.5)
    except (RuntimeError, TimeoutError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        print("stopping ...", flush=True)
        stack.stop()
        print("stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
