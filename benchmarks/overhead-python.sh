#!/bin/sh
# overhead-python.sh — what `hprof run` costs a Python program, per
# interpreter present: the target's wall time with and without the profiler,
# side by side in interleaved repeats (medians), at 100, 1000 and 10000 Hz,
# on examples/wordcount.py (a generated input) and on a call-heavy workload
# (benchmarks/overhead-calls.py); the rate achieved, the profiler's own CPU
# per sample (run_meta profiler_cpu_s / samples), and the highest rate the
# sampler sustains (achieved >= 95% of asked) on the call-heavy workload.
# The "startup" row (python -c pass) is the fixed cost of starting hprof,
# the database and finding the interpreter, which a short program feels.
# Figures only, no thresholds; quoted in man/hprof-run.1, OVERHEAD.
#
# usage: BUILD_DIR=build benchmarks/overhead-python.sh [REPEATS]
# env:   VERSIONS="3.12 3.13" limits the interpreters (names of hp_pythons),
#        SIZE (default 8M) the word-count input, RATES (default "100 1000 10000").
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${BUILD_DIR:-$top/build}" 2>/dev/null && pwd) ||
  { echo "overhead-python: no build directory ${BUILD_DIR:-$top/build}; set BUILD_DIR" >&2; exit 1; }
repeats=${1:-5}
rates=${RATES:-100 1000 10000}
HPROF="$build/hprof"
for f in "$HPROF" "$build/examples/textgen" "$build/tests/env.sh"; do
  [ -e "$f" ] || { echo "overhead-python: $f is missing: build first (make)" >&2; exit 1; }
done
command -v sqlite3 > /dev/null || { echo "overhead-python: needs the sqlite3 program" >&2; exit 1; }
abs_top_builddir=$build abs_top_srcdir=$top
. "$build/tests/env.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PYTHONDONTWRITEBYTECODE=1
"$build/examples/textgen" --size "${SIZE:-8M}" -o "$tmp/words.txt" || exit 1
db="$tmp/o.db"

now() { date +%s.%N; }
# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
meta() { sqlite3 "$db" "SELECT value FROM run_meta WHERE key = '$1' AND run = (SELECT max(id) FROM runs)"; }
samples() { sqlite3 "$db" "SELECT samples FROM runs WHERE id = (SELECT max(id) FROM runs)"; }

# one_run RATE CMD...: the wall seconds of CMD (RATE 0: without hprof); for a
# profiled run also appends "achieved-Hz cpu-us-per-sample" to $tmp/rate-RATE.
one_run() {
  r=$1
  shift
  t0=$(now)
  if [ "$r" = 0 ]; then
    "$@" > /dev/null 2>&1
  else
    "$HPROF" -q --db "$db" run --rate "$r" -- "$@" > /dev/null 2>&1
  fi
  t1=$(now)
  echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }' >> "$tmp/time-$r"
  if [ "$r" != 0 ]; then
    n=$(samples)
    echo "$(meta achieved_rate_hz) $(meta profiler_cpu_s) $n" |
      awk '{ printf "%s %.1f\n", $1, ($3 > 0 ? 1e6 * $2 / $3 : 0) }' >> "$tmp/rate-$r"
  fi
}

# measure NAME CMD...: interleaved repeats of CMD without and with hprof.
measure() {
  name=$1
  shift
  rm -f "$tmp"/time-* "$tmp"/rate-*
  for _ in $(seq "$repeats"); do
    for r in 0 $rates; do one_run "$r" "$@"; done
  done
  base=$(median < "$tmp/time-0")
  printf '%-12s %-10s %8.3f' "$ver" "$name" "$base"
  for r in $rates; do
    t=$(median < "$tmp/time-$r")
    hz=$(cut -d' ' -f1 "$tmp/rate-$r" | median)
    us=$(cut -d' ' -f2 "$tmp/rate-$r" | median)
    printf '  %8.3f %+6.1f%% %6.0f %6.1f' "$t" "$(echo "$t $base" | awk '{ print 100 * ($1 / $2 - 1) }')" "$hz" "$us"
  done
  echo
}

# highest RATE at which the achieved rate stays >= 95% of it.
sustained() {
  best=0
  for r in 1000 2000 5000 10000 20000 50000 100000; do
    "$HPROF" -q --db "$db" run --rate "$r" -- "$@" > /dev/null 2>&1
    ok=$(meta achieved_rate_hz | awk -v r="$r" '{ print ($1 >= 0.95 * r) }')
    [ "$ok" = 1 ] || break
    best=$r
  done
  echo "$best"
}

echo "hprof run overhead: wall seconds, median of $repeats interleaved repeats;"
echo "per rate: time with hprof, slowdown, achieved Hz, profiler CPU microseconds per sample"
printf '%-12s %-10s %8s' PYTHON WORKLOAD BASE
for r in $rates; do printf '  %33s' "--- $r Hz ---"; done
echo
hp_pythons > "$tmp/pythons"
while read -r ver py; do
  if [ -n "${VERSIONS:-}" ]; then
    case " $VERSIONS " in *" $ver "*) ;; *) continue ;; esac
  fi
  measure startup "$py" -c pass
  measure wordcount "$py" "$top/examples/wordcount.py" "$tmp/words.txt" "$tmp/out.txt"
  measure calls "$py" "$top/benchmarks/overhead-calls.py" 29
  echo "$ver: highest rate sustained on calls: $(sustained "$py" "$top/benchmarks/overhead-calls.py" 29) Hz"
done < "$tmp/pythons"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
