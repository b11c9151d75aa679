#!/bin/sh
# viewer-startup.sh — how long hpview takes from exec to its first screen on
# a database of a million samples (the goal in issue 6: under 200 ms).
# The database (tests/tui/view-mkdb --big) holds one profile of SAMPLES
# samples over ~20,000 distinct stacks of depth 3-14, 60 functions in 6
# files, 4 threads, written through the real store.  hpview runs in a
# pseudo-terminal (script(1)) with --exit-after-draw; the time of the same
# script(1) running `true` is printed too, so the viewer's own share shows.
# Wall time suffers from whatever else runs on the machine (the load average
# is printed); CPU time (user + system) much less.
# Prints the median and the range of RUNS runs for the Runs screen (hpview
# DB) and the Functions screen (hpview DB RUN).  No threshold: figures only.
#   BUILD_DIR=build benchmarks/viewer-startup.sh [SAMPLES] [RUNS]
set -e
BUILD_DIR=${BUILD_DIR:-.}
BUILD_DIR=$(cd "$BUILD_DIR" && pwd)
SAMPLES=${1:-1000000}
RUNS=${2:-7}
HPVIEW=$BUILD_DIR/hpview
MKDB=$BUILD_DIR/tests/tui/view-mkdb
[ -x "$MKDB" ] || make -C "$BUILD_DIR" -s tests/tui/view-mkdb
[ -x "$HPVIEW" ] || { echo "no $HPVIEW: build first (BUILD_DIR=...)" >&2; exit 1; }
command -v script >/dev/null || { echo "script(1) is needed (util-linux)" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/hpview-startup.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/big.db

t0=$(date +%s%N)
RUN=$("$MKDB" "$DB" --big "$SAMPLES")
t1=$(date +%s%N)
echo "database: $SAMPLES samples, $(sqlite3 "$DB" 'SELECT count(*) FROM samples' 2>/dev/null || echo '?') sample rows," \
     "$(du -k "$DB" | cut -f1) KiB, written in $(( (t1 - t0) / 1000000 )) ms"

# ms CMD...: "WALL CPU" milliseconds of CMD in a pseudo-terminal of 120x40
# (CPU: user + system of script(1) and everything it ran).
ms() {
  TERM=xterm-256color LANG=C.UTF-8 COLUMNS=120 LINES=40 \
    /usr/bin/time -f '%e %U %S' -o "$TMP/time" script -qec "$*" /dev/null >/dev/null 2>&1 </dev/null
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$TMP/time"
}

# stats LABEL CMD...: median and range of the wall and CPU times of RUNS runs.
stats() {
  label=$1; shift
  ms "$@" >/dev/null # warm the page cache
  i=0; : > "$TMP/t"
  while [ $i -lt "$RUNS" ]; do ms "$@" >> "$TMP/t"; i=$((i + 1)); done
  w=$(cut -d' ' -f1 "$TMP/t" | sort -n | tr '\n' ' ')
  c=$(cut -d' ' -f2 "$TMP/t" | sort -n | tr '\n' ' ')
  echo "$w|$c" | awk -F'|' -v l="$label" -v n="$RUNS" '{
    split($1, w, " "); split($2, c, " "); m = int((n + 1) / 2)
    printf "%-36s wall median %4d ms (%d-%d)   cpu median %4d ms (%d-%d)\n",
           l, w[m], w[1], w[n], c[m], c[1], c[n] }'
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
stats "script(1) running true (baseline)" true
stats "hpview: Runs screen" "$HPVIEW" --db "$DB" --exit-after-draw
stats "hpview: Functions screen of the run" "$HPVIEW" --db "$DB" --exit-after-draw "$RUN"
