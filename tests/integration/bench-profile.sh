#!/bin/sh
# hpbench run --profile: the timed processes of a benchmark are sampled into
# one profile run linked to it (parent_run), warm-ups left out; show --lines
# puts the workload's known hot line first, and compare --lines says that the
# line whose work grew gained share.  On a pyenv CPython (shared libpython),
# Debian's python3.11 (static) and a native C program (examples/wordcount).
. "$abs_top_srcdir/tests/integration/bench-lib.sh"
work="$abs_top_srcdir/tests/workloads/bench-hot.py"
hot=$(grep -n '# HOT$' "$work" | cut -d: -f1)
cold=$(grep -n '# COLD$' "$work" | cut -d: -f1)
[ -n "$hot" ] && [ -n "$cold" ] || exit 99

# check_profile NAME VALUES: the bench run NAME has one profile run linked to
# it, with exactly VALUES processes (the timed ones, no warm-up), each of
# which has samples; prints the profile's id.
check_profile() {
  b=$(q "select id from runs where kind = 'bench' and name = '$1' order by id desc limit 1")
  [ -n "$b" ] || hp_fail "$1: no bench run"
  [ "$(q "select count(*) from runs where parent_run = $b and kind = 'profile'")" = 1 ] ||
    hp_fail "$1: want one profile run with parent_run = $b"
  p=$(q "select id from runs where parent_run = $b")
  [ "$(q "select status from runs where id = $p")" = completed ] || hp_fail "$1: profile not completed"
  n=$(q "select count(*) from processes where run = $p")
  [ "$n" = "$2" ] || hp_fail "$1: $n processes profiled, want the $2 timed ones (warm-ups excluded)"
  empty=$(q "select count(*) from processes pr where pr.run = $p and not exists (select 1 from
    threads t join samples s on s.thread = t.id where t.process = pr.id and s.run = $p)")
  [ "$empty" = 0 ] || hp_fail "$1: $empty timed processes have no samples"
  q "select value from run_meta where run = $b and key = 'profiled'" | grep -q '^yes' ||
    hp_fail "$1: run_meta does not say the values were measured under the profiler"
  echo "$p"
}

pythons=$(hp_pythons)
pyenv_py=$(echo "$pythons" | awk '$1 !~ /debian/ { p = $2 } END { print p }')
deb_py=$(echo "$pythons" | awk '$1 ~ /debian/ { print $2 }')
tested=0
for py in $pyenv_py $deb_py; do
  tag=$(basename "$(dirname "$(dirname "$py")")")-$(basename "$py")
  "$HPBENCH" run --profile -p 2 -n 2 -w 1 --name "a-$tag" -- "$py" "$work" 3 300 >"$HP_TMP/a.out" 2>"$HP_TMP/a.err" ||
    hp_fail "$py: run --profile failed: $(cat "$HP_TMP/a.err")"
  check_profile "a-$tag" 4 >/dev/null
  "$HPBENCH" show "a-$tag" --lines --limit 5 >"$HP_TMP/show" || hp_fail "$py: show --lines failed"
  cat "$HP_TMP/show"
  first=$(sed -n '/^Hot lines/{n;n;p;q}' "$HP_TMP/show")
  echo "$first" | grep -Eq "bench-hot\.py +$hot +[0-9]+ " || hp_fail "$py: hottest line is not $hot: $first"
  second=$(sed -n '/^Hot lines/{n;n;n;p;q}' "$HP_TMP/show")
  echo "$second" | grep -Eq "bench-hot\.py +$cold +[0-9]+ " || hp_fail "$py: second line is not $cold: $second"

  # the HOT line does 9x the COLD line's work instead of 3x: it gained share
  "$HPBENCH" run --profile --profile-rate 500 -p 2 -n 2 -w 1 --name "b-$tag" -- "$py" "$work" 9 150 \
    >/dev/null 2>"$HP_TMP/b.err" || hp_fail "$py: second run failed: $(cat "$HP_TMP/b.err")"
  check_profile "b-$tag" 4 >/dev/null
  "$HPBENCH" compare "a-$tag" "b-$tag" --lines --limit 3 >"$HP_TMP/cmp" || hp_fail "$py: compare --lines failed"
  cat "$HP_TMP/cmp"
  # the two biggest changes (--limit 3 keeps them) are: HOT gained, COLD lost
  sed -n '/^Lines that gained/,/^Functions:/p' "$HP_TMP/cmp" >"$HP_TMP/rows"
  grep -Eq "^ *gained .*bench-hot\.py:$hot " "$HP_TMP/rows" || hp_fail "$py: line $hot did not gain"
  grep -Eq "^ *lost .*bench-hot\.py:$cold " "$HP_TMP/rows" || hp_fail "$py: line $cold did not lose"
  tested=$((tested + 1))
done
[ "$tested" -gt 0 ] || { echo "SKIP: no CPython installed"; exit 77; }

# timeit --profile: each worker process (2 per interpreter) is in the profile
"$HPBENCH" timeit --profile -p 2 -n 1 -w 1 --name ti --python "$py" -s 'x = list(range(2000))' \
  'sorted(x, reverse=True)' >/dev/null 2>"$HP_TMP/ti.err" || hp_fail "timeit --profile: $(cat "$HP_TMP/ti.err")"
check_profile ti 2 >/dev/null
"$HPBENCH" show ti --lines --limit 1 | grep -q '<hpbench-timeit> ' || hp_fail "timeit: the statement is not the hot line"

# --profile-native (mixed stacks): the HOT line still comes first, its time
# in sum() (native, below the line) counted as the line's
if [ -n "$pyenv_py" ]; then
  "$HPBENCH" run --profile-native -p 1 -n 2 -w 0 --name mixed -- "$pyenv_py" "$work" 3 200 \
    >/dev/null 2>"$HP_TMP/m.err" || hp_fail "--profile-native failed: $(cat "$HP_TMP/m.err")"
  p=$(check_profile mixed 2) || exit 1
  [ "$(q "select sampler from runs where id = $p")" = mixed ] || hp_fail "--profile-native: not the mixed backend"
  "$HPBENCH" show mixed --lines --limit 3 >"$HP_TMP/show" || hp_fail "--profile-native: show --lines failed"
  cat "$HP_TMP/show"
  first=$(sed -n '/^Hot lines/{n;n;p;q}' "$HP_TMP/show")
  echo "$first" | grep -Eq "bench-hot\.py +$hot +[0-9]+ " || hp_fail "--profile-native: hottest line is not $hot: $first"
fi

# a benchmark that was not profiled says how to get one, exit status 1
"$HPBENCH" run -p 1 -n 1 -w 0 --name plain true >/dev/null || hp_fail "plain run"
"$HPBENCH" show plain --lines >/dev/null 2>"$HP_TMP/err" && hp_fail "show --lines of an unprofiled run succeeded"
grep -q "run --profile" "$HP_TMP/err" || hp_fail "no hint: $(cat "$HP_TMP/err")"

# a native command: wordcount's hot spot line comes first
wc="$abs_top_builddir/examples/wordcount"
books="$abs_top_srcdir/../shared/data/gutenberg"
if [ -x "$wc" ] && ls "$books"/pg*.txt >/dev/null 2>&1; then
  ls "$books"/pg*.txt | head -8 | xargs cat >"$HP_TMP/in.txt"
  spot=$(grep -n '/\* the hot spot \*/' "$abs_top_srcdir/examples/wordcount.c" | cut -d: -f1)
  "$HPBENCH" run --profile -p 2 -n 2 -w 1 --name wc -- "$wc" "$HP_TMP/in.txt" "$HP_TMP/out" \
    >/dev/null 2>"$HP_TMP/wc.err" || hp_fail "wordcount: run --profile failed: $(cat "$HP_TMP/wc.err")"
  p=$(check_profile wc 4) || exit 1
  q "select sampler from runs where id = $p" | grep -Eq '^(perf|ptrace)$' || hp_fail "wordcount: not a native backend"
  "$HPBENCH" show wc --lines --limit 3 >"$HP_TMP/show" || hp_fail "wordcount: show --lines failed"
  cat "$HP_TMP/show"
  first=$(sed -n '/^Hot lines/{n;n;p;q}' "$HP_TMP/show")
  echo "$first" | grep -Eq "wordcount\.c +$spot +[0-9]+ .*replace_delimiters" ||
    hp_fail "wordcount: hottest line is not $spot: $first"
else
  echo "note: examples/wordcount or the books are missing; native part not run"
fi
echo "ok: $tested interpreters and a native command profiled under hpbench"
