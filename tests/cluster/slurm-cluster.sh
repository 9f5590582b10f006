#!/usr/bin/env bash
# A real single-node SLURM cluster on 127.0.0.1 for tests and for trying `neurosim sweep --backend slurm`.
# Facts behind every choice here: shared/reference/slurm-single-node.md. Usage: docs/slurm-cluster.md.
#
#   slurm-cluster.sh install     apt-get install slurmctld slurmd slurm-client munge when missing (root)
#   slurm-cluster.sh start DIR   new cluster with everything under DIR; returns when the node is idle
#   slurm-cluster.sh stop DIR    scancel every job, TERM the daemons by PID, KILL after a timeout
#   slurm-cluster.sh env DIR     prints `export SLURM_CONF=DIR/slurm.conf`
#   slurm-cluster.sh run DIR     start, then stay until standard input closes or a signal comes; then stop
#
# The daemons run in the foreground (munged -F, slurmctld -D, slurmd -D), each under setsid, and are
# stopped by the PIDs recorded in DIR/pids. Nothing is written outside DIR (apt aside). No systemd.
# `run` is what the tests use: the daemons stay children of the script, so they are reaped the moment
# they stop (PID 1 on these machines reaps orphans only seconds later, and pgrep shows them meanwhile),
# and a test host that dies closes the pipe, so the cluster never outlives it.
# Ports: SLURM_CLUSTER_PORT (controller; slurmd gets the next one), else a free pair is picked.
set -euo pipefail

readonly PACKAGES=(slurmctld slurmd slurm-client munge)
# slurmctld, slurmd and munged live in /usr/sbin, which a non-login PATH may lack.
export PATH=$PATH:/usr/sbin:/sbin
readonly IDLE_TIMEOUT_S=${SLURM_CLUSTER_IDLE_TIMEOUT:-30}
readonly STOP_TIMEOUT_S=${SLURM_CLUSTER_STOP_TIMEOUT:-5}

die() {
  echo "slurm-cluster: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 install | start DIR | stop DIR | env DIR | run DIR" >&2
  exit 2
}

# ---------------------------------------------------------------------------------------------- install

cmd_install() {
  bash "$(dirname "$0")/../apt-install.sh" slurm-cluster "${PACKAGES[@]}"
}

# ------------------------------------------------------------------------------------------------ start

# True when a TCP port is listened on (IPv4 or IPv6), from /proc: no ss or netstat needed.
port_in_use() {
  local hex
  hex=$(printf '%04X' "$1")
  awk -v h=":$hex" 'NR > 1 && $4 == "0A" && substr($2, length($2) - 4) == h { found = 1 } END { exit !found }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

pick_ports() {
  if [ -n "${SLURM_CLUSTER_PORT:-}" ]; then
    CTLD_PORT=$SLURM_CLUSTER_PORT
    SLURMD_PORT=$((SLURM_CLUSTER_PORT + 1))
    return 0
  fi
  local tries
  for tries in $(seq 1 50); do
    # Below the kernel's ephemeral range (32768 on), so that no client connection takes them later.
    CTLD_PORT=$((20000 + RANDOM % 6000 * 2))
    SLURMD_PORT=$((CTLD_PORT + 1))
    if ! port_in_use "$CTLD_PORT" && ! port_in_use "$SLURMD_PORT"; then
      return 0
    fi
  done
  die "no free pair of TCP ports found in 20000-32000: set SLURM_CLUSTER_PORT"
}

write_conf() {
  local dir=$1
  cat >"$dir/slurm.conf" <<CONF
# Single-node test cluster written by tests/cluster/slurm-cluster.sh; everything lives under $dir.
ClusterName=neurosim
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/jobcomp.txt
# First scheduling pass ~3 s after start, then ~1 s apart (3 s with the default batch_sched_delay).
SchedulerParameters=batch_sched_delay=0
MailProg=/bin/true
ReturnToService=2
KillWait=2
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
# 8 CPUs advertised whatever the machine has, so an 8-task array runs in one wave; without
# config_overrides the node is drained for "Low CPUs".
SlurmdParameters=config_overrides
NodeName=localhost NodeAddr=127.0.0.1 CPUs=8 RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
}

# Starts "$@" in its own session, in the background, output to DIR/log/NAME.out; records "NAME PID".
launch() {
  local dir=$1 name=$2
  shift 2
  setsid "$@" </dev/null >"$dir/log/$name.out" 2>&1 &
  echo "$name $!" >>"$dir/pids"
}

# The last error line of a log, for a one-line message.
last_error() {
  grep -h -i -E 'error|fatal' "$@" 2>/dev/null | tail -n 1 || true
}

# The recorded PID of NAME, if it is still alive (zombies count as gone).
alive_pid() {
  local dir=$1 name=$2 pid state
  pid=$(awk -v n="$name" '$1 == n { print $2 }' "$dir/pids" 2>/dev/null || true)
  [ -n "$pid" ] || return 1
  state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null || true)
  [ -n "$state" ] && [ "$state" != Z ] && echo "$pid"
}

cmd_start() {
  local dir=$1
  command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sinfo >/dev/null \
    && command -v munged >/dev/null \
    || die "SLURM is not installed (slurmctld, slurmd, sinfo, munged): run '$0 install' as root"
  [ "$(id -u)" -eq 0 ] || die "start needs root (SlurmUser=root, slurmd runs jobs as their owner)"
  if [ -f "$dir/pids" ]; then
    local n
    for n in munged slurmctld slurmd; do
      alive_pid "$dir" "$n" >/dev/null && die "a cluster is already running in $dir ($n): '$0 stop $dir' first"
    done
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log" "$dir/run"
  # munged refuses group- or world-writable directories, and non-root clients need to reach the socket.
  chmod 0755 "$dir" "$dir/munge"
  # munged also wants every directory above its socket searchable by all ("Socket is inaccessible").
  local up=$dir
  while [ "$up" != / ]; do
    up=$(dirname "$up")
    [ $((8#$(stat -c %a "$up") & 1)) -eq 1 ] \
      || die "$up is not searchable by all (mode $(stat -c %a "$up")): munged refuses a socket below it; use a DIR whose parents are (mode 755, or /tmp)"
  done
  rm -f "$dir/pids"
  : >"$dir/pids"

  # From here on, a failure stops whatever was started.
  START_DIR=$dir # global: the EXIT trap may run outside this function
  trap 'status=$?; if [ $status -ne 0 ]; then cmd_stop "$START_DIR" >/dev/null 2>&1 || true; fi; exit $status' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP

  pick_ports
  write_conf "$dir"
  mungekey --create --keyfile="$dir/munge.key" || die "mungekey could not write $dir/munge.key"
  chmod 0400 "$dir/munge.key"

  launch "$dir" munged munged -F --key-file="$dir/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/run/munged.pid" --seed-file="$dir/munge/munged.seed" --log-file="$dir/log/munged.log"
  local t0=$SECONDS
  until [ -S "$dir/munge/munge.socket" ]; do
    alive_pid "$dir" munged >/dev/null || die "munged exited at start ($(last_error "$dir/log/munged.log" "$dir/log/munged.out")): see $dir/log/munged.log"
    [ $((SECONDS - t0)) -lt 10 ] || die "munged socket did not appear within 10 s: see $dir/log/munged.log"
    sleep 0.05
  done

  export SLURM_CONF=$dir/slurm.conf
  launch "$dir" slurmctld slurmctld -D -i
  launch "$dir" slurmd slurmd -D -N localhost

  local state="" start_ns now_ns
  start_ns=$(date +%s%N)
  while :; do
    local n
    for n in slurmctld slurmd; do
      alive_pid "$dir" "$n" >/dev/null || die "$n exited at start ($(last_error "$dir/log/$n.log" "$dir/log/$n.out")): see $dir/log/$n.log"
    done
    state=$(sinfo -h -n localhost -o %T 2>/dev/null || true)
    [ "$state" = idle ] && break
    now_ns=$(date +%s%N)
    if [ $(((now_ns - start_ns) / 1000000000)) -ge "$IDLE_TIMEOUT_S" ]; then
      die "node not idle after ${IDLE_TIMEOUT_S} s (sinfo says '${state:-nothing}'): see $dir/log/slurmctld.log and $dir/log/slurmd.log"
    fi
    sleep 0.1
  done
  now_ns=$(date +%s%N)
  trap - EXIT INT TERM HUP
  echo "slurm-cluster: node idle after $(((now_ns - start_ns) / 1000000)) ms; $(cmd_env "$dir")"
}

# ------------------------------------------------------------------------------------------------- stop

# PIDs of processes that belong to the cluster in DIR but are not in DIR/pids: slurmstepd (it holds a
# socket in DIR/spool and outlives slurmd) and job processes (SLURM_CONF=DIR/slurm.conf and a job id).
stray_pids() {
  local dir=$1 pid env
  for pid in $(pgrep -x slurmstepd || true); do
    if ls -l "/proc/$pid/fd" 2>/dev/null | grep -qF -- "-> $dir/"; then
      echo "$pid"
    fi
  done
  for env in $(grep -laF "SLURM_CONF=$dir/slurm.conf" /proc/[0-9]*/environ 2>/dev/null || true); do
    pid=${env#/proc/}
    pid=${pid%/environ}
    [ "$pid" != $$ ] && [ "$pid" != "$BASHPID" ] || continue
    if { tr '\0' '\n' <"$env" | grep -q '^SLURM_JOB_ID='; } 2>/dev/null; then
      echo "$pid"
    fi
  done
}

# TERM the given PIDs, wait until they are gone (zombies count as gone), KILL what is left after the timeout.
terminate() {
  kill -TERM "$@" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT_S)) left pid state
  while :; do
    left=()
    for pid in "$@"; do
      state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null || true)
      [ -n "$state" ] && [ "$state" != Z ] && left+=("$pid")
    done
    [ ${#left[@]} -eq 0 ] && return 0
    if [ $SECONDS -ge $deadline ]; then
      echo "slurm-cluster: KILL ${left[*]} (still running ${STOP_TIMEOUT_S} s after TERM)" >&2
      kill -KILL "${left[@]}" 2>/dev/null || true
      return 0
    fi
    sleep 0.02
  done
}

cmd_stop() {
  local dir=$1
  [ -d "$dir" ] || return 0
  dir=$(cd "$dir" && pwd)
  [ -f "$dir/pids" ] || return 0
  if alive_pid "$dir" slurmctld >/dev/null; then
    local jobs
    jobs=$(SLURM_CONF=$dir/slurm.conf timeout 5 squeue -h -o %F 2>/dev/null | sort -u || true)
    if [ -n "$jobs" ]; then
      # shellcheck disable=SC2086 # one job id per word
      SLURM_CONF=$dir/slurm.conf timeout 5 scancel --full --quiet $jobs 2>/dev/null || true
      # Give the cancelled jobs a moment to end while slurmd is still there to clean up after them.
      local t0=$SECONDS
      while [ -n "$(SLURM_CONF=$dir/slurm.conf timeout 5 squeue -h -o %i 2>/dev/null || true)" ] \
        && [ $((SECONDS - t0)) -lt "$STOP_TIMEOUT_S" ]; do
        sleep 0.1
      done
    fi
  fi
  # One daemon after the other, as each needs the next: slurmd (with any stray slurmstepd and job
  # process), then slurmctld, then munged. Stopped together, slurmctld waits about 1 s for munge.
  local n pid pids
  for n in slurmd slurmctld munged; do
    pids=()
    pid=$(alive_pid "$dir" "$n") && pids+=("$pid")
    if [ "$n" = slurmd ]; then
      for pid in $(stray_pids "$dir"); do
        pids+=("$pid")
      done
    fi
    [ ${#pids[@]} -eq 0 ] || terminate "${pids[@]}"
  done
  mv -f "$dir/pids" "$dir/pids.stopped"
}

# -------------------------------------------------------------------------------------------------- run

cmd_run() {
  cmd_start "$1"
  # Global: the EXIT trap runs after this function has returned.
  RUN_DIR=$(cd "$1" && pwd)
  trap 'cmd_stop "$RUN_DIR"; echo "slurm-cluster: stopped"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  while read -r _; do :; done
}

# -------------------------------------------------------------------------------------------------- env

cmd_env() {
  local dir
  dir=$(cd "$1" && pwd)
  [ -f "$dir/slurm.conf" ] || die "no cluster in $1 (no slurm.conf): '$0 start $1' first"
  echo "export SLURM_CONF=$dir/slurm.conf"
}

case "${1:-}" in
  install) [ $# -eq 1 ] || usage; cmd_install ;;
  start) [ $# -eq 2 ] || usage; cmd_start "$2" ;;
  stop) [ $# -eq 2 ] || usage; cmd_stop "$2" ;;
  env) [ $# -eq 2 ] || usage; cmd_env "$2" ;;
  run) [ $# -eq 2 ] || usage; cmd_run "$2" ;;
  *) usage ;;
esac
