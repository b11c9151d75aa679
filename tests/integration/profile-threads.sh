#!/bin/sh
# A spinning thread and a sleeping one: cpu mode sees only the spinner; wall
# mode sees both, each about half of the two threads' samples.
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/profile-lib.sh"
pf_start

check() {
  pf_run --mode cpu -- "$2" "$WL/threads.py" 1.2 || return 1
  pf_report --functions || return 1
  spin=$(pf_q 'ftotal("spin")')
  snooze=$(pf_q 'ftotal("snooze")')
  echo "cpu mode: spin $spin, snooze $snooze"
  [ "$spin" -ge 200 ] || pf_bad "cpu mode: only $spin samples in spin()"
  # The sleeper is on a CPU (or waiting for one) for moments ten times a second.
  [ $((snooze * 20)) -le "$spin" ] || pf_bad "cpu mode: snooze() has $snooze samples, spin() $spin"

  pf_run --mode wall -- "$2" "$WL/threads.py" 1.2 || return 1
  pf_report --functions || return 1
  spin=$(pf_q 'ftotal("spin")')
  snooze=$(pf_q 'ftotal("snooze")')
  [ "$snooze" -ge 200 ] || pf_bad "wall mode: only $snooze samples in snooze()"
  pct=$(pf_q 'round(100.0 * ftotal("snooze") / (ftotal("snooze") + ftotal("spin")), 1)')
  pf_near "wall mode: snooze of spin+snooze ($snooze, $spin)" "$pct" 50
  # The three threads (main, spinner, sleeper) each have their samples.
  "$HPROF" --db "$db" report --threads --format json > threads.json ||
    { pf_bad "report --threads failed"; return 1; }
  n=$(pf_q 'len([r for r in rows if r["samples"] >= 100])' threads.json)
  [ "$n" -eq 3 ] || pf_bad "wall mode: $n threads with samples, expected 3: $(cat threads.json)"
}
pf_each check
pf_finish
