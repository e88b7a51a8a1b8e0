#!/usr/bin/env bash
# PostgreSQL and Redis servers for the PostgreSQL-backed tests and `make scale-test`, from
# Debian's packages. Tests start their own throw-away servers (tests/services.py); nothing here
# runs a server or touches the system's own clusters.
set -euo pipefail
missing=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing Debian packages for the database tests: ${missing[*]} (install them as root)" >&2
  exit 1
fi
echo "installing ${missing[*]} (Debian packages) for the database tests ..."
apt-get update -qq
# Installing must not start the packaged services: the tests run their own on free ports.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
