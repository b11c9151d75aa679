#!/bin/sh
# examples/julia.py runs on every interpreter present and every one computes
# the same small Julia set; at the lesson's size (1000 x 1000, 300
# iterations) one interpreter gives the lesson's checksum, 33219980.
: "${abs_top_builddir:=$PWD}"
[ -r "$abs_top_builddir/tests/env.sh" ] || { echo "ERROR: no $abs_top_builddir/tests/env.sh: run from the build directory" >&2; exit 99; }
. "$abs_top_builddir/tests/env.sh"
JULIA="$abs_top_srcdir/examples/julia.py"
pythons=$(hp_pythons)
[ -n "$pythons" ] || { echo "SKIP: no Python interpreter found" >&2; exit 77; }
hp_tmpdir
cd "$HP_TMP" || exit 99

echo "$pythons" | while read -r version py; do
  timeout 60 "$py" "$JULIA" --size 150 --maxiter 80 > "out-$version" || hp_fail "Python $version: julia.py"
  grep -q '^julia: grid=150x150 maxiter=80 checksum=[1-9][0-9]* inside=[1-9]' "out-$version" ||
    hp_fail "Python $version: unexpected output: $(cat "out-$version")"
  echo "Python $version: $(cat "out-$version")"
done || exit 1
first=$(ls out-* | head -n 1)
for f in out-*; do
  cmp -s "$first" "$f" || hp_fail "${f#out-} and ${first#out-} disagree: $(cat "$first" "$f")"
done

# The lesson's own figure for its defaults (the last interpreter listed is
# Debian's statically linked one when present, the quickest here).
py=$(echo "$pythons" | tail -n 1 | cut -d' ' -f2)
timeout 120 "$py" "$JULIA" > default || hp_fail "$py julia.py with the defaults"
grep -q '^julia: grid=1000x1000 maxiter=300 checksum=33219980 ' default ||
  hp_fail "defaults: expected the lesson's checksum 33219980, got: $(cat default)"

"$py" "$JULIA" --size 0 >/dev/null 2>err; rc=$?
[ "$rc" -eq 2 ] && [ "$(wc -l < err)" -eq 1 ] || hp_fail "julia.py --size 0: exit $rc, $(cat err)"
exit 0
