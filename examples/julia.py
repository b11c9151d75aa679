#!/usr/bin/env python3
"""Julia set in pure Python, as in the performance lessons.

The hot spot is the inner while loop of calculate_z_serial_purepython():
the escape test, the complex update and the counter, three lines that share
nearly all of the time.  Building the two lists of complex numbers first is
the memory hog.

usage: python3 examples/julia.py [--size 1000] [--maxiter 300]
Prints the grid, the iteration total (the lesson's checksum: 33219980 for the
defaults) and the number of points that never escaped.
"""
import sys

from cli import Parser, positive_int

# The square of the complex plane that is drawn, and the constant c.
X1, X2, Y1, Y2 = -1.8, 1.8, -1.8, 1.8
C_REAL, C_IMAG = -0.62772, -0.42193


def axis(start, stop, step):
    """Coordinates from start towards stop, by repeated addition as the lesson
    does (so the float rounding, and the checksum, are the lesson's)."""
    coords = []
    value = start
    while (value < stop) if step > 0 else (value > stop):
        coords.append(value)
        value += step
    return coords


def build_inputs(width):
    xs = axis(X1, X2, (X2 - X1) / width)
    ys = axis(Y2, Y1, (Y1 - Y2) / width)
    zs = []
    cs = []
    for y in ys:
        for x in xs:
            zs.append(complex(x, y))
            cs.append(complex(C_REAL, C_IMAG))
    return zs, cs


def calculate_z_serial_purepython(maxiter, zs, cs):
    """Iterations before each z escapes the radius-2 disc (at most maxiter)."""
    output = [0] * len(zs)
    for i in range(len(zs)):
        n = 0
        z = zs[i]
        c = cs[i]
        while abs(z) < 2 and n < maxiter:
            z = z * z + c
            n += 1
        output[i] = n
    return output


def calc_pure_python(width, maxiter):
    zs, cs = build_inputs(width)
    output = calculate_z_serial_purepython(maxiter, zs, cs)
    inside = sum(1 for n in output if n == maxiter)
    print("julia: grid=%dx%d maxiter=%d checksum=%d inside=%d"
          % (width, len(zs) // width, maxiter, sum(output), inside))


def main(argv=None):
    parser = Parser(description="Julia set in pure Python (lesson workload)")
    parser.add_argument("--size", type=positive_int, default=1000,
                        help="grid width and height in points (default: 1000)")
    parser.add_argument("--maxiter", type=positive_int, default=300,
                        help="iterations before a point counts as inside (default: 300)")
    args = parser.parse_args(argv)
    calc_pure_python(args.size, args.maxiter)
    return 0


if __name__ == "__main__":
    sys.exit(main())
