#!/bin/sh
# hpbench timeit on every Python present: values per loop from fresh worker
# processes, the interpreter's own version in the metadata, setup/teardown
# sharing the statement's namespace, a costlier statement found slower.
. "$abs_top_srcdir/tests/integration/bench-lib.sh"

pythons=$(hp_pythons)
[ -n "$pythons" ] || { echo "SKIP: no Python interpreter found"; exit 77; }
echo "$pythons" | while read -r ver py; do
  name="t-$ver"
  # teardown sees setup's names: it appends the loop count of every timed call
  "$HPBENCH" timeit --python "$py" -p 2 -n 2 -w 1 --value-time 0.005 --name "$name" \
    -s "import sys; acc = [0]" --teardown "open('$HP_TMP/td.$ver', 'a').write('%d\n' % acc[0])" \
    'acc[0] += 1' > "$HP_TMP/out.$ver" || hp_fail "timeit on $py failed"
  id=$(q "select id from runs where name = '$name'")
  [ "$(q "select count(*) from bench_values where run = $id and warmup = 0")" = 4 ] || hp_fail "$ver: want 4 values"
  [ "$(q "select count(*) from bench_values where run = $id and warmup = 1")" = 2 ] || hp_fail "$ver: want 2 warm-ups"
  loops=$(q "select value from run_meta where run = $id and key = 'loops'")
  [ "$(q "select count(distinct loops) || '|' || min(loops) from bench_values where run = $id")" = "1|$loops" ] ||
    hp_fail "$ver: values do not use the calibrated $loops loops"
  # every non-calibration call ran exactly `loops` statements
  [ "$(tail -n 6 "$HP_TMP/td.$ver" | sort -u)" = "$loops" ] || hp_fail "$ver: teardown saw $(tail -n 6 "$HP_TMP/td.$ver" | sort -u | tr '\n' ' '), want $loops"
  # per-loop values: value * loops is the raw time, which wall_ns records
  [ "$(q "select count(*) from bench_values where run = $id and abs(value * loops * 1e9 - wall_ns) > 1000")" = 0 ] ||
    hp_fail "$ver: values are not per loop"
  want=$("$py" -c 'import platform; print(platform.python_version())')
  [ "$(q "select python_version from runs where id = $id")" = "$want" ] || hp_fail "$ver: python_version not $want"
  [ -n "$(q "select value from run_meta where run = $id and key = 'python_build'")" ] || hp_fail "$ver: no build info"
  echo "ok: $ver ($py) loops=$loops"
done || exit 1

# a statement 100x costlier comes out slower, through compare
py=$(hp_pythons | head -n 1 | cut -d' ' -f2)
"$HPBENCH" timeit --python "$py" -p 3 -n 3 --value-time 0.01 --name small -s 'x = list(range(100))' 'sum(x)' > /dev/null || hp_fail small
"$HPBENCH" timeit --python "$py" -p 3 -n 3 --value-time 0.01 --name big -s 'x = list(range(10000))' 'sum(x)' > /dev/null || hp_fail big
"$HPBENCH" compare small big > "$HP_TMP/cmp" || hp_fail "compare"
cat "$HP_TMP/cmp"
grep -q "^  big is [0-9.]*x ± [0-9.]* slower than small" "$HP_TMP/cmp" || hp_fail "sum of 10000 not slower than sum of 100"

# -l fixes the loops: no calibration
"$HPBENCH" timeit --python "$py" -p 2 -n 2 -l 1234 --name fixed pass > /dev/null || hp_fail "-l"
[ "$(q "select group_concat(distinct loops) from bench_values b join runs r on r.id = b.run where r.name = 'fixed'")" = 1234 ] ||
  hp_fail "-l 1234 not used"

# two interpreters in one invocation, interleaved, with the comparison
set -- $(hp_pythons | cut -d' ' -f2 | head -n 2)
if [ $# = 2 ]; then
  "$HPBENCH" timeit --python "$1" --python "$2" -p 2 -n 2 --value-time 0.005 'pass' > "$HP_TMP/two" || hp_fail "two pythons"
  grep -q "^Summary" "$HP_TMP/two" || hp_fail "no comparison of two interpreters"
fi

# errors: the statement raises (exit 1, the exception named); unknown version (exit 2)
"$HPBENCH" timeit --python "$py" -p 1 '1/0' > /dev/null 2> "$HP_TMP/err"; rc=$?
[ $rc = 1 ] && grep -q "ZeroDivisionError" "$HP_TMP/err" || hp_fail "raising statement: rc $rc, $(cat "$HP_TMP/err")"
"$HPBENCH" timeit --python 9.99 pass > /dev/null 2> "$HP_TMP/err"; rc=$?
[ $rc = 2 ] && grep -q "9.99 is not installed" "$HP_TMP/err" || hp_fail "unknown Python: rc $rc"
"$HPBENCH" timeit > /dev/null 2>&1; [ $? = 2 ] || hp_fail "no statement: want 2"
exit 0
