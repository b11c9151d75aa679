# tui-lib.sh — sourced by the tmux-driven tests: a private tmux server, keys,
# waiting for text on the screen, and the databases the tests look at.
. "$abs_top_builddir/tests/env.sh"

command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux is not installed" >&2; exit 77; }
hp_tmpdir
TUI_N=0
TUI_SOCK="hpview-test-$$-0"
trap 'tmux -L "$TUI_SOCK" kill-server 2>/dev/null; rm -rf "$HP_TMP"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR

# tui_start COLS ROWS: a shell in a detached session of that size.
tui_start() {
  # A new server each time: a client can race a server still shutting down.
  TUI_N=$((TUI_N + 1))
  TUI_SOCK="hpview-test-$$-$TUI_N"
  tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s t -x "$1" -y "$2" \
    "env PS1='READY\$ ' TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 sh" || exit 99
  tmux -L "$TUI_SOCK" set-option -t t status off >/dev/null
  tui_wait 'READY\$'
}
tui_stop() { tmux -L "$TUI_SOCK" kill-server 2>/dev/null; }

# tui_type TEXT: type a shell command and Enter.  tui_keys KEY...: tmux key names.
tui_type() { tmux -L "$TUI_SOCK" send-keys -t t -l "$1"; tmux -L "$TUI_SOCK" send-keys -t t Enter; }
tui_keys() { tmux -L "$TUI_SOCK" send-keys -t t "$@"; }
tui_screen() { tmux -L "$TUI_SOCK" capture-pane -p -t t "$@"; }
tui_alt_on() { tmux -L "$TUI_SOCK" display-message -p -t t '#{alternate_on}'; }

# tui_wait REGEX [WHAT]: until the screen shows REGEX (at most ~15 s), else fail
# showing the screen.  A generous time-out, not a timing check.
tui_wait() {
  i=0
  while [ $i -lt 150 ]; do
    tui_screen | grep -Eq -- "$1" && return 0
    sleep 0.1
    i=$((i + 1))
  done
  echo "--- screen ---" >&2; tui_screen >&2; echo "--------------" >&2
  hp_fail "${2:-screen never showed /$1/}"
}

# tui_row N: the Nth line of the screen (1-based).
tui_row() { tui_screen | sed -n "${1}p"; }

# tui_back_at_prompt: hpview has exited: alternate screen off, prompt and status back.
tui_back_at_prompt() {
  tui_wait "EXIT=$1" "hpview did not exit with status $1"
  [ "$(tui_alt_on)" = 0 ] || hp_fail "the alternate screen is still on after exit"
  tui_screen | grep -v "^ *$" | tail -n 1 | grep -qF 'READY$' || hp_fail "no shell prompt after exit"
}

# make_profile_db DB: two profiles of tests/tui/hot.py.  Real ones, from
# `hprof run -b python` on a real CPython, when this hprof has the Python
# backend (hot_loop's line 9 is hot); else written through the store API.
HOT_PY="$abs_top_srcdir/tests/tui/hot.py"
make_profile_db() {
  py=$(hp_pythons | awk 'NR == 1 { print $2 }')
  if [ -n "$py" ] && "$HPROF" --db "$1" run -b python -- "$py" "$HOT_PY" 2 >/dev/null 2>&1; then
    "$HPROF" --db "$1" run -b python -- "$py" "$HOT_PY" 1 >/dev/null 2>&1 || hp_fail "second hprof run"
    REAL_PROFILE=1
    echo "profiled $py with hprof run" >&2
    return 0
  fi
  echo "note: hprof run -b python is not available; runs written through the store API" >&2
  REAL_PROFILE=0
  "$abs_top_builddir/tests/tui/view-mkdb" "$1" "$HOT_PY" >/dev/null || exit 99
}

# need_spin: SPIN is tests/tui/spin, which hprof run can sample; else skip.
need_spin() {
  SPIN="$abs_top_builddir/tests/tui/spin"
  [ -x "$SPIN" ] || hp_fail "tests/tui/spin is not built"
  "$HPROF" --db probe.db run -- "$SPIN" 0.3 >/dev/null 2>err ||
    { echo "SKIP: hprof run cannot sample a native program here: $(grep -v -e "^ *#" -e "^ *$" err | tail -n 1)" >&2; exit 77; }
}

# samples: the sample count `hprof top` shows (0 before the first).
samples() { n=$(tui_screen | sed -n 's/.*Samples: \([0-9]*\).*/\1/p' | head -n 1); echo "${n:-0}"; }
