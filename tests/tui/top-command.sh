#!/bin/sh
# hprof top -- COMMAND under tmux at 120x40 on tests/tui/spin (hot_spin has
# 90% of the work): the hot function on top, the lines view with the HOT
# line, pause freezes the counts, sort keys, q saves the run; failures
# before sampling and usage errors.
. "$abs_top_srcdir/tests/tui/tui-lib.sh"
cd "$HP_TMP" || exit 99
need_spin
HOT_LINE=$(grep -n 'HOT' "$abs_top_srcdir/tests/tui/spin.c" | tail -n 1 | cut -d: -f1)


tui_start 120 40
tui_type "'$HPROF' --db t.db top --refresh 0.3 -- '$SPIN' 60; echo EXIT=\$?"
tui_wait 'Samples: [1-9]' "top shows samples"
tui_wait '^ *[0-9.]+% .*hot_spin' "a hot_spin row"
# Once there are a few hundred samples, hot_spin (90%) is the first row.
i=0; while [ "$(samples)" -lt 300 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
tui_row 5 | grep -q 'hot_spin' || { tui_screen >&2; hp_fail "hot_spin is not the top row"; }
tui_screen | grep -q '%Own  *%Total' || hp_fail "no %Own %Total columns"
tui_screen | grep -q 'Threads: 1' || hp_fail "thread count"

tui_keys l
tui_wait '^ Lines by' "lines view"
tui_wait "spin.c:$HOT_LINE" "the HOT line $HOT_LINE of spin.c"

tui_keys p
tui_wait 'paused' "pause"
a=$(samples); sleep 1; b=$(samples)
[ "$a" = "$b" ] || hp_fail "the display changed while paused ($a -> $b)"
tui_keys p
i=0; while [ "$(samples)" = "$b" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(samples)" != "$b" ] || hp_fail "the display did not resume"
tui_keys 2
tui_wait 'Lines by total' "sort by total"
tui_keys q
tui_back_at_prompt 0
tui_screen | grep -q 'saved as run' || hp_fail "no summary of the saved run after q"
"$HPROF" --db t.db list | grep -q 'profile' || hp_fail "the run was not saved"

# Failures before sampling: the session's one-line reason after the screen
# is restored, status 1; usage errors 2; no terminal 1.
tui_type "clear; '$HPROF' --db t.db top -- /nonexistent/cmd; echo EXIT=\$?"
tui_back_at_prompt 1
tui_screen | grep -q "cannot run '/nonexistent/cmd'" || hp_fail "no reason for a command not found"
"$HPROF" top >/dev/null 2>&1; [ $? -eq 2 ] || hp_fail "top without a target must exit 2"
"$HPROF" top --refresh 0 -- true >/dev/null 2>&1; [ $? -eq 2 ] || hp_fail "--refresh 0 must exit 2"
"$HPROF" top -- true </dev/null >/dev/null 2>err; [ $? -eq 1 ] || hp_fail "no terminal must exit 1"
grep -q 'needs a terminal' err || hp_fail "no terminal: $(cat err)"
exit 0
