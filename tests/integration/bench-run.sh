#!/bin/sh
# hpbench run on real commands: the pyperf shape lands in the database as
# measured, the slower of two sleeps is called slower, helper commands run as
# often as documented, failures and Ctrl-C keep the values measured so far.
. "$abs_top_srcdir/tests/integration/bench-lib.sh"

# shape: 3 groups of 1 warm-up + 2 values; every value is at least the sleep
"$HPBENCH" run -p 3 -n 2 -w 1 --name nap sleep 0.02 > "$HP_TMP/out" || hp_fail "run failed"
cat "$HP_TMP/out"
id=$(q "select id from runs where name = 'nap'")
[ "$(q "select count(*) from bench_values where run = $id and warmup = 0")" = 6 ] || hp_fail "want 6 values"
[ "$(q "select count(*) from bench_values where run = $id and warmup = 1")" = 3 ] || hp_fail "want 3 warm-ups"
[ "$(q "select group_concat(distinct process) from bench_values where run = $id")" = "0,1,2" ] || hp_fail "process groups"
[ "$(q "select count(*) from bench_values where run = $id and (value < 0.02 or wall_ns < 20000000)")" = 0 ] ||
  hp_fail "a value shorter than the 20 ms sleep"
[ "$(q "select count(*) from bench_values where run = $id and (max_rss_kb <= 0 or exit_status != 0 or user_ns is null)")" = 0 ] ||
  hp_fail "rusage or exit status missing"
[ "$(q "select status from runs where id = $id")" = completed ] || hp_fail "run not completed"
for k in date cpu_affinity aslr load_avg_1min unit; do
  [ -n "$(q "select value from run_meta where run = $id and key = '$k'")" ] || hp_fail "metadata $k missing"
done
grep -q "Values: *6 (+ 3 warm-ups) in 3 processes" "$HP_TMP/out" || hp_fail "summary counts"
printf '%s' "$(cat "$HP_TMP/out")" | grep -q "$(printf '\033')" && hp_fail "escape codes while stdout is not a terminal"

# two commands interleaved: the 30 ms one is slower, by about 3x
"$HPBENCH" run --runs 6 -n 2 --shuffle -c 'sleep 0.01' -c 'sleep 0.03' > "$HP_TMP/two" || hp_fail "run of two"
cat "$HP_TMP/two"
grep -Eq "^  sleep 0\.01 is [2-3]\.[0-9]+x ± [0-9.]+ faster than sleep 0\.03 " "$HP_TMP/two" || hp_fail "no 'faster' verdict"
# interleaving: both commands' values alternate in time (group by group)
a=$(q "select min(id) from runs where command = 'sleep 0.01'")
b=$(q "select min(id) from runs where command = 'sleep 0.03'")
[ "$(q "select count(*) from bench_values where run = $a")" = "$(q "select count(*) from bench_values where run = $b")" ] || hp_fail "uneven"

# stopping rules.  --runs 5 in groups of 2: groups of 2, 2, 1, each with a warm-up
"$HPBENCH" run --runs 5 -n 2 -w 1 --name r5 true > /dev/null || hp_fail "--runs"
[ "$(q "select group_concat(c) from (select count(*) c from bench_values b join runs r on r.id = b.run
  where r.name = 'r5' and warmup = 0 group by process order by process)")" = "2,2,1" ] || hp_fail "--runs 5 -n 2 shape"
# --min-time 0.3: the timed values reach 0.3 s, and did not before the last group
"$HPBENCH" run -p 1 -n 2 -w 0 --min-time 0.3 --name mt sleep 0.05 > /dev/null || hp_fail "--min-time"
[ "$(q "select sum(value) >= 0.3 and sum(value) - sum(case when process = (select max(process)
  from bench_values b2 where b2.run = b.run) then value else 0 end) < 0.3
  from bench_values b join runs r on r.id = b.run where r.name = 'mt'")" = 1 ] || hp_fail "--min-time rule"
# --max-time 0.3: at least 2 values, and no more than 0.3 s of 50 ms values allow
"$HPBENCH" run -p 1000 -n 1 -w 0 --max-time 0.3 --name xt sleep 0.05 > /dev/null || hp_fail "--max-time"
n=$(q "select count(*) from bench_values b join runs r on r.id = b.run where r.name = 'xt'")
[ "$n" -ge 2 ] && [ "$n" -le 6 ] || hp_fail "--max-time kept $n values"
# --target-ci: stops once the order-statistic CI of the median is that narrow
"$HPBENCH" run -p 1 -n 3 -w 0 --target-ci 5% --max-time 60 --name ci sleep 0.01 > /dev/null || hp_fail "--target-ci"
"$HPBENCH" stats ci | python3 -c '
import re, sys
t = sys.stdin.read()
unit = {"s": 1, "ms": 1e-3, "us": 1e-6, "ns": 1e-9}
def sec(v, u): return float(v) * unit[u]
m = re.search(r"median ± MAD: +([0-9.]+) (\w+)", t)
c = re.search(r"median, order statistics: +([0-9.]+) (\w+) … ([0-9.]+) (\w+)", t)
med, lo, hi = sec(*m.groups()), sec(*c.groups()[:2]), sec(*c.groups()[2:])
sys.exit(0 if (hi - lo) / 2 <= 0.05 * med * 1.01 else 1)' || hp_fail "--target-ci stopped with a wider CI"

# parameter scan, names with {VAR}, prepare/setup/cleanup counts
"$HPBENCH" run -p 2 -n 2 -w 1 -L ms 10,20 --name "s{ms}" \
  --prepare "echo p >> $HP_TMP/prep.{ms}" --setup "echo s >> $HP_TMP/setup" \
  --cleanup "echo c >> $HP_TMP/clean" sleep 0.0{ms} > "$HP_TMP/scan" || hp_fail "scan"
[ "$(q "select command from runs where name = 's20'")" = "sleep 0.020" ] || hp_fail "scan substitution"
[ "$(wc -l < "$HP_TMP/prep.10")" = 6 ] || hp_fail "--prepare ran $(wc -l < "$HP_TMP/prep.10") times, want 6"
[ "$(wc -l < "$HP_TMP/setup")" = 2 ] && [ "$(wc -l < "$HP_TMP/clean")" = 2 ] || hp_fail "setup/cleanup once per command"
[ "$(q "select value from run_meta r join runs on runs.id = r.run where name = 's10' and key = 'params'")" = "ms=10" ] ||
  hp_fail "params metadata"

# --output FILE, --env-clean, --affinity
FOO=visible "$HPBENCH" run --runs 2 -w 0 --output "$HP_TMP/o1" sh -c 'echo "foo=${FOO:-unset}"' >/dev/null || hp_fail "output"
[ "$(sort -u "$HP_TMP/o1")" = "foo=visible" ] && [ "$(wc -l < "$HP_TMP/o1")" = 2 ] || hp_fail "--output file: $(cat "$HP_TMP/o1")"
FOO=visible "$HPBENCH" run --runs 1 -w 0 --env-clean --output "$HP_TMP/o2" sh -c 'echo "foo=${FOO:-unset}"' >/dev/null
[ "$(cat "$HP_TMP/o2")" = "foo=unset" ] || hp_fail "--env-clean leaked FOO"
"$HPBENCH" run --runs 1 -w 0 --affinity 0 --output "$HP_TMP/o3" grep Cpus_allowed_list /proc/self/status >/dev/null
grep -q "Cpus_allowed_list:[[:space:]]*0$" "$HP_TMP/o3" || hp_fail "--affinity 0: $(cat "$HP_TMP/o3")"

# --shell: the shell's start-up is measured and subtracted
"$HPBENCH" run --runs 3 -w 0 --shell --name sh 'sleep 0.02; true' > /dev/null || hp_fail "--shell"
id=$(q "select id from runs where name = 'sh'")
q "select value from run_meta where run = $id and key = 'shell'" | grep -q "^/bin/sh (start-up 0\.[0-9]* s subtracted)" ||
  hp_fail "shell overhead not recorded"
[ "$(q "select count(*) from bench_values where run = $id and value * 1e9 >= wall_ns")" = 0 ] || hp_fail "nothing subtracted"

# Python metadata when the command is a Python
py=$(command -v python3)
"$HPBENCH" run --runs 1 -w 0 --name py "$py" -c pass > /dev/null || hp_fail "python run"
want=$("$py" -c 'import platform; print(platform.python_version())')
[ "$(q "select python_version from runs where name = 'py'")" = "$want" ] || hp_fail "python_version not $want"

# failure: exit 1, one line, the run marked failed; --ignore-failure keeps going
"$HPBENCH" run --runs 3 --name f false > /dev/null 2> "$HP_TMP/err"; rc=$?
[ $rc = 1 ] || hp_fail "failing command: exit $rc"
grep -q "exited with status 1" "$HP_TMP/err" || hp_fail "message: $(cat "$HP_TMP/err")"
[ "$(q "select status from runs where name = 'f'")" = failed ] || hp_fail "run not marked failed"
"$HPBENCH" run --runs 3 -w 0 --ignore-failure --name f2 false > /dev/null || hp_fail "--ignore-failure"
[ "$(q "select count(*) from bench_values b join runs r on r.id = b.run where r.name = 'f2' and exit_status = 1")" = 3 ] ||
  hp_fail "exit statuses not stored"
"$HPBENCH" run --runs 1 no-such-command-xyz > /dev/null 2> "$HP_TMP/err"; [ $? = 1 ] || hp_fail "missing command"
grep -q "cannot run 'no-such-command-xyz'" "$HP_TMP/err" || hp_fail "missing command message"

# usage errors
for args in "" "-p 0 true" "--runs x true" "--name 1 true" "--name a --name b true" "--noise abc true" "-L x true"; do
  "$HPBENCH" run $args > /dev/null 2>&1; rc=$?
  [ $rc = 2 ] || hp_fail "'run $args' exited $rc, want 2"
done

# Ctrl-C: values measured so far are kept and the run says interrupted
"$HPBENCH" run -p 1000 -n 1 -w 0 --name long sleep 0.05 > /dev/null 2> "$HP_TMP/int" &
pid=$!
i=0
while [ "$(q "select count(*) from bench_values b join runs r on r.id = b.run where r.name = 'long'" 2>/dev/null)" -lt 3 ] 2>/dev/null; do
  i=$((i + 1)); [ $i -lt 600 ] || { kill $pid; hp_fail "no values appeared"; }
  sleep 0.1
done
kill -INT $pid
wait $pid; rc=$?
[ $rc = 1 ] || hp_fail "interrupted run exited $rc"
grep -q "interrupted: [0-9]* values kept" "$HP_TMP/int" || hp_fail "interrupt message: $(cat "$HP_TMP/int")"
[ "$(q "select status from runs where name = 'long'")" = interrupted ] || hp_fail "status not interrupted"
[ "$(q "select count(*) from bench_values b join runs r on r.id = b.run where r.name = 'long'")" -ge 3 ] || hp_fail "values lost"

# progress line on a terminal only
if command -v script >/dev/null 2>&1; then
  script -qec "$HPBENCH run -p 12 -n 1 -w 0 sleep 0.05" /dev/null > "$HP_TMP/tty" 2>&1
  grep -q "ETA" "$HP_TMP/tty" || hp_fail "no progress line on a terminal"
fi
exit 0
