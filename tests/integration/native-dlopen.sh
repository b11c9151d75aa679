#!/bin/sh
# A library loaded with dlopen after sampling began: its function and line
# are found (the maps are re-read), under main -> call_plugin, with both
# backends.
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
${CC:-cc} -shared -fPIC -O2 -g -o "$HP_TMP/libplug.so" "$NSRC/plugin.c" || { echo "SKIP: no C compiler"; exit 77; }
line=$(nl_line "$NSRC/plugin.c" '/\* PLUGIN \*/')
backends="ptrace"
"$DRIVE" -b perf -d 0.01 -p $$ >/dev/null 2>&1 && backends="perf ptrace"
for b in $backends; do
  out="$HP_TMP/$b.out"
  "$DRIVE" -b $b -F 1000 "$NW/dlmain" "$HP_TMP/libplug.so" 300 >"$out" 2>"$HP_TMP/err" ||
    hp_fail "$b: driver failed: $(cat "$HP_TMP/err")"
  grep -q '^status 0' "$HP_TMP/err" || hp_fail "$b: workload failed: $(cat "$HP_TMP/err")"
  leaf=$(nl_hot_leaf "$out")
  [ "$leaf" = "plugin_work:plugin.c:$line" ] || hp_fail "$b: hottest line $leaf, want plugin_work:plugin.c:$line"
  n=$(nl_count "$out" 'main:dlmain\.c:[0-9]+:dlmain;call_plugin:dlmain\.c:[0-9]+:dlmain;plugin_work:plugin\.c:[0-9]+:libplug\.so$')
  total=$(nl_count "$out" 'plugin_work:')
  [ "$n" -ge $((total * 9 / 10)) ] && [ "$total" -ge 100 ] || hp_fail "$b: $n of $total with the whole chain"
  echo "ok $b: $total samples in plugin_work, line $line"
done
