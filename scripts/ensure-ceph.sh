#!/usr/bin/env bash
# Finds Ceph's single-node pieces (ceph-mon, ceph-osd, radosgw and their admin tools), installing
# Debian's packages when they are missing and we are root on a Debian-like machine.
# Prints the directory holding them (export it as WEBTRACE_CEPH_BIN) on stdout, what it found on
# stderr. Exit 0 with a directory, or exit 1 with the reason on stderr.
set -euo pipefail

tools=(ceph-mon ceph-osd radosgw radosgw-admin ceph-authtool monmaptool ceph)

has_all() { local t; for t in "${tools[@]}"; do [ -x "$1/$t" ] || return 1; done; }
found() {
  echo "Ceph: $("$1/ceph-mon" --version 2>/dev/null | head -n1) in $1" >&2
  echo "$1"
  exit 0
}

# An explicit setting is used or refused, never silently replaced.
if [ -n "${WEBTRACE_CEPH_BIN:-}" ]; then
  has_all "$WEBTRACE_CEPH_BIN" && found "$WEBTRACE_CEPH_BIN"
  echo "WEBTRACE_CEPH_BIN=$WEBTRACE_CEPH_BIN does not hold ${tools[*]}." >&2
  exit 1
fi
on_path=$(command -v ceph-mon 2>/dev/null || true)
[ -n "$on_path" ] && has_all "$(dirname "$on_path")" && found "$(dirname "$on_path")"
has_all /usr/bin && found /usr/bin

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Ceph not found; installing Debian's radosgw, ceph-mon and ceph-osd packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  start=$(date +%s)
  # The package lists may be missing on a fresh image; refresh them only when the install fails.
  apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends radosgw ceph-mon ceph-osd >&2 \
    || { apt-get update -qq >&2 && apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends radosgw ceph-mon ceph-osd >&2; }
  echo "Ceph installed in $(( $(date +%s) - start )) s." >&2
  has_all /usr/bin && found /usr/bin
fi
echo "Ceph not found (need ${tools[*]}). Install it (Debian: apt-get install --no-install-recommends radosgw ceph-mon ceph-osd) or set WEBTRACE_CEPH_BIN to the directory holding them." >&2
exit 1
