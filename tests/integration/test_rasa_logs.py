"""Rasa's structlog events become the same JSON lines as every other record, with the request id
and without what users wrote: run in the Rasa environment, configured as nlu/server.py does."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RASA_PYTHON = ROOT / ".venv-rasa" / "bin" / "python"

SCRIPT = r"""
import logging
import structlog
from nlu import logs
from bot import request_id

logs.setup("rasa")
from rasa.utils.log_utils import configure_structlog
configure_structlog(logging.INFO)
logs.route_structlog()

token = request_id.bind("rid-42")
structlog.get_logger().info(
    "processor.actions.log", action_name="action_answer_question",
    text="我叫陳大文 66123456", slot_values={"contact_name": "陳大文"},
)
structlog.get_logger().debug("processor.debug.only", text="hidden")
logging.getLogger("rasa.core.processor").warning("stdlib record")
request_id.reset(token)
structlog.get_logger().info("outside.a.turn")
"""


def test_structlog_and_stdlib_records_are_json_lines_with_the_id_and_no_user_text() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LOG_FORMAT": "json"}
    result = subprocess.run(
        [str(RASA_PYTHON), "-c", SCRIPT],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300, check=True,
    )  # fmt: skip
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    ours = [r for r in lines if r.get("logger") != "py.warnings"]
    assert [(r["message"], r["request_id"], r["service"]) for r in ours] == [
        ("processor.actions.log", "rid-42", "rasa"),
        ("stdlib record", "rid-42", "rasa"),
        ("outside.a.turn", None, "rasa"),
    ]
    assert ours[0]["fields"] == {"action_name": "action_answer_question"}
    assert "陳大文" not in result.stdout and "hidden" not in result.stdout
    assert result.stderr.strip() == ""
