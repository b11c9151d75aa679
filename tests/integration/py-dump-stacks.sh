#!/bin/sh
# hprof dump on every CPython present (pyenv 3.8-3.13, Debian's static
# 3.11): a workload parks its threads at known places — the main thread 300
# frames deep in a recursion, a thread named "spinner" in a one-line loop, a
# thread named "sleeper" in time.sleep — and the dump must show exactly those
# functions, lines, the full depth, the names, the GIL holder, and the entry
# flags (every frame before 3.11; only frames entered from C after).
. "$abs_top_builddir/tests/env.sh"
hp_tmpdir
cd "$HP_TMP" || exit 99

cat > work.py <<'PY'
import sys, threading, time

def set_comm(name):
    with open("/proc/self/task/%d/comm" % threading.get_native_id(), "w") as f:
        f.write(name)

def spin(ready):
    set_comm("spinner")
    ready.set()
    x = 0
    while True: x += 1

def sleeper(ready):
    set_comm("sleeper")
    ready.set()
    time.sleep(1000)

def deep(n):
    if n == 0:
        open(sys.argv[1], "w").close()
        time.sleep(1000)
    deep(n - 1)

r1, r2 = threading.Event(), threading.Event()
threading.Thread(target=spin, args=(r1,), daemon=True).start()
threading.Thread(target=sleeper, args=(r2,), daemon=True).start()
r1.wait()
r2.wait()
deep(299)
PY

cat > check.py <<'PY'
import json, sys
minor, pid, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
d = json.load(open(sys.argv[4]))
version = sys.argv[5]
fail = []
def want(cond, msg):
    if not cond:
        fail.append(msg)
threads = {t["name"]: t for t in d["threads"]}
want(len(d["threads"]) == 3, "3 threads, got %d" % len(d["threads"]))
want(d["python"] == version, "version %s, the interpreter says %s" % (d["python"], version))
main = [t for t in d["threads"] if t["tid"] == pid]
want(len(main) == 1, "one thread with tid == pid")
if main:
    fr = main[0]["frames"]
    got = [(f["function"], f["line"], f["file"] == path) for f in fr]
    exp = [("deep", 21, True)] + [("deep", 22, True)] * 299 + [("<module>", 29, True)]
    want(got == exp, "main thread: %d frames, first %s, last %s" % (len(got), got[:2], got[-1:]))
    want(all(f["def_line"] == 18 for f in fr[:-1]), "deep's def_line is 18")
    ent = [f["entry"] for f in fr]
    exp_ent = [True] * 301 if minor <= 10 else [False] * 300 + [True]
    want(ent == exp_ent, "entry flags: %s..%s" % (ent[:3], ent[-2:]))
    want(not main[0]["gil"] and main[0]["state"] == "idle", "main: idle, no GIL")
s = threads.get("spinner")
want(s is not None, "a thread named spinner")
if s:
    f0 = s["frames"][0]
    want((f0["function"], f0["line"], f0["file"]) == ("spin", 11, path), "spinner leaf %s" % f0)
    root = "_bootstrap" if minor <= 10 else "Thread._bootstrap"  # qualified names from 3.11
    want(s["frames"][-1]["function"] == root and
         s["frames"][-1]["file"].endswith("threading.py"), "spinner root %s" % s["frames"][-1])
    want(s["gil"] and s["state"] == "running", "spinner runs and holds the GIL")
z = threads.get("sleeper")
want(z is not None, "a thread named sleeper")
if z:
    f0 = z["frames"][0]
    want((f0["function"], f0["line"]) == ("sleeper", 16), "sleeper leaf %s" % f0)
    want(not z["gil"] and z["state"] == "idle", "sleeper idle without the GIL")
if fail:
    print("\n".join(fail))
    sys.exit(1)
PY

tested=0
hp_pythons > pythons
while read -r ver py; do
  minor=${ver#3.}; minor=${minor%%-*}
  rm -f ready
  "$py" "$HP_TMP/work.py" "$HP_TMP/ready" & pid=$!
  for _ in $(seq 100); do [ -e ready ] && break; sleep 0.1; done
  [ -e ready ] || { kill $pid; hp_fail "$ver: workload did not start"; }
  sleep 0.5
  "$HPROF" dump --json $pid > dump.json 2> err || { kill $pid; hp_fail "$ver: dump failed: $(cat err)"; }
  "$HPROF" dump $pid > dump.txt 2> err || { kill $pid; hp_fail "$ver: text dump failed: $(cat err)"; }
  kill $pid; wait $pid 2>/dev/null
  version=$("$py" -c 'import platform; print(platform.python_version())')
  python3 check.py "$minor" "$pid" "$HP_TMP/work.py" dump.json "$version" > why || hp_fail "$ver: $(cat why)"
  grep -q "^    deep ($HP_TMP/work.py:21)\$" dump.txt || hp_fail "$ver: text leaf line: $(head -5 dump.txt)"
  [ "$(grep -c "^    deep ($HP_TMP/work.py:22)\$" dump.txt)" -eq 299 ] || hp_fail "$ver: text depth"
  grep -q '^Thread [0-9]* "spinner" (running, holds the GIL)$' dump.txt || hp_fail "$ver: text spinner header"
  echo "ok: $ver ($py)"
  tested=$((tested + 1))
done < pythons
[ $tested -gt 0 ] || { echo "SKIP: no CPython 3.8-3.13 installed"; exit 77; }
exit 0
