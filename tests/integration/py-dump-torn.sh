#!/bin/sh
# Reading a target that never stands still: a workload whose stack grows and
# shrinks all the time (recursion, generators) and that keeps creating and
# freeing code objects (exec'd functions, so addresses are reused by other
# code).  Thousands of snapshots later, every frame seen must be one the
# workload can really be in — its function at a line of that function's
# body, or exec'd code at its own lines — whatever torn reads there were.
. "$abs_top_builddir/tests/env.sh"
hp_tmpdir
cd "$HP_TMP" || exit 99
DRIVE="$abs_top_builddir/profiler/python/pysample-drive"
[ -x "$DRIVE" ] || { echo "SKIP: $DRIVE not built"; exit 77; }

cat > churn.py <<'PY'
import sys

def leaf(i):
    return i * 2

def up(n):
    if n == 0:
        return leaf(n)
    return up(n - 1) + 1

def gen(n):
    for i in range(n):
        yield up(i % 40)

def make(i):
    ns = {}
    exec(compile("def f_%d(x):\n    return x + %d\n" % (i, i), "<dyn>", "exec"), ns)
    return ns["f_%d" % i]

def churn():
    i = 0
    open(sys.argv[1], "w").close()
    while True:
        for v in gen(60):
            make(i)(v)
            i += 1

churn()
PY

cat > check.py <<'PY'
import ast, re, sys
src = open(sys.argv[1]).read()
legal = {}
for node in ast.walk(ast.parse(src)):
    if isinstance(node, ast.FunctionDef):
        legal[node.name] = set(range(node.lineno, node.end_lineno + 1))
legal["<module>"] = {src.splitlines().index("churn()") + 1}
bad, n = [], 0
for line in open(sys.argv[2]):
    w = line.split()
    if w[0] != "frame":
        continue
    func, path, lineno = w[1], w[2], int(w[3])
    n += int(w[4])
    if path == "<dyn>":
        # the exec'd module (its def at line 1; 3.12 puts the module's RESUME
        # at line 0, as its co_lines() says) or a function f_N: its def line
        # (a frame just pushed, at RESUME) or its body
        ok = ((func == "<module>" and lineno in (0, 1)) or
              (re.fullmatch(r"f_\d+", func) and lineno in (1, 2)))
    elif path.endswith("churn.py"):
        ok = lineno in legal.get(func, ())
    else:
        ok = False
    if not ok:
        bad.append(line.strip())
if bad or n == 0:
    print("impossible frames: %s (of %d)" % (bad[:10], n))
    sys.exit(1)
PY

tested=0
hp_pythons > pythons
while read -r ver py; do
  rm -f ready
  "$py" "$HP_TMP/churn.py" "$HP_TMP/ready" & pid=$!
  for _ in $(seq 100); do [ -e ready ] && break; sleep 0.1; done
  [ -e ready ] || { kill $pid; hp_fail "$ver: workload did not start"; }
  "$DRIVE" -n 5000 -f $pid > seen 2> err || { kill $pid; hp_fail "$ver: $(cat err)"; }
  kill $pid; wait $pid 2>/dev/null
  python3 check.py churn.py seen > why || hp_fail "$ver: $(cat why)"
  echo "ok: $ver: $(head -1 seen)"
  tested=$((tested + 1))
done < pythons
[ $tested -gt 0 ] || { echo "SKIP: no CPython 3.8-3.13 installed"; exit 77; }
exit 0
