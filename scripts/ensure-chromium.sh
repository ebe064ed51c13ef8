#!/usr/bin/env bash
# Finds a Chromium that can load unpacked extensions, installing Debian's when
# none is found and we are root on a Debian-like machine. Prints its path.
# Exit 0 with a path, or exit 1 with the reason on stderr.
set -euo pipefail

found() { echo "$1"; exit 0; }

[ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ] && found "$CHROMIUM_PATH"
for p in /usr/bin/chromium /usr/bin/chromium-browser; do [ -x "$p" ] && found "$p"; done
# A laptop that ran `npx playwright install chromium` has Playwright's own build.
pw=$(node -e "try{const p=require('playwright').chromium.executablePath();if(require('fs').existsSync(p))console.log(p)}catch{}" 2>/dev/null || true)
[ -n "$pw" ] && found "$pw"

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "No Chromium found; installing Debian's chromium package..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends chromium >&2
  [ -x /usr/bin/chromium ] && found /usr/bin/chromium
fi
echo "No Chromium found. Install one (Debian: apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 1
