#!/usr/bin/env bash
# Fig. 2 of Sacramento et al. (2018) at the published learning rates, in compressed time (docs/microcircuit-continuous.md,
# "Fig. 2 at the published rates"): the check that k times the rates for P patterns equals k P patterns at the rates
# themselves, the whole 10^7-pattern axis for seed 1, and the 6-seed sweep. Prints each run's final line.
#
#   studies/microcircuit-regression-fig2.sh OUT [check|long|seeds|all]  (default check: ~15 min on 2 idle cores;
#       long: ~30 min; seeds: the sweep, ~50 min)
set -euo pipefail
cd "$(dirname "$0")/.."
readonly OUT=${1:?usage: studies/microcircuit-regression-fig2.sh OUT [check|long|seeds|all]}
readonly WHICH=${2:-check}
readonly DLL=src/NeuroSim.Cli/bin/Release/net10.0/neurosim.dll
[ -f "$DLL" ] || { echo "build first: dotnet build NeuroSim.sln -c Release" >&2; exit 2; }
mkdir -p "$OUT"

regression() {
  local name=$1; shift
  [ -d "$OUT/$name" ] || dotnet "$DLL" microcircuit regression --out "$OUT/$name" --seed 1 "$@" >"$OUT/$name.log"
  printf '%-10s %s\n' "$name" "$(tail -n 1 "$OUT/$name.log")"
}

if [ "$WHICH" = check ] || [ "$WHICH" = all ]; then
  # 10^5 patterns at the published rates, four ways; then k = 50 against the long run's k = 100 to 6 x 10^5.
  regression k10 --rate-scale 10 --patterns 10000 --evaluate-every 500
  regression k20 --rate-scale 20 --patterns 5000 --evaluate-every 250
  regression k50 --rate-scale 50 --patterns 2000 --evaluate-every 100
  regression k100 --rate-scale 100 --patterns 1000 --evaluate-every 50
  regression k50-long --rate-scale 50 --patterns 12000 --evaluate-every 500
fi

if [ "$WHICH" = long ] || [ "$WHICH" = all ]; then
  regression k100-1e7 --rate-scale 100 --patterns 100000 --evaluate-every 1000
fi

if [ "$WHICH" = seeds ] || [ "$WHICH" = all ]; then
  [ -d "$OUT/sweep" ] || dotnet "$DLL" sweep sweeps/microcircuit-regression-fig2.yaml --out "$OUT/sweep" >"$OUT/sweep.log"
  tail -n 1 "$OUT/sweep.log"
fi
