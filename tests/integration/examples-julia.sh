#!/bin/sh
# examples/julia.py runs on every interpreter present and every one computes
# the same small Julia set; at the lesson's size (1000 x 1000, 300
# iterations) one interpreter gives the lesson's checksum, 33219980.
: "${abs_top_builddir:=$PWD}"
[ -r "$abs_top_builddir/tests/env.sh" ] || { echo "ERROR: no $abs_top_builddir/tests/env.sh: run from the build directory" >&2; exit 99; }
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/examples-lib.sh"
ex_pythons
hp_tmpdir
cd "$HP_TMP" || exit 99
JULIA="$EXAMPLES/julia.py"

echo "$pythons" | while read -r version py; do
  timeout 60 "$py" "$JULIA" --size 150 --maxiter 80 > "out-$version" || hp_fail "Python $version: julia.py"
  grep -q '^julia: grid=150x150 maxiter=80 checksum=[1-9][0-9]* inside=[1-9]' "out-$version" ||
    hp_fail "Python $version: unexpected output: $(cat "out-$version")"
  echo "Python $version: $(cat "out-$version")"
done || exit 1
ex_same_outputs

# The lesson's own figure for its defaults.
timeout 120 "$one_py" "$JULIA" > default || hp_fail "$one_py julia.py with the defaults"
grep -q '^julia: grid=1000x1000 maxiter=300 checksum=33219980 ' default ||
  hp_fail "defaults: expected the lesson's checksum 33219980, got: $(cat default)"

ex_rejects 2 "$one_py" "$JULIA" --size 0
exit 0
