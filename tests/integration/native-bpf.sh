#!/bin/sh
# The eBPF backend (when built with --enable-bpf): stacks counted in the
# kernel give the same truth as perf_events on the frame-pointer build: the
# 3:2 split within 3 points, the hot line exact, main -> caller -> hot_work.
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
nl_perf_ok
hot=$(nl_line "$NSRC/split.c" '/\* HOT \*/')
out="$HP_TMP/bpf.out"
"$DRIVE" -b bpf -F 1000 "$NW/split-fp" 200 >"$out" 2>"$HP_TMP/err"
case $? in
  0) ;;
  2) echo "SKIP: the eBPF backend is not built in (configure --enable-bpf)"; exit 77 ;;
  *) grep -q 'loading the BPF program failed' "$HP_TMP/err" &&
       { echo "SKIP: $(cat "$HP_TMP/err")"; exit 77; }
     hp_fail "driver failed: $(cat "$HP_TMP/err")" ;;
esac
grep -q '^status 0' "$HP_TMP/err" || hp_fail "workload failed: $(cat "$HP_TMP/err")"
total=$(nl_count "$out" 'hot_work:')
[ "$total" -ge 500 ] || hp_fail "only $total samples in hot_work"
leaf=$(nl_hot_leaf "$out")
[ "$leaf" = "hot_work:split.c:$hot" ] || hp_fail "hottest line $leaf, want hot_work:split.c:$hot"
pct=$(nl_pct "$out" 'caller_a:' 'hot_work:')
nl_within "$pct" 60 3 || hp_fail "caller_a has $pct% of hot_work, want 60 +- 3"
whole=$(nl_count "$out" 'main:split\.c:[0-9]+:split-fp;caller_[ab]:split\.c:[0-9]+:split-fp;hot_work:')
[ "$whole" -ge $((total * 9 / 10)) ] || hp_fail "only $whole of $total with the whole chain"
echo "ok bpf: caller_a $pct% of $total, hot line $hot"
