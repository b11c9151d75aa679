#!/bin/sh
# Wall mode: a sleeping program is sampled while it sleeps (ptrace backend,
# stacks ending in the sleep call) and not at all in CPU mode; perf refuses
# --mode wall with one line pointing at ptrace.
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
sleep=$(command -v sleep) || { echo "SKIP: no sleep"; exit 77; }
"$DRIVE" -b ptrace -w -F 200 "$sleep" 1 >"$HP_TMP/wall" 2>"$HP_TMP/err" || hp_fail "wall: $(cat "$HP_TMP/err")"
"$DRIVE" -b ptrace -F 200 "$sleep" 1 >"$HP_TMP/cpu" 2>"$HP_TMP/err" || hp_fail "cpu: $(cat "$HP_TMP/err")"
n=$(nl_count "$HP_TMP/wall" 'nanosleep[^;]*$')
total=$(nl_count "$HP_TMP/wall" '.')
[ "$n" -ge 50 ] && [ "$n" -ge $((total * 9 / 10)) ] || hp_fail "wall mode: $n of $total samples in nanosleep"
c=$(nl_count "$HP_TMP/cpu" '.')
[ "$c" -le 5 ] || hp_fail "cpu mode sampled a sleeping program $c times"
"$DRIVE" -b perf -w "$sleep" 0 >/dev/null 2>"$HP_TMP/err" && hp_fail "perf accepted --mode wall"
grep -q 'mode wall needs --backend ptrace' "$HP_TMP/err" || hp_fail "perf's refusal: $(cat "$HP_TMP/err")"
echo "ok: wall $n of $total in nanosleep, cpu $c"
