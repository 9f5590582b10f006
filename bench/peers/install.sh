#!/usr/bin/env bash
# Installs the peer simulators' Debian packages into Debian's /usr/bin/python3 when any is missing (root);
# quiet and quick when all are there. Used by .ci/run and by the peer tests (tests/NeuroSim.Tests/Peers).
#   python3-numpy, libblas3 (reference BLAS), libopenblas0-pthread (OpenBLAS): the NumPy peers
#   python3-torch: the PyTorch peers
#   python3-brian, cython3, python3-dev, g++: Brian2, runtime Cython and C++ standalone
set -euo pipefail

readonly PACKAGES=(python3-numpy libblas3 libopenblas0-pthread python3-torch python3-brian cython3 python3-dev g++)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "peers: installing ${missing[*]} needs root (run as root, or: sudo apt-get install -y --no-install-recommends ${missing[*]})" >&2
  exit 1
fi
log=$(mktemp)
if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "peers: apt-get install ${missing[*]} failed (output above)" >&2
  exit 1
fi
rm -f "$log"
echo "peers: installed ${missing[*]}"
