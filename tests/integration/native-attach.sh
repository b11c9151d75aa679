#!/bin/sh
# Attach to a running process, sample it for a while, detach: the profile
# shows the 3:2 split and the target goes on to finish with its right output.
# Both backends.
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
backends="ptrace"
"$DRIVE" -b perf -d 0.01 -p $$ >/dev/null 2>&1 && backends="perf ptrace"
for b in $backends; do
  "$NW/split-nofp" 600 >"$HP_TMP/target.out" &
  pid=$!
  sleep 0.3
  "$DRIVE" -b $b -F 1000 -p $pid -d 2 >"$HP_TMP/$b.out" 2>"$HP_TMP/err" ||
    { kill $pid; hp_fail "$b: driver failed: $(cat "$HP_TMP/err")"; }
  kill -0 $pid 2>/dev/null || hp_fail "$b: target gone right after detach (run it longer?)"
  wait $pid; st=$?
  [ $st -eq 0 ] || hp_fail "$b: target exited with $st after detach"
  grep -q '^split 600 ' "$HP_TMP/target.out" || hp_fail "$b: target output: $(cat "$HP_TMP/target.out")"
  [ "$(wc -l <"$HP_TMP/target.out")" -eq 1 ] || hp_fail "$b: target output: $(cat "$HP_TMP/target.out")"
  total=$(nl_count "$HP_TMP/$b.out" 'hot_work:')
  [ "$total" -ge 150 ] || hp_fail "$b: only $total samples while attached: $(cat "$HP_TMP/err")"
  pct=$(nl_pct "$HP_TMP/$b.out" 'caller_a:' 'hot_work:')
  nl_within "$pct" 60 3 || hp_fail "$b: caller_a has $pct% of hot_work, want 60 +- 3"
  echo "ok $b: attached, caller_a $pct% of $total, target finished"
done
