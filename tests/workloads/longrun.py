"""Work for SECONDS of CPU time, then print a result that only a complete, unharmed run
gives: the number of loop rounds done and a checksum over them.

usage: longrun.py [SECONDS]
"""
import sys
import time


def crunch(n):
    t = 0
    for i in range(n):
        t = (t * 31 + i) % 1000003
    return t


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    print("started", flush=True)  # attach from here on
    end = time.process_time() + seconds
    rounds = 0
    check = 0
    while rounds % 50 or time.process_time() < end:  # few clock calls: all in crunch()
        check ^= crunch(5000)
        rounds += 1
    expect = crunch(5000) if rounds % 2 else 0  # the same value xor'ed rounds times
    print("rounds", rounds, "ok" if check == expect else "BAD")


if __name__ == "__main__":
    main()
