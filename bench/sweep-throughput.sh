#!/usr/bin/env bash
# Throughput of the 36-point separation grid (sweeps/separation.yaml, one seed: 36 runs, each with its adiabatic twin
# and its initial state) four ways, interleaved round by round so that a machine whose speed drifts affects all alike:
#   loop      the hand-written serial loop a sweep replaces: one `neurosim run` process per run, twin and initial state
#   workers1  neurosim separation --seeds 1 --workers 1
#   workers2  neurosim separation --seeds 1 --workers 2
#   slurm     neurosim separation --seeds 1 --backend slurm --tasks 2, on the single-node cluster of docs/slurm-cluster.md
# Prints wall seconds per round and the median points per minute, and each as a ratio to the loop's.
#
#   bench/sweep-throughput.sh [ROUNDS]      (default 2; needs a Release build and, for slurm, root for the cluster)
set -euo pipefail
cd "$(dirname "$0")/.."
readonly ROUNDS=${1:-2}
readonly POINTS=36
readonly DLL=src/NeuroSim.Cli/bin/Release/net10.0/neurosim.dll
[ -f "$DLL" ] || { echo "build first: dotnet build NeuroSim.sln -c Release" >&2; exit 2; }
neurosim() { dotnet "$DLL" "$@"; }
work=$(mktemp -d)
chmod 755 "$work"   # munged needs every parent of its socket searchable
cluster=$work/cluster
trap 'bash tests/cluster/slurm-cluster.sh stop "$cluster" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
bash tests/cluster/slurm-cluster.sh start "$cluster" >/dev/null
eval "$(bash tests/cluster/slurm-cluster.sh env "$cluster")"

loop() {
  local out=$1 k=0
  for e1 in 1 0.3 0.1 0.03 0.01 0.003; do
    for e2 in 1 0.3 0.1 0.03 0.01 0.003; do
      local credit plasticity run
      credit=$(awk -v a="$e1" 'BEGIN { printf "%.12g", 10 / a }')
      plasticity=$(awk -v a="$e1" -v b="$e2" 'BEGIN { printf "%.12g", 10 / a / b }')
      run=$(awk -v t="$plasticity" 'BEGIN { r = int(t + 0.5); printf "%d", (r < 1 ? 1 : r) }')
      local sets=(--set "timescales.credit=$credit ms" --set "timescales.plasticity=$plasticity ms" --set "protocol.timeline[2].run=$run ms")
      neurosim run models/separation-probe.yaml protocols/separation-probe.yaml --seed 1 "${sets[@]}" --out "$out/p$k" >/dev/null
      neurosim run models/separation-probe.yaml protocols/separation-probe.yaml --seed 1 "${sets[@]}" --set scheduler.mode=adiabatic --out "$out/p$k.adiabatic" >/dev/null
      neurosim run models/separation-probe.yaml protocols/separation-probe.yaml --seed 1 "${sets[@]}" --until 0ms --out "$out/p$k.initial" >/dev/null
      k=$((k + 1))
    done
  done
}

declare -A seconds
configs=(loop workers1 workers2 slurm)
for round in $(seq 1 "$ROUNDS"); do
  for config in "${configs[@]}"; do
    out=$work/$config-$round
    start=$(date +%s.%N)
    case $config in
      loop) loop "$out" ;;
      workers1) neurosim separation --seeds 1 --workers 1 --out "$out" >/dev/null ;;
      workers2) neurosim separation --seeds 1 --workers 2 --out "$out" >/dev/null ;;
      slurm) neurosim separation --seeds 1 --backend slurm --tasks 2 --out "$out" >/dev/null ;;
    esac
    end=$(date +%s.%N)
    seconds[$config]="${seconds[$config]:-} $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
    rm -rf "$out"
    echo "round $round $config: $(echo "${seconds[$config]}" | awk '{ print $NF }') s" >&2
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
loop_median=$(echo "${seconds[loop]}" | median)
printf '%-9s %-24s %8s %14s %14s\n' config "wall s per round" median "points/min" "vs loop"
for config in "${configs[@]}"; do
  m=$(echo "${seconds[$config]}" | median)
  awk -v c="$config" -v all="${seconds[$config]}" -v m="$m" -v l="$loop_median" -v p="$POINTS" \
    'BEGIN { printf "%-9s %-24s %8.1f %14.1f %13.2fx\n", c, all, m, p * 60 / m, l / m }'
done
