#!/usr/bin/env bash
# compose.yaml is checked by a real Compose implementation: Debian's docker-compose (1.29, the
# Python one; the Docker CLI's compose plugin is not packaged by Debian). `config` needs no daemon.
set -euo pipefail
command -v docker-compose >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "error: docker-compose is missing (Debian package docker-compose; install it as root)" >&2
  exit 1
fi
echo "installing docker-compose (Debian package) to check compose.yaml ..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
