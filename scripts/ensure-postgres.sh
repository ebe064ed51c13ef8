#!/usr/bin/env bash
# Finds PostgreSQL's server programs (initdb, pg_ctl, postgres), installing Debian's postgresql
# package when they are missing and we are root on a Debian-like machine.
# Prints the directory holding them (export it as WEBTRACE_PG_BIN) on stdout, what it found on
# stderr. Exit 0 with a directory, or exit 1 with the reason on stderr.
set -euo pipefail

has_all() { [ -x "$1/initdb" ] && [ -x "$1/pg_ctl" ] && [ -x "$1/postgres" ]; }
found() {
  echo "PostgreSQL: $("$1/postgres" --version 2>/dev/null) in $1" >&2
  echo "$1"
  exit 0
}
# Debian keeps the server programs off PATH, one directory per major version; prefer 15 (what the
# store is tested on), else the newest.
debian_dir() {
  [ -d /usr/lib/postgresql ] || return 1
  local d
  has_all /usr/lib/postgresql/15/bin && { echo /usr/lib/postgresql/15/bin; return 0; }
  for d in $(ls -1 /usr/lib/postgresql | sort -rn); do has_all "/usr/lib/postgresql/$d/bin" && { echo "/usr/lib/postgresql/$d/bin"; return 0; }; done
  return 1
}

# An explicit setting is used or refused, never silently replaced.
if [ -n "${WEBTRACE_PG_BIN:-}" ]; then
  has_all "$WEBTRACE_PG_BIN" && found "$WEBTRACE_PG_BIN"
  echo "WEBTRACE_PG_BIN=$WEBTRACE_PG_BIN does not hold initdb, pg_ctl and postgres." >&2
  exit 1
fi
dir=$(debian_dir || true); [ -n "$dir" ] && found "$dir"
on_path=$(command -v initdb 2>/dev/null || true)
[ -n "$on_path" ] && has_all "$(dirname "$on_path")" && found "$(dirname "$on_path")"
bindir=$(pg_config --bindir 2>/dev/null || true)
[ -n "$bindir" ] && has_all "$bindir" && found "$bindir"

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "PostgreSQL not found; installing Debian's postgresql package..." >&2
  export DEBIAN_FRONTEND=noninteractive
  start=$(date +%s)
  apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends postgresql >&2 \
    || { apt-get update -qq >&2 && apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends postgresql >&2; }
  echo "PostgreSQL installed in $(( $(date +%s) - start )) s." >&2
  dir=$(debian_dir || true); [ -n "$dir" ] && found "$dir"
fi
echo "PostgreSQL not found (need initdb, pg_ctl, postgres). Install it (Debian: apt-get install postgresql) or set WEBTRACE_PG_BIN to the directory holding them." >&2
exit 1
