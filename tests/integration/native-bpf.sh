#!/bin/sh
# The eBPF backend (when built with --enable-bpf): stacks counted in the
# kernel give the same truth as perf_events on the frame-pointer build: the
# 3:2 split within 3 points, the hot line exact, main -> caller -> hot_work.
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
nl_perf_ok
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
nl_check_split "$out" bpf fp 500 chain
