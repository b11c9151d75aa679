#!/bin/sh
# The three programs answer --version and --help, list an empty and a bad
# database, and reject unknown commands with exit status 2.
. "$abs_top_builddir/tests/env.sh"
hp_tmpdir
cd "$HP_TMP" || exit 99

for p in "$HPROF" "$HPBENCH" "$HPVIEW"; do
  "$p" --version | grep -q '0\.' || hp_fail "$p --version"
done
"$HPROF" --help | grep -q '^  list ' || hp_fail "hprof --help does not list 'list'"
"$HPBENCH" --help | grep -q '^  run ' || hp_fail "hpbench --help does not list 'run'"

"$HPROF" nosuch 2>err; [ $? -eq 2 ] || hp_fail "unknown command must exit 2"
grep -q "unknown command 'nosuch'" err || hp_fail "unknown command message: $(cat err)"

# No database yet: a clear error naming the file, exit 1.
"$HPROF" list --db none.db 2>err; [ $? -eq 1 ] || hp_fail "list of a missing db must exit 1"
grep -q "no database at none.db" err || hp_fail "missing db message: $(cat err)"

# A file that is not a database: one line, exit 1, no crash.
head -c 4096 /dev/urandom > junk.db
"$HPROF" list --db junk.db 2>err; [ $? -eq 1 ] || hp_fail "list of a junk db must exit 1"
[ "$(wc -l < err)" -eq 1 ] || hp_fail "junk db: expected one line, got: $(cat err)"
grep -q "not an hprof database" err || hp_fail "junk db message: $(cat err)"

# HPROF_DB selects the file; --db after the command overrides it.
"$HPROF" --db fresh.db list --kind bench 2>&1 | grep -q "no database" || hp_fail "fresh db"
"$HPROF" list --kind nothing 2>/dev/null; [ $? -eq 2 ] || hp_fail "bad --kind must exit 2"
exit 0
