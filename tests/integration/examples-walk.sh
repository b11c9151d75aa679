#!/bin/sh
# examples/walk.py runs on every interpreter present and prints the same walk
# for the same seed (on all of them: the 3.8 fallback for sample(counts=)
# draws the same steps), another walk for another seed; with steps of 1 the
# end point is a whole number of the right parity; bad options exit 2.
: "${abs_top_builddir:=$PWD}"
[ -r "$abs_top_builddir/tests/env.sh" ] || { echo "ERROR: no $abs_top_builddir/tests/env.sh: run from the build directory" >&2; exit 99; }
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/examples-lib.sh"
ex_pythons
hp_tmpdir
cd "$HP_TMP" || exit 99
WALK="$EXAMPLES/walk.py"

n=50001
echo "$pythons" | while read -r version py; do
  timeout 60 "$py" "$WALK" --n $n --dx 1 --seed 3 > "out-$version" || hp_fail "Python $version: walk.py"
  timeout 60 "$py" "$WALK" --n $n --dx 1 --seed 3 > again || hp_fail "Python $version: walk.py again"
  timeout 60 "$py" "$WALK" --n $n --dx 1 --seed 4 > other || hp_fail "Python $version: walk.py --seed 4"
  cmp -s "out-$version" again || hp_fail "Python $version: seed 3 twice gave different walks"
  cmp -s "out-$version" other && hp_fail "Python $version: seeds 3 and 4 gave the same walks"
  [ "$(grep -c "n=$n " "out-$version")" -eq 2 ] || hp_fail "Python $version: expected walk and walk_vec of $n: $(cat "out-$version")"
  # walk() takes n-1 steps from 0, walk_vec() n steps: |end| <= steps, same parity.
  awk -v n=$n '{ sub(/.*final=/, ""); f = $1 + 0; steps = NR == 1 ? n - 1 : n
       if (f != int(f) || (f < 0 ? -f : f) > steps || (steps - f) % 2) bad = 1 }
       END { exit bad }' "out-$version" || hp_fail "Python $version: impossible end points: $(cat "out-$version")"
  echo "Python $version: $(tr '\n' ' ' < "out-$version")"
done || exit 1
ex_same_outputs

for args in "--n 0" "--n many" "--dx -1" "--which neither"; do
  # shellcheck disable=SC2086
  ex_rejects 2 "$one_py" "$WALK" $args
done
exit 0
