#!/bin/sh
# native-overhead.sh — what native sampling costs the target, next to perf.
#
# The workload (tests/workloads/native/split-fp: one thread, a hot loop under
# two callers) times itself: its CPU time (user + system, which includes the
# kernel's sampling work done in its context) by default, or its wall time
# with METRIC=wall (meaningful only on an otherwise idle machine: the
# profiler's own CPU competes with the target there).  Each figure is the
# median of REPEAT runs, all
# taken in this one run of the script, interleaved per configuration:
#   base      the workload alone
#   hprof     hprof run --backend perf --call-graph G --rate R
#   perf      perf record -F R --call-graph G (same workload, same run)
# plus a row for the ptrace backend (stops the target; no perf equivalent).
# and prints the target's slowdown under each, their ratio, the samples per
# second hprof sustained, and the bytes per sample stored (row and index
# payload of the database after the run minus one holding a run of `true`;
# samples are stored as counts per distinct stack, so this falls as runs grow).
#
# usage: benchmarks/native-overhead.sh [BUILD_DIR]
#        (environment: REPEAT=5 ROUNDS=300 RATES="1000 4000" METRIC=cpu|wall)
set -u
B=${1:-${abs_top_builddir:-$PWD}}
HPROF="$B/hprof"
W="$B/tests/workloads/native/split-fp"
REPEAT=${REPEAT:-5}
ROUNDS=${ROUNDS:-300}
RATES=${RATES:-"1000 4000"}
METRIC=${METRIC:-cpu}
case $METRIC in cpu) field=5 ;; wall) field=4 ;; *) echo "METRIC is cpu or wall" >&2; exit 2 ;; esac
[ -x "$HPROF" ] && [ -x "$W" ] || { echo "build hprof and the check programs first (make check TESTS=)" >&2; exit 2; }
PERF=$(command -v perf || true)
T=$(mktemp -d "${TMPDIR:-/tmp}/hpbench-native.XXXXXX")
trap 'rm -rf "$T"' EXIT

# the workload's own seconds (cpu or wall) from its output line
secs() { awk -v f="$field" '/^split / { print $f }' "$1"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# bytes of rows and index entries (pages are 4 KiB: too coarse for small runs)
db_bytes() {
  sqlite3 "$1" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  sqlite3 "$1" 'SELECT sum(payload) FROM dbstat;'
}
run_samples() { sqlite3 "$1" "SELECT samples FROM runs ORDER BY id DESC LIMIT 1;"; }
run_secs() { sqlite3 "$1" "SELECT (ended_ns - started_ns) / 1e9 FROM runs ORDER BY id DESC LIMIT 1;"; }

echo "# native sampling overhead: $W $ROUNDS rounds, $METRIC seconds, median of $REPEAT, $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-6s %-5s %8s %8s %9s %8s %9s %7s %9s %9s\n' graph rate base_s hprof_s hprof_% perf_s perf_% ratio samples/s bytes/smp
for rate in $RATES; do
  for graph in fp dwarf ptrace; do
    backend=perf; cg=$graph
    [ "$graph" = ptrace ] && backend=ptrace cg=dwarf
    : >"$T/base" ; : >"$T/hp" ; : >"$T/perf"; : >"$T/rate"
    for i in $(seq "$REPEAT"); do
      "$W" "$ROUNDS" >"$T/o" && secs "$T/o" >>"$T/base"
      rm -f "$T/db"*
      "$HPROF" -q run --db "$T/db" --backend "$backend" --call-graph "$cg" --rate "$rate" -- "$W" "$ROUNDS" >"$T/o" 2>/dev/null &&
        secs "$T/o" >>"$T/hp"
      echo "$(run_samples "$T/db") $(run_secs "$T/db")" | awk '{ if ($2 > 0) print $1 / $2 }' >>"$T/rate"
      if [ -n "$PERF" ] && [ "$backend" = perf ]; then
        "$PERF" record -q -F "$rate" --call-graph "$graph" -o "$T/perf.data" -- "$W" "$ROUNDS" >"$T/o" 2>/dev/null &&
          secs "$T/o" >>"$T/perf"
      fi
    done
    # bytes per sample: the last hprof run's database minus an empty run's
    rm -f "$T/e.db"*
    "$HPROF" -q run --db "$T/e.db" --backend "$backend" -- true >/dev/null 2>&1
    bps=$(echo "$(db_bytes "$T/db") $(db_bytes "$T/e.db") $(run_samples "$T/db")" |
      awk '{ if ($3 > 0) printf "%.1f", ($1 - $2) / $3; else print "n/a" }')
    b=$(median <"$T/base"); h=$(median <"$T/hp"); r=$(median <"$T/rate")
    p=$([ -s "$T/perf" ] && median <"$T/perf" || echo 0)
    echo "$graph $rate $b $h $p $r $bps" | awk '{
      hs = ($4 / $3 - 1) * 100; ps = $5 > 0 ? ($5 / $3 - 1) * 100 : 0
      ratio = ps > 0.05 ? sprintf("%.2f", hs / ps) : "n/a"
      printf "%-6s %-5s %8.3f %8.3f %8.1f%% %8.3f %8.1f%% %7s %9.0f %9s\n", $1, $2, $3, $4, hs, $5, ps, ratio, $6, $7 }'
  done
done
