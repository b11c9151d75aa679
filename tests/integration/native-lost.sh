#!/bin/sh
# Lost records are counted, not silently dropped: with a ring of 8 pages
# (HPROF_PERF_PAGES=8) and 16 KiB stack copies at 4000 Hz the kernel must
# drop most samples; the driver reports them as "lost", the samples kept are
# still whole and right, and kept + lost match (within 25%) what a run with
# the normal ring takes of the same work.
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
nl_perf_ok
HPROF_PERF_PAGES=8 "$DRIVE" -b perf -g dwarf -F 4000 "$NW/split-nofp" 100 >"$HP_TMP/small" 2>"$HP_TMP/small.err" ||
  hp_fail "small ring: driver failed: $(cat "$HP_TMP/small.err")"
"$DRIVE" -b perf -g dwarf -F 4000 "$NW/split-nofp" 100 >"$HP_TMP/big" 2>"$HP_TMP/big.err" ||
  hp_fail "normal ring: driver failed: $(cat "$HP_TMP/big.err")"
lost=$(awk '$1 == "error" && $2 == "lost" { print $3 }' "$HP_TMP/small.err")
kept=$(awk '$1 == "samples" { print $2 }' "$HP_TMP/small.err")
full=$(awk '$1 == "samples" { print $2 }' "$HP_TMP/big.err")
[ "${lost:-0}" -gt 0 ] || hp_fail "a ring of 8 pages lost nothing: $(cat "$HP_TMP/small.err")"
[ "$kept" -gt 0 ] || hp_fail "no sample kept at all"
whole=$(nl_count "$HP_TMP/small" 'main:split\.c:[0-9]+:split-nofp;caller_[ab]:split\.c:[0-9]+:split-nofp;hot_work:')
inhot=$(nl_count "$HP_TMP/small" 'hot_work:')
[ "$whole" -ge $((inhot * 9 / 10)) ] || hp_fail "kept samples are not whole: $whole of $inhot"
sum=$((kept + lost))
[ $((sum * 4)) -ge $((full * 3)) ] && [ $((sum * 4)) -le $((full * 5)) ] ||
  hp_fail "kept $kept + lost $lost = $sum, but the normal ring took $full"
echo "ok: kept $kept + lost $lost = $sum, normal ring $full"
