#!/bin/sh
# Every thread of every interpreter: a sub-interpreter runs sub_sleep() in
# its own thread state; hprof dump must show it with the sub-interpreter's
# id, next to the main interpreter's threads (id 0).
. "$abs_top_builddir/tests/env.sh"
hp_tmpdir
cd "$HP_TMP" || exit 99

cat > sub.py <<'PY'
import sys, threading, time
try:
    import _xxsubinterpreters as interpreters
except ImportError:
    import _interpreters as interpreters
interp = interpreters.create()
code = "import time\ndef sub_sleep():\n    open(%r, 'w').close()\n    time.sleep(1000)\nsub_sleep()\n" % sys.argv[1]
def run():
    interpreters.run_string(interp, code)
threading.Thread(target=run, daemon=True).start()
time.sleep(1000)
PY

cat > check.py <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
sub = [t for t in d["threads"] if t["frames"] and t["frames"][0]["function"] == "sub_sleep"]
main = [t for t in d["threads"] if t["interpreter"] == 0 and t["frames"] and
        (t["frames"][0]["function"], t["frames"][0]["line"]) == ("<module>", 11)]
ok = (len(sub) == 1 and sub[0]["interpreter"] > 0 and sub[0]["frames"][0]["line"] == 4 and
      sub[0]["frames"][0]["file"] == "<string>" and len(main) == 1)
if not ok:
    print(json.dumps(d["threads"]))
    sys.exit(1)
PY

tested=0
hp_pythons > pythons
while read -r ver py; do
  "$py" -c 'import _xxsubinterpreters' 2>/dev/null || "$py" -c 'import _interpreters' 2>/dev/null ||
    { echo "note: $ver has no sub-interpreter module"; continue; }
  rm -f ready
  "$py" "$HP_TMP/sub.py" "$HP_TMP/ready" & pid=$!
  for _ in $(seq 100); do [ -e ready ] && break; sleep 0.1; done
  sleep 0.3
  "$HPROF" dump --json $pid > dump.json 2> err || { kill $pid; hp_fail "$ver: $(cat err)"; }
  kill $pid; wait $pid 2>/dev/null
  python3 check.py dump.json > why || hp_fail "$ver: sub-interpreter thread not shown right: $(cat why)"
  echo "ok: $ver"
  tested=$((tested + 1))
done < pythons
[ $tested -gt 0 ] || { echo "SKIP: no CPython with sub-interpreters installed"; exit 77; }
exit 0
