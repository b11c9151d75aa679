#!/bin/sh
# Inlined functions are frames of their own: inner_loop (always inlined into
# outer) at its HOT line, outer at the line of the inlined call, and main at
# the line that calls outer (the caller frame's return address minus one),
# with perf_events (dwarf) and ptrace.
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
src="$NSRC/inline.c"
hot=$(nl_line "$src" '/\* HOT \*/')
call=$(nl_line "$src" '/\* CALL \*/')
mainl=$(nl_line "$src" '/\* MAIN \*/')
want="main:inline\\.c:$mainl:inline;outer:inline\\.c:$call:inline;inner_loop:inline\\.c:$hot:inline\$"
backends="ptrace"
"$DRIVE" -b perf -d 0.01 -p $$ >/dev/null 2>&1 && backends="perf ptrace"
for b in $backends; do
  out="$HP_TMP/$b.out"
  "$DRIVE" -b $b -F 1000 "$NW/inline" 200 >"$out" 2>"$HP_TMP/err" || hp_fail "$b: driver failed: $(cat "$HP_TMP/err")"
  grep -q '^status 0' "$HP_TMP/err" || hp_fail "$b: workload failed: $(cat "$HP_TMP/err")"
  total=$(nl_count "$out" '.')
  n=$(nl_count "$out" "$want")
  [ "$total" -ge 200 ] || hp_fail "$b: only $total samples"
  [ "$n" -ge $((total * 8 / 10)) ] ||
    hp_fail "$b: $n of $total samples end main:$mainl -> outer:$call -> inner_loop:$hot: $(sort -rn "$out" | head -2)"
  echo "ok $b: $n of $total samples in the inlined frame"
done
