#!/bin/sh
# hprof run --native --kernel, then hprof report --lines: each Python line's
# time split into Python, native and system as the workload knows it to be:
# the read(2) line mostly system, the zlib line mostly native, the sum line
# mostly Python (each column the largest of the three on its line).
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
cd "$HP_TMP" || exit 99
src="$NSRC/mixed_split.py"
py=$(hp_pythons | awk 'NR == 1 { print $2 }')
[ -n "$py" ] || { echo "SKIP: no CPython interpreter installed"; exit 77; }
"$HPROF" -q run --db m.db --native --kernel -- "$py" "$src" 200 >out || hp_fail "hprof run --native --kernel failed"
grep -q '^mixed_split 200 ' out || hp_fail "workload output: $(cat out)"
"$HPROF" report --db m.db --lines --file '*mixed_split.py' --format json >lines.json || hp_fail "report --lines"
# is column $2 the largest of the three on line $1, and more than half of it?
check='
import json, sys
line, col = int(sys.argv[1]), sys.argv[2]
rows = [r for r in json.load(open(sys.argv[3]))["rows"] if r["line"] == line]
if not rows:
    sys.exit("no row for line %d" % line)
r = rows[0]
split = {k: r[k] for k in ("python", "native", "system")}
print("line", line, split)
sys.exit(0 if r["total"] >= 20 and split[col] == max(split.values()) and split[col] * 2 > r["total"] else 1)
'
for mark in READ:system ZLIB:native PYTHON:python; do
  line=$(nl_line "$src" "  # ${mark%%:*}\$")
  col=${mark#*:}
  "$py" -c "$check" "$line" "$col" lines.json ||
    hp_fail "line $line (${mark%%:*}) is not mostly $col: $(tr -d ' \n' <lines.json | head -c 600)"
done
