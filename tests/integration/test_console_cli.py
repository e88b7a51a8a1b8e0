"""`python -m console.cli`: staff users made and disabled from the shell, the password read
from standard input (never the command line), on a migrated database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.settings import PROJECT_ROOT
from console.auth import log_in
from tests.helpers import project_db


def cli(url: str, *args: str, password: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "console.cli", "--database-url", url, *args],
        input=password + "\n", cwd=PROJECT_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_add_list_disable_and_enable_a_user(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cepa.db'}"
    db = project_db(url)
    added = cli(url, "add-user", "Ana.Lei", "--role", "editor", password="a long pass phrase")
    assert added.returncode == 0, added.stderr
    assert "a long pass phrase" not in added.stdout + added.stderr
    assert log_in(db, "ana.lei", "a long pass phrase").staff is not None
    assert cli(url, "list-users").stdout.split() == ["ana.lei", "editor", "active"]

    again = cli(url, "add-user", "ana.lei", password="another long phrase")
    assert again.returncode == 1 and "exists" in again.stderr
    short = cli(url, "add-user", "bob", password="short")
    assert short.returncode == 1 and "12" in short.stderr

    assert cli(url, "disable-user", "ana.lei").returncode == 0
    assert log_in(db, "ana.lei", "a long pass phrase").staff is None
    assert cli(url, "list-users").stdout.split() == ["ana.lei", "editor", "disabled"]
    assert cli(url, "enable-user", "ana.lei").returncode == 0
    assert log_in(db, "ana.lei", "a long pass phrase").staff is not None
    assert cli(url, "disable-user", "nobody").returncode == 1
