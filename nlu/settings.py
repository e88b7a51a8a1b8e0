"""The Rasa process's settings, checked by hand before Rasa starts (.venv-rasa has no
pydantic-settings; bot/settings.py is the .venv side).

Rasa reads its endpoints file with `${VAR}` substitution and fails deep inside its start-up, with a
traceback, on an unset variable; a port like `abc` fails later still. `check_environment`
validates every variable the chosen endpoints file uses (and RASA_TOKEN), fills in the
documented defaults, and returns one line per problem, naming the variable.
README "Configuration" lists every variable here; a unit test keeps them in step.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path

Check = Callable[[str], "str | None"]  # a problem with the value, or None
REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
COMMENT = re.compile(r"(^|\s)#.*$", re.MULTILINE)  # YAML comments mention ${VAR} too


def whole(minimum: int, maximum: int | None = None) -> Check:
    def check(value: str) -> str | None:
        try:
            number = int(value)
        except ValueError:
            return "must be a whole number"
        if number < minimum:
            return f"must be at least {minimum}"
        if maximum is not None and number > maximum:
            return f"must be at most {maximum}"
        return None

    return check


def one_of(*choices: str) -> Check:
    def check(value: str) -> str | None:
        return None if value in choices else f"must be one of {', '.join(choices)}"

    return check


def http_url(value: str) -> str | None:
    return None if re.match(r"https?://[^/\s]+", value) else "must be an http(s):// URL"


def not_empty(value: str) -> str | None:
    return None if value.strip() else "must not be empty"


def anything(value: str) -> str | None:
    return None


@dataclass(frozen=True)
class Var:
    name: str
    default: str | None  # None: the operator must set it
    check: Check = not_empty
    secret: bool = False


PORT = whole(1, 65535)
VARIABLES: tuple[Var, ...] = (
    Var("RASA_TOKEN", None, secret=True),
    Var("ACTION_ENDPOINT_URL", None, http_url),
    Var("ACTIONS_TOKEN", None, secret=True),
    # endpoints.yml: the embedded SQLite store (bot/stack.py sets both under `make run`).
    Var("RASA_TRACKER_DIALECT", None, one_of("sqlite", "postgresql")),
    Var("RASA_TRACKER_DB", None),
    # deploy/endpoints.production.yml: the PostgreSQL tracker store and the Redis lock store.
    Var("RASA_TRACKER_HOST", None),
    Var("RASA_TRACKER_PORT", "5432", PORT),
    Var("RASA_TRACKER_DATABASE", None),
    Var("RASA_TRACKER_USER", None),
    Var("RASA_TRACKER_PASSWORD", "", anything, secret=True),
    Var("RASA_TRACKER_POOL_SIZE", "5", whole(1)),
    Var("RASA_TRACKER_MAX_OVERFLOW", "5", whole(0)),
    Var("RASA_LOCK_REDIS_HOST", None),
    Var("RASA_LOCK_REDIS_PORT", "6379", PORT),
    Var("RASA_LOCK_REDIS_DB", "1", whole(0, 15)),
    Var("RASA_LOCK_REDIS_PASSWORD", "", anything, secret=True),
    # Rasa's own: how long a conversation's lock lasts if the replica holding it dies (Rasa's
    # default, 60 s, blocks that conversation for a minute); longer than the gateway's turn
    # timeout (RASA_TIMEOUT, 30 s), so a slow turn is never run twice at once.
    Var("TICKET_LOCK_LIFETIME", "35", whole(1)),
)
# Read by Rasa itself (not in an endpoints file) when a shared lock store is configured.
LOCK_STORE_VARIABLES = ("TICKET_LOCK_LIFETIME",)
BY_NAME = {var.name: var for var in VARIABLES}


def referenced(endpoints: Path) -> list[str]:
    """The `${VAR}` names an endpoints file uses, in order, each once."""
    text = COMMENT.sub("", endpoints.read_text(encoding="utf-8"))
    names = REFERENCE.findall(text)
    return list(dict.fromkeys(names))


def check_environment(
    endpoints: Path, environ: MutableMapping[str, str] | None = None
) -> list[str]:
    """Problems with the variables RASA_TOKEN and `endpoints` need, one line each; on success
    the documented defaults of the unset ones are put into `environ` for Rasa to substitute."""
    env = os.environ if environ is None else environ
    if not endpoints.is_file():
        return [f"the endpoints file {endpoints} does not exist"]
    problems: list[str] = []
    defaults: dict[str, str] = {}
    needs = {"RASA_TOKEN": "Rasa never runs with an open API"}
    needs.update({name: f"used by {endpoints}" for name in referenced(endpoints)})
    if "RASA_LOCK_REDIS_HOST" in needs:
        needs.update({name: "with a shared lock store" for name in LOCK_STORE_VARIABLES})
    for name, reason in needs.items():
        var = BY_NAME.get(name, Var(name, None))
        value = env.get(name, "")
        if not value.strip():
            if var.default is None:
                problems.append(f"{name} is not set ({reason})")
                continue
            defaults[name] = var.default
            continue
        if problem := var.check(value):
            shown = name if var.secret else f"{name}={value!r}"
            problems.append(f"{shown} {problem}")
    if not problems:
        env.update(defaults)
    return problems
