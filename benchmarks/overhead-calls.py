"""A call-heavy workload for benchmarks/overhead-python.sh: many small
Python function calls (recursive Fibonacci plus a method call per step), the
kind of code whose frames change fastest under a sampler.

usage: overhead-calls.py [N]    (N: fib argument, default 29; prints fib(N))
"""
import sys


class Acc:
    def __init__(self):
        self.n = 0

    def add(self, v):
        self.n += v
        return v


def fib(n, acc):
    if n < 2:
        return acc.add(n)
    return fib(n - 1, acc) + fib(n - 2, acc)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 29
    acc = Acc()
    for _ in range(3):
        fib(n, acc)
    print(fib(n, acc))


if __name__ == "__main__":
    main()
