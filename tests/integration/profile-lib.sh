# Sourced by the profile-*.sh tests (after tests/env.sh): run workloads that
# know their truth under `hprof run` with every interpreter present, and read
# the profile back through `hprof report --format json`.
WL="$abs_top_srcdir/tests/workloads"
export PYTHONDONTWRITEBYTECODE=1
pf_failed=0

# pf_start: a fresh directory to work in and $pythons, or skip (77).
pf_start() {
  hp_tmpdir
  cd "$HP_TMP" || exit 99
  pythons=$(hp_pythons)
  [ -n "$pythons" ] || { echo "SKIP: no Python interpreter found" >&2; exit 77; }
  # The checks' own interpreter (any will do): Debian's, else the last listed.
  QPY=$(command -v python3 || echo "$pythons" | tail -n 1 | cut -d' ' -f2)
}

# pf_bad MSG: record a failure of the interpreter being checked; returns 1.
pf_bad() {
  echo "FAIL ($pf_ver): $*" >&2
  pf_failed=1
  return 1
}

# pf_each CHECK: run `CHECK VERSION PYTHON` for every interpreter; a failing
# one does not stop the others.  Each gets its own database, $db.
pf_each() {
  echo "$pythons" > pythons.list
  while read -r pf_ver pf_py; do
    db="$HP_TMP/$pf_ver.db"
    echo "--- $pf_ver ($pf_py)"
    "$1" "$pf_ver" "$pf_py" || pf_failed=1
  done < pythons.list
}

pf_finish() {
  [ "$pf_failed" -eq 0 ] || exit 1
  exit 0
}

# pf_run ARGS...: hprof --db $db run ARGS, stdout in run.out, stderr in
# run.err; fails (returns 1) unless hprof exits 0.
pf_run() {
  "$HPROF" --db "$db" run "$@" > run.out 2> run.err
  rc=$?
  [ $rc -eq 0 ] || { pf_bad "hprof run $* exited $rc: $(tail -n 3 run.err)"; return 1; }
}

# pf_report ARGS...: hprof report --format json ARGS into report.json.
pf_report() {
  "$HPROF" --db "$db" report --format json --limit 0 "$@" > report.json 2> report.err ||
    { pf_bad "hprof report $*: $(cat report.err)"; return 1; }
}

# pf_q EXPR [FILE]: print a Python expression evaluated over the JSON report
# (FILE, default report.json) with these names:
#   d (the document), rows, fself(FN) / ftotal(FN): a function's self / total
#   samples, lself(FILE_SUFFIX, LINE): a line's self samples.
pf_q() {
  "$QPY" - "${2:-report.json}" "$1" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
rows = d["rows"]
def fself(fn):
    return sum(r["self"] for r in rows if r["function"] == fn)
def ftotal(fn):
    return max([r["total"] for r in rows if r["function"] == fn] or [0])
def lself(suffix, line):
    return sum(r["self"] for r in rows if r["file"].endswith(suffix) and r["line"] == line)
print(eval(sys.argv[2]))
EOF
}

# pf_near NAME GOT WANT: GOT (a percentage) is within 3 points of WANT.
pf_near() {
  echo "$1: $2% (truth $3%)"
  awk -v g="$2" -v w="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= 3) }' ||
    pf_bad "$1 is $2%, truth $3% (more than 3 points off)"
}

# pf_line FILE MARK: the line number of the line of FILE that holds MARK.
pf_line() {
  grep -n -- "$2" "$1" | head -n 1 | cut -d: -f1
}

# pf_check_run VERSION: the report's run is a completed python-backend run of
# that CPython version ("3.11-debian" is 3.11) that exited 0.
pf_check_run() {
  got=$(pf_q '"%s %s %s %s" % (d["run"]["status"], d["run"]["exit_code"], d["run"]["sampler"], d["run"]["python_version"])')
  case $got in
    "completed 0 python ${1%-debian}."*) ;;
    *) pf_bad "run record: '$got', expected 'completed 0 python ${1%-debian}.*'" ;;
  esac
}

# pf_wait_started FILE: wait (up to 20 s) until a workload wrote "started"
# to FILE, so it is past the interpreter's start-up.
pf_wait_started() {
  i=0
  until grep -q '^started$' "$1" 2>/dev/null; do
    i=$((i + 1))
    [ $i -le 200 ] || { pf_bad "the workload never started: $(cat "$1")"; return 1; }
    sleep 0.1
  done
}
