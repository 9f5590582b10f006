#!/usr/bin/env bash
# Debian's chromium for the report tests (tests/NeuroSim.Tests/Report), which drive it headless with
# Microsoft.Playwright (its driver ships in the NuGet package; the browser is this one, so nothing is downloaded).
#
#   chromium.sh install   apt-get install chromium when missing (root); a no-op when it is there
#
# Called by .ci/run and by the test fixture (tests/NeuroSim.Tests/Support/HeadlessChromium.cs), so that the
# README's test command works on a fresh machine.
set -euo pipefail

readonly PACKAGES=(chromium)
# Other apt users (another checkout's tests, a developer) may hold the dpkg lock for a while: wait for it.
readonly LOCK_TIMEOUT_S=${CHROMIUM_APT_LOCK_TIMEOUT:-300}

die() {
  echo "chromium: $*" >&2
  exit 1
}

cmd_install() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "chromium: ${PACKAGES[*]} already installed"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    die "installing ${missing[*]} needs root (run as root, or: sudo apt-get install -y --no-install-recommends ${missing[*]})"
  fi
  local log
  log=$(mktemp)
  if ! { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$LOCK_TIMEOUT_S" update -q \
    && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$LOCK_TIMEOUT_S" install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "apt-get install ${missing[*]} failed (output above)"
  fi
  rm -f "$log"
  echo "chromium: installed ${missing[*]}"
}

case "${1:-}" in
  install) cmd_install ;;
  *)
    echo "usage: $0 install" >&2
    exit 2
    ;;
esac
