#!/bin/sh
# hpview's Benchmark and Compare screens under tmux: two real hpbench runs
# (sleep 0.04 s, then sleep 0.02 s) marked in Runs and compared: the verdict
# says B is faster, and slower the other way round; then two profiles.
. "$abs_top_srcdir/tests/tui/tui-lib.sh"
cd "$HP_TMP" || exit 99
if "$HPBENCH" run --help >/dev/null 2>&1; then
  "$HPBENCH" --db c.db run --runs 12 --warmups 1 --name slow -- sleep 0.04 >/dev/null 2>&1 &&
    "$HPBENCH" --db c.db run --runs 12 --warmups 1 --name fast -- sleep 0.02 >/dev/null 2>&1 ||
    hp_fail "hpbench run failed"
  make_profile_db c.db
else
  "$abs_top_builddir/tests/tui/view-mkdb" c.db "$HOT_PY" >/dev/null || exit 99
fi
ids=$("$HPROF" --db c.db list 2>/dev/null || true)

tui_start 120 40
tui_type "'$HPVIEW' --db c.db; echo EXIT=\$?"
tui_wait '^ Runs' "Runs screen"
# Typing a character no key uses starts the filter: a run id.
tui_keys 2 Enter
tui_wait 'filter: 2 ' "typing filters the runs"
tui_keys Escape
i=0; while tui_screen | grep -q 'filter:' && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
tui_screen | grep -q 'filter:' && hp_fail "Esc does not clear the filter"
# Filter to the benchmarks, newest (fast) first; mark slow then fast: A=slow, B=fast.
tui_keys /
tui_keys -l sleep
tui_keys Enter
tui_wait 'filter: sleep' "Runs filter"
[ "$(tui_screen | grep -c ' bench ')" -eq 2 ] || hp_fail "the filter should leave the two benchmarks"
tui_keys j Space k Space c
tui_wait 'Verdict' "Compare screen"
tui_screen | grep -q 'Verdict: B is faster' || { tui_screen >&2; hp_fail "B (sleep 0.02) is not faster"; }
tui_screen | grep -Eq 'B / A = 0\.[0-9]+x' || hp_fail "no ratio under 1"
tui_keys Escape
tui_wait '^ Runs'
# The other way round: clear the marks, mark fast first.
tui_keys Space j Space
tui_keys k Space j Space c
tui_wait 'Verdict' "Compare screen"
tui_screen | grep -q 'Verdict: B is slower' || { tui_screen >&2; hp_fail "B (sleep 0.04) is not slower"; }
tui_keys Escape

# Benchmark screen: warm-ups marked, a histogram, statistics.
tui_wait '^ Runs'
tui_keys Enter
tui_wait '^ Benchmark' "Benchmark screen"
tui_screen | grep -q 'warm-up' || hp_fail "warm-ups are not marked"
tui_screen | grep -Eq '12 values \(\+[0-9]+ warm-ups\)' || { tui_screen >&2; hp_fail "statistics line"; }
tui_screen | grep -q '[▁▂▃▄▅▆▇█]' || hp_fail "no histogram"
tui_keys m
tui_wait 'metadata \(m: values\)' "metadata view"
tui_keys Escape

# Two profiles: functions that gained or lost share.
tui_wait '^ Runs'
tui_keys Escape /
tui_keys -l profile
tui_keys Enter j Space k Space c
tui_wait 'share changed most' "profile Compare"
tui_screen | grep -q 'hot_loop' || hp_fail "hot_loop is not in the profile comparison"
tui_keys l
tui_wait 'Lines whose share' "compare by lines"
tui_keys q
tui_back_at_prompt 0
exit 0
