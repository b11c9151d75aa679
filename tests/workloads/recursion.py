"""Recursion DEPTH deep (default 300), then a spin at the bottom.

Every sample taken at the bottom has DEPTH frames of recurse() between
main() and bottom().
usage: recursion.py [DEPTH [SECONDS]]
"""
import sys
import time


def bottom(end):
    x = 0
    while time.monotonic() < end:
        x += 1
    return x


def recurse(n, end):
    if n <= 1:
        return bottom(end)
    return recurse(n - 1, end)


def main():
    depth = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    sys.setrecursionlimit(depth + 100)
    recurse(depth, time.monotonic() + seconds)
    print("done")


if __name__ == "__main__":
    main()
