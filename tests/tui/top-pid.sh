#!/bin/sh
# hprof top PID under tmux at 80x24 on a running tests/tui/spin: hot_spin
# (90% of the work) on top, the help, and the process left running after q.
. "$abs_top_srcdir/tests/tui/tui-lib.sh"
cd "$HP_TMP" || exit 99
need_spin


"$SPIN" 60 >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; tmux -L "$TUI_SOCK" kill-server 2>/dev/null; rm -rf "$HP_TMP"' EXIT
"$HPROF" --db probe.db attach -d 0.5 $pid >/dev/null 2>&1
got=$("$HPROF" --db probe.db list | awk '$4 == "profile" { n = $6 } END { print n + 0 }')
[ "$got" -gt 0 ] || { echo "SKIP: hprof attach gets no samples from a native process here" >&2; exit 77; }
tui_start 80 24
tui_type "'$HPROF' --db t.db top --refresh 0.3 $pid; echo EXIT=\$?"
tui_wait "pid $pid" "top PID"
i=0; while [ "$(samples)" -lt 300 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
tui_row 5 | grep -q 'hot_spin' || { tui_screen >&2; kill $pid; hp_fail "hot_spin is not the top row (80x24)"; }
tui_keys '?'
tui_wait 'pause or resume' "top help"
tui_keys x q
tui_back_at_prompt 0
kill -0 $pid 2>/dev/null || hp_fail "the attached process did not survive q"
kill $pid
exit 0
