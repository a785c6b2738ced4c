#!/bin/sh
# The MPI sweep test (registered with ctest by tests/CMakeExtra.cmake):
#   1. every examples/sweep-*.toml gives byte-identical results.csv/results.json without MPI,
#      under `mpirun -n 1` and under `mpirun -n 2`;
#   2. a 2-rank sweep whose ranks are killed (SIGKILL) part-way resumes, under 1 or 2 ranks,
#      to the same bytes as an uninterrupted run;
#   3. `mpirun -n 2 limen simulate` (the ensemble split across the ranks) prints the document and
#      writes the trajectories of a plain run (timing aside), for an even and an odd particle count;
#      a simulate study with split = "ensembles" gives the bytes of split = "points" on 1 and 2 ranks.
# usage: mpi_sweep.sh LIMEN MPIRUN SOURCE_DIR WORK_DIR
set -eu
LIMEN=$1 MPIRUN=$2 SRC=$3 WORK=$4
# OpenMPI as root in a container: allow root, oversubscribe the 2 cores, no CMA single-copy.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_btl_vader_single_copy_mechanism=none OMPI_MCA_rmaps_base_oversubscribe=1
export OMPI_MCA_btl=self,vader
# One host only: OpenMPI still insists on finding a remote-launch agent (ssh or rsh) at start-up,
# and a fresh machine may have neither; "false" satisfies the check and is never called.
export OMPI_MCA_plm_rsh_agent="${OMPI_MCA_plm_rsh_agent:-false}"
rm -rf "$WORK"
mkdir -p "$WORK"

same() {  # same DIR_A DIR_B
  cmp "$1/results.csv" "$2/results.csv" && cmp "$1/results.json" "$2/results.json" || {
    echo "FAIL: $1 and $2 differ" >&2
    exit 1
  }
}

# As the issue says it: `mpirun -n K limen sweep examples/sweep-*.toml` (each study into
# DIR/sweep-<name>), compared with a run without MPI.
"$LIMEN" --quiet sweep "$SRC"/examples/sweep-*.toml --output "$WORK/plain"
"$MPIRUN" -n 1 "$LIMEN" --quiet sweep "$SRC"/examples/sweep-*.toml --output "$WORK/n1"
"$MPIRUN" -n 2 "$LIMEN" --quiet sweep "$SRC"/examples/sweep-*.toml --output "$WORK/n2"
count=0
for dir in "$WORK"/plain/sweep-*; do
  name=$(basename "$dir")
  same "$dir" "$WORK/n1/$name"
  same "$dir" "$WORK/n2/$name"
  echo "ok: $name byte-identical without MPI, on 1 and on 2 ranks"
  count=$((count + 1))
done
[ "$count" -ge 1 ] || { echo "FAIL: no example study ran" >&2; exit 1; }

# A study long enough to be killed part-way (2500 points of limen project).
cat > "$WORK/big.toml" <<'TOML'
[study]
command = "project"
name = "big"
outputs = ["paradigms.lim.total_J", "paradigms.cim.total_J", "paradigms.hw:h100.total_J"]
[base]
model = "gpt-3"
paradigm = "landauer,lim,cim,hw"
hardware = "h100"
[grid]
bits = [4, 8, 16, 32, 64]
params = { log = "1e6:1e16:25" }
train-time = { log = "1h:1000d:20" }
TOML
"$LIMEN" --quiet sweep "$WORK/big.toml" --output "$WORK/big-ref" --threads 2

lines() { cat "$WORK"/big-killed/journal*.jsonl 2>/dev/null | wc -l; }
children() {  # the processes whose parent is $1 (read from /proc with builtins: no procps needed)
  for stat in /proc/[0-9]*/stat; do
    read -r fields < "$stat" 2>/dev/null || continue
    set -- "$1" $fields
    if [ "${5:-}" = "$1" ]; then echo "$2"; fi
  done
  return 0
}
"$MPIRUN" -n 2 "$LIMEN" --quiet sweep "$WORK/big.toml" --output "$WORK/big-killed" --threads 1 &
launcher=$!
tries=0
while [ "$(lines)" -lt 1 ] && [ $tries -lt 3000 ]; do sleep 0.01; tries=$((tries + 1)); done
ranks=$(children "$launcher")  # the ranks are running: note them, then let them journal a while
while [ "$(lines)" -lt 200 ] && [ $tries -lt 3000 ]; do sleep 0.01; tries=$((tries + 1)); done
# SIGKILL the ranks (the children of this mpirun), then let mpirun notice and end.
for rank in $ranks; do kill -KILL "$rank" 2>/dev/null || true; done
wait "$launcher" 2>/dev/null || true
# A rank mpirun stopped (SIGTERM) may still be finishing its point: wait, at most 10 s, until the
# lock's holder is gone (a zombie counts as gone for limen's lock).
holder=$(cat "$WORK/big-killed/lock" 2>/dev/null || true)
for i in $(seq 1 1000); do
  if [ -z "$holder" ] || ! kill -0 "$holder" 2>/dev/null || grep -q '^[0-9]* ([^)]*) Z' "/proc/$holder/stat" 2>/dev/null; then break; fi
  sleep 0.01
done
done_before=$(lines)
echo "killed the 2-rank sweep with $done_before points journaled"
if [ -f "$WORK/big-killed/results.csv" ]; then
  echo "FAIL: the sweep finished before it was killed" >&2
  exit 1
fi
"$MPIRUN" -n 2 "$LIMEN" --quiet sweep "$WORK/big.toml" --output "$WORK/big-killed" | tee "$WORK/resume.txt"
grep -q "2500 points" "$WORK/resume.txt"
same "$WORK/big-ref" "$WORK/big-killed"
echo "ok: killed 2-rank sweep resumed to the same bytes"
# The ensemble of one simulate split across the ranks: the drag example, shortened.
sed -e 's/^particles = .*/particles = 20000/' -e 's/^duration = .*/duration = 2.0/' \
    -e 's/times = \[0.0, 10.0\]/times = [0.0, 2.0]/' "$SRC/examples/simulate-drag.toml" > "$WORK/drag.toml"
untimed() {  # the JSON document on stdin without its "timing" key (wall clock), re-printed
  /usr/bin/python3 -c 'import json, sys; d = json.load(sys.stdin); d.pop("timing"); print(json.dumps(d, indent=1))'
}
for n in 20000 20001; do
  sed -i "s/^particles = .*/particles = $n/" "$WORK/drag.toml"
  "$LIMEN" --quiet simulate "$WORK/drag.toml" --format json --threads 1 --trajectories "$WORK/t1.csv" | untimed > "$WORK/s1.json"
  "$MPIRUN" -n 2 "$LIMEN" --quiet simulate "$WORK/drag.toml" --format json --threads 1 --trajectories "$WORK/t2.csv" \
    | untimed > "$WORK/s2.json"
  cmp "$WORK/s1.json" "$WORK/s2.json" && cmp "$WORK/t1.csv" "$WORK/t2.csv" || {
    echo "FAIL: mpirun -n 2 limen simulate ($n particles) differs from one process" >&2
    exit 1
  }
  echo "ok: simulate of $n particles split over 2 ranks is byte-identical"
done

# A simulate study run with split = "points" and "ensembles" (the same file, so the same sources).
cat > "$WORK/split.toml" <<TOML
[study]
command = "simulate"
name = "split"
seed = 7
seed_key = "run.seed"
split = "points"
outputs = ["work_kT.mean", "heat_kT.mean", "w2_bound_kT"]
[base]
config = "drag.toml"
[base.run]
particles = 3001
[grid]
"run.dt" = [0.001, 0.002, 0.004]
TOML
"$LIMEN" --quiet sweep "$WORK/split.toml" --output "$WORK/split-points"
sed -i 's/^split = .*/split = "ensembles"/' "$WORK/split.toml"
"$MPIRUN" -n 1 "$LIMEN" --quiet sweep "$WORK/split.toml" --output "$WORK/split-e1"
"$MPIRUN" -n 2 "$LIMEN" --quiet sweep "$WORK/split.toml" --output "$WORK/split-e2"
same "$WORK/split-points" "$WORK/split-e1"
same "$WORK/split-points" "$WORK/split-e2"
echo "ok: a study with split = \"ensembles\" is byte-identical on 1 and 2 ranks to split = \"points\""
rm -rf "$WORK"
