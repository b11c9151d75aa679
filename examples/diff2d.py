#!/usr/bin/env python3
"""2-D diffusion by explicit finite differences on lists of lists, in pure
Python, as in the performance lessons.

Everything runs in main(), so a function profile only says "main"; the
line profile shows the five-point stencil loop taking nearly all the time.
D = 1 on [-10, 10]^2, u = 0 on the border, a Gaussian bump to start;
dt = 0.25 dx^2 / D, the largest stable step divided by two.

usage: python3 examples/diff2d.py [--dx 0.075] [--runtime 10] [--output-every 0.5]
Prints, at every output time, the total amount (integral of u) and the peak;
the defaults take minutes (the lesson's 212 s), --dx 0.5 --runtime 1 a moment.
"""
import math
import sys

from cli import Parser, positive_float

D = 1.0
LOW, HIGH = -10.0, 10.0


def main(argv=None):
    parser = Parser(description="2-D diffusion in pure Python (lesson workload)")
    parser.add_argument("--dx", type=positive_float, default=0.075,
                        help="grid spacing (default: 0.075)")
    parser.add_argument("--runtime", type=positive_float, default=10.0,
                        help="simulated time (default: 10)")
    parser.add_argument("--output-every", type=positive_float, default=0.5,
                        help="simulated time between outputs (default: 0.5)")
    args = parser.parse_args(argv)

    dx = args.dx
    n = int((HIGH - LOW) / dx) + 1
    if n < 3:
        parser.error("--dx %g leaves fewer than 3 points across" % dx)
    dx2 = dx * dx
    dt = 0.25 * dx2 / D
    steps = int(round(args.runtime / dt))
    every = max(1, int(round(args.output_every / dt)))

    coords = [LOW + i * dx for i in range(n)]
    u = [[math.exp(-(x * x + y * y)) for y in coords] for x in coords]
    for i in range(n):
        u[i][0] = u[i][n - 1] = u[0][i] = u[n - 1][i] = 0.0
    u_new = [row[:] for row in u]

    print("diff2d: grid=%dx%d dx=%g dt=%g steps=%d" % (n, n, dx, dt, steps))
    for step in range(1, steps + 1):
        for i in range(1, n - 1):
            for j in range(1, n - 1):
                uxx = (u[i + 1][j] - 2 * u[i][j] + u[i - 1][j]) / dx2
                uyy = (u[i][j + 1] - 2 * u[i][j] + u[i][j - 1]) / dx2
                u_new[i][j] = u[i][j] + dt * D * (uxx + uyy)
        u, u_new = u_new, u
        if step % every == 0 or step == steps:
            total = sum(sum(row) for row in u) * dx2
            peak = max(max(row) for row in u)
            print("t=%.4f total=%.12f peak=%.12f" % (step * dt, total, peak))
    return 0


if __name__ == "__main__":
    sys.exit(main())
