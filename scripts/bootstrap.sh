#!/usr/bin/env bash
# Creates .venv (Python 3.11, the project) and .venv-rasa (Python 3.10, Rasa) from the project's
# own requirement files. Idempotent: a venv is (re)installed only when its inputs' hash changed.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {  # $1 = "3.10" | "3.11"; prints an interpreter path
  local want=$1 cand
  for cand in "python$want" "python3"; do
    if command -v "$cand" >/dev/null 2>&1 &&
       "$cand" -c "import sys; sys.exit(f'{sys.version_info[0]}.{sys.version_info[1]}' != '$want')" 2>/dev/null; then
      command -v "$cand"; return 0
    fi
  done
  # pyenv installs several versions side by side; its shim refuses versions not selected.
  local root
  root=$( (command -v pyenv >/dev/null 2>&1 && pyenv root) || echo "$HOME/.pyenv")
  for cand in "$root"/versions/"$want"*/bin/python"$want"; do
    [ -x "$cand" ] && { echo "$cand"; return 0; }
  done
  echo "error: Python $want not found (install it, or put python$want on PATH)" >&2
  return 1
}

inputs_hash() { cat "$@" | sha256sum | cut -d' ' -f1; }

ensure_venv() {  # $1 = venv dir, $2 = python version, $3 = stamp hash, rest = pip install args
  local dir=$1 ver=$2 hash=$3; shift 3
  if [ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$hash" ]; then
    echo "$dir: up to date"; return 0
  fi
  local py; py=$(find_python "$ver")
  echo "$dir: installing with $py"
  [ -x "$dir/bin/python" ] || "$py" -m venv "$dir"
  # This machine's pip config names local mirror folders that may be absent; hide that noise only.
  "$dir/bin/python" -m pip install --quiet "$@" 2>&1 | { grep -v "is ignored: it is neither" || true; }
  echo "$hash" > "$dir/.installed"
}

ensure_venv .venv-rasa 3.10 "$(inputs_hash requirements/rasa.txt)" -r requirements/rasa.txt
ensure_venv .venv 3.11 "$(inputs_hash pyproject.toml)" -e ".[dev]"
