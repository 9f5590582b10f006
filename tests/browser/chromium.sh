#!/usr/bin/env bash
# Debian's chromium for the report tests (tests/NeuroSim.Tests/Report), which drive it headless with
# Microsoft.Playwright (its driver ships in the NuGet package; the browser is this one, so nothing is downloaded).
#
#   chromium.sh install   apt-get install chromium when missing (root); a no-op when it is there
#
# Called by .ci/run and by the test fixture (tests/NeuroSim.Tests/Support/HeadlessChromium.cs).
set -euo pipefail

case "${1:-}" in
  install) exec bash "$(dirname "$0")/../apt-install.sh" chromium chromium ;;
  *)
    echo "usage: $0 install" >&2
    exit 2
    ;;
esac
