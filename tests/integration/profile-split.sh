#!/bin/sh
# Two functions doing the same loop work in the ratio 70:30 get their share
# of the samples within 3 points of the time the workload measured in them
# (about 70%), with every interpreter present.
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/profile-lib.sh"
pf_start

check() {
  pf_run --rate 3000 -- "$2" "$WL/split.py" 1.2 || return 1
  grep -q "done True" run.out || pf_bad "split.py did not finish: $(cat run.out)"
  pf_report --functions || return 1
  pf_check_run "$1"
  n=$(pf_q 'fself("hot_seventy") + fself("hot_thirty")')
  [ "$n" -ge 800 ] || { pf_bad "only $n samples in the two functions"; return 1; }
  pct=$(pf_q 'round(100.0 * fself("hot_seventy") / (fself("hot_seventy") + fself("hot_thirty")), 1)')
  truth=$(sed -n 's/^truth //p' run.out)
  pf_near "hot_seventy of $n" "$pct" "$truth"
}
pf_each check
pf_finish
