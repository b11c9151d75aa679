#!/bin/sh
# bench-hpbench-aa.sh — A/A trials on real runs: the same command twice in
# one `hpbench run` (interleaved, shuffled, a different seed each trial), and
# how often the verdict is "no significant difference".  A harness that can
# be trusted says so far more often than 95% of the time.  Also prints how
# often a slower variant (the command, then a sleep of 10% of its median,
# through sh) is told apart (the power to see a real difference).  Figures only, no threshold.  Usage:
#   BUILD_DIR=build benchmarks/bench-hpbench-aa.sh [TRIALS] [RUNS] [PER_GROUP]
# PER_GROUP (default 2) is -n: smaller groups interleave A and B more finely,
# which matters when the machine's load drifts.
set -e
BUILD_DIR=${BUILD_DIR:-.}
BUILD_DIR=$(cd "$BUILD_DIR" && pwd)
HPBENCH=$BUILD_DIR/hpbench
TRIALS=${1:-20}
RUNS=${2:-20}
PER_GROUP=${3:-2}
[ -x "$HPBENCH" ] || { echo "no $HPBENCH: build first (BUILD_DIR=...)" >&2; exit 1; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hpbench-aa.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export HPROF_DB="$TMP/aa.db"
# the interpreter itself, not a pyenv shim (a shell script that costs more
# than the interpreter)
PY=$(python3 -c 'import sys; print(sys.executable)')

trial() { # $1 seed, $2 and $3 the two commands; prints the verdict line
  "$HPBENCH" run --runs "$RUNS" -n "$PER_GROUP" -w 1 --shuffle --seed "$1" --name A --name B \
    -c "$2" -c "$3" | sed -n '/^Summary/,$p' | tail -n 1
}

for cmd in "sleep 0.01" "$PY -c pass"; do
  same=0; seen=0; i=0
  while [ $i -lt "$TRIALS" ]; do
    i=$((i + 1))
    trial "$i" "$cmd" "$cmd" > "$TMP/v"
    grep -q "no significant difference" "$TMP/v" && same=$((same + 1))
    # B spins 10% longer than A: the same command with a measured extra delay
    slow=$("$HPBENCH" export -f hyperfine A | python3 -c 'import json,sys; print("%.6f" % (json.load(sys.stdin)["results"][0]["median"] * 0.1))')
    trial "$((i + 1000))" "$cmd" "sh -c '$cmd; sleep $slow'" > "$TMP/p"
    grep -q "is .* slower than\|is .* faster than" "$TMP/p" && seen=$((seen + 1))
  done
  python3 -c "import sys; t=int(sys.argv[1]); print('%-28s A/A: no significant difference in %d of %d trials (%.0f%%); slower variant told apart in %d of %d' % (sys.argv[4][:28], int(sys.argv[2]), t, 100.0 * int(sys.argv[2]) / t, int(sys.argv[3]), t))" \
    "$TRIALS" "$same" "$seen" "$cmd"
done
echo "($RUNS values per command per trial in groups of $PER_GROUP, noise threshold 1%, alpha 0.05; load average: $(cut -d' ' -f1 /proc/loadavg))"
