#!/bin/sh
# bench-hpbench-vs-hyperfine.sh — hpbench side by side with hyperfine in one
# run, on the same commands, both without a shell:
#  1. /bin/true x 200: the wall time of the whole invocation, and the
#     harness's own cost per run (invocation time / 200 minus the mean the
#     tool reports for /bin/true itself);
#  2. a ~50 ms command (a CPU loop in awk, calibrated here, and sleep 0.05):
#     the means both tools report, alternating A B A B over ROUNDS rounds,
#     and their difference in percent (the goal: within 2%).
# Figures only, no threshold.  Quoted in hpbench(1), OVERHEAD.  Usage:
#   BUILD_DIR=build benchmarks/bench-hpbench-vs-hyperfine.sh [ROUNDS]
set -e
BUILD_DIR=${BUILD_DIR:-.}
BUILD_DIR=$(cd "$BUILD_DIR" && pwd)
HPBENCH=$BUILD_DIR/hpbench
ROUNDS=${1:-3}
[ -x "$HPBENCH" ] || { echo "no $HPBENCH: build first (BUILD_DIR=...)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine is not installed: apt-get install hyperfine" >&2; exit 1; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hpbench-vs.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export HPROF_DB="$TMP/b.db"

now() { date +%s.%N; }
mean_hp() { # mean of hpbench's last run, seconds
  "$HPBENCH" export -f hyperfine "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["mean"])'
}
mean_hf() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$1"; }

echo "== /bin/true x 200 (no warm-ups, no shell)"
for r in $(seq "$ROUNDS"); do
  t0=$(now); "$HPBENCH" run --runs 200 -n 20 -w 0 --name "true$r" /bin/true > /dev/null; t1=$(now)
  hp_mean=$(mean_hp "true$r")
  t2=$(now); hyperfine -N --runs 200 --warmup 0 --style none --export-json "$TMP/hf.json" /bin/true > /dev/null 2>&1; t3=$(now)
  hf_mean=$(mean_hf "$TMP/hf.json")
  python3 - "$t0" "$t1" "$hp_mean" "$t2" "$t3" "$hf_mean" <<'PY'
import sys
t0, t1, hm, t2, t3, fm = map(float, sys.argv[1:])
for name, a, b, m in (("hpbench", t0, t1, hm), ("hyperfine", t2, t3, fm)):
    wall = b - a
    print("  %-9s invocation %6.3f s  per run %7.1f us  reported mean %7.1f us  harness cost per run %7.1f us"
          % (name, wall, wall / 200 * 1e6, m * 1e6, (wall / 200 - m) * 1e6))
print("  ratio of invocation times hpbench/hyperfine: %.2f" % ((t1 - t0) / (t3 - t2)))
PY
done

# awk loop of about 50 ms on this machine
n=200000
while :; do
  t0=$(now); awk -v n=$n 'BEGIN { for (i = 0; i < n; i++) s += i }'; t1=$(now)
  ms=$(python3 -c "print(int(($t1 - $t0) * 1000))")
  [ "$ms" -ge 40 ] && break
  n=$((n * 2))
done
n=$(python3 -c "print(int($n * 50 / max($ms, 1)))")

for cmd in "awk -v n=$n BEGIN{for(i=0;i<n;i++)s+=i}" "sleep 0.05"; do
  echo "== $cmd: batches of 10 runs (+1 warm-up), hpbench and hyperfine alternating, $((ROUNDS * 3)) batches each"
  : > "$TMP/pairs"
  for r in $(seq $((ROUNDS * 3))); do
    # shellcheck disable=SC2086
    "$HPBENCH" run --runs 10 -n 10 -w 1 --name "c$r" $cmd > /dev/null
    hyperfine -N --runs 10 --warmup 1 --style none --export-json "$TMP/hf.json" "$cmd" > /dev/null 2>&1
    echo "$(mean_hp "c$r") $(mean_hf "$TMP/hf.json")" >> "$TMP/pairs"
  done
  python3 - "$TMP/pairs" <<'PY'
import statistics, sys
pairs = [tuple(map(float, l.split())) for l in open(sys.argv[1])]
hp = [p[0] for p in pairs]; hf = [p[1] for p in pairs]
diffs = [(a / b - 1) * 100 for a, b in pairs]
print("  hpbench mean %.3f ms, hyperfine mean %.3f ms over all batches: difference %+.2f%%"
      % (statistics.mean(hp) * 1e3, statistics.mean(hf) * 1e3, (statistics.mean(hp) / statistics.mean(hf) - 1) * 100))
print("  per batch: median difference %+.2f%%, range %+.2f%% .. %+.2f%% (load drift between batches)"
      % (statistics.median(diffs), min(diffs), max(diffs)))
PY
done
