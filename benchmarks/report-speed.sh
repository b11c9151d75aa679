#!/bin/sh
# report-speed.sh — how long hprof report takes on a big profile: a million
# samples over many distinct stacks (default 50,000 stacks, depth 5-40, 4
# threads, 2,000 functions of 30 lines in 60 files), written through the real store.
# Prints the median of 3 runs of each report mode and the database's size.
# No threshold: figures only.  Usage:
#   BUILD_DIR=build benchmarks/report-speed.sh [STACKS] [SAMPLES]
set -e
BUILD_DIR=${BUILD_DIR:-.}
BUILD_DIR=$(cd "$BUILD_DIR" && pwd)
STACKS=${1:-50000}
SAMPLES=${2:-1000000}
HPROF=$BUILD_DIR/hprof
MKDB=$BUILD_DIR/tests/unit/test-query-mkdb
[ -x "$MKDB" ] || make -C "$BUILD_DIR" -s tests/unit/test-query-mkdb
[ -x "$HPROF" ] || { echo "no $HPROF: build first (BUILD_DIR=...)" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/hpreport-speed.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# The spec: call paths grown from a few roots so stacks share prefixes, as
# real programs' do; counts Zipf-like so a few stacks are hot.
python3 - "$STACKS" "$SAMPLES" > "$TMP/spec" <<'PY'
import random, sys
stacks, samples = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(42)
funcs = ["py|f%d|pkg/mod%d.py|%d|%d" % (i, i % 60, 10 + i % 500, 5 + i % 500) for i in range(2000)]
weights = [1.0 / (k + 1) ** 1.1 for k in range(stacks)]
scale = samples / sum(weights)
counts = [max(1, int(w * scale)) for w in weights]
counts[0] += samples - sum(counts)
print("run python3 big.py")
print("process 100 python3 big.py")
paths = [[rng.choice(funcs[:20])] for _ in range(20)]
for k in range(stacks):
    base = rng.choice(paths)
    depth = rng.randint(5, 40)
    path = base[: rng.randint(1, len(base))]
    while len(path) < depth:
        f = rng.choice(funcs)
        kind, name, file, line, first = f.split("|")
        path.append("|".join((kind, name, file, str(int(first) + rng.randint(1, 30)), first)))
    if len(paths) < 2000:
        paths.append(path)
    tid = 100 + k % 4
    print("thread %d T%d" % (tid, tid))
    print("sample %d %s" % (counts[k], " ".join(path)))
print("finish completed %d 0 60 1000 3.11.7" % samples)
PY
t0=$(date +%s.%N)
"$MKDB" "$TMP/big.db" "$TMP/spec" > /dev/null
t1=$(date +%s.%N)
echo "database: $STACKS stacks, $SAMPLES samples, $(du -k "$TMP/big.db" | cut -f1) KiB, written in $(echo "$t1 - $t0" | bc) s"

# Median of 3 runs of hprof report ARGS (output discarded): wall-clock and
# CPU (user + system) seconds, since the machine may be shared.
median() {
  for i in 1 2 3; do
    /usr/bin/time -f '%e %U %S' "$HPROF" report --db "$TMP/big.db" "$@" 2>&1 > /dev/null |
      awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
  done | sort -n | sed -n 2p
}
printf '%-26s %8s %8s\n' "" "wall s" "cpu s"
for mode in --functions --lines --tree "--tree --min-pct 0" --threads "-f collapsed" "-f speedscope" "--lines -f json"; do
  # shellcheck disable=SC2086
  set -- $(median $mode)
  printf '%-26s %8s %8s\n' "report $mode" "$1" "$2"
done
