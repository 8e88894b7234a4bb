#!/usr/bin/env bash
# A one-node Slurm cluster on localhost runs the job-array script of `kapla sweep --emit slurm`: munged,
# slurmctld and slurmd start from a generated slurm.conf with their state in a temporary folder, the
# script is submitted with sbatch, its dependent merge job joins the shards, and the merged points.csv
# must equal the unsharded run's (sorted, without the search_seconds column). The daemons are stopped
# and the folder removed at the end. Exit 77 (skipped) when Slurm or munge is not installed.
#   slurm_sweep_test.sh KAPLA SWEEP.yaml
set -euo pipefail

kapla="$1"
sweep="$2"
for tool in munged slurmctld slurmd sbatch squeue; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool not found (Debian packages slurm-wlm and munge)"; exit 77; }
done

work="$(mktemp -d /tmp/kapla-slurm.XXXXXX)"
pids=()
stop_daemons() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap stop_daemons EXIT
fail() {
    echo "FAIL: $*"
    for log in "$work"/*.log "$work"/cluster/logs/*; do [ -f "$log" ] && { echo "--- $log"; tail -n 30 "$log"; }; done
    exit 1
}

# munge: its own key and socket.
mkdir -m 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
socket="$work/munge/munge.socket"
munged --foreground --force --key-file="$work/munge/munge.key" --socket="$socket" \
    --pid-file="$work/munge/munged.pid" --log-file="$work/munged.log" --seed-file="$work/munge/munged.seed" \
    2>>"$work/munged.log" &
pids+=($!)
for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || fail "munged did not start"

# Two free ports above 20000 for slurmctld and slurmd.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {
    local p
    while :; do p=$((20000 + RANDOM % 30000)); port_free "$p" && [ "$p" != "${1:-}" ] && { echo "$p"; return; }; done
}
ctld_port="$(pick_port)"
slurmd_port="$(pick_port "$ctld_port")"

host="$(hostname -s)"
user="$(id -un)"
cpus="$(nproc)"
mkdir -p "$work/state" "$work/spool"
export SLURM_CONF="$work/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=kaplatest
SlurmctldHost=$host(127.0.0.1)
SlurmUser=$user
SlurmdUser=$user
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

slurmctld -D -i -f "$SLURM_CONF" >"$work/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$host" >"$work/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)' && break
    sleep 0.2
done
sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)' || fail "the node did not come up: $(sinfo 2>&1)"

"$kapla" sweep "$sweep" --out "$work/whole" --threads 1 2>"$work/whole.log" || fail "the unsharded sweep failed"
"$kapla" sweep "$sweep" --emit slurm --shards 3 --out "$work/cluster" >"$work/sweep.sbatch" || fail "--emit slurm failed"
job="$(sbatch --parsable "$work/sweep.sbatch")" || fail "sbatch refused the script"
echo "submitted job array $job"

# The array and then its merge job run; both leave the queue when done.
for _ in $(seq 600); do
    [ -f "$work/cluster/points.json" ] && [ -z "$(squeue -h 2>/dev/null)" ] && break
    sleep 0.5
done
[ -f "$work/cluster/points.json" ] || fail "the merge job wrote no points.json (queue: $(squeue 2>&1))"

comparable() { sed 's/,[^,]*$//' "$1/points.csv" | sort; }
if ! diff <(comparable "$work/whole") <(comparable "$work/cluster"); then
    fail "the merged Slurm run differs from the unsharded run"
fi
rows="$(($(wc -l <"$work/cluster/points.csv") - 1))"
echo "PASS: $rows points solved in 3 Slurm array tasks and merged by the dependent job equal the unsharded run"
