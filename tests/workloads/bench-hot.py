# bench-hot.py — a benchmark workload whose time splits between two lines in
# a known ratio: the HOT line does WEIGHT times the work of the COLD one
# (argument 1, default 3: a 3:1 split).  Used by tests/integration/bench-profile.sh.
import sys

WEIGHT = int(sys.argv[1]) if len(sys.argv) > 1 else 3
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 400


def work(rounds, weight):
    total = 0
    for _ in range(rounds):
        total += sum(range(weight * 20000))  # HOT
        total += sum(range(20000))  # COLD
    return total


work(ROUNDS, WEIGHT)
