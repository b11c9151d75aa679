#!/bin/sh
# The real thing: the word-count lessons' books (../shared/data/gutenberg,
# beside the project, never copied into it), counted by examples/wordcount
# (C) and examples/wordcount.py on the newest interpreter present: the two
# outputs must be the same bytes, and every word of the books is counted.
: "${abs_top_builddir:=$PWD}"
[ -r "$abs_top_builddir/tests/env.sh" ] || { echo "ERROR: no $abs_top_builddir/tests/env.sh: run from the build directory" >&2; exit 99; }
. "$abs_top_builddir/tests/env.sh"
WORDCOUNT="$abs_top_builddir/examples/wordcount"
WC_PY="$abs_top_srcdir/examples/wordcount.py"
[ -x "$WORDCOUNT" ] || { echo "ERROR: build examples/wordcount first" >&2; exit 99; }
books="$abs_top_srcdir/../shared/data/gutenberg"
set -- "$books"/pg*.txt
[ -r "$1" ] || { echo "SKIP: no books in $books" >&2; exit 77; }
py=$(hp_pythons | tail -n 1 | cut -d' ' -f2)
[ -n "$py" ] || { echo "SKIP: no Python interpreter found" >&2; exit 77; }
hp_tmpdir
cd "$HP_TMP" || exit 99

cat "$@" > concat.txt || exit 99
timeout 120 "$WORDCOUNT" concat.txt c.dat || hp_fail "wordcount on the books"
timeout 120 "$py" "$WC_PY" concat.txt py.dat || hp_fail "$py wordcount.py on the books"
cmp -s c.dat py.dat || hp_fail "C and Python disagree on the books: $(diff c.dat py.dat | head -4)"

# The counts add up to the number of words: the books' white-space separated
# tokens, each split further at every delimiter (counted here by Python's own
# re module, independently of both word counters).
total=$(awk '{ n += $NF } END { print n }' c.dat)
expected=$("$py" -c '
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read()
print(sum(1 for token in re.split(r"[\s.,;:?$@^<>#%`!*\-=()\[\]{}/\"\x27]+", text) if token))
' concat.txt) || hp_fail "counting tokens with re"
[ "$total" = "$expected" ] || hp_fail "the counts add up to $total words, the books hold $expected"
echo "books: $(wc -c < concat.txt) bytes, $total words, $(wc -l < c.dat) distinct"
exit 0
