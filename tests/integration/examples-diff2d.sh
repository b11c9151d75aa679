#!/bin/sh
# examples/diff2d.py runs on every interpreter present, all of them print the
# same numbers, and the numbers are the physics: the Gaussian bump keeps its
# total (pi) and its peak falls as 1 / (1 + 4 D t).
: "${abs_top_builddir:=$PWD}"
[ -r "$abs_top_builddir/tests/env.sh" ] || { echo "ERROR: no $abs_top_builddir/tests/env.sh: run from the build directory" >&2; exit 99; }
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/examples-lib.sh"
ex_pythons
hp_tmpdir
cd "$HP_TMP" || exit 99
DIFF2D="$EXAMPLES/diff2d.py"

echo "$pythons" | while read -r version py; do
  timeout 60 "$py" "$DIFF2D" --dx 0.25 --runtime 1 --output-every 0.25 > "out-$version" ||
    hp_fail "Python $version: diff2d.py"
  echo "Python $version: $(tail -n 1 "out-$version")"
done || exit 1
ex_same_outputs

out=$(ls out-* | head -n 1)
grep -q '^diff2d: grid=81x81 dx=0.25 dt=0.015625 steps=64$' "$out" || hp_fail "header: $(head -n 1 "$out")"
[ "$(grep -c '^t=' "$out")" -eq 4 ] || hp_fail "expected 4 outputs (every 0.25 up to 1): $(cat "$out")"
awk -F'[ =]' '/^t=/ { t = $2; total = $4; peak = $6; want = 1 / (1 + 4 * t)
    if (total < 3.14159 || total > 3.14160) { print "total " total " at t=" t; bad = 1 }
    if (peak < 0.97 * want || peak > 1.03 * want) { print "peak " peak " at t=" t ", expected about " want; bad = 1 } }
    END { exit bad }' "$out" > physics || hp_fail "not diffusion: $(cat physics)"

for args in "--dx 0" "--dx 40" "--runtime -1"; do
  # shellcheck disable=SC2086
  ex_rejects 2 "$one_py" "$DIFF2D" $args
done
exit 0
