#!/bin/sh
# Three one-line loops in the ratio 5:3:2: their exact lines get 50%, 30% and
# 20% of the samples of the three (within 3 points), every interpreter.
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/profile-lib.sh"
pf_start
l50=$(pf_line "$WL/lines.py" "# LINE-50")
l30=$(pf_line "$WL/lines.py" "# LINE-30")
l20=$(pf_line "$WL/lines.py" "# LINE-20")

check() {
  pf_run --rate 3000 -- "$2" "$WL/lines.py" 1.2 || return 1
  pf_report --lines || return 1
  n=$(pf_q "lself('lines.py', $l50) + lself('lines.py', $l30) + lself('lines.py', $l20)")
  [ "$n" -ge 800 ] || { pf_bad "only $n samples on the three lines"; return 1; }
  # The three hottest lines of the whole run are these three, in this order.
  top=$(pf_q '" ".join(str(r["line"]) for r in rows[:3])')
  [ "$top" = "$l50 $l30 $l20" ] || pf_bad "hottest lines: $top, expected $l50 $l30 $l20"
  for want in 50:$l50 30:$l30 20:$l20; do
    pct=$(pf_q "round(100.0 * lself('lines.py', ${want#*:}) / $n, 1)")
    pf_near "line ${want#*:}" "$pct" "${want%:*}"
  done
}
pf_each check
pf_finish
