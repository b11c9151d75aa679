#!/bin/sh
# hpview on a profile of hot.py, in tmux at 120x40 and at 80x24: the hot
# function on top of Functions, the hot line first in Lines and annotated in
# Source, the hot path in Tree with its callers, Flame zoom, Threads, help,
# and the terminal given back after q.
. "$abs_top_srcdir/tests/tui/tui-lib.sh"
cd "$HP_TMP" || exit 99
make_profile_db p.db
RUN=$("$HPROF" --db p.db list 2>/dev/null | awk '$4 == "profile" && $5 == "completed" { id = $1 } END { print id }')
[ -n "$RUN" ] || RUN=1

for size in "120 40" "80 24"; do
  tui_start $size
  tui_type "'$HPVIEW' --db p.db $RUN; echo EXIT=\$?"
  tui_wait 'Functions .*Tab screens|^ Functions' "Functions screen ($size)"
  # Row 4 is the first function (title, summary, column titles above it).
  tui_row 4 | grep -q 'hot_loop' || { tui_screen >&2; hp_fail "hot_loop is not the top function ($size)"; }
  if [ "$size" = "120 40" ]; then
    # A resize redraws at the new size: the status line moves to the last row.
    tmux -L "$TUI_SOCK" resize-window -t t -x 90 -y 30
    i=0; while ! tui_row 30 | grep -q '^ Functions' && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    tui_row 30 | grep -q '^ Functions' || { tui_screen >&2; hp_fail "no redraw after a resize to 90x30"; }
    tui_row 4 | grep -q 'hot_loop' || hp_fail "hot_loop is not on top after the resize"
    tmux -L "$TUI_SOCK" resize-window -t t -x 120 -y 40
    i=0; while ! tui_row 40 | grep -q '^ Functions' && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  fi

  tui_keys Tab
  tui_wait '^ Lines' "Lines screen ($size)"
  tui_row 4 | grep -q 'hot.py:9 ' || { tui_screen >&2; hp_fail "line 9 is not the hottest line ($size)"; }
  tui_row 4 | grep -q 'total += i \* i % 7' || hp_fail "the hot line's code is not shown ($size)"

  tui_keys Enter
  tui_wait '^ Source' "Source screen ($size)"
  hot=$(tui_screen | grep '# HOT')
  echo "$hot" | grep -Eq '^ *[0-9]+\.[0-9]%.* 9 ' || hp_fail "no share in the margin of line 9: '$hot'"
  tui_keys Escape
  tui_wait '^ Lines' "Esc goes back to Lines ($size)"

  tui_keys Tab
  tui_wait '^ Tree' "Tree screen ($size)"
  tui_screen | grep -q 'main' || hp_fail "main is not in the tree ($size)"
  tui_keys j j j c
  tui_wait 'Callers of hot_loop' "callers pane of hot_loop ($size)"
  tui_screen | sed -n '/Callers of hot_loop/,$p' | grep -q '% *main' || hp_fail "main is not a caller of hot_loop"

  tui_keys Tab
  tui_wait '^ Flame' "Flame screen ($size)"
  tui_keys j j j
  tui_wait ' hot_loop .*total' "hot_loop selected in Flame ($size)"
  tui_keys Enter
  tui_wait 'zoomed' "Flame zoom ($size)"
  tui_row 3 | grep -q '^hot_loop' || hp_fail "zoomed hot_loop does not take the top row"
  tui_keys Escape
  tui_wait '^main' "Flame zooms out one level to main ($size)"
  tui_keys Escape Escape
  tui_wait 'Enter zooms in' "Flame zooms out to the whole profile ($size)"

  tui_keys Tab
  tui_wait '^ Threads' "Threads screen ($size)"
  tui_screen | grep -q 'thread' || hp_fail "no thread rows"

  tui_keys '?'
  tui_wait 'Keys on every screen' "help ($size)"
  tui_screen | grep -q 'quit' || hp_fail "help does not list q"
  tui_screen | grep -q 'Keys of Threads' || hp_fail "help does not list the keys of the screen it came from"
  tui_keys '?'
  tui_wait '^ Threads' "? closes help ($size)"

  tui_keys q
  tui_back_at_prompt 0
  tui_stop
done
exit 0
