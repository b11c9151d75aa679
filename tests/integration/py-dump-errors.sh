#!/bin/sh
# hprof dump's errors, each one line on stderr with exit status 1 (2 for
# usage): no such process, a process that is not Python, an unsupported
# CPython (pyenv's 3.7 when present), and permission denied (user nobody
# against a root-owned Python).
. "$abs_top_builddir/tests/env.sh"
hp_tmpdir
cd "$HP_TMP" || exit 99
pids=""
trap 'for p in $pids; do kill $p 2>/dev/null; done; rm -rf "$HP_TMP"' EXIT

# expect STATUS PATTERN CMD...: exit status and a single stderr line matching.
expect() {
  st=$1 pat=$2; shift 2
  "$@" > out 2> err; got=$?
  [ $got -eq "$st" ] || hp_fail "$*: exit $got, want $st ($(cat err))"
  [ "$(wc -l < err)" -eq 1 ] || hp_fail "$*: want one line on stderr, got: $(cat err)"
  grep -q -- "$pat" err || hp_fail "$*: message '$(cat err)' lacks '$pat'"
  [ -s out ] && hp_fail "$*: printed a dump: $(cat out)"
  return 0
}

# Usage errors: status 2, the reason, then the shared "Try ... --help" line.
for args in "|give its PID" "abc|not a process id" "--bogus 1|unknown option" "1 2|only one PID"; do
  "$HPROF" dump ${args%%|*} > out 2> err; got=$?
  [ $got -eq 2 ] || hp_fail "dump ${args%%|*}: exit $got, want 2"
  head -1 err | grep -q -- "${args#*|}" || hp_fail "dump ${args%%|*}: $(cat err)"
done

# A PID no process has: above every live one and below pid_max.
max=$(cat /proc/sys/kernel/pid_max)
nopid=$((max - 1))
while [ -e /proc/$nopid ]; do nopid=$((nopid - 1)); done
expect 1 "no process with id $nopid" "$HPROF" dump $nopid

sleep 100 & pids="$pids $!"
expect 1 "is not a Python process: $(command -v sleep | xargs readlink -f)" "$HPROF" dump $!

py37=$(ls -d "${PYENV_ROOT:-/root/.pyenv}"/versions/3.7.*/bin/python3 2>/dev/null | head -1)
if [ -n "$py37" ]; then
  "$py37" -c 'import time; time.sleep(100)' & pids="$pids $!"
  sleep 0.5
  expect 1 "CPython 3\.7\.[0-9]*, which hprof cannot read (supported: 3.8 to 3.13)" "$HPROF" dump $!
else
  echo "note: no CPython 3.7 here; the unsupported-version case is not run"
fi

py=$(hp_pythons | awk 'NR == 1 { print $2 }')
[ -n "$py" ] || { echo "SKIP: no CPython 3.8-3.13 for the permission case"; exit 77; }
"$py" -c 'import time; time.sleep(100)' & pid=$!; pids="$pids $pid"
sleep 0.5
"$HPROF" dump $pid > /dev/null 2> err || hp_fail "root cannot dump $py: $(cat err)"
if [ "$(id -u)" -ne 0 ] || ! command -v setpriv > /dev/null; then
  echo "SKIP: the permission case needs root and setpriv"; exit 77
fi
# nobody must be able to run the binary where it was built.
setpriv --reuid=nobody --regid=nogroup --clear-groups "$HPROF" --version > /dev/null 2>&1 ||
  { echo "SKIP: user nobody cannot run $HPROF"; exit 77; }
expect 1 "not allowed to read the memory of process $pid: run as root" \
  setpriv --reuid=nobody --regid=nogroup --clear-groups "$HPROF" dump $pid
exit 0
