#!/bin/sh
# hprof run as a shell would run the command: its exit status (128+N for a
# signal), 127/126 for a command not found / not executable, SIGTERM passed
# on and the run marked interrupted, Ctrl-C in a terminal (tmux), --duration,
# --timeline, wrappers that
# exec Python later (sh -c exec, pyenv's shim), and usage errors.
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/profile-lib.sh"
pf_start
pf_ver=run
py=$(echo "$pythons" | tail -n 1 | cut -d' ' -f2)
db="$HP_TMP/r.db"

# status WANT COMMAND...: hprof run COMMAND exits WANT.
status() {
  want=$1
  shift
  "$HPROF" --db "$db" run "$@" > run.out 2> run.err
  rc=$?
  [ $rc -eq "$want" ] || pf_bad "hprof run $*: exit $rc, expected $want: $(cat run.err)"
}
runs() { "$HPROF" --db "$db" list 2>/dev/null | grep -c profile; }

status 3 "$py" -c 'import sys; sys.exit(3)'
"$HPROF" --db "$db" report --format json > report.json
[ "$(pf_q "d['run']['exit_code']")" = 3 ] || pf_bad "exit code 3 not stored"
status 137 "$py" -c 'import os, signal; os.kill(os.getpid(), signal.SIGKILL)'

n=$(runs)
status 127 no-such-command-hprof
grep -q "command not found" run.err || pf_bad "127 without 'command not found': $(cat run.err)"
printf 'not a program\n' > plain.txt
status 126 ./plain.txt
[ "$(runs)" -eq "$n" ] || pf_bad "a command that did not start left a run"

# SIGTERM sent to hprof alone is passed on; the run is saved as interrupted.
"$HPROF" --db "$db" run "$py" "$WL/longrun.py" 5 > run.out 2> run.err &
hp=$!
pf_wait_started run.out
sleep 0.5
kill -TERM $hp
wait $hp
rc=$?
[ $rc -eq 143 ] || pf_bad "SIGTERM: exit $rc, expected 143 (the command's death by SIGTERM): $(cat run.err)"
"$HPROF" --db "$db" report --format json > report.json
got=$(pf_q "'%s %d' % (d['run']['status'], d['run']['samples'])")
case $got in interrupted\ [1-9]*) ;; *) pf_bad "after SIGTERM: $got (status, samples)" ;; esac

# Ctrl-C in a terminal reaches the command once (Python's KeyboardInterrupt,
# exit 130) and hprof saves the run as interrupted.
if command -v tmux > /dev/null; then
  sess=hprof-ctrlc-$$
  tmux new-session -d -s "$sess" -x 120 -y 30 \
    "\"$HPROF\" --db \"$db\" run \"$py\" \"$WL/longrun.py\" 30 > ctrlc.out 2> ctrlc.err; echo \$? > ctrlc.rc"
  pf_wait_started ctrlc.out
  sleep 0.5
  tmux send-keys -t "$sess" C-c
  i=0
  while [ ! -s ctrlc.rc ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  tmux kill-session -t "$sess" 2>/dev/null
  [ "$(cat ctrlc.rc 2>/dev/null)" = 130 ] || pf_bad "Ctrl-C: exit $(cat ctrlc.rc 2>/dev/null), expected 130: $(cat ctrlc.err)"
  [ "$(grep -c KeyboardInterrupt ctrlc.err)" -eq 1 ] || pf_bad "Ctrl-C: the command did not get exactly one KeyboardInterrupt: $(cat ctrlc.err)"
  "$HPROF" --db "$db" report --format json > report.json
  got=$(pf_q "'%s %d' % (d['run']['status'], d['run']['samples'])")
  case $got in interrupted\ [1-9]*) ;; *) pf_bad "after Ctrl-C: $got (status, samples)" ;; esac
else
  echo "note: no tmux, Ctrl-C not tried"
fi

# --duration stops sampling; the command still runs to its end.
status 0 --duration 0.4 "$py" "$WL/longrun.py" 1.5
grep -q ' ok$' run.out || pf_bad "--duration: the command's output is wrong: $(cat run.out)"
"$HPROF" --db "$db" report --format json > report.json
got=$(pf_q "'%s %d' % (d['run']['status'], d['run']['samples'])")
id=$(pf_q "d['run']['id']")
secs=$(sqlite3 "$db" "SELECT value FROM run_meta WHERE run = $id AND key = 'sampling_seconds'")
set -- $got
[ "$1" = completed ] && [ "$2" -gt 0 ] && awk -v s="$secs" 'BEGIN { exit !(s > 0 && s < 0.6) }' ||
  pf_bad "--duration 0.4 of a 1.5 s command: $got (status, samples), sampled $secs s"

# --timeline: one time per sample.
status 0 --timeline --rate 500 "$py" "$WL/split.py" 0.5
"$HPROF" --db "$db" report --format json > report.json
id=$(pf_q "d['run']['id']")
samples=$(pf_q "d['run']['samples']")
times=$(sqlite3 "$db" "SELECT count(*) FROM sample_times WHERE run = $id")
[ "$samples" -gt 0 ] && [ "$times" -eq "$samples" ] || pf_bad "--timeline: $times times for $samples samples"

# Wrappers that exec Python later are waited for.
for wrapper in "sh -c" pyenv; do
  if [ "$wrapper" = pyenv ]; then
    shim=$(pyenv root 2>/dev/null || echo /root/.pyenv)/shims/python3
    v=$(echo "$pythons" | awk '$1 ~ /^3\.[0-9]+$/ { print $2; exit }' | sed 's,.*/versions/\([^/]*\)/.*,\1,')
    [ -x "$shim" ] && [ -n "$v" ] || { echo "note: no pyenv shim"; continue; }
    PYENV_VERSION=$v status 0 "$shim" "$WL/split.py" 0.8
  else
    status 0 sh -c "exec \"$py\" \"$WL/split.py\" 0.8"
  fi
  "$HPROF" --db "$db" report --format json > report.json
  got=$(pf_q "'%s %d' % (d['run']['sampler'], fself('hot_seventy'))")
  case $got in python\ [1-9]*) echo "$wrapper: $got" ;; *) pf_bad "$wrapper: $got (sampler, samples)" ;; esac
done

# Usage errors: exit 2.
for args in "" "--rate 0 true" "--mode busy true" "--backend nope true" "--duration x true"; do
  # shellcheck disable=SC2086
  "$HPROF" --db "$db" run $args > /dev/null 2>&1
  [ $? -eq 2 ] || pf_bad "hprof run $args: expected exit 2"
done
"$HPROF" --db "$db" attach > /dev/null 2>&1; [ $? -eq 2 ] || pf_bad "attach without PID: expected 2"
"$HPROF" --db "$db" attach 12x > /dev/null 2>&1; [ $? -eq 2 ] || pf_bad "attach 12x: expected 2"
pf_finish
