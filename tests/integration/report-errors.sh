#!/bin/sh
# Every way hprof report can fail gives one line on stderr and its exit
# status: 1 for a missing database, an empty one, no such run, a run that
# is not a profile; 2 for usage errors.  An empty run is not an error.
. "$abs_top_builddir/tests/env.sh"
hp_tmpdir
cd "$HP_TMP" || exit 99
MKDB="$abs_top_builddir/tests/unit/test-query-mkdb"
[ -x "$MKDB" ] || { echo "SKIP: $MKDB not built (make check builds it)" >&2; exit 77; }

# expect STATUS PATTERN ARGS...: exit status and a one-line message.
expect() {
  want=$1 pat=$2; shift 2
  "$HPROF" report "$@" >out 2>err; got=$?
  [ "$got" -eq "$want" ] || hp_fail "report $*: exit $got, want $want ($(cat err))"
  [ "$(wc -l < err)" -eq "$([ "$want" -eq 2 ] && echo 2 || echo 1)" ] || hp_fail "report $*: stderr: $(cat err)"
  grep -q "$pat" err || hp_fail "report $*: message: $(cat err)"
}

expect 1 "no database at none.db" --db none.db
"$MKDB" empty.db < /dev/null >/dev/null || exit 99
expect 1 "holds no profile run" --db empty.db
printf 'bench python3 -c pass\nrun python3 x.py\nprocess 1\nthread 1\nsample 5 py|f|x.py|1|1\nfinish completed 5 0 1\nrun python3 -c pass\nfinish completed 0 0 0.1\n' > spec
"$MKDB" t.db spec >/dev/null || exit 99
expect 1 "no run '42'" --db t.db 42
expect 1 "not a profile" --db t.db 1
expect 2 "option '--bogus' is unknown" --db t.db --bogus
expect 2 "option '--limit' is unknown or needs a value" --db t.db --limit
expect 2 "format takes" --db t.db --format xml
expect 2 "limit takes" --db t.db --limit -3
expect 2 "min-pct takes" --db t.db --tree --min-pct 101
expect 2 "state takes" --db t.db --state sleeping
expect 2 "pid takes" --db t.db --pid abc
expect 2 "unexpected argument" --db t.db 2 3

# The latest profile run (3) has no samples: said plainly, exit 0.
"$HPROF" report --db t.db > out 2>err || hp_fail "empty run must exit 0: $(cat err)"
grep -q '^run 3: python3 -c pass' out && grep -q 'no samples in this run' out || hp_fail "empty run: $(cat out)"
"$HPROF" report --db t.db -f json | python3 -c 'import json,sys; assert json.load(sys.stdin)["rows"] == []' || hp_fail "empty run JSON"
# Run 2 named by id still works.
"$HPROF" report --db t.db 2 -f collapsed | grep -qx 'f (x.py:1) 5' || hp_fail "run 2 by id"
"$HPROF" report --db t.db 2 --help | grep -q -- '--min-pct' || hp_fail "--help lists --min-pct"
exit 0
