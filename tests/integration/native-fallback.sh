#!/bin/sh
# Forced fallback: with HPROF_NO_PERF=1 perf_event_open fails as if denied
# (one clear line naming the way out), and the ptrace backend, which works
# there, agrees with perf_events on the workload's truth (3:2 split within 3
# points, same hot line, whole chain on a build without frame pointers).
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir

HPROF_NO_PERF=1 "$DRIVE" -b perf "$NW/split-nofp" 1 >/dev/null 2>"$HP_TMP/denied"
[ $? -eq 1 ] || hp_fail "perf with HPROF_NO_PERF=1 must fail"
grep -q 'perf_event_open denied.*--backend ptrace' "$HP_TMP/denied" ||
  hp_fail "denied message: $(cat "$HP_TMP/denied")"

backends="ptrace"
"$DRIVE" -b perf -d 0.01 -p $$ >/dev/null 2>&1 && backends="perf ptrace"
for b in $backends; do
  out="$HP_TMP/$b.out"
  HPROF_NO_PERF=$([ $b = ptrace ] && echo 1 || echo 0) \
    "$DRIVE" -b $b -F 1000 "$NW/split-nofp" 200 >"$out" 2>"$HP_TMP/err" ||
    hp_fail "$b: driver failed: $(cat "$HP_TMP/err")"
  grep -q '^status 0' "$HP_TMP/err" || hp_fail "$b: workload failed: $(cat "$HP_TMP/err")"
  nl_check_split "$out" "$b" nofp 300 chain
done
