#!/bin/sh
# A forked child is followed (perf_events inherit; the ptrace backend does not
# follow children): its samples carry its own pid and show main -> child_work
# -> spin, the parent's main -> parent_work -> spin, each about half.
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
nl_perf_ok
out="$HP_TMP/fork.out"
"$DRIVE" -b perf -F 1000 "$NW/forkchild" 200 >"$out" 2>"$HP_TMP/err" || hp_fail "driver failed: $(cat "$HP_TMP/err")"
grep -q '^status 0' "$HP_TMP/err" || hp_fail "workload failed: $(cat "$HP_TMP/err")"
child=$(awk -F'\t' '$4 ~ /;child_work:[^;]*;spin:/ { print $2 }' "$out" | sort -u)
parent=$(awk -F'\t' '$4 ~ /;parent_work:[^;]*;spin:/ { print $2 }' "$out" | sort -u)
[ -n "$child" ] && [ "$(echo "$child" | wc -l)" -eq 1 ] || hp_fail "child pids: '$child'"
[ -n "$parent" ] && [ "$child" != "$parent" ] || hp_fail "parent pid '$parent', child '$child'"
nl_count "$out" 'main:forkchild\.c:[0-9]+:forkchild;child_work:' | grep -qv '^0$' || hp_fail "no main -> child_work chain"
pct=$(nl_pct "$out" 'child_work:' 'spin:')
nl_within "$pct" 50 5 || hp_fail "child has $pct% of spin, want 50 +- 5"
unknown=$(nl_count "$out" 'unknown')
[ "$unknown" -le 5 ] || hp_fail "$unknown samples with unknown frames"
echo "ok: child $child has $pct%, parent $parent"

# ptrace does not follow children, but the traced parent must get its
# SIGCHLD and finish (a signal-delivery stop passed on, not swallowed).
timeout 60 "$DRIVE" -b ptrace -F 1000 "$NW/forkchild" 100 >"$HP_TMP/pt.out" 2>"$HP_TMP/err" ||
  hp_fail "ptrace: driver failed or hung: $(cat "$HP_TMP/err")"
grep -q '^status 0' "$HP_TMP/err" || hp_fail "ptrace: workload failed: $(cat "$HP_TMP/err")"
[ "$(nl_count "$HP_TMP/pt.out" 'parent_work:')" -gt 0 ] || hp_fail "ptrace: no parent_work samples"
[ "$(nl_count "$HP_TMP/pt.out" 'child_work:')" -eq 0 ] || hp_fail "ptrace: sampled the child it does not trace"
echo "ok ptrace: the parent finished, the child was not sampled"
