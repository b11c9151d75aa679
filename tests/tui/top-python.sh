#!/bin/sh
# hprof top -- PYTHON hot.py under tmux, for every CPython present: hot_loop
# is the top function, and in the lines view hot.py:9 (the HOT line) is the
# top line; q saves the run.
. "$abs_top_srcdir/tests/tui/tui-lib.sh"
cd "$HP_TMP" || exit 99
pythons=$(hp_pythons)
[ -n "$pythons" ] || { echo "SKIP: no CPython interpreter is installed" >&2; exit 77; }
py1=$(echo "$pythons" | awk 'NR == 1 { print $2 }')
"$HPROF" --db probe.db run -b python -- "$py1" -c 'pass' >/dev/null 2>err ||
  { echo "SKIP: hprof run -b python does not work here: $(grep -v -e "^ *#" -e "^ *$" err | tail -n 1)" >&2; exit 77; }

echo "$pythons" | while read -r ver py; do
  tui_start 120 30
  tui_type "'$HPROF' --db t.db top -b python --refresh 0.3 -- '$py' '$HOT_PY' 30; echo EXIT=\$?"
  tui_wait 'Samples: [1-9]' "top shows samples ($ver)"
  i=0; while [ "$(samples)" -lt 200 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  tui_row 5 | grep -q ' hot_loop ' || { tui_screen >&2; hp_fail "hot_loop is not the top function ($ver)"; }
  tui_keys l
  tui_wait '^ Lines by' "lines view ($ver)"
  tui_row 5 | grep -q 'hot.py:9' || { tui_screen >&2; hp_fail "hot.py:9 is not the top line ($ver)"; }
  tui_keys q
  tui_back_at_prompt 0
  tui_stop
  echo "ok: $ver" >&2
done || exit 1
exit 0
