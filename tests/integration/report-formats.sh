#!/bin/sh
# hprof report in every mode and format on a database of known stacks:
# 600 samples main->a->hot:7, 400 main->b->hot:9 (and an idle worker), so
# every number printed can be checked against that truth.
. "$abs_top_builddir/tests/env.sh"
hp_tmpdir
cd "$HP_TMP" || exit 99
MKDB="$abs_top_builddir/tests/unit/test-query-mkdb"
[ -x "$MKDB" ] || { echo "SKIP: $MKDB not built (make check builds it)" >&2; exit 77; }

printf 'def main():\n    a()\n    b()\n\ndef hot(n):\n    s = 0\n\tfor i in range(n): s += i\n    return s\n    return -s\n' > two.py
cat > spec <<'SPEC'
run python3 two.py
process 100 python3 two.py
thread 100 MainThread
sample 600 py|main|two.py|2|1 py|a|two.py|3|2 py|hot|two.py|7|5
sample 400 py|main|two.py|3|1 py|b|two.py|12|11 py|hot|two.py|9|5
thread 101 worker
sample 40 idle py|wait|two.py|6|5
finish completed 1040 10 2.5 1000 3.11.7
SPEC
"$MKDB" t.db spec >/dev/null || exit 99
export HPROF_DB=t.db
R() { "$HPROF" report "$@"; }

# Text functions: the header's facts, then hot first with 96.2% (1000 of 1040).
R -w 0 > out || hp_fail "report exit $?"
grep -q '^run 1: python3 two.py' out || hp_fail "header command: $(cat out)"
grep -q '1040 samples at 1000 Hz' out || hp_fail "header samples/rate: $(cat out)"
grep -q '2.50 s' out || hp_fail "header duration: $(cat out)"
grep -q 'errors: 10 (1.0% of attempts)' out || hp_fail "header error rate: $(cat out)"
grep -q 'Python 3.11.7' out || hp_fail "header python: $(cat out)"
first=$(grep -A1 '^SELF' out | tail -1)
echo "$first" | grep -Eq '^1000 +96\.2% +1000 +96\.2% +hot +two\.py:5$' || hp_fail "first row: $first"
grep -Eq '^ +0 +0\.0% +600 +57\.7% +a +two\.py:2$' out || hp_fail "a's total: $(cat out)"

# JSON: valid, the contract's keys, sorted by self, the truth in numbers.
R -f json > f.json || hp_fail "json exit"
python3 -m json.tool f.json >/dev/null || hp_fail "functions JSON does not parse"
python3 - f.json <<'PY' || hp_fail "functions JSON content"
import json, sys
d = json.load(open(sys.argv[1]))
rows = d["rows"]
for r in rows:
    for k in ("function", "file", "line", "self", "self_pct", "total", "total_pct"):
        assert k in r, (k, r)
assert [r["self"] for r in rows] == sorted((r["self"] for r in rows), reverse=True)
by = {r["function"]: r for r in rows}
assert by["hot"]["self"] == 1000 and by["hot"]["line"] == 5, by["hot"]
assert by["a"]["total"] == 600 and by["a"]["self"] == 0
assert by["main"]["total"] == 1000
assert abs(by["b"]["total_pct"] - 100 * 400 / 1040) < 0.01
assert d["run"]["command"] == "python3 two.py" and d["run"]["errors"] == 10
assert d["run"]["selected"] == 1040
PY

# Lines JSON: self by leaf line, source text read from two.py, tabs expanded.
R --lines -f json > l.json || hp_fail "lines json exit"
python3 - l.json <<'PY' || hp_fail "lines JSON content"
import json, sys
rows = json.load(open(sys.argv[1]))["rows"]
for r in rows:
    for k in ("file", "line", "function", "self", "self_pct", "total", "total_pct", "source"):
        assert k in r, (k, r)
assert (rows[0]["line"], rows[0]["self"]) == (7, 600), rows[0]
assert rows[0]["source"] == "        for i in range(n): s += i", repr(rows[0]["source"])
assert (rows[1]["line"], rows[1]["self"], rows[1]["source"]) == (9, 400, "    return -s")
assert "python" not in rows[0], "not a mixed run"
assert [r for r in rows if r["line"] == 12][0]["source"] is None
PY

# Lines text: grouped per file with its share, rows in source order.
R --lines -w 0 > out || hp_fail "lines exit"
grep -q '^two.py  (100.0% of samples, 1040)' out || hp_fail "file group header: $(cat out)"
awk '/^  LINE/ {on=1; next} on && NF {print $1}' out | tr '\n' ' ' | grep -q '^2 3 3 6 7 9 12 $' ||
  hp_fail "lines not in source order: $(cat out)"
grep -Eq '^ +7 +600 +57\.7% +57\.7% +hot +for i in range\(n\): s \+= i$' out || hp_fail "line 7 row: $(cat out)"
R --lines -w 40 | awk 'length($0) > 40 { exit 1 }' || hp_fail "--width 40 not honoured"
R --lines --file 'nomatch*.py' | grep -q 'no samples match' || hp_fail "--file with no match"

# CSV: a header and one row per function, quoted where needed.
R -f csv > f.csv || hp_fail "csv exit"
head -1 f.csv | grep -q '^self,self_pct,total,total_pct,function,location,file,line' || hp_fail "csv header: $(head -1 f.csv)"
python3 - f.csv <<'PY' || hp_fail "CSV content"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 5, rows
assert rows[0]["function"] == "hot" and rows[0]["self"] == "1000" and rows[0]["self_pct"] == "96.154"
PY

# Collapsed: root first, counts summing to every sample.
R -f collapsed > c.txt || hp_fail "collapsed exit"
grep -qx 'main (two.py:2);a (two.py:3);hot (two.py:7) 600' c.txt || hp_fail "collapsed: $(cat c.txt)"
grep -qx 'main (two.py:3);b (two.py:12);hot (two.py:9) 400' c.txt || hp_fail "collapsed: $(cat c.txt)"
[ "$(awk '{s += $NF} END {print s}' c.txt)" = 1040 ] || hp_fail "collapsed counts do not sum to 1040"

# Speedscope: the schema's shape, one sampled profile per thread, weights = counts.
R -f speedscope > s.json || hp_fail "speedscope exit"
python3 -m json.tool s.json >/dev/null || hp_fail "speedscope JSON does not parse"
python3 - s.json <<'PY' || hp_fail "speedscope structure"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["$schema"] == "https://www.speedscope.app/file-format-schema.json"
frames = d["shared"]["frames"]
assert all("name" in f for f in frames)
profs = d["profiles"]
assert len(profs) == 2, len(profs)
for p in profs:
    assert p["type"] == "sampled" and p["unit"] == "none"
    assert len(p["samples"]) == len(p["weights"])
    assert p["endValue"] - p["startValue"] == sum(p["weights"])
    for s in p["samples"]:
        assert all(0 <= i < len(frames) for i in s)
main = [p for p in profs if "MainThread" in p["name"]][0]
stacks = {tuple(frames[i]["name"] for i in s): w for s, w in zip(main["samples"], main["weights"])}
assert stacks[("main", "a", "hot")] == 600 and stacks[("main", "b", "hot")] == 400, stacks
hot7 = [f for f in frames if f["name"] == "hot" and f.get("line") == 7]
assert hot7 and hot7[0]["file"] == "two.py"
PY

# Tree: total/self shares, pruning by --min-pct (wait has 3.8%).
R --tree -w 0 > out || hp_fail "tree exit"
grep -Eq '^ 96\.2% +0\.0% +main \(two\.py:1\)$' out || hp_fail "tree root: $(cat out)"
grep -Eq '^ 57\.7% +57\.7% +    hot \(two\.py:5\)$' out || hp_fail "tree leaf: $(cat out)"
grep -q 'wait' out || hp_fail "tree lost wait at the default min-pct"
R --tree --min-pct 5 | grep -q wait && hp_fail "--min-pct 5 kept a 3.8% node"
R --tree -f json | python3 -c 'import json,sys; r=json.load(sys.stdin)["rows"]; assert [x["depth"] for x in r] == [1,2,3,2,3,1], r' ||
  hp_fail "tree JSON depths"

# Threads and selections.
R --threads -w 0 | grep -Eq '^100 +101 +worker +40 +3\.8% +0 +40 +wait$' || hp_fail "threads: $(R --threads)"
R --tid 101 -f json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["run"]["selected"] == 40 and d["rows"][0]["self_pct"] == 100.0, d' ||
  hp_fail "--tid 101"
R --state on-cpu -f json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["run"]["selected"] == 1000; assert "wait" not in [r["function"] for r in d["rows"]]' ||
  hp_fail "--state on-cpu"
R --filter b -f json | python3 -c 'import json,sys; d=json.load(sys.stdin); r={x["function"]: x for x in d["rows"]}; assert d["run"]["matched"] == 400 and r["hot"]["self"] == 400 and "a" not in r, d' ||
  hp_fail "--filter b"
R --pid 999 | grep -q 'no samples in this run' || hp_fail "--pid with no process"
[ "$(R -f json --limit 2 | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["rows"]))')" = 2 ] || hp_fail "--limit 2"
exit 0
