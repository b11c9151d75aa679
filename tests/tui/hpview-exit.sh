#!/bin/sh
# hpview gives the terminal back on every way out: q, Ctrl-C, SIGTERM, and a
# crash (SIGSEGV), each with its documented status; NO_COLOR turns colours
# off; bad command lines exit 2 and a missing database 1, before any drawing.
. "$abs_top_srcdir/tests/tui/tui-lib.sh"
cd "$HP_TMP" || exit 99
"$abs_top_builddir/tests/tui/view-mkdb" e.db "$HOT_PY" >/dev/null || exit 99

"$HPVIEW" --db e.db 1 2 </dev/null >/dev/null 2>err; [ $? -eq 2 ] || hp_fail "two RUNs must exit 2"
"$HPVIEW" --bogus 2>err; [ $? -eq 2 ] || hp_fail "an unknown option must exit 2"
"$HPVIEW" --help | grep -q -- '--db FILE' || hp_fail "--help does not list --db"
"$HPVIEW" --version | grep -Eq '^hpview \(hprof\) [0-9]' || hp_fail "--version format"

tui_start 100 30
# No database: one line, status 1, and the screen never switched.
tui_type "'$HPVIEW' --db none.db; echo EXIT=\$?"
tui_wait 'EXIT=1' "a missing database must exit 1"
tui_screen | grep -q 'no database at none.db' || hp_fail "missing database message"
tui_type "'$HPVIEW' --db e.db 99; echo EXIT=\$?"
tui_wait 'EXIT=1' "a missing run must exit 1"

# Colours on by default, none with NO_COLOR (SGR 30-37/40-47 on screen).
colour='\[([0-9]+;)*(3[0-7]|4[0-7])(;[0-9]+)*m'
tui_type "clear; '$HPVIEW' --db e.db; echo EXIT=\$?"
tui_wait '^ Runs'
tui_screen -e | grep -Eq "$colour" || hp_fail "no colours on a colour terminal"
tui_keys q
tui_back_at_prompt 0
tui_type "clear; NO_COLOR=1 '$HPVIEW' --db e.db; echo EXIT=\$?"
tui_wait '^ Runs'
tui_screen -e | grep -Eq "$colour" && hp_fail "colours despite NO_COLOR"
tui_keys q
tui_back_at_prompt 0

# Signals: the pid file names hpview itself (exec).  The wrapper ignores
# SIGINT itself so it lives to print the status of hpview's Ctrl-C.
cat > run.sh <<'EOS'
trap '' INT
sh -c 'echo $$ > pid; exec "$0" --db e.db 1' "$HPVIEW"
echo EXIT=$?
EOS
for case in "INT 130" "TERM 143" "SEGV 139"; do
  set -- $case
  rm -f pid
  tui_type "clear; sh run.sh"
  tui_wait '^ Functions' "hpview for SIG$1"
  [ -s pid ] || hp_fail "no pid file"
  if [ "$1" = INT ]; then tui_keys C-c; else kill -s "$1" "$(cat pid)"; fi
  tui_back_at_prompt "$2"
done
exit 0
