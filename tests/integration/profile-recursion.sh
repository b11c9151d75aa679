#!/bin/sh
# Recursion 300 deep: the whole depth appears in the stacks (collapsed
# output: main, 300 recurse frames, bottom), every interpreter.
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/profile-lib.sh"
pf_start

check() {
  pf_run -- "$2" "$WL/recursion.py" 300 1.0 || return 1
  "$HPROF" --db "$db" report --format collapsed > stacks.txt 2> report.err ||
    { pf_bad "report --format collapsed: $(cat report.err)"; return 1; }
  # The stack ending in bottom() that has the most samples.
  awk '/bottom \(/ && $NF > max { max = $NF; line = $0 } END { print line }' stacks.txt > hot.txt
  deepest=$(tr ';' '\n' < hot.txt | grep -c '^recurse (')
  [ "$deepest" -eq 300 ] || pf_bad "the hottest bottom() stack has $deepest recurse frames, not 300"
  first=$(tr ';' '\n' < hot.txt | head -n 1)
  case $first in
    "<module> ("*recursion.py*) ;;
    *) pf_bad "the stack does not start at recursion.py's <module>: $first" ;;
  esac
}
pf_each check
pf_finish
