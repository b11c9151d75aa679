#!/bin/sh
# The real thing: the word-count lessons' books (../shared/data/gutenberg,
# beside the project, never copied into it), counted by examples/wordcount
# (C) and examples/wordcount.py on one interpreter: the two outputs must be
# the same bytes, and every word of the books is counted.
: "${abs_top_builddir:=$PWD}"
[ -r "$abs_top_builddir/tests/env.sh" ] || { echo "ERROR: no $abs_top_builddir/tests/env.sh: run from the build directory" >&2; exit 99; }
. "$abs_top_builddir/tests/env.sh"
. "$abs_top_srcdir/tests/integration/examples-lib.sh"
ex_need_c
books="$abs_top_srcdir/../shared/data/gutenberg"
set -- "$books"/pg*.txt
[ -r "$1" ] || { echo "SKIP: no books in $books" >&2; exit 77; }
ex_pythons
hp_tmpdir
cd "$HP_TMP" || exit 99

cat "$@" > concat.txt || exit 99
timeout 120 "$WORDCOUNT" concat.txt c.dat || hp_fail "wordcount on the books"
timeout 120 "$one_py" "$EXAMPLES/wordcount.py" concat.txt py.dat || hp_fail "$one_py wordcount.py on the books"
cmp -s c.dat py.dat || hp_fail "C and Python disagree on the books: $(diff c.dat py.dat | head -n 4)"

# The counts add up to the number of words: the books' text split at white
# space and at every delimiter, counted here by Python's re module,
# independently of both word counters.
total=$(awk '{ n += $NF } END { print n }' c.dat)
expected=$("$one_py" -c '
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read()
print(sum(1 for token in re.split(r"[\s.,;:?$@^<>#%`!*\-=()\[\]{}/\"\x27]+", text) if token))
' concat.txt) || hp_fail "counting tokens with re"
[ "$total" = "$expected" ] || hp_fail "the counts add up to $total words, the books hold $expected"
echo "books: $(wc -c < concat.txt) bytes, $total words, $(wc -l < c.dat) distinct"
exit 0
