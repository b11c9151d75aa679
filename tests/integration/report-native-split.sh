#!/bin/sh
# hprof report --lines on real mixed (--native) runs: the line calling
# zlib.compress spends its time in native code (libz), the pure-Python loop
# line in Python (bytecode and the interpreter's own C helpers), checked on
# a shared-libpython interpreter and on Debian's static one, where the
# interpreter's code lives in the executable.
. "$abs_top_builddir/tests/env.sh"
hp_tmpdir
cd "$HP_TMP" || exit 99

cat > mix.py <<'PY'
import os, zlib

def compress(data):
    return zlib.compress(data, 9)

def pyloop(n):
    s = 0
    for i in range(n):
        s += i * i
    return s

def main():
    data = os.urandom(1 << 19) + bytes(1 << 19)
    for _ in range(6):
        compress(data)
        pyloop(300000)

main()
PY

ran=0
for pair in $(hp_pythons | grep -E '^3\.11' | tr ' ' '='); do
  ver=${pair%%=*} py=${pair#*=}
  "$HPROF" run --db "$ver.db" --native -- "$py" mix.py > /dev/null 2> err
  rc=$?
  if grep -qE 'not built|not supported|cannot use' err; then echo "SKIP: $(head -1 err)" >&2; exit 77; fi
  [ $rc -eq 0 ] || hp_fail "$ver: hprof run --native exit $rc: $(cat err)"
  ran=$((ran + 1))
  "$HPROF" report --db "$ver.db" --lines --file mix.py -f json > l.json || hp_fail "$ver: report exit $?"
  python3 - l.json "$ver" <<'PYCHECK' || hp_fail "$ver: Python/native split"
import json, sys
d = json.load(open(sys.argv[1]))
ver = sys.argv[2]
assert d["run"]["mixed"], "%s: the run has no native frames" % ver
rows = {r["line"]: r for r in d["rows"]}
def split(n):
    r = rows[n]
    return r["python"], r["native"], r["system"]
py, nat, sys_ = split(4)   # return zlib.compress(data, 9)
assert nat >= 0.8 * (py + nat + sys_) and nat > 0, "%s: compress line %s" % (ver, split(4))
py, nat, sys_ = split(9)   # s += i * i
assert py >= 0.8 * (py + nat + sys_) and py > 0, "%s: loop line %s" % (ver, split(9))
PYCHECK
done
[ $ran -gt 0 ] || { echo "SKIP: no Python 3.11 interpreter found" >&2; exit 77; }
exit 0
