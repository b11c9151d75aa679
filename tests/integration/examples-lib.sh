# Sourced by the examples-*.sh tests (after tests/env.sh): where the example
# programs are, and the checks those tests share.
EXAMPLES="$abs_top_srcdir/examples"
TEXTGEN="$abs_top_builddir/examples/textgen"
WORDCOUNT="$abs_top_builddir/examples/wordcount"
# The Python examples import examples/cli.py: write no __pycache__ into the sources.
export PYTHONDONTWRITEBYTECODE=1

# ex_need_c: the C examples must have been built (plain `make` builds them).
ex_need_c() {
  [ -x "$TEXTGEN" ] && [ -x "$WORDCOUNT" ] && return 0
  echo "ERROR: build examples/textgen and examples/wordcount first (make)" >&2
  exit 99
}

# ex_pythons: sets $pythons ("VERSION PATH" per line) and $one_py, the last
# one listed (Debian's when present, the quickest here) for checks that need
# only one interpreter; skips the test when there is none.
ex_pythons() {
  pythons=$(hp_pythons)
  [ -n "$pythons" ] || { echo "SKIP: no Python interpreter found" >&2; exit 77; }
  one_py=$(echo "$pythons" | tail -n 1 | cut -d' ' -f2)
}

# ex_same_outputs: every out-VERSION file here holds the same bytes.
ex_same_outputs() {
  first=$(ls out-* | head -n 1)
  for f in out-*; do
    cmp -s "$first" "$f" ||
      hp_fail "${f#out-} and ${first#out-} disagree: $(diff "$first" "$f" | head -n 4)"
  done
}

# ex_rejects STATUS COMMAND...: COMMAND exits with STATUS and says why in
# exactly one line on stderr.
ex_rejects() {
  want=$1
  shift
  "$@" >/dev/null 2>ex-rejects.err
  rc=$?
  [ "$rc" -eq "$want" ] && [ "$(wc -l < ex-rejects.err)" -eq 1 ] ||
    hp_fail "$*: exit $rc (expected $want), stderr: $(cat ex-rejects.err)"
}
