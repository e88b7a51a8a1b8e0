"""A bad setting stops the real process at start with one line naming the variable.

Each process is started as `make run` starts it (bot/stack.py's commands), with one bad value;
it must exit with status 2 before serving, and say which variable is wrong, without a traceback.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot.rasa_model import RASA_PYTHON, rasa_env
from bot.stack import VENV_PYTHON
from tests.services import free_port

ROOT = Path(__file__).resolve().parents[2]
STORE_PREFIXES = ("RASA_TRACKER_", "RASA_LOCK_")
PROCESSES = {
    "gateway": [str(VENV_PYTHON), "-m", "bot.serve"],
    "actions": [str(VENV_PYTHON), "-m", "actions.server"],
    "rasa": [str(RASA_PYTHON), "-m", "nlu.server", "--model", "unused.tar.gz"],
}


def start(
    process: str, extra: list[str] | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    # The operator's own store settings, if any, must not leak into these cases.
    inherited = {k: v for k, v in rasa_env().items() if not k.startswith(STORE_PREFIXES)}
    environment = {
        **inherited,
        "GATEWAY_PORT": str(free_port()),
        "ACTIONS_PORT": str(free_port()),
        "RASA_TOKEN": "t",
        "ACTIONS_TOKEN": "t",
        **env,
    }
    return subprocess.run(
        [*PROCESSES[process], *(extra or [])],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("process", "variable", "value", "says"),
    [
        ("gateway", "RATE_LIMIT_SENDER_PER_MINUTE", "abc", "must be a whole number"),
        ("gateway", "SMTP_PORT", "x", "must be a whole number"),
        ("gateway", "DATABASE_URL", "postgres//db.example/cepa", "is not a database URL"),
        ("gateway", "RETENTION_DAYS", "0", "must be at least 1"),
        ("actions", "ACTIONS_PORT", "70000", "must be at most 65535"),
        ("actions", "GATEWAY_PORT", "http", "must be a whole number"),
    ],
)
def test_a_bad_value_stops_the_process_with_one_line_naming_it(
    process: str, variable: str, value: str, says: str
) -> None:
    line = one_error_line(start(process, **{variable: value}))
    assert line.startswith("error: invalid setting: ")
    assert variable in line and says in line
    if variable == "DATABASE_URL":
        assert value not in line  # URLs may carry a password: never echoed


def test_rasa_names_the_bad_or_missing_variable_of_its_endpoints_file() -> None:
    production = ["--endpoints", "deploy/endpoints.production.yml"]
    line = one_error_line(
        start(
            "rasa",
            production,
            ACTION_ENDPOINT_URL="http://127.0.0.1:5055/webhook",
            RASA_TRACKER_HOST="127.0.0.1",
            RASA_TRACKER_DATABASE="tracker",
            RASA_TRACKER_USER="rasa",
            RASA_LOCK_REDIS_HOST="127.0.0.1",
            RASA_TRACKER_POOL_SIZE="abc",
        )
    )
    assert line == "error: invalid setting: RASA_TRACKER_POOL_SIZE='abc' must be a whole number"
    line = one_error_line(
        start(
            "rasa",
            production,
            ACTION_ENDPOINT_URL="http://127.0.0.1:5055/webhook",
            RASA_TRACKER_HOST="127.0.0.1",
            RASA_TRACKER_DATABASE="tracker",
            RASA_TRACKER_USER="rasa",
        )
    )
    assert "RASA_LOCK_REDIS_HOST is not set (used by deploy/endpoints.production.yml)" in line
