#!/bin/sh
# hprof report --lines on a mixed Python/native/kernel run splits each Python
# line's samples by the leaf's kind (Python 20, native 50, system 30 under
# z.py:10) and shows native lines with their library.
. "$abs_top_builddir/tests/env.sh"
hp_tmpdir
cd "$HP_TMP" || exit 99
MKDB="$abs_top_builddir/tests/unit/test-query-mkdb"
[ -x "$MKDB" ] || { echo "SKIP: $MKDB not built (make check builds it)" >&2; exit 77; }
cat > spec <<'SPEC'
run python3 z.py
process 7 python3 z.py
thread 7 MainThread
sample 20 py|main|z.py|5|1 py|compress|z.py|10|9
sample 50 py|main|z.py|5|1 py|compress|z.py|10|9 native|deflate|deflate.c|88|80|/lib/libz.so.1
sample 30 py|main|z.py|5|1 py|compress|z.py|10|9 native|deflate|deflate.c|90|80|/lib/libz.so.1 native|memcpy||0|0|/lib/libc.so.6 kernel|ksys_write||0|0
finish completed 100 0 1
SPEC
"$MKDB" t.db spec >/dev/null || exit 99
export HPROF_DB=t.db

"$HPROF" report --lines -f json > l.json || hp_fail "exit $?"
python3 - l.json <<'PY' || hp_fail "mixed split"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["run"]["mixed"] is True
rows = {(r["file"], r["line"]): r for r in d["rows"]}
z = rows[("z.py", 10)]
assert (z["python"], z["native"], z["system"]) == (20, 50, 30), z
assert (z["python_pct"], z["native_pct"], z["system_pct"]) == (20.0, 50.0, 30.0), z
assert rows[("deflate.c", 88)]["self"] == 50 and rows[("deflate.c", 88)]["python"] == 0
mc = rows[("", 0)]
assert (mc["function"], mc["kind"], mc["module"], mc["total"]) == ("memcpy", "native", "/lib/libc.so.6", 30), mc
PY
"$HPROF" report --lines -w 0 > out || hp_fail "text exit"
grep -Eq 'LINE +SAMPLES +SELF% +TOTAL% +FUNCTION +PYTHON +NATIVE +SYSTEM' out || hp_fail "mixed columns: $(cat out)"
grep -Eq '^ +10 +20 +20\.0% +100\.0% +compress +20\.0% +50\.0% +30\.0%$' out || hp_fail "z.py:10 row: $(cat out)"
# --limit 1: text picks the Python line with 100% under it; JSON keeps the self order.
"$HPROF" report --lines -n 1 -w 0 | grep -Eq '^ +10 +20 ' || hp_fail "text --lines -n 1: $("$HPROF" report --lines -n 1)"
"$HPROF" report --lines -n 1 -f json | python3 -c 'import json,sys; r=json.load(sys.stdin)["rows"]; assert len(r) == 1 and r[0]["line"] == 88, r' ||
  hp_fail "json --lines -n 1 is not by self"
"$HPROF" report -f collapsed | grep -qx 'main (z.py:5);compress (z.py:10);deflate (deflate.c:90);memcpy (libc.so.6);ksys_write 30' ||
  hp_fail "collapsed native/kernel labels: $("$HPROF" report -f collapsed)"
"$HPROF" report -f json | python3 -c '
import json, sys
r = {x["function"]: x for x in json.load(sys.stdin)["rows"]}
assert r["deflate"]["total"] == 80 and r["deflate"]["module"] == "/lib/libz.so.1", r["deflate"]
assert r["ksys_write"]["kind"] == "kernel" and r["ksys_write"]["self"] == 30' || hp_fail "mixed functions"
exit 0
