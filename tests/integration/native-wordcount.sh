#!/bin/sh
# examples/wordcount (C, -O2 -g) on the lessons' books: the hottest line is
# the delimiter-replacing loop's "hot spot" line, and that loop's lines
# (replace_delimiters) take more samples than any other function's.
. "$abs_top_srcdir/tests/integration/native-lib.sh"
hp_tmpdir
wc="$abs_top_builddir/examples/wordcount"
[ -x "$wc" ] || { echo "SKIP: $wc not built"; exit 77; }
books="$abs_top_srcdir/../shared/data/gutenberg"
set -- "$books"/pg*.txt
[ -r "$1" ] || { echo "SKIP: no books in $books"; exit 77; }
ls "$@" | head -20 | xargs cat >"$HP_TMP/in.txt" || exit 99
hot=$(nl_line "$abs_top_srcdir/examples/wordcount.c" '/\* the hot spot \*/')
[ -n "$hot" ] || exit 99
backend=ptrace
"$DRIVE" -b perf -d 0.01 -p $$ >/dev/null 2>&1 && backend=perf
"$DRIVE" -b $backend -F 1000 "$wc" "$HP_TMP/in.txt" "$HP_TMP/out.dat" >"$HP_TMP/prof" 2>"$HP_TMP/err" ||
  hp_fail "driver failed: $(cat "$HP_TMP/err")"
grep -q '^status 0' "$HP_TMP/err" || hp_fail "wordcount failed: $(cat "$HP_TMP/err")"
leaf=$(nl_hot_leaf "$HP_TMP/prof")
[ "$leaf" = "replace_delimiters:wordcount.c:$hot" ] || hp_fail "hottest line $leaf, want replace_delimiters:wordcount.c:$hot"
top=$(awk -F'\t' '{ n = split($4, f, ";"); split(f[n], p, ":"); c[p[1]] += $1 }
  END { for (k in c) print c[k], k }' "$HP_TMP/prof" | sort -rn | head -1 | cut -d' ' -f2)
[ "$top" = replace_delimiters ] || hp_fail "hottest function $top, want replace_delimiters"
n=$(nl_count "$HP_TMP/prof" "main:wordcount\\.c:[0-9]+:wordcount;.*replace_delimiters:wordcount\\.c:$hot:wordcount\$")
[ "$n" -gt 0 ] || hp_fail "no main -> ... -> replace_delimiters chain"
echo "ok ($backend): hottest line wordcount.c:$hot in replace_delimiters"
