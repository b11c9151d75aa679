#!/bin/sh
# hpview on a mixed Python/native/kernel run with two threads: Lines shows
# Python, Native and System columns with each line's split, Source of a file
# that is gone still shows the sampled lines, and choosing a thread in
# Threads filters every screen (its function on top, the title says so);
# r reads new runs.
. "$abs_top_srcdir/tests/tui/tui-lib.sh"
cd "$HP_TMP" || exit 99
RUN=$("$abs_top_builddir/tests/tui/view-mkdb" m.db --mixed) || exit 99

tui_start 120 40
tui_type "'$HPVIEW' --db m.db $RUN; echo EXIT=\$?"
tui_wait '^ Functions' "Functions"
tui_row 4 | grep -q 'dot_kernel' || { tui_screen >&2; hp_fail "dot_kernel (600 of 1500) is not on top"; }
tui_keys Tab
tui_wait '^ Lines' "Lines"
tui_screen | grep -q 'Python *Native *System' || { tui_screen >&2; hp_fail "no Python/Native/System columns"; }
# mixed.py:5: 600 of 1500 samples native (40.0%), nothing Python or System.
tui_screen | grep 'mixed.py:5 ' | grep -Eq '0\.0% +40\.0% +0\.0%' ||
  { tui_screen >&2; hp_fail "the split of mixed.py:5 is not 0/40/0"; }
tui_keys /
tui_keys -l compute
tui_keys Enter Enter
tui_wait '^ Source' "Source of a missing file"
tui_screen | grep -q 'source not found' || hp_fail "no note that the source is missing"

tui_keys Escape Tab Tab Tab
tui_wait '^ Threads' "Threads"
tui_screen | grep -q 'thread 7001 worker' || hp_fail "no worker thread row"
tui_keys j j j Enter
tui_wait 'showing thread 7001 worker' "thread filter"
tui_keys Tab Tab
tui_wait '^ Functions' "Functions after the filter"
tui_row 1 | grep -q 'thread 7001 worker' || hp_fail "the title does not name the filter"
tui_row 1 | grep -q '500 samples' || hp_fail "the title does not count the worker's 500 samples"
tui_row 4 | grep -q 'crunch' || { tui_screen >&2; hp_fail "crunch is not on top for the worker"; }
tui_screen | grep -q 'dot_kernel' && hp_fail "the main thread's function is still shown"
tui_keys Tab
tui_wait '^ Lines'
tui_row 4 | grep -q 'mixed.py:24' || hp_fail "Lines is not filtered to the worker"
# r reads the database again: a run recorded meanwhile appears in Runs, the
# open screen and its filter stay.
RUN2=$("$abs_top_builddir/tests/tui/view-mkdb" m.db --mixed) || exit 99
tui_screen | grep -q "^ *$RUN2 profile" && hp_fail "run $RUN2 shown before r"
tui_keys r
tui_wait 'reloaded' "r"
tui_row 1 | grep -q 'thread 7001 worker' || hp_fail "the filter was lost on r"
tui_wait '^ Lines' "Lines after r"
tui_keys Escape
tui_wait "^ *$RUN2 profile" "the new run after r"
tui_keys q
tui_back_at_prompt 0
exit 0
