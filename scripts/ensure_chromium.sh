#!/usr/bin/env bash
# Browser tests drive Debian's chromium (Playwright's own browser download cannot work here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "error: /usr/bin/chromium is missing; install Debian's chromium package (root needed)" >&2
  exit 1
fi
echo "installing chromium (Debian package) for the browser tests ..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
