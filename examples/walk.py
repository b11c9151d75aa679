#!/usr/bin/env python3
"""1-D random walk, as in the performance lessons, with its two classic mistakes.

walk() calls step() once per position, and step() imports `random` on every
call (the import is cheap after the first, but it is work a profile shows).
walk_vec() looks vectorised but spends almost all of its time in
random.sample() over a population of 20*n items.

usage: python3 examples/walk.py [--n 1000000] [--dx 0.001] [--seed 1]
                                [--which walk|vec|both]
Prints, for each walk, its length, final position, extremes and a checksum;
the same seed prints the same numbers.
"""
import sys
from array import array

from cli import Parser, positive_float, positive_int


def step():
    import random
    return 1.0 if random.random() > 0.5 else -1.0


def walk(n, dx):
    """Positions of an n-step walk, filled one Python step at a time."""
    x = array("d", [0.0]) * n
    for i in range(1, n):
        x[i] = x[i - 1] + dx * step()
    return x


def sample_steps(n):
    """n steps drawn without replacement from 10n (+1)s and 10n (-1)s."""
    import random
    if sys.version_info >= (3, 9):
        return random.sample([1, -1], k=n, counts=[10 * n, 10 * n])
    # Python 3.8 has no counts=: draw indices into the expanded population,
    # as 3.9 does internally, so the steps are the same.
    return [1 if i < 10 * n else -1 for i in random.sample(range(20 * n), k=n)]


def walk_vec(n, dx):
    """Positions as a cumulative sum of pre-drawn steps."""
    x = array("d", [0.0]) * n
    total = 0.0
    for i, s in enumerate(sample_steps(n)):
        total += s * dx
        x[i] = total
    return x


def summary(name, x):
    checksum = 0.0
    for i, v in enumerate(x):
        checksum += v * ((i % 7) + 1)
    return "%s: n=%d final=%.6f min=%.6f max=%.6f checksum=%.6f" % (
        name, len(x), x[-1], min(x), max(x), checksum)


def main(argv=None):
    parser = Parser(description="1-D random walk (lesson workload)")
    parser.add_argument("--n", type=positive_int, default=1000000,
                        help="number of steps (default: 1000000)")
    parser.add_argument("--dx", type=positive_float, default=0.001,
                        help="step length (default: 0.001)")
    parser.add_argument("--seed", type=int, default=1,
                        help="random seed; the same seed gives the same walk (default: 1)")
    parser.add_argument("--which", choices=("walk", "vec", "both"), default="both",
                        help="which version to run (default: both)")
    args = parser.parse_args(argv)

    import random
    if args.which in ("walk", "both"):
        random.seed(args.seed)
        print(summary("walk", walk(args.n, args.dx)))
    if args.which in ("vec", "both"):
        random.seed(args.seed)
        print(summary("walk_vec", walk_vec(args.n, args.dx)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
