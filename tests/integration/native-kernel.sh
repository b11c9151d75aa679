#!/bin/sh
# --kernel: dd reading /dev/zero spends its time in the read system call, so
# most samples end in kernel frames (vfs_read) above libc's read, in fp and
# dwarf modes; without --kernel no kernel frame appears.  The ptrace backend,
# which sees no kernel stack, names the system call a thread is stopped in.
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
dd=$(command -v dd) || { echo "SKIP: no dd"; exit 77; }
out="$HP_TMP/ptrace.out"
"$DRIVE" -b ptrace -k -F 1000 "$dd" if=/dev/zero of=/dev/null bs=1M count=15000 \
  >"$out" 2>"$HP_TMP/err" || hp_fail "ptrace: driver failed: $(cat "$HP_TMP/err")"
total=$(nl_count "$out" '.')
k=$(nl_count "$out" 'read:[^;]*:libc\.so[^;]*;__x64_sys_read::0:\[kernel\]$')
[ "$total" -ge 50 ] && [ "$k" -ge $((total / 2)) ] || hp_fail "ptrace: only $k of $total samples in read -> __x64_sys_read"
echo "ok ptrace: $k of $total samples in __x64_sys_read under read"
nl_perf_ok
for graph in fp dwarf; do
  out="$HP_TMP/$graph.out"
  "$DRIVE" -b perf -k -g $graph -F 1000 "$dd" if=/dev/zero of=/dev/null bs=1M count=15000 \
    >"$out" 2>"$HP_TMP/err" || hp_fail "$graph: driver failed: $(cat "$HP_TMP/err")"
  grep -q 'kernel frames' "$HP_TMP/err" || hp_fail "$graph: kernel frames not enabled: $(cat "$HP_TMP/err")"
  total=$(nl_count "$out" '.')
  k=$(nl_count "$out" 'read:[^;]*:libc\.so[^;]*;(.*;)?vfs_read::0:\[kernel\]')
  [ "$total" -ge 50 ] || hp_fail "$graph: only $total samples"
  [ "$k" -ge $((total / 2)) ] || hp_fail "$graph: only $k of $total samples in read -> vfs_read: $(sort -rn "$out" | head -2)"
  echo "ok $graph: $k of $total samples in the kernel's vfs_read under read"
done
"$DRIVE" -b perf -g fp -F 1000 "$dd" if=/dev/zero of=/dev/null bs=1M count=3000 >"$HP_TMP/user.out" 2>/dev/null ||
  hp_fail "user-only run failed"
[ "$(nl_count "$HP_TMP/user.out" '\[kernel\]')" -eq 0 ] || hp_fail "kernel frames without --kernel"
