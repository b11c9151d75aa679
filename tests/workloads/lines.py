"""Three one-line loops in the ratio 5:3:2, each marked with its share.

A line-level profile must put 50%, 30% and 20% of the samples of these
three lines on the lines marked LINE-50, LINE-30 and LINE-20.  A call of
three() lasts tens of milliseconds, long against a sampling interval.
It runs for SECONDS (default 1.5) of CPU time.
usage: lines.py [SECONDS]
"""
import sys
import time


def three(k):
    x = 0
    for i in range(5 * k): x += i  # LINE-50
    for i in range(3 * k): x += i  # LINE-30
    for i in range(2 * k): x += i  # LINE-20
    return x


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 1.5
    end = time.process_time() + seconds
    while time.process_time() < end:
        three(100000)
    print("done")


if __name__ == "__main__":
    main()
