#!/bin/sh
# hprof report on real profiles of real interpreters: a script whose two
# callers spend CPU 3:1 in the same function.  The report must show that
# split (within 3 points), the hot lines of spin() by number with their
# source text, and the same numbers in every format.
. "$abs_top_builddir/tests/env.sh"
hp_tmpdir
cd "$HP_TMP" || exit 99

cat > split.py <<'PY'
import time

def spin(seconds):
    end = time.process_time() + seconds
    n = 0
    while time.process_time() < end:
        n += 1
    return n

def three():
    return spin(0.06)

def one():
    return spin(0.02)

# Many short rounds rather than two long ones: when the machine is busy the
# sampler's pace drifts over time, and short alternating phases share that
# drift alike instead of handing it to one side of the 3:1 split.
def main():
    for _ in range(20):
        three()
        one()

main()
PY

ran=0
for pair in $(hp_pythons | tr ' ' '='); do
  ver=${pair%%=*} py=${pair#*=}
  db=$ver.db
  "$HPROF" run --db "$db" --backend python -- "$py" split.py > /dev/null 2> err
  rc=$?
  if grep -q 'not built' err; then echo "SKIP: $(head -1 err)" >&2; exit 77; fi
  [ $rc -eq 0 ] || hp_fail "$ver: hprof run exit $rc: $(cat err)"
  ran=$((ran + 1))

  "$HPROF" report --db "$db" -f json > f.json || hp_fail "$ver: report exit $?"
  "$HPROF" report --db "$db" --lines -f json > l.json || hp_fail "$ver: lines exit $?"
  "$HPROF" report --db "$db" -f collapsed > c.txt || hp_fail "$ver: collapsed exit $?"
  "$HPROF" report --db "$db" --lines -w 0 > lines.txt || hp_fail "$ver: lines text exit $?"
  python3 - f.json l.json c.txt lines.txt "$ver" <<'PYCHECK' || hp_fail "$ver: report does not match the workload's truth"
import json, sys
f, l, c, text, ver = sys.argv[1:]
funcs = {r["function"]: r for r in json.load(open(f))["rows"] if r["file"].endswith("split.py")}
three, one, spin = funcs["three"]["total"], funcs["one"]["total"], funcs["spin"]
share = 100.0 * three / (three + one)
assert abs(share - 75.0) <= 3.0, "%s: three:one = %d:%d (%.1f%%)" % (ver, three, one, share)
assert spin["line"] == 3, spin
assert spin["total"] >= 0.9 * (three + one), spin
# Lines: the hot ones are spin's loop (lines 6 and 7), with their text.
lines = [r for r in json.load(open(l))["rows"] if r["file"].endswith("split.py")]
hot = [r for r in lines if r["self"] > 0]
top = max(hot, key=lambda r: r["self"])
assert top["line"] in (6, 7) and top["function"] == "spin", top
src = {6: "    while time.process_time() < end:", 7: "        n += 1"}
for r in lines:
    if r["line"] in src:
        assert r["source"] == src[r["line"]], r
assert sum(r["self"] for r in lines if r["function"] == "spin") == spin["self"]
# Collapsed: main -> three -> spin paths, counts adding up to the JSON totals.
paths = {}
for row in open(c):
    stack, n = row.rsplit(" ", 1)
    names = [fr.split(" (")[0] for fr in stack.split(";")]
    if "three" in names:
        paths["three"] = paths.get("three", 0) + int(n)
        assert names.index("main") < names.index("three") < names.index("spin"), names
    if "one" in names:
        paths["one"] = paths.get("one", 0) + int(n)
assert paths == {"three": three, "one": one}, (paths, three, one)
assert "while time.process_time() < end:" in open(text).read()
PYCHECK
done
[ $ran -gt 0 ] || { echo "SKIP: no Python interpreter found" >&2; exit 77; }
exit 0
