#!/bin/sh
# End to end through hprof run and hprof report: native stacks stored in the
# database and read back.  perf_events (dwarf, no frame pointers): the 3:2
# split in the collapsed stacks and the hot line first in --lines JSON; the
# fallback with perf denied (HPROF_NO_PERF=1) says so in one line and gives
# the same truth with ptrace; --native on a Python program puts libz under
# the Python line that calls zlib.compress.
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
cd "$HP_TMP" || exit 99
[ -x "$HPROF" ] || { echo "SKIP: no $HPROF"; exit 77; }
hot=$(nl_line "$NSRC/split.c" '/\* HOT \*/')

# split and hot line of the latest run in db $1
check_run() {
  "$HPROF" report --db "$1" --format collapsed >"$1.collapsed" || hp_fail "$2: report collapsed"
  a=$(awk '/caller_a \(/ && /hot_work \(/ { n += $NF } END { print n + 0 }' "$1.collapsed")
  b=$(awk '/caller_b \(/ && /hot_work \(/ { n += $NF } END { print n + 0 }' "$1.collapsed")
  [ $((a + b)) -ge 300 ] || hp_fail "$2: only $((a + b)) samples under caller_a/b -> hot_work"
  pct=$(( (100 * a + (a + b) / 2) / (a + b) ))
  nl_within "$pct" 60 3 || hp_fail "$2: caller_a has $pct% of hot_work, want 60 +- 3"
  "$HPROF" report --db "$1" --lines --format json --limit 1 >"$1.json" || hp_fail "$2: report --lines"
  tr -d ' \n' <"$1.json" | grep -q "\"rows\":\[{\"file\":\"[^\"]*/split\.c\",\"line\":$hot," ||
    hp_fail "$2: hottest line is not split.c:$hot: $(cat "$1.json")"
  echo "ok $2: caller_a $pct%, hot line $hot"
}

if "$DRIVE" -b perf -d 0.01 -p $$ >/dev/null 2>&1; then
  "$HPROF" -q run --db perf.db --backend perf --call-graph dwarf -- "$NW/split-nofp" 200 >out ||
    hp_fail "hprof run --backend perf failed"
  grep -q '^split 200 ' out || hp_fail "workload output: $(cat out)"
  [ "$(sqlite3 perf.db 'SELECT sampler FROM runs')" = perf ] || hp_fail "run not recorded as perf"
  check_run perf.db perf
fi

HPROF_NO_PERF=1 "$HPROF" run --db fb.db -- "$NW/split-nofp" 200 >out 2>err || hp_fail "fallback run failed: $(cat err)"
grep -q 'perf backend is not available (perf_event_open denied.*using ptrace' err ||
  hp_fail "no fallback notice: $(cat err)"
[ "$(grep -c 'perf_event_open denied' err)" -eq 1 ] || hp_fail "the notice must be one line: $(cat err)"
[ "$(sqlite3 fb.db 'SELECT sampler FROM runs')" = ptrace ] || hp_fail "fallback run not recorded as ptrace"
check_run fb.db fallback

py=$(hp_pythons | awk 'NR == 1 { print $2 }')
if [ -n "$py" ]; then
  lz=$(nl_line "$NSRC/mixed_zlib.py" '  # ZLIB$')
  "$HPROF" -q run --db mixed.db --native -- "$py" "$NSRC/mixed_zlib.py" 4 >out || hp_fail "--native run failed"
  [ "$(sqlite3 mixed.db 'SELECT sampler FROM runs')" = mixed ] || hp_fail "--native run not recorded as mixed"
  "$HPROF" report --db mixed.db --format collapsed >mixed.collapsed || hp_fail "report of the mixed run"
  n=$(awk -v l="mixed_zlib.py:$lz)" 'index($0, "compress_step (") && index($0, l) && /\(libz\.so[^;]*\) [0-9]+$/ { n += $NF } END { print n + 0 }' mixed.collapsed)
  [ "$n" -ge 50 ] || hp_fail "--native: $n samples of libz under compress_step line $lz: $(sort -k2 -n mixed.collapsed | tail -2)"
  echo "ok mixed: $n samples in libz under mixed_zlib.py:$lz"
fi
