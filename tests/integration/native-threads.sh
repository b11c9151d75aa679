#!/bin/sh
# Threads: each named thread's samples show its own function under
# start_thread and never the other's, with both backends (perf_events when
# usable, ptrace always); with perf_events the 2:1 work split holds within 3
# points.  (ptrace samples what a thread is doing when stopped: on a busy
# machine the threads' progress under repeated stops is not a fixed ratio.)
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
backends="ptrace"
"$DRIVE" -b perf -d 0.01 -p $$ >/dev/null 2>&1 && backends="perf ptrace"
for b in $backends; do
  out="$HP_TMP/$b.out"
  "$DRIVE" -b $b -F 1000 "$NW/threads" 300 >"$out" 2>"$HP_TMP/err" ||
    hp_fail "$b: driver failed: $(cat "$HP_TMP/err")"
  grep -q '^status 0' "$HP_TMP/err" || hp_fail "$b: workload failed"
  # tid -> the work functions seen in its stacks
  awk -F'\t' '$4 ~ /spin:/ { w = ($4 ~ /work_a:/) ? "a" : ($4 ~ /work_b:/) ? "b" : "?"; seen[$3 " " w] += $1; pid = $2 }
    END { for (k in seen) print k, seen[k] }' "$out" >"$HP_TMP/tids"
  ntid=$(cut -d' ' -f1 "$HP_TMP/tids" | sort -u | wc -l)
  [ "$ntid" -eq 2 ] || hp_fail "$b: want 2 spinning threads, got: $(cat "$HP_TMP/tids")"
  grep -q ' ? ' "$HP_TMP/tids" && hp_fail "$b: spin without work_a/work_b: $(cat "$HP_TMP/tids")"
  [ "$(cut -d' ' -f2 "$HP_TMP/tids" | sort -u | tr -d '\n')" = ab ] || hp_fail "$b: threads mixed: $(cat "$HP_TMP/tids")"
  pid=$(awk -F'\t' '$4 ~ /spin:/ { print $2; exit }' "$out")
  awk -F'\t' -v p="$pid" '$4 ~ /spin:/ && $3 == p { bad = 1 } END { exit bad }' "$out" ||
    hp_fail "$b: spin samples in the main thread"
  nl_count "$out" 'start_thread:[^;]*;work_a:[^;]*;spin:' | grep -qv '^0$' || hp_fail "$b: no start_thread -> work_a -> spin"
  pct=$(nl_pct "$out" 'work_a:' 'spin:')
  [ $b = ptrace ] || nl_within "$pct" 67 3 || hp_fail "$b: work_a has $pct% of spin, want 67 +- 3"
  echo "ok $b: work_a $pct%"
done
