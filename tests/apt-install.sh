#!/usr/bin/env bash
# Installs Debian packages the tests need when they are missing, for the fixtures' scripts
# (tests/cluster/slurm-cluster.sh, tests/browser/chromium.sh), so that the README's test command works on a fresh machine.
#
#   apt-install.sh NAME PACKAGE...   NAME prefixes the messages; a no-op when every PACKAGE is installed; needs root otherwise
#
# Other apt users (another checkout's tests, a developer) may hold the dpkg lock for a while: apt waits for it up to
# APT_LOCK_TIMEOUT seconds (default 300).
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 NAME PACKAGE..." >&2; exit 2; }
readonly NAME=$1
shift
readonly LOCK_TIMEOUT_S=${APT_LOCK_TIMEOUT:-300}

die() {
  echo "$NAME: $*" >&2
  exit 1
}

missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "$NAME: $* already installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  die "installing ${missing[*]} needs root (run as root, or: sudo apt-get install -y --no-install-recommends ${missing[*]})"
fi
log=$(mktemp)
# apt prints "policy-rc.d denied execution of start" where services may not start: harmless, wanted.
if ! { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$LOCK_TIMEOUT_S" update -q \
  && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$LOCK_TIMEOUT_S" install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  die "apt-get install ${missing[*]} failed (output above)"
fi
rm -f "$log"
echo "$NAME: installed ${missing[*]}"
