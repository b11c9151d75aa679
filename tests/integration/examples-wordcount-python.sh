#!/bin/sh
# examples/wordcount.py writes the very bytes examples/wordcount (C) writes,
# on every Python interpreter present: on generated text (with and without a
# minimum word length), and on text holding every character the interpreter
# knows, capital sigmas in every position and bytes that are not UTF-8.
: "${abs_top_builddir:=$PWD}"
[ -r "$abs_top_builddir/tests/env.sh" ] || { echo "ERROR: no $abs_top_builddir/tests/env.sh: run from the build directory" >&2; exit 99; }
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/examples-lib.sh"
ex_need_c
ex_pythons
hp_tmpdir
cd "$HP_TMP" || exit 99
WC_PY="$EXAMPLES/wordcount.py"

timeout 60 "$TEXTGEN" --size 300K --seed 11 -o text.txt --counts truth.dat || hp_fail "textgen"
timeout 60 "$WORDCOUNT" text.txt c.dat || hp_fail "wordcount text.txt"
timeout 60 "$WORDCOUNT" text.txt c5.dat 5 || hp_fail "wordcount text.txt 5"
cmp -s truth.dat c.dat || hp_fail "C word count disagrees with textgen's truth"
[ "$(wc -l < c5.dat)" -lt "$(wc -l < c.dat)" ] || hp_fail "min_length 5 kept every word"

# Input with every assigned character of one interpreter's Unicode, seven to
# a word; capital sigma before, after and between letters and marks; İ;
# malformed UTF-8; random bytes.
cat > mkinput.py <<'PY'
import random, sys, unicodedata
out = bytearray()
cps = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF
       and unicodedata.category(chr(c)) != "Cn"]
for i in range(0, len(cps), 7):
    out += "".join(map(chr, cps[i:i + 7])).encode("utf-8") + (b"\n" if i % 490 == 0 else b" ")
for w in ("\u0391\u03a3", "\u03a3\u0391", "\u0391\u03a3\u0391", "\u03a3", "\u0391\u0301\u03a3",
          "\u0391\u03a3\u0301", "\u0391\u03a3\u0301\u0391", "\u1f08\u03a3", "'\u03a3'",
          "\u0130STANBUL", "\u1e9e", "\u212a", "\u00c9COLE"):
    out += (w + " " + w.upper() + "\n").encode("utf-8")
out += b"ab\xffcd \xc3 \xe2\x82 x\xed\xa0\x80y \xf4\x90\x80\x80 \xc0\xaf \xf0\x9f ok\n"
rng = random.Random(5)
for _ in range(3000):
    out += bytes(rng.randrange(256) for _ in range(24)) + b"\n"
sys.stdout.buffer.write(out)
PY

echo "$pythons" | while read -r version py; do
  timeout 60 "$py" "$WC_PY" text.txt py.dat || hp_fail "Python $version: wordcount.py text.txt"
  cmp -s c.dat py.dat || hp_fail "Python $version: output differs from C: $(diff c.dat py.dat | head -n 4)"
  timeout 60 "$py" "$WC_PY" text.txt py5.dat 5 || hp_fail "Python $version: wordcount.py text.txt 5"
  cmp -s c5.dat py5.dat || hp_fail "Python $version: min_length 5 output differs from C"

  timeout 60 "$py" mkinput.py > unicode.txt || hp_fail "Python $version: cannot write the Unicode input"
  timeout 60 "$WORDCOUNT" unicode.txt uc.dat || hp_fail "wordcount unicode.txt"
  timeout 60 "$py" "$WC_PY" unicode.txt upy.dat || hp_fail "Python $version: wordcount.py unicode.txt"
  cmp -s uc.dat upy.dat || hp_fail "Python $version: Unicode output differs from C: $(diff -a uc.dat upy.dat | head -n 4)"
  echo "Python $version: same bytes as C"
done || exit 1

# Usage errors exit 2, a missing input 1, each with one line, in both versions.
for prog in "$WORDCOUNT" "$one_py $WC_PY"; do
  # shellcheck disable=SC2086
  ex_rejects 2 $prog text.txt
  # shellcheck disable=SC2086
  ex_rejects 2 $prog text.txt out.dat x
  # shellcheck disable=SC2086
  ex_rejects 1 $prog no-such-file out.dat
  grep -q no-such-file ex-rejects.err || hp_fail "$prog: the error does not name the file: $(cat ex-rejects.err)"
done
exit 0
