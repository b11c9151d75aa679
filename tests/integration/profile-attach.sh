#!/bin/sh
# hprof attach on a running Python: --duration detaches by itself, SIGINT
# and SIGTERM detach; each time the process keeps running and finishes with
# the right output, and the samples show its hot function.
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/profile-lib.sh"
pf_start

# attach_once VERSION PYTHON HOW: HOW is "duration" or a signal name.
attach_once() {
  "$2" "$WL/longrun.py" 2 > longrun.out &
  pid=$!
  pf_wait_started longrun.out
  if [ "$3" = duration ]; then
    "$HPROF" --db "$db" attach --duration 0.8 "$pid" 2> attach.err
    rc=$?
    want=completed
  else
    "$HPROF" --db "$db" attach "$pid" 2> attach.err &
    hp=$!
    sleep 0.8
    kill -s "$3" $hp
    wait $hp
    rc=$?
    want=detached
  fi
  [ $rc -eq 0 ] || pf_bad "$3: hprof attach exited $rc: $(cat attach.err)"
  kill -0 "$pid" 2>/dev/null || pf_bad "$3: the process did not survive the detach"
  wait "$pid" || pf_bad "$3: the process exited $? after the detach"
  grep -q '^rounds [1-9][0-9]* ok$' longrun.out || pf_bad "$3: wrong output: $(cat longrun.out)"
  pf_report --functions || return 1
  got=$(pf_q "'%s %d %d' % (d['run']['status'], ftotal('crunch'), d['run']['samples'])")
  echo "$3: $got (status, crunch, samples)"
  set -- $got
  [ "$1" = $want ] || pf_bad "status $1, expected $want"
  [ "$3" -ge 50 ] || pf_bad "only $3 samples"
  # longrun.py spends all but a few microseconds of each round in crunch().
  [ $(($2 * 100)) -ge $(($3 * 80)) ] || pf_bad "crunch() has $2 of $3 samples"
}

check() {
  attach_once "$1" "$2" duration
  attach_once "$1" "$2" INT
  attach_once "$1" "$2" TERM
}
pf_each check
pf_finish
