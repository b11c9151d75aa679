#!/bin/sh
# --subprocesses: children made by os.fork(), by subprocess (fork + exec of a
# new interpreter), by a multiprocessing pool, and by a shell launching two
# Pythons each appear as their own process, with their own function; without
# --subprocesses a child is not sampled.
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/profile-lib.sh"
pf_start

# check_children: every "child PID FUNCTION" line of run.out names a process
# of the run whose samples are mostly (>= 80%) in FUNCTION.
check_children() {
  grep '^child ' run.out > children.txt
  [ "$(wc -l < children.txt)" -eq 2 ] || { pf_bad "$1: expected 2 children: $(cat run.out)"; return 1; }
  while read -r _ cpid fn; do
    pf_report --functions --pid "$cpid" || return 1
    got=$(pf_q "'%d %d' % (ftotal('$fn'), d['run']['selected'])")
    echo "$1: child $cpid: $fn in ${got% *} of ${got#* } samples"
    [ "${got#* }" -ge 100 ] || { pf_bad "$1: child $cpid has ${got#* } samples"; continue; }
    [ $((${got% *} * 100)) -ge $((${got#* } * 80)) ] ||
      pf_bad "$1: child $cpid: $fn has ${got% *} of its ${got#* } samples"
  done < children.txt
}

check() {
  for mode in fork exec pool; do
    pf_run --subprocesses -- "$2" "$WL/children.py" $mode 0.6 || continue
    grep -q '^done$' run.out || pf_bad "$mode: children.py failed: $(cat run.out)"
    check_children $mode
  done
  # A launcher that is not Python itself, like mpirun.
  pf_run --subprocesses -- sh -c "\"$2\" \"$WL/children.py\" leaf child_alpha 0.6 &
    \"$2\" \"$WL/children.py\" leaf child_beta 0.6 & wait" && check_children launcher
  # Without --subprocesses the children are left alone.
  pf_run -- "$2" "$WL/children.py" fork 0.4 || return 1
  for cpid in $(awk '/^child / { print $2 }' run.out); do
    pf_report --functions --pid "$cpid" || return 1
    [ "$(pf_q "d['run']['selected']")" -eq 0 ] || pf_bad "child $cpid sampled without --subprocesses"
  done
}
pf_each check
pf_finish
