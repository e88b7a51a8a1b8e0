"""The Rasa model, trained only when its inputs changed.

Training on 2 cores takes minutes, so the model file is named after a fingerprint of everything
that shapes it; an existing file with the current fingerprint is reused as it is.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.settings import PROJECT_ROOT
from knowledge.store import fingerprint

RASA_BIN = PROJECT_ROOT / ".venv-rasa" / "bin" / "rasa"
RASA_PYTHON = PROJECT_ROOT / ".venv-rasa" / "bin" / "python"
# Where `make run` keeps Rasa's conversations (SQL tracker store on SQLite).
DEFAULT_TRACKER_DB = PROJECT_ROOT / "var" / "rasa" / "tracker.db"
MODELS_DIR = PROJECT_ROOT / "models"
TRAINING_INPUTS = (
    "config.yml",
    "domain.yml",
    "requirements/rasa.txt",
    "nlu/data",
    "nlu/jieba",
    "nlu/components",
)


def training_files(root: Path = PROJECT_ROOT) -> list[Path]:
    files: list[Path] = []
    for name in TRAINING_INPUTS:
        path = root / name
        if path.is_dir():
            files.extend(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.exists():
            files.append(path)
    return files


def model_fingerprint(root: Path = PROJECT_ROOT) -> str:
    # Relative paths in the hash: the same tree anywhere on disk gives the same model name.
    files = training_files(root)
    return fingerprint(files, *(str(p.relative_to(root)) for p in files))


def model_path(root: Path = PROJECT_ROOT) -> Path:
    return MODELS_DIR / f"cepa-{model_fingerprint(root)}.tar.gz"


def rasa_env() -> dict[str, str]:
    """Environment for any Rasa command: the project importable, no telemetry, quiet TensorFlow."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    # Rasa reads endpoints.yml even to train; these placeholders are never contacted then.
    env.setdefault("ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook")
    env.setdefault("RASA_TRACKER_DIALECT", "sqlite")
    env.setdefault("RASA_TRACKER_DB", str(DEFAULT_TRACKER_DB))
    env.setdefault("ACTIONS_TOKEN", "placeholder-never-sent")
    return env


def ensure_model(force: bool = False) -> Path:
    """Path of a model trained on the current inputs, training one only if none exists."""
    target = model_path()
    if target.exists() and not force:
        print(f"rasa model up to date: {target.name}")
        return target
    MODELS_DIR.mkdir(exist_ok=True)
    print(f"training rasa model {target.name} (a few minutes on 2 cores) ...", flush=True)
    command = [
        str(RASA_BIN), "train",
        "--config", "config.yml",
        "--domain", "domain.yml",
        "--data", "nlu/data",
        "--out", str(MODELS_DIR),
        "--fixed-model-name", target.name.removesuffix(".tar.gz"),
    ]  # fmt: skip
    subprocess.run(command, cwd=PROJECT_ROOT, env=rasa_env(), check=True)
    for old in MODELS_DIR.glob("cepa-*.tar.gz"):
        if old != target:
            old.unlink()
    return target


if __name__ == "__main__":
    ensure_model(force="--force" in sys.argv)
