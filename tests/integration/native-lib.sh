# native-lib.sh — sourced by tests/integration/native-*.sh: where the native
# workloads and the backend driver are, and checks on the driver's output
# (one line per stack: COUNT \t PID \t TID \t root;...;leaf, each frame
# function:file:line:module).
. "$abs_top_builddir/tests/env.sh"
NW="$abs_top_builddir/tests/workloads/native"
NSRC="$abs_top_srcdir/tests/workloads/native"
DRIVE="$NW/native-drive"
[ -x "$DRIVE" ] || { echo "SKIP: $DRIVE not built (make check builds it)"; exit 77; }

# nl_line FILE MARK: the line number of the source line holding MARK.
nl_line() { grep -n "$2" "$1" | head -1 | cut -d: -f1; }

# nl_perf_ok: skip (77) when perf_events cannot be used at all here.
nl_perf_ok() {
  "$DRIVE" -b perf -d 0.01 -p $$ >/dev/null 2>"$HP_TMP/probe.err" && return 0
  echo "SKIP: perf_events not usable here: $(cat "$HP_TMP/probe.err")"; exit 77
}

# nl_count OUT REGEX: samples whose stack matches REGEX (awk ERE on the stack).
nl_count() {
  awk -F'\t' -v re="$2" '$4 ~ re { n += $1 } END { print n + 0 }' "$1"
}

# nl_pct OUT PART_RE WHOLE_RE: PART's share of WHOLE in percent (integer).
nl_pct() {
  awk -F'\t' -v p="$2" -v w="$3" '$4 ~ w { t += $1; if ($4 ~ p) n += $1 }
    END { if (t == 0) print -1; else printf "%d\n", 100 * n / t + 0.5 }' "$1"
}

# nl_hot_leaf OUT: the leaf frame (function:file:line) with the most samples.
nl_hot_leaf() {
  awk -F'\t' '{ n = split($4, f, ";"); split(f[n], p, ":"); k = p[1] ":" p[2] ":" p[3]; c[k] += $1 }
    END { for (k in c) if (c[k] > best) { best = c[k]; hot = k } print hot }' "$1"
}

# nl_within VALUE TRUTH TOL: |VALUE - TRUTH| <= TOL
nl_within() { [ "$1" -ge $(($2 - $3)) ] && [ "$1" -le $(($2 + $3)) ]; }

# nl_check_split OUT LABEL BUILD MIN [chain]: the 3:2 workload's truth in OUT
# (samples of split-BUILD): at least MIN samples in hot_work, its hottest
# line the HOT one, caller_a's share 60 +- 3 and, with "chain", 90% of the
# samples under main -> caller_a/b -> hot_work.  Prints "ok LABEL: ...".
# (Call it plainly, not in $(...): hp_fail must end the test itself.)
nl_check_split() {
  _hot=$(nl_line "$NSRC/split.c" '/\* HOT \*/')
  _total=$(nl_count "$1" 'hot_work:')
  [ "$_total" -ge "$4" ] || hp_fail "$2: only $_total samples in hot_work"
  _leaf=$(nl_hot_leaf "$1")
  [ "$_leaf" = "hot_work:split.c:$_hot" ] || hp_fail "$2: hottest line $_leaf, want hot_work:split.c:$_hot"
  [ "${5:-}" = chain ] || { echo "ok $2: $_total samples, hot line $_hot"; return 0; }
  _pct=$(nl_pct "$1" 'caller_a:' 'hot_work:')
  nl_within "$_pct" 60 3 || hp_fail "$2: caller_a has $_pct% of hot_work, want 60 +- 3"
  _whole=$(nl_count "$1" "main:split\\.c:[0-9]+:split-$3;caller_[ab]:split\\.c:[0-9]+:split-$3;hot_work:")
  [ "$_whole" -ge $((_total * 9 / 10)) ] ||
    hp_fail "$2: only $_whole of $_total hot_work samples under main -> caller -> hot_work: $(sort -rn "$1" | head -3)"
  echo "ok $2: caller_a $_pct% of $_total, hot line $_hot"
}
