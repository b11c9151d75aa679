#!/bin/sh
# python-sample-cost.sh — the profiler's own cost of one Python sample, per
# interpreter present: CPU time (user+sys of the reader) and wall time per
# snapshot of a process with a 100-frame-deep main thread, one spinning and
# one sleeping thread; in wall mode (every thread's frames read) and cpu mode
# (only running threads' frames, plus one /proc read per thread).  Also the
# wall time of a whole `hprof dump` (process start, discovery, one read).
# Figures only, no thresholds.  Columns: frames read per snapshot; for wall
# and cpu mode the reader's CPU and wall microseconds per snapshot; the wall
# milliseconds of one `hprof dump`.
#
# usage: benchmarks/python-sample-cost.sh [BUILDDIR] [SAMPLES]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top}
n=${2:-5000}
HPROF="$build/hprof"
DRIVE="$build/profiler/python/pysample-drive"
for f in "$HPROF" "$DRIVE"; do
  [ -x "$f" ] || { echo "python-sample-cost: $f is not built (give the build directory)" >&2; exit 1; }
done
abs_top_builddir=$build abs_top_srcdir=$top
. "$build/tests/env.sh" || exit 1   # hp_pythons
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/deep.py" <<'PY'
import sys, threading, time
def spin():
    x = 0
    while True: x += 1
def deep(n):
    if n == 0:
        open(sys.argv[1], "w").close()
        time.sleep(1000)
    deep(n - 1)
threading.Thread(target=spin, daemon=True).start()
threading.Thread(target=time.sleep, args=(1000,), daemon=True).start()
deep(99)
PY

field() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' "$2"; }

printf '%-12s %8s %12s %12s %12s %12s %12s\n' python frames \
  "wall:cpu_us" "wall:wall_us" "cpu:cpu_us" "cpu:wall_us" "dump_ms"
hp_pythons | while read -r ver py; do
  rm -f "$tmp/ready"
  "$py" "$tmp/deep.py" "$tmp/ready" & pid=$!
  for _ in $(seq 100); do [ -e "$tmp/ready" ] && break; sleep 0.1; done
  "$DRIVE" -n "$n" "$pid" > "$tmp/wall" 2>&1
  "$DRIVE" -c -n "$n" "$pid" > "$tmp/cpu" 2>&1
  t0=$(date +%s%N)
  for _ in 1 2 3 4 5 6 7 8 9 10; do "$HPROF" dump "$pid" > /dev/null; done
  t1=$(date +%s%N)
  kill $pid; wait $pid 2>/dev/null
  printf '%-12s %8d %12.1f %12.1f %12.1f %12.1f %12.1f\n' "$ver" \
    $(( $(field frames "$tmp/wall") / n )) \
    "$(echo "$(field cpu_ns_per_sample "$tmp/wall") / 1000" | bc -l)" \
    "$(echo "$(field wall_ns_per_sample "$tmp/wall") / 1000" | bc -l)" \
    "$(echo "$(field cpu_ns_per_sample "$tmp/cpu") / 1000" | bc -l)" \
    "$(echo "$(field wall_ns_per_sample "$tmp/cpu") / 1000" | bc -l)" \
    "$(echo "($t1 - $t0) / 10000000" | bc -l)"
done
