#!/bin/sh
# examples/textgen: the same seed gives the same bytes and another seed other
# bytes, the size asked for is honoured, lines look like a book's, usage
# errors exit 2 with one line, and the true counts it writes (--counts) are
# exactly what examples/wordcount counts in its text.
: "${abs_top_builddir:=$PWD}"
[ -r "$abs_top_builddir/tests/env.sh" ] || { echo "ERROR: no $abs_top_builddir/tests/env.sh: run from the build directory" >&2; exit 99; }
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/examples-lib.sh"
ex_need_c
hp_tmpdir
cd "$HP_TMP" || exit 99

timeout 60 "$TEXTGEN" --size 300K --seed 7 -o a.txt --counts a.counts || hp_fail "textgen --seed 7"
timeout 60 "$TEXTGEN" -s 300K --seed 7 -o b.txt || hp_fail "textgen --seed 7 again"
timeout 60 "$TEXTGEN" --size 300K --seed 8 -o c.txt || hp_fail "textgen --seed 8"
cmp -s a.txt b.txt || hp_fail "the same seed gave different text"
cmp -s a.txt c.txt && hp_fail "seeds 7 and 8 gave the same text"

# About the size asked for: at least that, past it by less than a paragraph.
size=$(wc -c < a.txt)
[ "$size" -ge 307200 ] && [ "$size" -le 317200 ] || hp_fail "asked for 300K (307200 bytes), got $size"
big=$(timeout 60 "$TEXTGEN" --size 2M -o - | wc -c)
[ "$big" -ge 2097152 ] && [ "$big" -le 2107152 ] || hp_fail "asked for 2M (2097152 bytes) on stdout, got $big"

# Lines like a book's: none longer than 75 characters, most of 55 or more,
# paragraphs separated by blank lines.
layout=$(awk 'length($0) > 75 { l++ } length($0) >= 55 { f++ } length($0) == 0 { b++ }
              END { print l + 0, f + 0, b + 0, NR }' a.txt)
echo "$layout" | awk '{ exit !($1 == 0 && $2 > $4 / 2 && $3 >= 50) }' ||
  hp_fail "line layout (too long, 55 or more, blank, lines): $layout"
grep -q '^CHAPTER I\.$' a.txt || hp_fail "no 'CHAPTER I.' heading"
grep -q '"' a.txt && grep -q ';' a.txt && grep -q '[?!]' a.txt || hp_fail "missing quotes, semicolons or ?/! in the text"
grep -q '[A-Z][A-Z][A-Z][A-Z]' a.txt || hp_fail "no ALL CAPS words"

# The generator's truth equals what the C word count finds (same format and order).
timeout 60 "$WORDCOUNT" a.txt a.dat || hp_fail "wordcount a.txt"
[ "$(wc -l < a.counts)" -gt 1000 ] || hp_fail "only $(wc -l < a.counts) distinct words in 300K"
cmp -s a.counts a.dat || hp_fail "wordcount disagrees with textgen's true counts: $(diff a.counts a.dat | head -n 5)"
# and words that are not ASCII were written and counted (case folding of é, ï, ...)
grep -q 'é' a.counts || hp_fail "no accented words in the true counts"

# Usage errors exit 2, a file that cannot be written 1, each with one line.
for args in "--size lots -o x" "--size 0 -o x" "--seed -1 -o x" "--bogus -o x" "" "-o x extra" "--size"; do
  # shellcheck disable=SC2086
  ex_rejects 2 "$TEXTGEN" $args
done
ex_rejects 1 "$TEXTGEN" -o no/such/dir/x.txt
grep -q 'cannot create no/such/dir/x.txt' ex-rejects.err || hp_fail "unwritable output message: $(cat ex-rejects.err)"
"$TEXTGEN" --help | grep -q -- '--counts' || hp_fail "--help does not mention --counts"
exit 0
