#!/bin/sh
# The errors a user can cause, each one line on stderr and a documented exit
# status: no such PID, a PID that is not Python (--backend python),
# permission denied, the target exiting during attach (samples kept), and an
# unwritable database (said before the command starts).
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/profile-lib.sh"
pf_start
pf_ver=errors
py=$(echo "$pythons" | tail -n 1 | cut -d' ' -f2)
db="$HP_TMP/e.db"

# one_line STATUS TEXT COMMAND...: COMMAND exits STATUS with exactly one
# line on stderr, which contains TEXT.
one_line() {
  want=$1 text=$2
  shift 2
  "$@" > cmd.out 2> cmd.err
  rc=$?
  [ $rc -eq "$want" ] || pf_bad "$*: exit $rc, expected $want: $(cat cmd.err)"
  [ "$(wc -l < cmd.err)" -eq 1 ] || pf_bad "$*: expected one line on stderr, got: $(cat cmd.err)"
  grep -q -- "$text" cmd.err || pf_bad "$*: message lacks '$text': $(cat cmd.err)"
}

# No such PID.
p=4194000
while [ -e /proc/$p ]; do p=$((p + 1)); done
one_line 1 "no process with PID $p" "$HPROF" --db "$db" attach $p

# Not a Python process, when the python backend is asked for: no run is left.
sleep 30 &
sleeper=$!
one_line 1 "not a Python process" "$HPROF" --db "$db" attach --backend python $sleeper
kill $sleeper
"$HPROF" --db "$db" list 2>/dev/null | grep -q attach && pf_bad "a failed attach left a run"

# Permission denied: an unprivileged user attaching to root's process.
if [ "$(id -u)" -eq 0 ] && command -v setpriv > /dev/null; then
  "$py" "$WL/longrun.py" 5 > /dev/null &
  target=$!
  mkdir nobody && chmod 777 nobody && chmod 755 "$HP_TMP"
  sleep 0.3
  one_line 1 "not permitted" setpriv --reuid=nobody --regid=nogroup --clear-groups \
    "$HPROF" --db "$HP_TMP/nobody/n.db" attach "$target"
  kill $target
else
  echo "note: permission test skipped (needs root and setpriv)"
fi

# The target exits during attach: status 0, the samples are kept.
"$py" "$WL/longrun.py" 1.0 > longrun.out &
target=$!
pf_wait_started longrun.out
"$HPROF" --db "$db" attach "$target" 2> attach.err
rc=$?
[ $rc -eq 0 ] || pf_bad "attach to an exiting process: exit $rc: $(cat attach.err)"
# One line (a loaded machine may add the warning that sampling fell behind).
[ "$(grep -vc 'warning: sampling fell behind' attach.err)" -eq 1 ] ||
  pf_bad "attach to an exiting process: $(cat attach.err)"
grep -q "target exited" attach.err || pf_bad "the summary does not say the target exited: $(cat attach.err)"
wait $target
"$HPROF" --db "$db" report --format json > report.json || pf_bad "no report after the target exited"
got=$(pf_q "'%s %d' % (d['run']['status'], d['run']['samples'])")
case $got in
  "target-exited "[1-9]*) echo "target exited: $got" ;;
  *) pf_bad "run after the target exited: $got (status, samples)" ;;
esac

# An unwritable database: said before the command starts, which never runs.
one_line 1 "/proc/hprof-test.db" "$HPROF" --db /proc/hprof-test.db run touch started
[ -e started ] && pf_bad "the command ran although the database could not be written"
"$py" "$WL/longrun.py" 1 > /dev/null &
target=$!
one_line 1 "/proc/hprof-test.db" "$HPROF" --db /proc/hprof-test.db attach $target
wait $target || pf_bad "the target was harmed by a failed attach"
pf_finish
