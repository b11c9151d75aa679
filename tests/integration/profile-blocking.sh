#!/bin/sh
# hprof run --blocking stops the threads with ptrace around every snapshot;
# the command's exit status must still be hprof's (the sampler waits for its
# ptrace stops without taking the command's exit), every time, and the
# blocking profile still finds the workload's hot function.
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/profile-lib.sh"
pf_start
SCRIPT='import sys
def spin(n):
    t = 0
    for i in range(n):
        t += i * i
    return t
spin(1500000)
sys.exit(7)'

check() {
  for i in 1 2 3 4 5; do
    "$HPROF" --db "$db" -q run --blocking --rate 2000 -- "$2" -c "$SCRIPT" 2>err
    st=$?
    [ "$st" -eq 7 ] || { cat err >&2; pf_bad "run $i: exit status $st, the command exited with 7"; return 1; }
  done
  "$HPROF" --db "$db" report --format json > rep.json || { pf_bad "report failed"; return 1; }
  top=$("$QPY" -c 'import json,sys; print(json.load(open("rep.json"))["rows"][0]["function"])')
  echo "hottest function: $top"
  [ "$top" = spin ] || pf_bad "hottest function is $top, not spin"
}
pf_each check
pf_finish
