#!/usr/bin/env bash
# Runs every libFuzzer target of fuzz/ for SECONDS each (default 60), two at a time, seeded with
# fuzz/corpus/, examples/ and data/. Fails (exit 1) on any finding: a crash, a sanitizer report,
# an exception other than limen's InputError/RunError, a timeout or an out-of-memory; the input
# that caused it is left in BUILD/fuzz-artifacts/. Usage: fuzz/run.sh BUILD_DIR [SECONDS]
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: fuzz/run.sh BUILD_DIR [SECONDS]}
seconds=${2:-60}
work=$build/fuzz-work
rm -rf "$work"
mkdir -p "$work/seeds" "$build/fuzz-artifacts"
export TMPDIR=$work/tmp  # the CSV and IDX targets write each input to a file there
mkdir -p "$TMPDIR"

# Seeds that are made from data/ rather than checked in: CSV (plain and gzipped; the first byte
# picks label column -1 and classification, see fuzz_csv.cpp) and an IDX pair (fuzz_idx.cpp).
for t in units config train_config catalog csv idx study; do mkdir -p "$work/seeds/$t" "$work/corpus/$t"; done
cp fuzz/corpus/units/* "$work/seeds/units/"
cp examples/simulate-*.toml "$work/seeds/config/"
cp examples/train-*.toml "$work/seeds/train_config/"
cp data/catalog/*.toml "$work/seeds/catalog/"
cp examples/sweep-*.toml "$work/seeds/study/"
{ printf '\x0b'; zcat data/datasets/digits.csv.gz | head -n 30; } > "$work/seeds/csv/digits30"
{ printf '\x0b'; zcat data/datasets/digits.csv.gz | head -n 12 | gzip -n; } > "$work/seeds/csv/digits12.gz"
{ printf '\x03'; printf 'x1,x2,y\n0.5,1,2.5\n1,2,-3\n2,0.25,1e-3\n'; } > "$work/seeds/csv/regression"
{ printf '\x00\x20'                                          # 32 bytes of images, then labels
  printf '\x00\x00\x08\x03\x00\x00\x00\x04\x00\x00\x00\x02\x00\x00\x00\x02'
  printf '\x00\x10\x20\x30\x01\x11\x21\x31\x02\x12\x22\x32\x03\x13\x23\x33'
  printf '\x00\x00\x08\x01\x00\x00\x00\x04\x00\x01\x00\x01'; } > "$work/seeds/idx/tiny"

run_one() {
  local t=$1 start=$SECONDS
  # -timeout: one input over 20 s is a finding; -rss_limit_mb: so is a run over 2.5 GB.
  "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$t-" \
    "$work/corpus/$t" "$work/seeds/$t" > "$work/$t.log" 2>&1
  local rc=$?
  local runs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t.log" | grep -o '[0-9]*$')
  echo "fuzz_$t: rc $rc, ${runs:-?} inputs in $((SECONDS - start)) s, corpus $(ls "$work/corpus/$t" | wc -l) files"
  if [ $rc -ne 0 ]; then
    grep -m1 -A30 -E 'ERROR: |runtime error|==ERROR|deadly signal|uncaught' "$work/$t.log" | head -40
    return 1
  fi
}
export -f run_one
export build seconds work
printf '%s\n' units config train_config catalog csv idx study |
  xargs -P 2 -I{} bash -c 'run_one {}'
