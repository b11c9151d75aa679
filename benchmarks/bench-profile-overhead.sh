#!/bin/sh
# bench-profile-overhead.sh — how much `hpbench run --profile` slows the
# values it measures (the figure quoted under OVERHEAD in man/hpbench.1).
#
# For each workload, ROUNDS rounds alternate a plain `hpbench run` and a
# `hpbench run --profile` of the same command (-p PROCS -n 3 -w 1 each), so
# drift hits both alike; then prints the mean wall time per run with and
# without the profiler, side by side, their ratio, and the samples per timed
# process the profile got.  Workloads: tests/workloads/bench-hot.py on
# Debian's python3.11 and on the newest pyenv CPython (python backend), and
# examples/wordcount on books (perf backend).  Figures only, no thresholds.
#
# usage: benchmarks/bench-profile-overhead.sh [BUILD_DIR]
#        (environment: ROUNDS=3 PROCS=3 RATE=1000)
set -u
B=${1:-${abs_top_builddir:-$PWD}}
S=$(cd "$(dirname "$0")/.." && pwd)
HPBENCH="$B/hpbench"
ROUNDS=${ROUNDS:-3}
PROCS=${PROCS:-3}
RATE=${RATE:-1000}
[ -x "$HPBENCH" ] || { echo "no $HPBENCH: build first (usage: $0 BUILD_DIR)" >&2; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/bpo.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HPROF_DB="$T/o.db"
q() { python3 -c 'import sqlite3,sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print("|".join(map(str, r)))' "$HPROF_DB" "$1"; }

# measure LABEL COMMAND...: ROUNDS x (plain, profiled), then one result line.
measure() {
  label=$1; shift
  i=0
  while [ "$i" -lt "$ROUNDS" ]; do
    "$HPBENCH" run -p "$PROCS" -n 3 -w 1 --name "plain-$label" -- "$@" >/dev/null 2>&1 ||
      { echo "$label: plain run failed" >&2; return; }
    "$HPBENCH" run --profile --profile-rate "$RATE" -p "$PROCS" -n 3 -w 1 --name "prof-$label" \
      -- "$@" >/dev/null 2>&1 || { echo "$label: profiled run failed" >&2; return; }
    i=$((i + 1))
  done
  q "select
       (select avg(v.wall_ns) / 1e6 from bench_values v join runs r on v.run = r.id
         where r.name = 'plain-$label' and v.warmup = 0),
       (select avg(v.wall_ns) / 1e6 from bench_values v join runs r on v.run = r.id
         where r.name = 'prof-$label' and v.warmup = 0),
       (select sum(p.samples) * 1.0 / (select count(*) from processes pr join runs p2
          on pr.run = p2.id join runs b2 on p2.parent_run = b2.id where b2.name = 'prof-$label')
         from runs p join runs b on p.parent_run = b.id where b.name = 'prof-$label')" |
    awk -F'|' -v l="$label" '{ printf "%-28s %10.1f %10.1f %8.3fx %9.0f\n", l, $1, $2, $2 / $1, $3 }'
}

printf '%s rounds x %s processes x 3 values, --profile-rate %s, %s CPUs\n' "$ROUNDS" "$PROCS" "$RATE" "$(nproc)"
printf '%-28s %10s %10s %9s %9s\n' workload "plain ms" "profiled" ratio "samples"
work="$S/tests/workloads/bench-hot.py"
[ -x /usr/bin/python3.11 ] && measure "python3.11-debian" /usr/bin/python3.11 "$work" 3 300
root=${PYENV_ROOT:-$HOME/.pyenv}
py=$(ls -d "$root"/versions/3.1[0-9]*/bin/python3 2>/dev/null | sort -V | tail -1)
[ -n "$py" ] && measure "python$(basename "$(dirname "$(dirname "$py")")")-pyenv" "$py" "$work" 3 300
books="$S/../shared/data/gutenberg"
if [ -x "$B/examples/wordcount" ] && ls "$books"/pg*.txt >/dev/null 2>&1; then
  ls "$books"/pg*.txt | head -8 | xargs cat >"$T/in.txt"
  measure "wordcount (native)" "$B/examples/wordcount" "$T/in.txt" "$T/out"
fi
echo "(mean wall time per timed run; samples: per timed process)"
