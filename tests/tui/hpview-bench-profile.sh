#!/bin/sh
# hpview's Benchmark screen of a run measured with `hpbench run --profile`:
# it offers the profile (p), and p opens that profile's Lines screen with the
# workload's HOT line first; a benchmark without a profile says how to get one.
. "$abs_top_srcdir/tests/tui/tui-lib.sh"
cd "$HP_TMP" || exit 99
py=$(hp_pythons | awk 'NR == 1 { print $2 }')
[ -n "$py" ] || { echo "SKIP: no CPython installed"; exit 77; }
work="$abs_top_srcdir/tests/workloads/bench-hot.py"
hot=$(grep -n '# HOT$' "$work" | cut -d: -f1)
"$HPBENCH" --db b.db run --profile -p 1 -n 2 -w 1 --name hot -- "$py" "$work" 3 200 >/dev/null 2>&1 ||
  hp_fail "hpbench run --profile failed"
"$HPBENCH" --db b.db run -p 1 -n 2 -w 0 --name plain -- true >/dev/null 2>&1 || hp_fail "plain run failed"
bench=$(python3 -c 'import sqlite3,sys
print(sqlite3.connect(sys.argv[1]).execute("select id from runs where name = ? and kind = ?", ("hot", "bench")).fetchone()[0])' b.db)
plain=$(python3 -c 'import sqlite3,sys
print(sqlite3.connect(sys.argv[1]).execute("select id from runs where name = ?", ("plain",)).fetchone()[0])' b.db)

tui_start 120 40
tui_type "'$HPVIEW' --db b.db $bench; echo EXIT=\$?"
tui_wait '^ Benchmark' "Benchmark screen"
tui_screen | grep -q 'p: hot lines of the profile' || { tui_screen >&2; hp_fail "the profile is not offered"; }
tui_keys p
tui_wait '^ Lines' "p opens Lines"
tui_row 4 | grep -q "bench-hot.py:$hot " || { tui_screen >&2; hp_fail "line $hot is not the hottest line"; }
tui_row 4 | grep -q 'weight \* 20000' || hp_fail "the hot line's code is not shown"
tui_keys q
tui_wait 'EXIT=0' "hpview exits"

tui_type "clear; '$HPVIEW' --db b.db $plain; echo EXIT=\$?"
tui_wait '^ Benchmark' "Benchmark screen of the plain run"
tui_screen | grep -q 'p: hot lines' && hp_fail "a plain run offers a profile"
tui_keys p
tui_wait "no profile: measure with 'hpbench run --profile'" "hint for a run without a profile"
tui_keys q
tui_wait 'EXIT=0' "hpview exits"
echo "ok: Benchmark p opens the linked profile on Lines, hot line $hot first"
