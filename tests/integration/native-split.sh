#!/bin/sh
# perf_events on the 3:2 workload, with and without frame pointers, in fp and
# dwarf call-graph modes: caller_a's share of hot_work within 3 points of 60%,
# the hot line exact, and main -> caller -> hot_work whole where the build
# allows (dwarf always; fp only with frame pointers).
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
nl_perf_ok
hot=$(nl_line "$NSRC/split.c" '/\* HOT \*/')
chain='main:split\.c:[0-9]+:split-[a-z]+;caller_a:split\.c:[0-9]+:split-[a-z]+;hot_work:'

for case in "fp fp" "fp dwarf" "nofp dwarf" "nofp fp"; do
  set -- $case; build=$1 graph=$2
  out="$HP_TMP/$build-$graph.out"
  "$DRIVE" -b perf -g "$graph" -F 1000 "$NW/split-$build" 200 >"$out" 2>"$HP_TMP/err" ||
    hp_fail "$build/$graph: driver failed: $(cat "$HP_TMP/err")"
  grep -q '^status 0' "$HP_TMP/err" || hp_fail "$build/$graph: workload failed"
  total=$(nl_count "$out" 'hot_work:')
  [ "$total" -ge 500 ] || hp_fail "$build/$graph: only $total samples in hot_work"
  leaf=$(nl_hot_leaf "$out")
  [ "$leaf" = "hot_work:split.c:$hot" ] || hp_fail "$build/$graph: hottest line $leaf, want hot_work:split.c:$hot"
  if [ "$build" = fp ] || [ "$graph" = dwarf ]; then
    pct=$(nl_pct "$out" 'caller_a:' 'hot_work:')
    nl_within "$pct" 60 3 || hp_fail "$build/$graph: caller_a has $pct% of hot_work, want 60 +- 3"
    na=$(nl_count "$out" "$chain")
    nb=$(nl_count "$out" "$(echo "$chain" | sed 's/caller_a/caller_b/')")
    [ $((na + nb)) -ge $((total * 9 / 10)) ] ||
      hp_fail "$build/$graph: only $((na + nb)) of $total hot_work samples under main -> caller -> hot_work: $(sort -rn "$out" | head -3)"
  fi
  echo "ok $build/$graph: caller_a ${pct:-n/a}% of $total, hot line $hot"
  pct=
done
