#!/bin/sh
# overhead-aggregate.sh — what the aggregator (profiler/aggregate.c) costs
# per sample and per flush into a real SQLite file, for a few stack shapes,
# with and without --timeline: the rate it could take in if the backend cost
# nothing.  Figures only; quoted in man/hprof-run.1, OVERHEAD.
#
# usage: BUILD_DIR=build benchmarks/overhead-aggregate.sh   (after make check,
#        which builds tests/unit/bench-aggregate)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${BUILD_DIR:-$top/build}" 2>/dev/null && pwd) ||
  { echo "overhead-aggregate: no build directory; set BUILD_DIR" >&2; exit 1; }
bench="$build/tests/unit/bench-aggregate"
[ -x "$bench" ] || make -C "$build" tests/unit/bench-aggregate > /dev/null ||
  { echo "overhead-aggregate: cannot build $bench" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for shape in "50 20" "1000 20" "50 300"; do
  set -- $shape
  "$bench" "$tmp/a.db" 200000 "$1" "$2"
  "$bench" "$tmp/a.db" 200000 "$1" "$2" 1
done
