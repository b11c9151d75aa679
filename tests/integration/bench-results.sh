#!/bin/sh
# Reading runs back: pyperf JSON made here with known values is imported,
# shown, compared (A/A says no difference, a 10% shift is found), its outlier
# is listed at its position; export writes pyperf JSON that keeps pyperf's
# rules and reimports to the same values, and hyperfine JSON with the fields
# the real hyperfine writes.
. "$abs_top_builddir/tests/env.sh"
hp_tmpdir
DB="$HP_TMP/r.db"
export HPROF_DB="$DB"
command -v python3 >/dev/null || { echo "SKIP: python3 needed to make the JSON"; exit 77; }

# three benchmarks: a and a2 from one distribution, b 10% slower; value 7 of
# a is a 5x outlier
python3 - "$HP_TMP/in.json" <<'PY'
import json, random, sys
rnd = random.Random(12345)
def bench(name, scale, outlier=False):
    runs = []
    for p in range(10):
        vals = [0.05 * scale * (1 + 0.01 * rnd.gauss(0, 1)) for _ in range(3)]
        runs.append({"metadata": {"date": "2024-01-01 00:00:00"},
                     "warmups": [[1, 0.06 * scale]], "values": vals})
    if outlier:
        runs[2]["values"][0] = 0.25
    return {"metadata": {"name": name, "unit": "second", "loops": 1}, "runs": runs}
json.dump({"version": "1.0", "metadata": {"hostname": "test", "cpu_count": 2},
           "benchmarks": [bench("a", 1.0, True), bench("a2", 1.0), bench("b", 1.10)]},
          open(sys.argv[1], "w"))
PY
"$HPBENCH" import "$HP_TMP/in.json" > "$HP_TMP/imp" || hp_fail "import"
cat "$HP_TMP/imp"
grep -q "Imported 'a' as run 1: 30 values (+ 10 warm-ups) in 10 processes" "$HP_TMP/imp" || hp_fail "import counts"

"$HPBENCH" list > "$HP_TMP/list" || hp_fail list
grep -Eq "^ +3  b +.* completed +30 +55\.[0-9] ms" "$HP_TMP/list" || hp_fail "list: $(cat "$HP_TMP/list")"

"$HPBENCH" compare a a2 b > "$HP_TMP/cmp" || hp_fail compare
cat "$HP_TMP/cmp"
grep -q "^  a2 and a: no significant difference" "$HP_TMP/cmp" || hp_fail "A/A not 'no significant difference'"
grep -Eq "^  b is 1\.(09|10|11)x ± 0\.0[0-9] slower than a " "$HP_TMP/cmp" || hp_fail "10% slower not found"
"$HPBENCH" compare --noise 20% a b | grep -q "no significant difference" || hp_fail "--noise 20% should hide 10%"
"$HPBENCH" compare a > /dev/null 2>&1; [ $? = 2 ] || hp_fail "compare with one run: want 2"
"$HPBENCH" compare a nosuch > /dev/null 2> "$HP_TMP/err"; [ $? = 1 ] || hp_fail "missing run: want 1"
grep -q "no benchmark run 'nosuch'" "$HP_TMP/err" || hp_fail "missing run message"

"$HPBENCH" stats a > "$HP_TMP/stats" || hp_fail stats
cat "$HP_TMP/stats"
grep -q "^  value #7: 250 ms (IQR, modified Z)" "$HP_TMP/stats" || hp_fail "outlier not listed at position 7"
grep -q "^  ok   std dev / mean\|^  FAIL std dev / mean" "$HP_TMP/stats" || hp_fail "stability checks"
"$HPBENCH" show a | grep -q "warning: std dev is .* of the mean (threshold 10%)" || hp_fail "outlier-driven spread not warned"
"$HPBENCH" show a | grep -q "^  imported_from" || hp_fail "show lacks metadata"
"$HPBENCH" hist --bins 4 b > "$HP_TMP/hist" || hp_fail hist
[ "$(grep -c '…' "$HP_TMP/hist")" = 4 ] || hp_fail "want 4 bins"
[ "$(awk '/…/ { s += $6 } END { print s }' "$HP_TMP/hist")" = 30 ] || hp_fail "bins do not add up to 30"

# export pyperf: pyperf's rules hold, and importing it gives the same values
"$HPBENCH" export -o "$HP_TMP/out.json" a b || hp_fail "export pyperf"
python3 - "$HP_TMP/out.json" <<'PY' || hp_fail "pyperf JSON breaks pyperf's rules"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == "1.0", d["version"]
def check_meta(m):
    for k, v in m.items():
        assert isinstance(v, (int, float, str)), (k, v)
        if isinstance(v, str):
            assert v.strip() and "\n" not in v, (k, v)
    if "loops" in m:
        assert isinstance(m["loops"], int) and m["loops"] >= 1
names = set()
for b in d["benchmarks"]:
    m = b["metadata"]; check_meta(m)
    assert m["unit"] == "second" and m["name"] not in names
    names.add(m["name"])
    for r in b["runs"]:
        check_meta(r.get("metadata", {}))
        assert all(isinstance(v, float) and v > 0 for v in r["values"])
        for w in r.get("warmups", []):
            assert isinstance(w[0], int) and w[0] >= 1 and w[1] >= 0
PY
DB2="$HP_TMP/r2.db"
HPROF_DB="$DB2" "$HPBENCH" import "$HP_TMP/out.json" > /dev/null || hp_fail "reimport"
"$HPBENCH" export -f csv a | cut -d, -f4- > "$HP_TMP/csv1"
HPROF_DB="$DB2" "$HPBENCH" export -f csv a | cut -d, -f4- > "$HP_TMP/csv2"
[ "$(wc -l < "$HP_TMP/csv1")" = 41 ] || hp_fail "csv: want header + 40 rows"
cut -d, -f1-5 "$HP_TMP/csv1" > "$HP_TMP/v1"; cut -d, -f1-5 "$HP_TMP/csv2" > "$HP_TMP/v2"
diff "$HP_TMP/v1" "$HP_TMP/v2" || hp_fail "export + import changed the values"

# hyperfine JSON: the keys real hyperfine writes, and its numbers
"$HPBENCH" run --runs 3 -w 0 --name t true > /dev/null || hp_fail "run true"
"$HPBENCH" export -f hyperfine t > "$HP_TMP/h.json" || hp_fail "export hyperfine"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --runs 2 --export-json "$HP_TMP/real.json" true > /dev/null 2>&1 ||
    hyperfine --runs 2 --export-json "$HP_TMP/real.json" true > /dev/null 2>&1
  python3 - "$HP_TMP/h.json" "$HP_TMP/real.json" <<'PY' || hp_fail "hyperfine JSON differs in its keys"
import json, sys
ours = json.load(open(sys.argv[1]))["results"][0]
real = json.load(open(sys.argv[2]))["results"][0]
missing = set(real) - set(ours) - {"parameters"}
assert not missing, missing
assert len(ours["times"]) == 3 and ours["exit_codes"] == [0, 0, 0]
assert ours["min"] <= ours["median"] <= ours["max"]
PY
else
  echo "note: hyperfine not installed; its keys not compared"
fi
"$HPBENCH" export -f markdown a b > "$HP_TMP/md" || hp_fail markdown
# by the mean (as hyperfine ranks), a's 250 ms outlier makes b the fastest
grep -q "^| \`b\` | .* | 1.00 |$" "$HP_TMP/md" || hp_fail "markdown: b is the fastest by mean"
grep -q "^| \`a\` | .* | 1.0[0-9] ± 0.[0-9]* |$" "$HP_TMP/md" || hp_fail "markdown: a relative to b"
"$HPBENCH" export -f yaml a > /dev/null 2>&1; [ $? = 2 ] || hp_fail "unknown format: want 2"
echo '{"version": "0.1", "benchmarks": []}' > "$HP_TMP/bad.json"
"$HPBENCH" import "$HP_TMP/bad.json" > /dev/null 2>&1; [ $? = 1 ] || hp_fail "bad JSON version: want 1"
exit 0
