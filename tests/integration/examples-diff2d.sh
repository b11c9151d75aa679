#!/bin/sh
# examples/diff2d.py runs on every interpreter present, all of them print the
# same numbers, and the numbers are the physics: the Gaussian bump keeps its
# total (pi) and its peak falls as 1 / (1 + 4 D t).
: "${abs_top_builddir:=$PWD}"
[ -r "$abs_top_builddir/tests/env.sh" ] || { echo "ERROR: no $abs_top_builddir/tests/env.sh: run from the build directory" >&2; exit 99; }
. "$abs_top_builddir/tests/env.sh"
DIFF2D="$abs_top_srcdir/examples/diff2d.py"
pythons=$(hp_pythons)
[ -n "$pythons" ] || { echo "SKIP: no Python interpreter found" >&2; exit 77; }
hp_tmpdir
cd "$HP_TMP" || exit 99

echo "$pythons" | while read -r version py; do
  timeout 60 "$py" "$DIFF2D" --dx 0.25 --runtime 1 --output-every 0.25 > "out-$version" ||
    hp_fail "Python $version: diff2d.py"
  echo "Python $version: $(tail -n 1 "out-$version")"
done || exit 1
first=$(ls out-* | head -n 1)
for f in out-*; do
  cmp -s "$first" "$f" || hp_fail "${f#out-} and ${first#out-} disagree: $(diff "$first" "$f" | head -4)"
done

grep -q '^diff2d: grid=81x81 dx=0.25 dt=0.015625 steps=64$' "$first" || hp_fail "header: $(head -n 1 "$first")"
[ "$(grep -c '^t=' "$first")" -eq 4 ] || hp_fail "expected 4 outputs (every 0.25 up to 1): $(cat "$first")"
awk -F'[ =]' '/^t=/ { t = $2; total = $4; peak = $6; want = 1 / (1 + 4 * t)
    if (total < 3.14159 || total > 3.14160) { print "total " total " at t=" t; bad = 1 }
    if (peak < 0.97 * want || peak > 1.03 * want) { print "peak " peak " at t=" t ", expected about " want; bad = 1 } }
    END { exit bad }' "$first" > physics || hp_fail "not diffusion: $(cat physics)"

py=$(echo "$pythons" | tail -n 1 | cut -d' ' -f2)
for args in "--dx 0" "--dx 40" "--runtime -1"; do
  # shellcheck disable=SC2086
  "$py" "$DIFF2D" $args >/dev/null 2>err; rc=$?
  [ "$rc" -eq 2 ] && [ "$(wc -l < err)" -eq 1 ] || hp_fail "diff2d.py $args: exit $rc, $(cat err)"
done
exit 0
