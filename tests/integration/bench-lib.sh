# bench-lib.sh — sourced by the hpbench tests: the test environment, a fresh
# database in a temporary directory ($DB, exported as HPROF_DB so every
# hpbench run uses it), and `q SQL`, which prints the rows of a query on it
# ("a|b" per row) with Python's sqlite3 (no sqlite3 CLI needed).
. "$abs_top_builddir/tests/env.sh"
hp_tmpdir
DB="$HP_TMP/b.db"
export HPROF_DB="$DB"
q() { python3 -c 'import sqlite3,sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print("|".join(map(str, r)))' "$DB" "$1"; }
