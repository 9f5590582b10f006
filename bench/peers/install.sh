#!/usr/bin/env bash
# Installs the peer simulators' Debian packages into Debian's /usr/bin/python3 when any is missing (root);
# quiet and quick when all are there. Used by .ci/run and by the peer tests (tests/NeuroSim.Tests/Peers).
#   python3-numpy, libblas3 (reference BLAS), libopenblas0-pthread (OpenBLAS): the NumPy peers
#   python3-torch: the PyTorch peers
#   python3-brian, cython3, python3-dev, g++: Brian2, runtime Cython and C++ standalone
#
#   install.sh [install]
set -euo pipefail

case "${1:-install}" in
  install) exec bash "$(dirname "$0")/../../tests/apt-install.sh" peers python3-numpy libblas3 libopenblas0-pthread python3-torch python3-brian cython3 python3-dev g++ ;;
  *)
    echo "usage: $0 [install]" >&2
    exit 2
    ;;
esac
