#!/usr/bin/python3
"""One peer simulator on an exported bench network (`neurosim bench --export-state FOLDER`).

    peer.py NAME FOLDER --check [--tolerance T]   run the export's steps from initial/, compare with final/
    peer.py NAME FOLDER --seconds S               steps/s over about S seconds, from initial/

Prints one line: `max_abs_diff=...` or `steps_per_second=...`. Run with Debian's /usr/bin/python3 (where
bench/peers/install.sh puts the packages). Errors: one line on stderr, exit 1; bad arguments exit 2."""

import argparse
import os
import sys
import sysconfig
import time

PEERS = ("numpy-reference", "numpy-openblas", "torch-1", "torch-2", "brian2-cpp", "brian2-cython")

# Debian's alternatives for libblas.so.3: a folder on LD_LIBRARY_PATH picks one per process.
BLAS_FOLDERS = {"numpy-reference": "blas", "numpy-openblas": "openblas-pthread"}

# Synapse updates per second the C++ standalone build is sized for: it runs a number of steps fixed when it is
# compiled, so `--seconds` is met only roughly.
BRIAN_CPP_SYNAPSE_UPDATES_PER_S = 1.5e8


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name", choices=PEERS)
    parser.add_argument("folder")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--seconds", type=float)
    parser.add_argument("--tolerance", type=float, default=1e-12)
    args = parser.parse_args()
    if args.seconds is not None and not args.seconds > 0:
        parser.error(f"--seconds {args.seconds}: must be > 0")
    select_blas(args.name)

    from state_files import max_abs_difference, read_parameters, read_snapshot

    parameters = read_parameters(args.folder)
    initial = read_snapshot(os.path.join(args.folder, "initial"))
    peer = create(args.name, parameters, initial, args)
    if args.check:
        peer.run(parameters.steps)
        difference = max_abs_difference(peer.state(), read_snapshot(os.path.join(args.folder, "final")))
        print(f"max_abs_diff={difference:.3e}")
        if not difference <= args.tolerance:
            fail(f"{args.name}: max |difference| {difference:.3e} after {parameters.steps} steps exceeds {args.tolerance:.0e}")
    else:
        print(f"steps_per_second={measure(args.name, peer, sum(w.size for w in initial.weights), args.seconds):.6g}")


def select_blas(name):
    """Re-executes this process with the BLAS folder of `name` first on LD_LIBRARY_PATH (the loader reads it
    only at start-up), then checks that the library loaded is the one asked for."""
    folder = BLAS_FOLDERS.get(name)
    if folder is None:
        return
    path = os.path.join("/usr/lib", sysconfig.get_config_var("MULTIARCH") or "", folder)
    if not os.path.isfile(os.path.join(path, "libblas.so.3")):
        fail(f"{name}: {path}/libblas.so.3 missing (run bench/peers/install.sh)")
    if os.environ.get("LD_LIBRARY_PATH", "").split(":")[0] != path:
        os.environ["LD_LIBRARY_PATH"] = ":".join(p for p in (path, os.environ.get("LD_LIBRARY_PATH")) if p)
        os.execv(sys.executable, [sys.executable] + sys.argv)
    import numpy as np

    np.ones((2, 2)) @ np.ones(2)
    with open("/proc/self/maps") as maps:
        loaded = {line.split()[-1] for line in maps if "libblas.so" in line}
    if not any(p.startswith(path + "/") for p in loaded):
        fail(f"{name}: numpy loaded {sorted(loaded) or 'no libblas.so'}, not {path}/libblas.so.3")


def create(name, parameters, snapshot, args):
    try:
        if name.startswith("numpy"):
            from numpy_peer import numpy_peer

            return numpy_peer(parameters, snapshot)
        if name.startswith("torch"):
            from torch_peer import torch_peer

            return torch_peer(parameters, snapshot, threads=int(name.split("-")[1]))
        from brian_peer import BrianPeer

        target = name.split("-")[1]
        return BrianPeer(parameters, snapshot, target, os.path.join(args.folder, f"brian2-{target}-build"))
    except ImportError as e:
        fail(f"{name}: {e} (run bench/peers/install.sh, and use /usr/bin/python3)")


def measure(name, peer, synapses, seconds):
    """Steps per second of one timed run of about `seconds`, after a warm-up (Brian2: its own run time, without
    code generation and compilation; the others: wall time)."""
    if name == "brian2-cpp":
        steps = max(20, int(seconds * BRIAN_CPP_SYNAPSE_UPDATES_PER_S / max(1, synapses)))
        peer.run(steps)
        return steps / peer.last_run_seconds
    peer.run(3)
    start = time.perf_counter()
    peer.run(5)
    per_step = max(1e-7, (time.perf_counter() - start) / 5)
    steps = max(1, int(seconds / per_step))
    start = time.perf_counter()
    peer.run(steps)
    elapsed = time.perf_counter() - start
    if name.startswith("brian2"):
        elapsed = peer.last_run_seconds
    return steps / elapsed


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
