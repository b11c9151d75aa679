#!/bin/sh
# examples/wordcount.py on a generated file: the hottest line is the lesson's
# hot spot, `line = line.replace(purge, " ")`, and the delimiter loop's
# `for purge in DELIMITERS:` line has its own samples.
#
# The lesson's line_profiler table puts `for purge` second (21%), but that
# share is line_profiler's own per-hit tracing cost: sampled, the loop's
# overhead is a few percent (FOR_ITER is the only instruction on that line;
# the jump back belongs to the replace line), behind split() and the
# per-word lines, so that ranking is not a fact a sampler can confirm.
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/profile-lib.sh"
pf_start
"$abs_top_builddir/examples/textgen" --size 12M -o words.txt ||
  { echo "ERROR: examples/textgen is not built (make)" >&2; exit 99; }
WC="$abs_top_srcdir/examples/wordcount.py"
replace=$(pf_line "$WC" 'line = line.replace(purge, " ")')
forpurge=$(pf_line "$WC" 'for purge in DELIMITERS:')

check() {
  pf_run --rate 3000 -- "$2" "$WC" words.txt out.txt || return 1
  pf_report --lines --file '*wordcount.py' || return 1
  top=$(pf_q '" ".join("%d:%d" % (r["line"], r["self"]) for r in rows[:4])')
  forn=$(pf_q "lself('wordcount.py', $forpurge)")
  echo "hottest lines (line:samples): $top; for purge ($forpurge): $forn"
  [ "${top%%:*}" = "$replace" ] || pf_bad "hottest line ${top%%:*}, expected $replace (replace)"
  [ "$forn" -gt 0 ] || pf_bad "no sample on the for purge line $forpurge"
}
pf_each check
pf_finish
