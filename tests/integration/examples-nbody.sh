#!/bin/sh
# examples/nbody.py: --make-input writes the same 16 bodies for the same seed
# and others for another seed; the simulation runs on every interpreter
# present, all print the same energies, and velocity Verlet keeps the energy
# (relative change below 1e-4 over 200 steps); bad input is refused.
: "${abs_top_builddir:=$PWD}"
[ -r "$abs_top_builddir/tests/env.sh" ] || { echo "ERROR: no $abs_top_builddir/tests/env.sh: run from the build directory" >&2; exit 99; }
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/examples-lib.sh"
ex_pythons
hp_tmpdir
cd "$HP_TMP" || exit 99
NBODY="$EXAMPLES/nbody.py"

"$one_py" "$NBODY" --make-input bodies.txt --seed 5 || hp_fail "--make-input"
"$one_py" "$NBODY" --make-input again.txt --seed 5 || hp_fail "--make-input again"
"$one_py" "$NBODY" --make-input other.txt --seed 6 || hp_fail "--make-input --seed 6"
cmp -s bodies.txt again.txt || hp_fail "seed 5 twice gave different bodies"
cmp -s bodies.txt other.txt && hp_fail "seeds 5 and 6 gave the same bodies"
awk 'NF != 7 { bad = 1 } { m += $1 } END { exit bad || NR != 16 || m < 0.999999 || m > 1.000001 }' bodies.txt ||
  hp_fail "expected 16 lines of 7 numbers, masses adding up to 1: $(head -n 3 bodies.txt)"

echo "$pythons" | while read -r version py; do
  timeout 60 "$py" "$NBODY" bodies.txt --t-end 0.2 --dt 0.001 > "out-$version" || hp_fail "Python $version: nbody.py"
  echo "Python $version: $(tail -n 1 "out-$version")"
done || exit 1
ex_same_outputs

out=$(ls out-* | head -n 1)
[ "$(grep -c '^t=.* energy=-' "$out")" -eq 3 ] || hp_fail "expected a negative energy at t=0, 0.1, 0.2: $(cat "$out")"
awk '/^relative energy change:/ { found = 1; if ($4 + 0 >= 1e-4) bad = 1 } END { exit bad || !found }' "$out" ||
  hp_fail "energy not kept: $(tail -n 1 "$out")"

printf '1 2 3\n' > bad.txt
ex_rejects 1 "$one_py" "$NBODY" bad.txt
grep -q 'bad.txt:1' ex-rejects.err || hp_fail "bad input: the error does not name the line: $(cat ex-rejects.err)"
ex_rejects 1 "$one_py" "$NBODY" missing.txt
ex_rejects 2 "$one_py" "$NBODY"
exit 0
