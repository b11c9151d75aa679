#!/bin/sh
# perf_events on the 3:2 workload, with and without frame pointers, in fp and
# dwarf call-graph modes: caller_a's share of hot_work within 3 points of 60%,
# the hot line exact, and main -> caller -> hot_work whole where the build
# allows (dwarf always; fp only with frame pointers).
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
nl_perf_ok

for case in "fp fp" "fp dwarf" "nofp dwarf" "nofp fp"; do
  set -- $case; build=$1 graph=$2
  out="$HP_TMP/$build-$graph.out"
  "$DRIVE" -b perf -g "$graph" -F 1000 "$NW/split-$build" 200 >"$out" 2>"$HP_TMP/err" ||
    hp_fail "$build/$graph: driver failed: $(cat "$HP_TMP/err")"
  grep -q '^status 0' "$HP_TMP/err" || hp_fail "$build/$graph: workload failed"
  if [ "$build" = fp ] || [ "$graph" = dwarf ]; then
    nl_check_split "$out" "$build/$graph" "$build" 500 chain
  else
    nl_check_split "$out" "$build/$graph" "$build" 500
  fi
done
