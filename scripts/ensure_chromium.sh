#!/usr/bin/env bash
# Browser tests drive Debian's chromium (Playwright's own browser download cannot work here), with
# CJK fonts so that Chinese text renders (and is measured, and screenshotted) as users see it.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Colour emoji for the 👍/👎 buttons.
for font in fonts-noto-cjk fonts-noto-color-emoji; do
  dpkg-query -W -f="\${Status}" "$font" 2>/dev/null | grep -q "install ok installed" || missing+=("$font")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing Debian packages for the browser tests: ${missing[*]} (install them as root)" >&2
  exit 1
fi
echo "installing ${missing[*]} (Debian packages) for the browser tests ..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
