"""The deployment files: compose.yaml valid for Compose, its env file complete and secret-free,
and the images built from files that exist, torch's CPU build, every module Rasa imports.

The Compose Specification schema (tests/data/compose-spec.json) is the official one, from
github.com/compose-spec/compose-spec (schema/compose-spec.json at commit 170098ba07d9, June 2026,
Apache-2.0); jsonschema is the Rasa environment's. `docker-compose config` is Debian's docker-compose (scripts/ensure_compose.sh).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import tomllib
import yaml

from knowledge.answerability import TRAINING_SETS

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "compose.yaml"
THREE_HOSTS = ROOT / "deploy" / "compose.3hosts.yaml"
ENV_EXAMPLE = ROOT / "deploy" / "env.example"
RASA_PYTHON = ROOT / ".venv-rasa" / "bin" / "python"
REFERENCE = re.compile(r"\$\{([A-Z][A-Z0-9_]*)(?::?([-?])[^}]*)?\}")

SCHEMA_CHECK = r"""
import json, sys, jsonschema, yaml
schema = json.load(open("tests/data/compose-spec.json"))
document = yaml.safe_load(sys.stdin)
errors = [f"{'/'.join(map(str, e.path))}: {e.message}"
          for e in jsonschema.Draft7Validator(schema).iter_errors(document)]
print(json.dumps(errors))
"""


def _schema_errors(text: str) -> list[str]:
    result = subprocess.run(
        [str(RASA_PYTHON), "-c", SCHEMA_CHECK],
        input=text, capture_output=True, text=True, cwd=ROOT, check=True, timeout=120,
    )  # fmt: skip
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _env_example() -> dict[str, str]:
    pairs = (
        line.split("=", 1)
        for line in ENV_EXAMPLE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )
    return {key: value for key, value in pairs}


def test_compose_files_follow_the_official_compose_specification() -> None:
    text = COMPOSE.read_text()
    assert _schema_errors(text) == []
    assert _schema_errors(THREE_HOSTS.read_text()) == []
    broken = text.replace("    init: true\n", "    init: true\n    replica: 2\n", 1)
    assert any("replica" in e for e in _schema_errors(broken))  # the check does check


def _docker_compose(env_file: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    chosen = [arg for f in (COMPOSE, *files) for arg in ("-f", str(f))]
    return subprocess.run(
        ["docker-compose", "--env-file", str(env_file), *chosen, "config", "-q"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip


@pytest.mark.skipif(
    shutil.which("docker-compose") is None,
    reason="Debian's docker-compose is not installed (scripts/ensure_compose.sh installs it)",
)
def test_docker_compose_config_accepts_it_and_names_a_missing_secret(tmp_path: Path) -> None:
    accepted = _docker_compose(ENV_EXAMPLE)
    assert accepted.returncode == 0, accepted.stderr
    lacking = tmp_path / "lacking.env"
    lacking.write_text(
        "\n".join(f"{k}={v}" for k, v in _env_example().items() if k != "METRICS_TOKEN")
    )
    refused = _docker_compose(lacking)
    assert refused.returncode != 0
    assert "set METRICS_TOKEN in the env file" in refused.stderr

    # Three machines: the override needs this machine's private address.
    refused = _docker_compose(ENV_EXAMPLE, THREE_HOSTS)
    assert "set CEPA_PRIVATE_IP in the env file" in refused.stderr
    placed = tmp_path / "machine2.env"
    placed.write_text(
        ENV_EXAMPLE.read_text().replace("CEPA_PRIVATE_IP=\n", "CEPA_PRIVATE_IP=10.0.0.2\n")
    )
    accepted = _docker_compose(placed, THREE_HOSTS)
    assert accepted.returncode == 0, accepted.stderr


def test_the_example_env_names_every_variable_compose_reads_and_no_other() -> None:
    uncommented = "\n".join(
        line
        for path in (COMPOSE, THREE_HOSTS)
        for line in path.read_text().splitlines()
        if not line.lstrip().startswith("#")
    )
    references = REFERENCE.findall(uncommented)
    required = {name for name, kind in references if kind != "-"}
    example = _env_example()
    assert required <= set(example), required - set(example)
    assert set(example) <= {name for name, _ in references}, set(example) - {
        n for n, _ in references
    }


def test_the_example_env_holds_no_usable_secret() -> None:
    secret = re.compile(r"PASSWORD|TOKEN|SECRET")
    for key, value in _env_example().items():
        if secret.search(key):
            assert value == "" or value.startswith("change-me"), key


def test_only_the_load_balancer_publishes_a_port_and_it_hides_internal_routes() -> None:
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    assert [name for name, s in services.items() if "ports" in s] == ["lb"]
    for conf in ("nginx.conf", "nginx.3hosts.conf"):
        nginx = (ROOT / "deploy" / conf).read_text()
        for path in (
            "location = /livez",
            "location = /readyz",
            "location = /metrics",
            "/internal/",
        ):
            assert re.search(re.escape(path) + r"\s*\{\s*return 404;", nginx), (conf, path)


def test_every_file_the_deployment_names_exists() -> None:
    services = [
        service
        for path in (COMPOSE, THREE_HOSTS)
        for service in yaml.safe_load(path.read_text())["services"].values()
    ]
    for service in services:
        if "build" in service:
            assert (ROOT / service["build"]["dockerfile"]).is_file()
        for volume in service.get("volumes", []):
            if volume.startswith("./"):
                assert (ROOT / volume.split(":")[0]).exists(), volume
    for dockerfile in (ROOT / "deploy").glob("Dockerfile.*"):
        for line in dockerfile.read_text().splitlines():
            if line.startswith("COPY ") and "--from=" not in line:
                for source in line.split()[1:-1]:
                    assert (ROOT / source).exists(), f"{dockerfile.name}: {source}"


def test_the_rasa_image_holds_every_gateway_module_rasa_imports() -> None:
    copied = next(
        line for line in (ROOT / "deploy" / "Dockerfile.rasa").read_text().splitlines()
        if line.startswith("COPY bot/")
    )  # fmt: skip
    imported = {
        module.replace(".", "/") + ".py"
        for path in (ROOT / "nlu").rglob("*.py")
        for module in re.findall(r"^from (bot(?:\.\w+)?) import", path.read_text(), re.M)
        if module != "bot"
    } | {
        f"bot/{name}.py"
        for path in (ROOT / "nlu").rglob("*.py")
        for names in re.findall(r"^from bot import ([\w, ]+)$", path.read_text(), re.M)
        for name in names.replace(" ", "").split(",")
    }
    assert imported, "the Rasa side imports gateway modules: the parse must find them"
    assert imported | {"bot/__init__.py"} <= set(copied.split()[1:-1])


def test_the_app_image_takes_torch_from_the_cpu_index_at_the_project_pin() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    pin = next(d for d in pyproject["project"]["dependencies"] if d.startswith("torch=="))
    dockerfile = (ROOT / "deploy" / "Dockerfile.app").read_text()
    assert f"--index-url https://download.pytorch.org/whl/cpu {pin}" in dockerfile
    assert "torch.version.cuda" in dockerfile  # the build fails on a CUDA build


def test_the_app_image_has_the_answerability_training_queries() -> None:
    """The index is built in the image, and fits the answerability model on these files."""
    dockerfile = (ROOT / "deploy" / "Dockerfile.app").read_text()
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert "COPY tests/data/ tests/data/" in dockerfile
    assert "!tests/data" in ignored
    assert dockerfile.index("COPY tests/data/") < dockerfile.index("knowledge.cli build")
    assert all(name.startswith("tests/data/") for name in TRAINING_SETS)


def test_the_images_and_compose_keep_the_contract_ports() -> None:
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    assert services["gateway"]["command"][-1] == "8000"
    assert services["actions"]["command"][-1] == "5055"
    assert services["rasa"]["environment"]["ACTION_ENDPOINT_URL"] == "http://actions:5055/webhook"
    assert services["gateway"]["environment"]["RASA_URL"] == "http://rasa:5005"
    assert '"--port", "5005"' in (ROOT / "deploy" / "Dockerfile.rasa").read_text()
    assert services["migrate"]["command"] == ["python", "-m", "bot.migrate"]
