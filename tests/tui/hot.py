# hot.py — a workload whose truth is known: hot_loop() takes most of the
# time, on the line marked HOT; cold() a little.  Used by tests/tui/*.sh.
import sys


def hot_loop(n):
    total = 0
    for i in range(n):
        total += i * i % 7  # HOT
    return total


def cold(n):
    return sum(range(n))


def main(seconds):
    import time
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        hot_loop(100000)
        cold(2000)


main(float(sys.argv[1]) if len(sys.argv) > 1 else 2.0)
